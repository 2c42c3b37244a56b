export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'global::json-errors',
  'global::domain-errors',
  {
    name: 'strapi::body',
    // Rich-text bodies can be long; field limits (maxLength) give the person a clear 400 before this does.
    config: { jsonLimit: '4mb', formLimit: '4mb', textLimit: '4mb' },
  },
  'global::locale-guard',
  'strapi::session',
  'strapi::favicon',
  'global::restricted-uploads',
  'strapi::public',
];
