/**
 * The admin panel's mailings page (cms/src/admin) talks to these admin routes under /mailings.
 * They belong to the application, not to a plugin: the outbox is the CMS's own (cms/src/mailing),
 * so its permissions are application actions (`api::mailings.read`, `api::mailings.retry`),
 * listed in Settings → Roles under Settings → Mailings and given to admin roles in config/src/roles.ts.
 */
import type { Core } from '@strapi/strapi';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { recentMailings, retryFailed } from './admin-mailings';
import { clearInvalidAddress, listInvalidAddresses } from './bounces';

export const MAILINGS_READ = 'api::mailings.read';
export const MAILINGS_RETRY = 'api::mailings.retry';
/** Invalid (bounced) addresses are members' personal data: the board's admin role only. */
export const MAILINGS_INVALID = 'api::mailings.invalid-addresses';

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

/** `?page=` and `?q=` of the invalid addresses' list, refused in words when malformed. */
function invalidQuery(query: Record<string, unknown>) {
  const page = query.page === undefined || query.page === '' ? 1 : Number(query.page);
  if (!Number.isInteger(page) || page < 1)
    throw new InvalidRequest('page doit être un entier positif.', 'page must be a positive integer.');
  const q = typeof query.q === 'string' ? query.q.trim() : '';
  if (q.length > 100) throw new InvalidRequest('q : 100 caractères au plus.', 'q: 100 characters at most.');
  return { page, q };
}

export async function registerMailingsAdmin(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as {
    registerMany(actions: object[]): Promise<void>;
  };
  await provider.registerMany([
    { section: 'settings', category: 'mailings', uid: 'mailings.read', displayName: 'Read recent mailings' },
    { section: 'settings', category: 'mailings', uid: 'mailings.retry', displayName: 'Retry failed mails' },
    {
      section: 'settings',
      category: 'mailings',
      uid: 'mailings.invalid-addresses',
      displayName: 'See and clear invalid addresses',
    },
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
      {
        method: 'GET',
        path: '/invalid-addresses',
        handler: async (ctx: Context) => {
          const { addresses, pagination } = await listInvalidAddresses(strapi, invalidQuery(ctx.query));
          ctx.body = { data: addresses, meta: { pagination } };
        },
        config: guarded(MAILINGS_INVALID),
      },
      {
        method: 'DELETE',
        path: '/invalid-addresses/:documentId',
        handler: async (ctx: Context) => {
          ctx.body = { data: await clearInvalidAddress(strapi, ctx.params.documentId) };
        },
        config: guarded(MAILINGS_INVALID),
      },
    ],
  } as never);
}
