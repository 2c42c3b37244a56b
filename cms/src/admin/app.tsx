/**
 * The CMS's own admin-panel customisation: the mailings page (cms/src/mailing), shown to admin
 * users holding `api::mailings.read`. Plugins add their own pages (plugins/moderation/admin).
 */
import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'mailings',
      icon: Mail,
      intlLabel: { id: 'notre-asso.mailings.menu', defaultMessage: 'Mailings' },
      permissions: [{ action: 'api::mailings.read', subject: null }],
      Component: () => import('./pages/MailingsPage'),
    });
  },
};
