import { factories } from '@strapi/strapi';

const leadsOnly = { policies: ['global::can-write-brief'] };

export default factories.createCoreRouter('api::brief.brief', {
  config: { create: leadsOnly, update: leadsOnly, delete: leadsOnly },
});
