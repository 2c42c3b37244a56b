import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Locale } from '@notre-asso/config';
import { preparedRead } from '@notre-asso/plugin-kit';
import type { Viewer } from '../access/viewer';
import { latestDocuments } from './library';
import { columnOf, knexOf, linkOf, tableOf, UID } from './tables';
import { isoDate, onePerDocument, readLocales } from './values';

/**
 * "Mon espace": a handful of aggregated queries (one per block, run together) instead of the
 * dozens of REST calls the page would otherwise make. Rows of the requested locale win, French
 * fills in where a translation is missing.
 */
export const DASHBOARD_LIMITS = { briefs: 5, events: 8, documents: 6, notifications: 10 };

export interface Dashboard {
  briefs: Array<{
    documentId: string;
    title: string;
    publishedAt: string | null;
    /** `visibility` public: its mini-site shows the brief. */
    collective: { slug: string; name: string; visibility: 'public' | 'members' };
  }>;
  events: Array<{
    documentId: string;
    title: string;
    startsAt: string | null;
    place: string | null;
    state: 'confirmed' | 'waiting' | null;
  }>;
  documents: Awaited<ReturnType<typeof latestDocuments>>;
  notifications: Notification[];
  unread: number;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  link: string | null;
  createdAt: string | null;
  readAt: string | null;
}

/**
 * Row ids of the collectives a profile follows, is an active member of, or leads: a subquery
 * the other queries join on, so that it costs no round trip of its own.
 */
function myCollectiveRows(strapi: Core.Strapi, profileId: number): Knex.QueryBuilder {
  const knex = knexOf(strapi);
  const follows = linkOf(strapi, UID.profile, 'followedCollectives');
  const leads = linkOf(strapi, UID.collective, 'leads');
  const memberProfile = linkOf(strapi, UID.membership, 'profile');
  const memberCollective = linkOf(strapi, UID.membership, 'collective');
  const memberships = tableOf(strapi, UID.membership);
  return knex
    .select(`${follows.target} as cid`)
    .from(follows.table)
    .where(follows.source, profileId)
    .union((q) => q.select(`${leads.source} as cid`).from(leads.table).where(leads.target, profileId))
    .union((q) =>
      q
        .select(`mc.${memberCollective.target} as cid`)
        .from(`${memberCollective.table} as mc`)
        .join(`${memberProfile.table} as mp`, `mp.${memberProfile.source}`, `mc.${memberCollective.source}`)
        .join(`${memberships} as m`, 'm.id', `mc.${memberCollective.source}`)
        .where(`mp.${memberProfile.target}`, profileId)
        .where(`m.${columnOf(strapi, UID.membership, 'state')}`, 'active'),
    );
}

/** documentIds of those collectives, whatever row (locale, draft) the links point at. */
function myCollectiveDocuments(strapi: Core.Strapi, profileId: number): Knex.QueryBuilder {
  return knexOf(strapi)
    .select('document_id')
    .from(tableOf(strapi, UID.collective))
    .whereIn('id', myCollectiveRows(strapi, profileId));
}

async function latestBriefs(strapi: Core.Strapi, profileId: number, locale: Locale) {
  const link = linkOf(strapi, UID.brief, 'collective');
  const date = columnOf(strapi, UID.brief, 'publicationDate');
  const knex = knexOf(strapi);
  const rows = await preparedRead<Record<string, string> & { document_id: string; locale: string }, [number]>(
    knex,
    `dashboard.briefs:${locale}`,
    (profile) =>
      knex
        .select('b.document_id', 'b.locale', 'b.title', `b.${date} as date`, 'c.slug', 'c.name', 'c.visibility')
        .from(`${tableOf(strapi, UID.brief)} as b`)
        .join(`${link.table} as l`, `l.${link.source}`, 'b.id')
        .join(`${tableOf(strapi, UID.collective)} as c`, 'c.id', `l.${link.target}`)
        .whereIn('c.document_id', myCollectiveDocuments(strapi, profile))
        .whereNotNull('b.published_at')
        .whereIn('b.locale', readLocales(locale))
        .orderBy([
          { column: `b.${date}`, order: 'desc' },
          { column: 'b.id', order: 'desc' },
        ])
        // Each brief has at most one row per locale read.
        .limit(DASHBOARD_LIMITS.briefs * readLocales(locale).length),
    profileId,
  );
  return onePerDocument(rows, locale)
    .slice(0, DASHBOARD_LIMITS.briefs)
    .map((r) => ({
      documentId: r.document_id,
      title: r.title,
      publishedAt: isoDate(r.date),
      collective: { slug: r.slug, name: r.name, visibility: r.visibility as 'public' | 'members' },
    }));
}

interface EventRow {
  document_id: string;
  locale: string;
  title: string;
  starts_at: unknown;
  place: string | null;
  state?: 'confirmed' | 'waiting';
}

/** Published rows of events, in the locales read, from now on. */
function upcomingEvents(strapi: Core.Strapi, locale: Locale, now: Date): Knex.QueryBuilder {
  const startsAt = columnOf(strapi, UID.event, 'startsAt');
  return knexOf(strapi)
    .from(`${tableOf(strapi, UID.event)} as e`)
    .whereNotNull('e.published_at')
    .whereIn('e.locale', readLocales(locale))
    .where(`e.${startsAt}`, '>=', now)
    .orderBy([
      { column: `e.${startsAt}`, order: 'asc' },
      { column: 'e.id', order: 'asc' },
    ]);
}

/** The rows of my registrations and of my collectives' upcoming events, in one query. */
function myEventRows(strapi: Core.Strapi, profileId: number, locale: Locale, now: Date): Knex.QueryBuilder {
  const startsAt = columnOf(strapi, UID.event, 'startsAt');
  const columns = ['e.document_id', 'e.locale', 'e.title', `e.${startsAt} as starts_at`, 'e.place'];
  const byProfile = linkOf(strapi, UID.registration, 'profile');
  const byEvent = linkOf(strapi, UID.registration, 'event');
  const eventCollective = linkOf(strapi, UID.event, 'collective');
  const limit = DASHBOARD_LIMITS.events * readLocales(locale).length;
  const knex = knexOf(strapi);
  const registeredRows = upcomingEvents(strapi, locale, now)
    .select([...columns, 'r.state'])
    .join(`${tableOf(strapi, UID.event)} as linked`, 'linked.document_id', 'e.document_id')
    .join(`${byEvent.table} as re`, `re.${byEvent.target}`, 'linked.id')
    .join(`${byProfile.table} as rp`, `rp.${byProfile.source}`, `re.${byEvent.source}`)
    .join(`${tableOf(strapi, UID.registration)} as r`, 'r.id', `re.${byEvent.source}`)
    .where(`rp.${byProfile.target}`, profileId)
    .limit(limit);
  const collectiveRows = upcomingEvents(strapi, locale, now)
    .select([...columns, knex.raw('null as state')])
    .join(`${eventCollective.table} as l`, `l.${eventCollective.source}`, 'e.id')
    .join(`${tableOf(strapi, UID.collective)} as c`, 'c.id', `l.${eventCollective.target}`)
    .whereIn('c.document_id', myCollectiveDocuments(strapi, profileId))
    .where(`e.${columnOf(strapi, UID.event, 'proposalState')}`, 'approved')
    .limit(limit);
  // One round trip: each part ordered and limited in a derived table (SQLite allows no ORDER BY
  // inside a UNION's arms), then told apart by `state`, which registrations always have.
  return knex
    .select('*')
    .from(registeredRows.as('mine'))
    .unionAll((q) => q.select('*').from(collectiveRows.as('theirs')));
}

/** My registrations first, then the other upcoming events of my collectives. */
async function myEvents(strapi: Core.Strapi, profileId: number, locale: Locale, now: Date) {
  const rows = await preparedRead<EventRow, [number, Date]>(
    knexOf(strapi),
    `dashboard.events:${locale}`,
    (profile, from) => myEventRows(strapi, profile, locale, from),
    profileId,
    now,
  );
  const byStart = (a: EventRow, b: EventRow) =>
    Number(new Date(isoDate(a.starts_at) ?? 0)) - Number(new Date(isoDate(b.starts_at) ?? 0));
  const registered = rows.filter((r) => r.state).sort(byStart);
  const ofCollectives = rows.filter((r) => !r.state).sort(byStart);
  const mine = onePerDocument(registered, locale);
  const taken = new Set(mine.map((r) => r.document_id));
  const others = onePerDocument(ofCollectives, locale).filter((r) => !taken.has(r.document_id));
  return [...mine, ...others].slice(0, DASHBOARD_LIMITS.events).map((r) => ({
    documentId: r.document_id,
    title: r.title,
    startsAt: isoDate(r.starts_at),
    place: r.place ?? null,
    state: r.state ?? null,
  }));
}

function notificationsOf(strapi: Core.Strapi, profileId: number): Knex.QueryBuilder {
  const link = linkOf(strapi, UID.notification, 'profile');
  return knexOf(strapi)
    .from(`${tableOf(strapi, UID.notification)} as n`)
    .join(`${link.table} as l`, `l.${link.source}`, 'n.id')
    .where(`l.${link.target}`, profileId);
}

/** My latest notifications, each row carrying the unread count (one query instead of two). */
async function myNotifications(
  strapi: Core.Strapi,
  profileId: number,
): Promise<{ notifications: Notification[]; unread: number }> {
  const readAt = columnOf(strapi, UID.notification, 'readAt');
  const rows = await preparedRead<Record<string, unknown>, [number]>(
    knexOf(strapi),
    'dashboard.notifications',
    (profile) =>
      notificationsOf(strapi, profile)
        .select(
          'n.id',
          'n.kind',
          'n.title',
          'n.link',
          'n.created_at',
          `n.${readAt} as read_at`,
          notificationsOf(strapi, profile).whereNull(`n.${readAt}`).count('*').as('unread'),
        )
        .orderBy([
          { column: 'n.created_at', order: 'desc' },
          { column: 'n.id', order: 'desc' },
        ])
        .limit(DASHBOARD_LIMITS.notifications),
    profileId,
  );
  return {
    notifications: rows.map((r) => ({
      id: Number(r.id),
      kind: String(r.kind),
      title: String(r.title),
      link: (r.link as string | null) ?? null,
      createdAt: isoDate(r.created_at),
      readAt: isoDate(r.read_at),
    })),
    // No notification at all, none unread.
    unread: Number(rows[0]?.unread ?? 0),
  };
}

export async function dashboardOf(
  strapi: Core.Strapi,
  viewer: Viewer,
  locale: Locale,
  now = new Date(),
): Promise<Dashboard> {
  const profileId = viewer.profileId;
  const documents = latestDocuments(strapi, viewer, locale, DASHBOARD_LIMITS.documents);
  // An account without a member profile (a technical board account) has no collectives nor notifications.
  if (profileId === null) return { briefs: [], events: [], documents: await documents, notifications: [], unread: 0 };
  const [briefs, events, docs, { notifications, unread }] = await Promise.all([
    latestBriefs(strapi, profileId, locale),
    myEvents(strapi, profileId, locale, now),
    documents,
    myNotifications(strapi, profileId),
  ]);
  return { briefs, events, documents: docs, notifications, unread };
}

/** Marks my notifications read: the given ones, or all of them. Returns how many remain unread. */
export async function markNotificationsRead(
  strapi: Core.Strapi,
  profileId: number,
  ids: number[] | undefined,
  now = new Date(),
): Promise<number> {
  const link = linkOf(strapi, UID.notification, 'profile');
  const readAt = columnOf(strapi, UID.notification, 'readAt');
  const knex = knexOf(strapi);
  const mine = knex.select(link.source).from(link.table).where(link.target, profileId);
  const update = knex(tableOf(strapi, UID.notification)).whereIn('id', mine).whereNull(readAt);
  if (ids) update.whereIn('id', ids);
  await update.update({ [readAt]: now, updated_at: now });
  const [count] = (await notificationsOf(strapi, profileId).whereNull(`n.${readAt}`).count({ unread: '*' })) as Array<{
    unread: number | string;
  }>;
  return Number(count?.unread ?? 0);
}
