import { locales, defaultLocale, type Locale } from '@notre-asso/config';

/** SQLite returns datetimes as epoch milliseconds, PostgreSQL as Date: both become ISO strings. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date
      ? value
      : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** PostgreSQL returns decimals as strings. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The requested locale when it is one of ours, French otherwise (the site falls back to French too). */
export function localeOf(value: unknown): Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
    ? (value as Locale)
    : defaultLocale;
}

/** The locales to read, the requested one first: content missing in it falls back to French. */
export const readLocales = (locale: Locale): Locale[] => [...new Set([locale, defaultLocale])];

/**
 * Rows of several locales, ordered, reduced to one per document: the requested locale's version
 * where there is one, keeping the order of first appearance.
 */
export function onePerDocument<T extends { document_id: string; locale: string }>(rows: T[], locale: Locale): T[] {
  const chosen = new Map<string, T>();
  for (const row of rows) {
    const held = chosen.get(row.document_id);
    if (!held || (held.locale !== locale && row.locale === locale)) chosen.set(row.document_id, row);
  }
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.document_id) && seen.add(row.document_id))
    .map((row) => chosen.get(row.document_id) as T);
}
