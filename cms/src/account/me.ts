import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { preparedRows, tableOf } from '@notre-asso/plugin-kit';
import type { Locale, RoleKey } from '@notre-asso/config';
import { viewerOf, type RequestContext, type Viewer } from '../access/viewer';
import { pendingAcceptances, type Pending } from './acceptances';

const COLLECTIVE = 'api::collective.collective';

/** What the site needs about the logged-in member on every page of the members' space. */
export interface Me {
  user: { id: number; email: string };
  role: RoleKey;
  profile: { documentId: string; displayName: string; membershipNumber: string; college: string | null } | null;
  led: Array<{ documentId: string; slug: string; name: string }>;
  pending: Pending;
}

export async function me(strapi: Core.Strapi, ctx: AccountRequest, locale: Locale): Promise<Me> {
  return meOf(strapi, await viewerOf(strapi, ctx), ctx, locale);
}

type AccountRequest = RequestContext & { state: { user?: { email?: string } } };

/** The same, for a request that already knows its viewer (the dashboard answers with it). */
export async function meOf(strapi: Core.Strapi, viewer: Viewer, ctx: AccountRequest, locale: Locale): Promise<Me> {
  const user = { id: viewer.userId as number, email: ctx.state.user?.email ?? '' };
  // The profile as the lookup of who is asking read it.
  const profile = viewer.asker?.profile;
  if (!profile) return { user, role: viewer.role, profile: null, led: [], pending: { charter: null, privacy: null } };
  const [led, pending] = await Promise.all([
    viewer.led.length ? ledCollectives(strapi, viewer.led, locale) : Promise.resolve([]),
    pendingAcceptances(strapi, profile.id),
  ]);
  return {
    user,
    role: viewer.role,
    profile: {
      documentId: profile.documentId,
      displayName: profile.displayName,
      membershipNumber: profile.membershipNumber,
      college: profile.college,
    },
    led: led.map(({ documentId, slug, name }) => ({ documentId, slug, name })),
    pending,
  };
}

/** The collectives a lead leads, as the document service reads them (their draft rows, in the locale). */
function ledCollectives(strapi: Core.Strapi, led: string[], locale: Locale) {
  const knex: Knex = strapi.db.connection;
  return preparedRows<{ documentId: string; slug: string; name: string }>(
    knex,
    knex
      .select('document_id as documentId', 'slug', 'name')
      .from(tableOf(strapi, COLLECTIVE))
      .whereIn('document_id', led)
      .where('locale', locale)
      .whereNull('published_at')
      .orderBy('name', 'asc'),
  );
}
