import { factories } from '@strapi/strapi';

// A fresh object per route: Strapi writes each route's permission scope into its config object,
// so one shared object would give update and delete the scope of create.
const leadsOnly = () => ({ policies: ['global::can-write-brief'] });

export default factories.createCoreRouter('api::brief.brief', {
  config: { create: leadsOnly(), update: leadsOnly(), delete: leadsOnly() },
});
