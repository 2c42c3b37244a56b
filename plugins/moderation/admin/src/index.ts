/**
 * The moderation plugin's admin page: the queue, for admin users holding
 * `plugin::moderation.queue.read` (deciding needs `queue.act`, checked by the server too).
 * Loaded by the admin panel from package.json `exports["./strapi-admin"]`. Its texts are in
 * translations/{fr,en}.json, prefixed with the plugin's id (`moderation.queue.title`).
 */
import { Shield } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from './api';

export { PLUGIN_ID };

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Shield,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Moderation' },
      permissions: [{ action: 'plugin::moderation.queue.read', subject: null }],
      Component: () => import('./pages/QueuePage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Record<string, string>;
          };
          const prefixed = Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
          return { data: prefixed, locale };
        } catch {
          // A language the plugin does not speak: English (the panel's fallback) shows instead.
          return { data: {}, locale };
        }
      }),
    );
  },
};
