/**
 * Bulk writing for large data sets, below the Document Service: rows go in through the query
 * engine's `createMany` and relation link rows through knex, in chunks, inside the caller's
 * transaction. This is what the Document Service would have stored, minus its per-row checks:
 * a documentId per document, a draft and a published row per locale for draft-and-publish types,
 * one row with `publishedAt` set otherwise, and link rows between the matching rows.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createId } from '@paralleldrive/cuid2';
import type { Data } from './strapi';

/** Under SQLite's 500 compound SELECTs per INSERT and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

export interface Bulk {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  now: Date;
}

/** A document's row ids: `draft` is null for types without draft and publish. */
export interface RowIds {
  draft: number | null;
  published: number;
}

export type IdMap = Map<string, RowIds>;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}

const hasDraftAndPublish = (strapi: Core.Strapi, uid: string): boolean =>
  strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0])?.options?.draftAndPublish === true;

export const newDocumentId = (): string => createId();

function* chunks<T>(items: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Inserts documents (each `fields` must carry its `documentId`) in one locale, or none for types
 * that are not localized; returns the ids of their rows.
 */
export async function insertDocuments(bulk: Bulk, uid: string, docs: Data[], locale: string | null): Promise<IdMap> {
  const { strapi, now } = bulk;
  const dp = hasDraftAndPublish(strapi, uid);
  const stamp = { locale, createdAt: now, updatedAt: now };
  const rows: Data[] = [];
  for (const fields of docs) {
    if (dp) rows.push({ ...fields, ...stamp, publishedAt: null });
    // A document may carry when it was published (briefs of past years); else it is published now.
    rows.push({ ...fields, ...stamp, publishedAt: fields.publishedAt ?? now });
  }
  for (const chunk of chunks(rows)) await strapi.db.query(uid).createMany({ data: chunk });
  return readIds(bulk, uid, locale);
}

/** documentId → row ids, read back (createMany's returned ids are not reliable on every engine). */
async function readIds(bulk: Bulk, uid: string, locale: string | null): Promise<IdMap> {
  const { tableName } = bulk.strapi.db.metadata.get(uid);
  const query = bulk.strapi.db
    .getConnection(tableName)
    .select('id', 'document_id', 'published_at')
    .orderBy('id')
    .transacting(bulk.trx);
  const rows = (await (locale === null ? query.whereNull('locale') : query.where({ locale }))) as Array<{
    id: number;
    document_id: string;
    published_at: unknown;
  }>;
  const ids: IdMap = new Map();
  for (const row of rows) {
    const entry = ids.get(row.document_id) ?? { draft: null, published: 0 };
    if (row.published_at === null) entry.draft = row.id;
    else entry.published = row.id;
    ids.set(row.document_id, entry);
  }
  return ids;
}

/**
 * Link rows for relation `attribute` of `uid`, from (source documentId, target documentId) pairs,
 * between the rows the Document Service would link: draft to draft and published to published
 * when both types have draft and publish, both rows of the side that has it otherwise.
 */
export async function linkDocuments(
  bulk: Bulk,
  uid: string,
  attribute: string,
  pairs: Array<[string, string]>,
  sourceIds: IdMap,
  targetIds: IdMap,
): Promise<number> {
  const { strapi, trx } = bulk;
  const meta = strapi.db.metadata.get(uid);
  const attr = meta.attributes[attribute] as { target?: string; joinTable?: JoinTable } | undefined;
  const joinTable = attr?.joinTable;
  if (!attr?.target || !joinTable) throw new Error(`${uid}.${attribute} is not a relation with a join table`);
  const sourceDp = hasDraftAndPublish(strapi, uid);
  const targetDp = hasDraftAndPublish(strapi, attr.target);

  const rowPairs: Array<[number, number]> = [];
  for (const [sourceDoc, targetDoc] of pairs) {
    const source = sourceIds.get(sourceDoc);
    const target = targetIds.get(targetDoc);
    if (!source || !target) throw new Error(`${uid}.${attribute}: unknown document ${source ? targetDoc : sourceDoc}`);
    if (sourceDp && targetDp) {
      if (source.draft !== null && target.draft !== null) rowPairs.push([source.draft, target.draft]);
      rowPairs.push([source.published, target.published]);
    } else if (sourceDp) {
      if (source.draft !== null) rowPairs.push([source.draft, target.published]);
      rowPairs.push([source.published, target.published]);
    } else {
      if (targetDp && target.draft !== null) rowPairs.push([source.published, target.draft]);
      rowPairs.push([source.published, target.published]);
    }
  }

  // Order columns: the target's place in the source's list, and the source's in the target's inverse list.
  const nextOrd = (counters: Map<number, number>, key: number): number => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };
  const bySource = new Map<number, number>();
  const byTarget = new Map<number, number>();
  const rows = rowPairs.map(([sourceId, targetId]) => {
    const row: Data = { [joinTable.joinColumn.name]: sourceId, [joinTable.inverseJoinColumn.name]: targetId };
    if (joinTable.orderColumnName) row[joinTable.orderColumnName] = nextOrd(bySource, sourceId);
    if (joinTable.inverseOrderColumnName) row[joinTable.inverseOrderColumnName] = nextOrd(byTarget, targetId);
    return row;
  });
  for (const chunk of chunks(rows)) await strapi.db.getConnection(joinTable.name).insert(chunk).transacting(trx);
  return rows.length;
}
