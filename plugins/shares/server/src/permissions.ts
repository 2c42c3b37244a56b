/**
 * The admin-panel permissions of the shares pages, registered with Strapi's action provider so
 * that they appear in Settings → Roles → Plugins. config/src/roles.ts gives both to the board only.
 */
import type { Core } from '@strapi/strapi';

export const REGISTER_READ = 'plugin::shares.register.read';
export const REGISTER_ACT = 'plugin::shares.register.act';

interface ActionProvider {
  registerMany(actions: object[]): Promise<void>;
}

export async function registerAdminActions(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as ActionProvider;
  await provider.registerMany([
    { section: 'plugins', pluginName: 'shares', uid: 'register.read', displayName: 'Read the shares register' },
    { section: 'plugins', pluginName: 'shares', uid: 'register.act', displayName: 'Decide on share requests' },
  ]);
}
