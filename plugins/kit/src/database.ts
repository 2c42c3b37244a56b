import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** True when a write failed on a unique index or primary key, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    /SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)|UNIQUE constraint failed/.test(`${e.code} ${e.message}`)
  );
}

/**
 * The rows of a read built with knex, run on PostgreSQL as a named prepared statement (named
 * after its SQL text): each pooled connection plans it a few times, then PostgreSQL keeps its
 * generic plan, instead of planning it again at every request — for the members' space's reads,
 * which are joins over several tables, planning costs more than running them. SQLite plans in
 * process for next to nothing: there the query runs as it is.
 */
export async function preparedRows<T>(knex: Knex, query: Knex.QueryBuilder): Promise<T[]> {
  if (knex.client.dialect !== 'postgresql') return (await query) as T[];
  const { sql, bindings } = query.toSQL();
  const name = `na_${createHash('sha1').update(sql).digest('hex').slice(0, 40)}`;
  const result = (await knex.raw(sql, bindings as Knex.RawBinding[]).options({ name })) as { rows: T[] };
  return result.rows;
}
