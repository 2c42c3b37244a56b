/**
 * The shares plugin's admin pages, for the board's admin role (`plugin::shares.register.read`;
 * acting needs `register.act`, checked by the server too). Loaded by the admin panel from
 * package.json `exports["./strapi-admin"]`. French first: ids `shares.*`, fr and en translations.
 */
import { Briefcase } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

export const PLUGIN_ID = 'shares';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Briefcase,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Parts sociales' },
      permissions: [{ action: 'plugin::shares.register.read', subject: null }],
      Component: () => import('./pages/SharesPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const data = locale.startsWith('fr')
          ? (await import('./translations/fr.json')).default
          : (await import('./translations/en.json')).default;
        return { data, locale };
      }),
    );
  },
};
