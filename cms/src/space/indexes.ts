import type { Core } from '@strapi/strapi';
import { foldedSql } from './fold';
import { columnOf, knexOf, tableOf, UID } from './tables';

/**
 * Indexes the members' space reads need beyond Strapi's own (Strapi already indexes both columns
 * of every `…_lnk` link table, and document_id/locale/published_at): the columns the dashboard
 * sorts on, the directory's order and "near me" box, and the file hash the uploads guard looks up.
 * Created at every start with IF NOT EXISTS, which SQLite and PostgreSQL both understand.
 */
const wanted: Array<{ uid: string; attributes: string[] }> = [
  // With the id, the dashboard's order exactly (date, then id): the newest rows come off the index.
  { uid: UID.brief, attributes: ['publicationDate', 'id'] },
  { uid: UID.event, attributes: ['startsAt', 'id'] },
  { uid: UID.document, attributes: ['updatedAt', 'id'] },
  { uid: UID.profile, attributes: ['directoryConsent', 'displayName'] },
  { uid: UID.profile, attributes: ['lat', 'lon'] },
  { uid: UID.file, attributes: ['hash'] },
];

export function spaceIndexes(strapi: Core.Strapi): Array<{ name: string; table: string; columns: string[] }> {
  return wanted.map(({ uid, attributes }) => {
    const table = tableOf(strapi, uid);
    const columns = attributes.map((a) => columnOf(strapi, uid, a));
    // Short names: PostgreSQL truncates identifiers past 63 bytes.
    return { name: `na_${table}_${columns.join('_')}_idx`.slice(0, 60), table, columns };
  });
}

/** Single-column sort indexes of earlier versions, which the ones with the id replace. */
const superseded = ['na_briefs_publication_date_idx', 'na_events_starts_at_idx', 'na_documents_updated_at_idx'];

export async function ensureSpaceIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = knexOf(strapi);
  for (const name of superseded) await knex.raw('DROP INDEX IF EXISTS ??', [name]);
  for (const { name, table, columns } of spaceIndexes(strapi)) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
      name,
      table,
      ...columns,
    ]);
  }
  await ensureNameSearchIndex(strapi);
}

/**
 * PostgreSQL: the directory's name search (`%text%` on the folded name) through a trigram index,
 * when the pg_trgm extension can be created (it is trusted: the database owner may). Without it
 * the search scans the consenting members, which is what SQLite does anyway.
 */
export const NAME_SEARCH_INDEX = 'na_member_profiles_name_trgm_idx';

export async function ensureNameSearchIndex(strapi: Core.Strapi): Promise<boolean> {
  if (strapi.db.dialect.client !== 'postgres') return false;
  const knex = knexOf(strapi);
  try {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (error) {
    strapi.log.warn(`pg_trgm unavailable, the directory's name search scans instead: ${String(error)}`);
    return false;
  }
  await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin ((${foldedSql(false)}) gin_trgm_ops)`, [
    NAME_SEARCH_INDEX,
    tableOf(strapi, UID.profile),
    columnOf(strapi, UID.profile, 'displayName'),
  ]);
  return true;
}
