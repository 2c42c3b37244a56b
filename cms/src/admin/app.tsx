/**
 * The CMS's own admin-panel customisation: the panel in French as well as English (each admin
 * user picks theirs in their profile; the demo accounts are seeded in French), and the mailings
 * page (cms/src/mailing), shown to admin users holding `api::mailings.read`. Plugins add their
 * own pages and translations (plugins/moderation/admin).
 */
import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import en from './translations/en.json';
import fr from './translations/fr.json';

export default {
  config: {
    locales: ['fr'],
    translations: { fr, en },
  },
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
