import type { Core } from '@strapi/strapi';
import type { Locale } from '@notre-asso/config';
import type { Filter } from '../access/scopes';
import { documentScopeSql, scopes } from '../access/scopes';
import type { Viewer } from '../access/viewer';
import { preparedRows } from '@notre-asso/plugin-kit';
import { columnOf, knexOf, tableOf, UID } from './tables';
import { isoDate } from './values';

/**
 * The documents library of the members' space: which documents a viewer may see (the row scope
 * of cms/src/access, the same rule as /api/documents) and where their file is served from.
 */
export interface StoredFile {
  id: number;
  url: string;
  name: string;
  mime: string;
  ext: string | null;
  hash: string;
  size: number;
}

interface DocumentRow {
  id: number;
  documentId: string;
  title: string;
  summary?: string | null;
  accessLevel: string;
  date?: string | null;
  updatedAt: unknown;
  locale: string;
  file?: StoredFile | null;
  category?: { slug: string; name: string } | null;
  collective?: { documentId: string; name: string; slug: string } | null;
}

export interface LibraryDocument {
  documentId: string;
  title: string;
  summary: string | null;
  accessLevel: string;
  date: string | null;
  updatedAt: string | null;
  category: { slug: string; name: string } | null;
  collective: { documentId: string; name: string; slug: string } | null;
  fileUrl: string | null;
}

export const protectedFileUrl = (documentId: string): string => `/api/space/documents/${documentId}/file`;

/** Public files keep their public URL (cacheable, also on the static site); others go through the access check. */
export function fileUrlOf(doc: {
  documentId: string;
  accessLevel: string;
  file?: Pick<StoredFile, 'url'> | null;
}): string | null {
  if (!doc.file) return null;
  return doc.accessLevel === 'public' ? doc.file.url : protectedFileUrl(doc.documentId);
}

const published = { publishedAt: { $notNull: true } };

export interface LibraryQuery {
  locale: Locale;
  q?: string;
  category?: string;
  page: number;
  pageSize: number;
}

function shape(row: DocumentRow): LibraryDocument {
  return {
    documentId: row.documentId,
    title: row.title,
    summary: row.summary ?? null,
    accessLevel: row.accessLevel,
    date: row.date ?? null,
    updatedAt: isoDate(row.updatedAt),
    category: row.category ? { slug: row.category.slug, name: row.category.name } : null,
    collective: row.collective
      ? { documentId: row.collective.documentId, name: row.collective.name, slug: row.collective.slug }
      : null,
    fileUrl: fileUrlOf(row),
  };
}

/** One page of the documents the viewer may see in a locale, newest first. */
export async function findLibrary(strapi: Core.Strapi, viewer: Viewer, query: LibraryQuery) {
  const filters: Filter[] = [scopes.document(viewer), published, { locale: query.locale }];
  if (query.q) filters.push({ $or: [{ title: { $containsi: query.q } }, { summary: { $containsi: query.q } }] });
  if (query.category) filters.push({ category: { slug: query.category } });
  const where = { $and: filters };
  const documents = strapi.db.query(UID.document);
  const [rows, total] = await Promise.all([
    documents.findMany({
      where,
      select: ['id', 'documentId', 'title', 'summary', 'accessLevel', 'date', 'updatedAt', 'locale'],
      populate: {
        file: { select: ['id', 'url', 'name', 'mime', 'ext', 'hash', 'size'] },
        category: { select: ['slug', 'name'] },
        collective: { select: ['documentId', 'name', 'slug'] },
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }) as Promise<DocumentRow[]>,
    documents.count({ where }),
  ]);
  return {
    documents: rows.map(shape),
    pagination: {
      page: query.page,
      pageSize: query.pageSize,
      pageCount: Math.ceil(total / query.pageSize),
      total,
    },
  };
}

/**
 * The latest documents the viewer may see, for the dashboard, in one query with the file's URL
 * joined to it; the row scope is cms/src/access's, in its SQL form.
 */
export async function latestDocuments(strapi: Core.Strapi, viewer: Viewer, locale: Locale, limit: number) {
  const knex = knexOf(strapi);
  const col = (attribute: string) => `d.${columnOf(strapi, UID.document, attribute)}`;
  const related = (strapi.db.metadata.get(UID.file).attributes.related as { joinTable: { name: string } }).joinTable
    .name;
  const rows = await preparedRows<Record<string, unknown>>(
    knex,
    knex
      .select('d.document_id', 'd.title', `${col('accessLevel')} as access_level`, 'd.updated_at', 'f.url as file_url')
      .from(`${tableOf(strapi, UID.document)} as d`)
      .leftJoin(`${related} as fr`, (join) =>
        join.on('fr.related_id', 'd.id').andOnVal('fr.related_type', UID.document).andOnVal('fr.field', 'file'),
      )
      .leftJoin(`${tableOf(strapi, UID.file)} as f`, 'f.id', 'fr.file_id')
      .whereNotNull('d.published_at')
      .where('d.locale', locale)
      .where(documentScopeSql(strapi, viewer, 'd'))
      .orderBy([
        { column: 'd.updated_at', order: 'desc' },
        { column: 'd.id', order: 'desc' },
      ])
      .limit(limit),
  );
  return rows.map((row) => {
    const doc = { documentId: String(row.document_id), accessLevel: String(row.access_level) };
    return {
      ...doc,
      title: String(row.title),
      updatedAt: isoDate(row.updated_at),
      fileUrl: row.file_url ? fileUrlOf({ ...doc, file: { url: String(row.file_url) } }) : null,
    };
  });
}

/**
 * The file of a document the viewer may see, or null when the document does not exist, is out of
 * reach or has no file: the three look the same from outside.
 */
export async function reachableFile(
  strapi: Core.Strapi,
  viewer: Viewer,
  documentId: string,
): Promise<StoredFile | null> {
  const row = (await strapi.db.query(UID.document).findOne({
    where: { $and: [scopes.document(viewer), published, { documentId }] },
    select: ['id'],
    populate: { file: { select: ['id', 'url', 'name', 'mime', 'ext', 'hash', 'size'] } },
  })) as DocumentRow | null;
  return row?.file ?? null;
}
