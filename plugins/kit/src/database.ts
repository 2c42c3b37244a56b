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

/** The few SQL texts the reads use, each hashed once rather than at every request. */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `na_${createHash('sha1').update(sql).digest('hex').slice(0, 40)}`;
    // A bound on what a read built from request input (a list of ids of any length) could add.
    if (statementNames.size < 1000) statementNames.set(sql, name);
  }
  return name;
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
  const name = statementName(sql);
  const result = (await knex.raw(sql, bindings as Knex.RawBinding[]).options({ name })) as { rows: T[] };
  return result.rows;
}

/** A value a read is run with: what a stand-in replaces. */
export type ReadValue = number | string | Date;

interface CompiledRead {
  sql: string;
  name: string;
  /** Each binding: a constant of the SQL, or the index of the value it stands for. */
  bindings: Array<{ value: unknown } | { slot: number }>;
}

const compiledReads = new Map<string, CompiledRead>();

/** A value of the same type that no request ever sends, so that its place in the bindings is certain. */
function standIn(value: ReadValue, slot: number): ReadValue {
  if (typeof value === 'number') return -1_000_000_007 - slot;
  if (typeof value === 'string') return `\u0001na-slot-${slot}`;
  return new Date(-8_640_000_000_000_000 + slot);
}

function slotOf(binding: unknown, standIns: ReadValue[]): number {
  return standIns.findIndex((s) =>
    s instanceof Date ? binding instanceof Date && binding.getTime() === s.getTime() : binding === s,
  );
}

/**
 * `preparedRows` for a read whose SQL text depends on nothing but `shape` (a locale, a table's
 * naming): knex compiles it once per shape, with stand-ins for `values`, and each request only
 * puts its own values in their places. Measured on the dashboard: compiling the builders cost
 * more CPU than PostgreSQL took to run them. SQLite runs the builder as it is.
 */
export async function preparedRead<T, V extends ReadValue[]>(
  knex: Knex,
  shape: string,
  build: (...values: V) => Knex.QueryBuilder,
  ...values: V
): Promise<T[]> {
  if (knex.client.dialect !== 'postgresql') return (await build(...values)) as T[];
  let compiled = compiledReads.get(shape);
  if (!compiled) {
    const standIns = values.map(standIn) as V;
    const { sql, bindings } = build(...standIns).toSQL();
    compiled = {
      sql,
      name: statementName(sql),
      bindings: (bindings as unknown[]).map((b) => {
        const slot = slotOf(b, standIns);
        return slot < 0 ? { value: b } : { slot };
      }),
    };
    compiledReads.set(shape, compiled);
  }
  const bindings = compiled.bindings.map((b) => ('slot' in b ? values[b.slot] : b.value));
  const result = (await knex.raw(compiled.sql, bindings as Knex.RawBinding[]).options({ name: compiled.name })) as {
    rows: T[];
  };
  return result.rows;
}
