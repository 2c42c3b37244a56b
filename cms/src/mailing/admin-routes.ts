/**
 * The admin panel's mailings page (cms/src/admin) talks to these admin routes under /mailings.
 * They belong to the application, not to a plugin: the outbox is the CMS's own (cms/src/mailing),
 * so its permissions are application actions (`api::mailings.read`, `api::mailings.retry`),
 * listed in Settings → Roles under Settings → Mailings and given to admin roles in config/src/roles.ts.
 */
import type { Core } from '@strapi/strapi';
import { recentMailings, retryFailed } from './admin-mailings';

export const MAILINGS_READ = 'api::mailings.read';
export const MAILINGS_RETRY = 'api::mailings.retry';

interface Context {
  params: Record<string, string>;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
}

const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

const rowId = (value: string | undefined) => (value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null);

export async function registerMailingsAdmin(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as {
    registerMany(actions: object[]): Promise<void>;
  };
  await provider.registerMany([
    { section: 'settings', category: 'mailings', uid: 'mailings.read', displayName: 'Read recent mailings' },
    { section: 'settings', category: 'mailings', uid: 'mailings.retry', displayName: 'Retry failed mails' },
  ]);
  strapi.server.routes({
    type: 'admin',
    prefix: '/mailings',
    routes: [
      {
        method: 'GET',
        path: '/',
        handler: async (ctx: Context) => {
          ctx.body = { data: await recentMailings(strapi, ctx.query) };
        },
        config: guarded(MAILINGS_READ),
      },
      {
        method: 'POST',
        path: '/:id/retry',
        handler: async (ctx: Context) => {
          ctx.body = { data: await retryFailed(strapi, rowId(ctx.params.id)) };
        },
        config: guarded(MAILINGS_RETRY),
      },
    ],
  } as never);
}
