/**
 * The admin-panel permissions of the moderation queue page. Registered with Strapi's action
 * provider so that they appear in Settings → Roles → Plugins and can be given to admin roles
 * (config/src/roles.ts gives both to editors and the board).
 */
import type { Core } from '@strapi/strapi';

export const QUEUE_READ = 'plugin::moderation.queue.read';
export const QUEUE_ACT = 'plugin::moderation.queue.act';

interface ActionProvider {
  registerMany(actions: object[]): Promise<void>;
}

export async function registerAdminActions(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as ActionProvider;
  await provider.registerMany([
    { section: 'plugins', pluginName: 'moderation', uid: 'queue.read', displayName: 'Read the moderation queue' },
    { section: 'plugins', pluginName: 'moderation', uid: 'queue.act', displayName: 'Decide on reported items' },
  ]);
}
