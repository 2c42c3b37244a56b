import type { Knex } from 'knex';

/**
 * Accent- and case-insensitive matching that works the same on SQLite and PostgreSQL without
 * extensions: the column goes through lower() and a chain of replace() (SQLite's lower() only
 * knows ASCII, so accented capitals are listed too), the searched text through the same folding
 * in JavaScript.
 */
const FOLDED: Array<[string, string]> = [
  ...[...'àáâäãåÀÁÂÄÃÅ'].map((c): [string, string] => [c, 'a']),
  ...[...'çÇ'].map((c): [string, string] => [c, 'c']),
  ...[...'èéêëÈÉÊË'].map((c): [string, string] => [c, 'e']),
  ...[...'ìíîïÌÍÎÏ'].map((c): [string, string] => [c, 'i']),
  ...[...'ñÑ'].map((c): [string, string] => [c, 'n']),
  ...[...'òóôöõÒÓÔÖÕ'].map((c): [string, string] => [c, 'o']),
  ...[...'ùúûüÙÚÛÜ'].map((c): [string, string] => [c, 'u']),
  ...[...'ýÿÝŸ'].map((c): [string, string] => [c, 'y']),
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
];

/** The folded form of the column bound to the one `??` placeholder. */
export function foldedSql(castToText: boolean): string {
  let sql = castToText ? 'lower(cast(?? as text))' : 'lower(??)';
  for (const [from, to] of FOLDED) sql = `replace(${sql}, '${from}', '${to}')`;
  return sql;
}

export function fold(text: string): string {
  return text
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** `%text%` for LIKE, with LIKE's own wildcards in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${fold(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows whose column, folded, contains the folded text (LIKE with the escape containsPattern uses). */
export function whereFoldedContains(builder: Knex.QueryBuilder, column: string, text: string, castToText = false) {
  return builder.whereRaw(`${foldedSql(castToText)} like ? escape '\\'`, [column, containsPattern(text)]);
}
