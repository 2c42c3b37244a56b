/**
 * The moderation plugin's admin page: the queue, for admin users holding
 * `plugin::moderation.queue.read` (deciding needs `queue.act`, checked by the server too).
 * Loaded by the admin panel from package.json `exports["./strapi-admin"]`.
 */
import { Shield } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

export const PLUGIN_ID = 'moderation';

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
};
