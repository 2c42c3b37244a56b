import type { Core } from '@strapi/strapi';
import { columnOf, knexOf, tableOf, UID } from './tables';

/**
 * Indexes the members' space reads need beyond Strapi's own (Strapi already indexes both columns
 * of every `…_lnk` link table, and document_id/locale/published_at): the columns the dashboard
 * sorts on, the directory's order and "near me" box, and the file hash the uploads guard looks up.
 * Created at every start with IF NOT EXISTS, which SQLite and PostgreSQL both understand.
 */
const wanted: Array<{ uid: string; attributes: string[] }> = [
  { uid: UID.brief, attributes: ['publicationDate'] },
  { uid: UID.event, attributes: ['startsAt'] },
  { uid: UID.document, attributes: ['updatedAt'] },
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

export async function ensureSpaceIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = knexOf(strapi);
  for (const { name, table, columns } of spaceIndexes(strapi)) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
      name,
      table,
      ...columns,
    ]);
  }
}
