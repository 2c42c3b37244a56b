import type { Core } from '@strapi/strapi';

export const UID = {
  collective: 'api::collective.collective',
  profile: 'api::member-profile.member-profile',
  membership: 'api::membership.membership',
  registration: 'api::registration.registration',
  event: 'api::event.event',
  document: 'api::document.document',
  page: 'api::page.page',
  brief: 'api::brief.brief',
  category: 'api::category.category',
  tag: 'api::tag.tag',
  user: 'plugin::users-permissions.user',
  role: 'plugin::users-permissions.role',
} as const;

/**
 * What the database holds after a seed (or already held, when `skipped`): numbers of documents,
 * each counted once whatever its locales and draft/published rows.
 */
export interface SeedReport {
  skipped: boolean;
  collectives: number;
  members: number;
  events: number;
  documents: number;
  /** Page documents that have a French version (the French-only and the draft ones included). */
  pages: number;
  /** Of `pages`, those whose French version is published. */
  pagesPublished: number;
  briefs: number;
  categories: number;
  tags: number;
  ms: number;
}

async function countDocuments(
  strapi: Core.Strapi,
  uid: string,
  filter: { locale?: string; published?: boolean } = {},
): Promise<number> {
  const { tableName } = strapi.db.metadata.get(uid);
  const query = strapi.db.getConnection(tableName);
  if (filter.locale) query.where({ locale: filter.locale });
  if (filter.published) query.whereNotNull('published_at');
  const [row] = (await query.countDistinct({ n: 'document_id' })) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}

/** Counts read back from the database, so that the report says what is there, not what was meant. */
export async function countReport(strapi: Core.Strapi, skipped: boolean, startedAt: number): Promise<SeedReport> {
  return {
    skipped,
    collectives: await countDocuments(strapi, UID.collective),
    members: await countDocuments(strapi, UID.profile),
    events: await countDocuments(strapi, UID.event),
    documents: await countDocuments(strapi, UID.document),
    pages: await countDocuments(strapi, UID.page, { locale: 'fr' }),
    pagesPublished: await countDocuments(strapi, UID.page, { locale: 'fr', published: true }),
    briefs: await countDocuments(strapi, UID.brief),
    categories: await countDocuments(strapi, UID.category),
    tags: await countDocuments(strapi, UID.tag),
    ms: Date.now() - startedAt,
  };
}

/** The seed only ever runs on an empty database: any collective or member profile means "already seeded". */
async function alreadySeeded(strapi: Core.Strapi): Promise<boolean> {
  const collectives = await strapi.db.query(UID.collective).count({});
  const profiles = await strapi.db.query(UID.profile).count({});
  return collectives > 0 || profiles > 0;
}

/** The report of a seed that does nothing because the database already holds data; null when it is empty. */
export async function skipIfSeeded(
  strapi: Core.Strapi,
  log: (line: string) => void,
  startedAt: number,
): Promise<SeedReport | null> {
  if (!(await alreadySeeded(strapi))) return null;
  log('the database already holds collectives or member profiles: nothing to do');
  return countReport(strapi, true, startedAt);
}
