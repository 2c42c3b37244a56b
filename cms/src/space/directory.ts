import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Locale } from '@notre-asso/config';
import { whereFoldedContains } from './fold';
import { columnOf, knexOf, linkOf, tableOf, UID } from './tables';
import { numberOrNull, onePerDocument, readLocales } from './values';

/**
 * The members' directory (trombinoscope): only members who consented, and of them only what they
 * chose to show. Their position is used for "near me" and never returned.
 */
export const DIRECTORY_PAGE_SIZE = 24;
export const MAX_NEAR_KM = 500;
const EARTH_RADIUS_KM = 6371;
const KM_PER_DEGREE = 111.32;

export interface DirectoryQuery {
  locale: Locale;
  q?: string;
  skill?: string;
  city?: string;
  /** documentId or slug of a collective: its active members and leads. */
  collective?: string;
  near?: { lat: number; lon: number; km: number };
  page: number;
}

export interface DirectoryEntry {
  documentId: string;
  displayName: string;
  city: string | null;
  skills: string[];
  bio: string | null;
  collectives: string[];
  distanceKm?: number;
}

export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box around a point that holds every point within `km` (a little more: the exact distance sorts it out). */
export function boundingBox({ lat, lon, km }: { lat: number; lon: number; km: number }) {
  const dLat = km / KM_PER_DEGREE;
  const cos = Math.cos((lat * Math.PI) / 180);
  const dLon = cos < 0.01 ? 180 : km / (KM_PER_DEGREE * cos);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/** Profile rows of the collective: active members and leads. */
function collectiveMembers(strapi: Core.Strapi, collective: string): Knex.QueryBuilder {
  const knex = knexOf(strapi);
  const collectives = knex
    .select('id')
    .from(tableOf(strapi, UID.collective))
    .where((q) => q.where('document_id', collective).orWhere(columnOf(strapi, UID.collective, 'slug'), collective));
  const memberProfile = linkOf(strapi, UID.membership, 'profile');
  const memberCollective = linkOf(strapi, UID.membership, 'collective');
  const leads = linkOf(strapi, UID.collective, 'leads');
  return knex
    .select(`mp.${memberProfile.target} as pid`)
    .from(`${memberCollective.table} as mc`)
    .join(`${memberProfile.table} as mp`, `mp.${memberProfile.source}`, `mc.${memberCollective.source}`)
    .join(`${tableOf(strapi, UID.membership)} as m`, 'm.id', `mc.${memberCollective.source}`)
    .whereIn(`mc.${memberCollective.target}`, collectives.clone())
    .where(`m.${columnOf(strapi, UID.membership, 'state')}`, 'active')
    .union((q) => q.select(`${leads.target} as pid`).from(leads.table).whereIn(leads.source, collectives.clone()));
}

/** Consenting profiles matching the filters (not yet the exact distance). */
function matching(strapi: Core.Strapi, query: DirectoryQuery): Knex.QueryBuilder {
  const column = (attribute: string) => `p.${columnOf(strapi, UID.profile, attribute)}`;
  const rows = knexOf(strapi)
    .from(`${tableOf(strapi, UID.profile)} as p`)
    .where(column('directoryConsent'), true)
    .whereNull(column('erasedAt'));
  if (query.q) whereFoldedContains(rows, column('displayName'), query.q);
  if (query.skill) whereFoldedContains(rows, column('skills'), query.skill, true);
  if (query.city) whereFoldedContains(rows, column('city'), query.city);
  if (query.collective) rows.whereIn('p.id', collectiveMembers(strapi, query.collective));
  if (query.near) {
    const box = boundingBox(query.near);
    rows.whereBetween(column('lat'), [box.minLat, box.maxLat]).whereBetween(column('lon'), [box.minLon, box.maxLon]);
  }
  return rows;
}

/** Profile row ids of one page, and how many match in all. */
async function pageOf(
  strapi: Core.Strapi,
  query: DirectoryQuery,
): Promise<{ ids: number[]; distances: Map<number, number>; total: number }> {
  const offset = (query.page - 1) * DIRECTORY_PAGE_SIZE;
  const name = `p.${columnOf(strapi, UID.profile, 'displayName')}`;
  const distances = new Map<number, number>();
  if (query.near) {
    const near = query.near;
    const candidates = (await matching(strapi, query).select(
      'p.id',
      `${name} as name`,
      `p.${columnOf(strapi, UID.profile, 'lat')} as lat`,
      `p.${columnOf(strapi, UID.profile, 'lon')} as lon`,
    )) as Array<{ id: number; name: string; lat: unknown; lon: unknown }>;
    const within = candidates
      .map((c) => ({ id: c.id, name: c.name, km: haversineKm(near, { lat: Number(c.lat), lon: Number(c.lon) }) }))
      .filter((c) => c.km <= near.km)
      .sort((a, b) => a.km - b.km || a.name.localeCompare(b.name, 'fr') || a.id - b.id);
    const page = within.slice(offset, offset + DIRECTORY_PAGE_SIZE);
    for (const c of page) distances.set(c.id, Math.round(c.km * 10) / 10);
    return { ids: page.map((c) => c.id), distances, total: within.length };
  }
  const [rows, [count]] = (await Promise.all([
    matching(strapi, query)
      .select('p.id')
      .orderBy([{ column: name }, { column: 'p.id' }])
      .offset(offset)
      .limit(DIRECTORY_PAGE_SIZE),
    matching(strapi, query).count({ total: '*' }),
  ])) as [Array<{ id: number }>, Array<{ total: number | string }>];
  return { ids: rows.map((r) => r.id), distances, total: Number(count?.total ?? 0) };
}

/** Names of the collectives each profile is an active member or a lead of, in the locale read. */
async function collectiveNames(strapi: Core.Strapi, ids: number[], locale: Locale): Promise<Map<number, string[]>> {
  const knex = knexOf(strapi);
  const memberProfile = linkOf(strapi, UID.membership, 'profile');
  const memberCollective = linkOf(strapi, UID.membership, 'collective');
  const leads = linkOf(strapi, UID.collective, 'leads');
  const collectives = tableOf(strapi, UID.collective);
  const belongs = knex
    .select(`mp.${memberProfile.target} as pid`, `mc.${memberCollective.target} as cid`)
    .from(`${memberCollective.table} as mc`)
    .join(`${memberProfile.table} as mp`, `mp.${memberProfile.source}`, `mc.${memberCollective.source}`)
    .join(`${tableOf(strapi, UID.membership)} as m`, 'm.id', `mc.${memberCollective.source}`)
    .whereIn(`mp.${memberProfile.target}`, ids)
    .where(`m.${columnOf(strapi, UID.membership, 'state')}`, 'active')
    .union((q) =>
      q.select(`${leads.target} as pid`, `${leads.source} as cid`).from(leads.table).whereIn(leads.target, ids),
    );
  const rows = (await knex
    .select('b.pid', 'named.document_id', 'named.locale', `named.${columnOf(strapi, UID.collective, 'name')} as name`)
    .from(belongs.as('b'))
    .join(`${collectives} as c`, 'c.id', 'b.cid')
    .join(`${collectives} as named`, 'named.document_id', 'c.document_id')
    .whereNotNull('named.published_at')
    .whereIn('named.locale', readLocales(locale))
    .orderBy([{ column: 'b.pid' }, { column: 'named.id' }])) as Array<{
    pid: number;
    document_id: string;
    locale: string;
    name: string;
  }>;
  const byProfile = new Map<number, typeof rows>();
  for (const row of rows) byProfile.set(row.pid, [...(byProfile.get(row.pid) ?? []), row]);
  return new Map(
    [...byProfile].map(([pid, list]) => [
      pid,
      onePerDocument(list, locale)
        .map((r) => r.name)
        .sort((a, b) => a.localeCompare(b, 'fr')),
    ]),
  );
}

interface ProfileRow {
  id: number;
  documentId: string;
  displayName: string;
  city: string | null;
  skills: unknown;
  bio: string | null;
}

export async function searchDirectory(strapi: Core.Strapi, query: DirectoryQuery) {
  const { ids, distances, total } = await pageOf(strapi, query);
  const [profiles, names] = await Promise.all([
    ids.length
      ? (strapi.db.query(UID.profile).findMany({
          where: { id: { $in: ids } },
          // The directory's fields, and nothing else: never the e-mail, number or position.
          select: ['id', 'documentId', 'displayName', 'city', 'skills', 'bio'],
        }) as Promise<ProfileRow[]>)
      : Promise.resolve([]),
    ids.length ? collectiveNames(strapi, ids, query.locale) : Promise.resolve(new Map<number, string[]>()),
  ]);
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const entries: DirectoryEntry[] = ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const entry: DirectoryEntry = {
      documentId: p.documentId,
      displayName: p.displayName,
      city: p.city ?? null,
      skills: Array.isArray(p.skills) ? p.skills.map(String) : [],
      bio: p.bio ?? null,
      collectives: names.get(id) ?? [],
    };
    const km = distances.get(id);
    if (km !== undefined) entry.distanceKm = km;
    return [entry];
  });
  return {
    entries,
    pagination: {
      page: query.page,
      pageSize: DIRECTORY_PAGE_SIZE,
      pageCount: Math.ceil(total / DIRECTORY_PAGE_SIZE),
      total,
    },
  };
}

/** The viewer's own position, when they gave one. */
export async function positionOf(strapi: Core.Strapi, profileId: number): Promise<{ lat: number; lon: number } | null> {
  const row = (await strapi.db.query(UID.profile).findOne({ where: { id: profileId }, select: ['lat', 'lon'] })) as {
    lat: unknown;
    lon: unknown;
  } | null;
  const lat = numberOrNull(row?.lat);
  const lon = numberOrNull(row?.lon);
  return lat === null || lon === null ? null : { lat, lon };
}
