import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { columnOf, knexOf, tableOf, UID } from './tables';

/** Prefixes the upload plugin gives the resized copies of an image (`thumbnail_<hash>.jpg`). */
const FORMATS = ['thumbnail', 'small', 'medium', 'large'];

/**
 * Whether a public `/uploads/…` path is a file (or a resized copy of one) attached to a document
 * that is not public, in any locale or draft: then only the access-checked endpoint may serve it.
 * Looked up at each request by the file's hash (indexed), so that a document made restricted is
 * closed at once, with no cache to go stale.
 */
export async function isRestrictedUpload(strapi: Core.Strapi, urlPath: string): Promise<boolean> {
  const name = path.posix.basename(urlPath);
  const stem = name.slice(0, name.length - path.posix.extname(name).length);
  const hashes = new Set([stem]);
  for (const format of FORMATS) if (stem.startsWith(`${format}_`)) hashes.add(stem.slice(format.length + 1));
  const related = (strapi.db.metadata.get(UID.file).attributes.related as { joinTable: { name: string } }).joinTable
    .name;
  const row = await knexOf(strapi)
    .first('f.id')
    .from(`${tableOf(strapi, UID.file)} as f`)
    .join(`${related} as r`, 'r.file_id', 'f.id')
    .join(`${tableOf(strapi, UID.document)} as d`, 'd.id', 'r.related_id')
    .whereIn(`f.${columnOf(strapi, UID.file, 'hash')}`, [...hashes])
    .where('r.related_type', UID.document)
    .whereNot(`d.${columnOf(strapi, UID.document, 'accessLevel')}`, 'public');
  return row !== undefined;
}
