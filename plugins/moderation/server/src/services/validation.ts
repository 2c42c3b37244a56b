/** Request helpers: schema checks and the body from the kit, and this plugin's own. */
import { yup } from '@strapi/utils';
export { bodyOf, validate } from '@notre-asso/plugin-kit';
export { yup };

/** A row id from the path; anything else is a thing that does not exist. */
export function rowId(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}

/** Page number and size from the query string, bounded. */
export function pageOf(query: Record<string, unknown>, size = 20): { limit: number; offset: number } {
  const page = Math.min(Math.max(Number.parseInt(String(query.page ?? '1'), 10) || 1, 1), 10_000);
  return { limit: size, offset: (page - 1) * size };
}
