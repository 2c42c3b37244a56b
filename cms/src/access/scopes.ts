import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { columnOf, linkOf, tableOf } from '@notre-asso/plugin-kit';
import type { Viewer } from './viewer';

/**
 * Row-level visibility: the filter a viewer's reads are restricted to, per content type.
 * `{}` means everything (published); the matrix in config/ already decided whether the
 * viewer may call the action at all.
 */
const DOCUMENT = 'api::document.document';
const COLLECTIVE = 'api::collective.collective';

export type Filter = Record<string, unknown>;
export type Scope = (viewer: Viewer) => Filter;

const everything: Scope = () => ({});
/** No row has a null id. */
const nothing: Filter = { id: { $null: true } };
const isAnonymous = (viewer: Viewer) => viewer.role === 'public';

/** Content of a members-only collective is for members; content of no collective is site-wide. */
const inPublicCollectiveOrNone: Filter = {
  $or: [{ collective: { id: { $null: true } } }, { collective: { visibility: 'public' } }],
};

export const scopes = {
  page: (viewer) => (isAnonymous(viewer) ? inPublicCollectiveOrNone : {}),
  collective: (viewer) => (isAnonymous(viewer) ? { visibility: 'public' } : {}),
  event: (viewer) => (isAnonymous(viewer) ? { $and: [{ audience: 'public' }, inPublicCollectiveOrNone] } : {}),
  brief: (viewer) => (isAnonymous(viewer) ? inPublicCollectiveOrNone : {}),
  document: (viewer) => {
    if (viewer.role === 'board') return {};
    if (isAnonymous(viewer)) return { accessLevel: 'public' };
    return {
      $or: [
        { accessLevel: { $in: ['public', 'members'] } },
        { accessLevel: 'collective', collective: { documentId: { $in: viewer.collectives } } },
      ],
    };
  },
  memberProfile: (viewer) => {
    if (viewer.role === 'board') return {};
    // Members see the directory (those who consented) and themselves; anonymous visitors nothing.
    if (isAnonymous(viewer)) return nothing;
    if (viewer.profileId === null) return { directoryConsent: true };
    return { $or: [{ directoryConsent: true }, { id: viewer.profileId }] };
  },
  category: everything,
  tag: everything,
} satisfies Record<string, Scope>;

/**
 * `scopes.document` as a condition on a documents table aliased `alias`, for the dashboard's
 * hand-written read: the collective case is an EXISTS on the link rather than the query
 * engine's join and DISTINCT, so that PostgreSQL walks the `updated_at` index and stops at the
 * first rows instead of sorting every visible document. The same rule, written a second way
 * beside the first (tests/space-data.test.ts checks both give the same documents).
 */
export function documentScopeSql(strapi: Core.Strapi, viewer: Viewer, alias: string) {
  const knex: Knex = strapi.db.connection;
  const accessLevel = `${alias}.${columnOf(strapi, DOCUMENT, 'accessLevel')}`;
  const link = linkOf(strapi, DOCUMENT, 'collective');
  const mine = knex
    .select(knex.raw('1'))
    .from(`${link.table} as na_dc`)
    .join(`${tableOf(strapi, COLLECTIVE)} as na_c`, 'na_c.id', `na_dc.${link.target}`)
    .where(`na_dc.${link.source}`, knex.ref(`${alias}.id`))
    .whereIn('na_c.document_id', viewer.collectives);
  return (q: Knex.QueryBuilder) => {
    if (viewer.role === 'board') return;
    if (isAnonymous(viewer)) return void q.where(accessLevel, 'public');
    q.where((visible) =>
      visible
        .whereIn(accessLevel, ['public', 'members'])
        .orWhere((collective) => collective.where(accessLevel, 'collective').whereExists(mine)),
    );
  };
}
