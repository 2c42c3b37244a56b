/**
 * Admin-panel routes under /moderation (the plugin's admin page): admin JWT only, each guarded by
 * one of the plugin's permissions (permissions.ts).
 */
import { QUEUE_ACT, QUEUE_READ } from '../permissions';

const route = (method: string, path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
  },
});

export const adminRoutes = [
  route('GET', '/queue/filters', 'admin.filters', QUEUE_READ),
  route('GET', '/queue', 'admin.find', QUEUE_READ),
  route('GET', '/queue/:id', 'admin.findOne', QUEUE_READ),
  route('POST', '/queue/:id/decisions', 'admin.decide', QUEUE_ACT),
];
