/**
 * A deterministic register for the benchmark: share classes A–D and `count` valid movements
 * (issues, redemptions, transfers, over 2010–2024) written in bulk, then holdings and capital
 * derived by the plugin's own rebuild. Written once: a database that has movements is kept.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

const classes = [
  { code: 'A', name: 'Usagers', nominal_cents: 10_000, minimum_shares: 1, college: 'usagers' },
  { code: 'B', name: 'Producteurs', nominal_cents: 50_000, minimum_shares: 1, college: 'producteurs' },
  { code: 'C', name: 'Salariés', nominal_cents: 2_500, minimum_shares: 1, college: 'salaries' },
  { code: 'D', name: 'Collectivités', nominal_cents: 100_000, minimum_shares: 1, college: 'collectivites' },
];

export async function generateMovements(strapi: Core.Strapi, count: number, log: (...a: unknown[]) => void) {
  const db = strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const movementTable = meta('plugin::shares.movement').tableName;
  const [{ n }] = (await db(movementTable).count({ n: '*' })) as Array<{ n: unknown }>;
  if (Number(n) > 0) return 0;
  const started = Date.now();
  const now = new Date();
  const classTable = meta('plugin::shares.share-class').tableName;
  for (const c of classes)
    if (!(await db(classTable).where('code', c.code).first('id')))
      await db(classTable).insert({ ...c, document_id: randomUUID(), created_at: now, updated_at: now });
  const classIds = (await db(classTable)
    .whereIn(
      'code',
      classes.map((c) => c.code),
    )
    .orderBy('code')
    .select('id', 'nominal_cents')) as Array<{
    id: number;
    nominal_cents: number;
  }>;
  const profiles = (await db(meta('api::member-profile.member-profile').tableName)
    .orderBy('id')
    .pluck('id')) as number[];

  let seed = 42;
  const random = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const held = new Map<string, number>();
  const rows: Array<Omit<MovementRow, 'operation' | 'reference'>> = [];
  const start = Date.UTC(2010, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  // Every member subscribes first, then movements of all kinds: valid by construction.
  while (rows.length < count) {
    const day = new Date(start + Math.floor((rows.length / count) * span)).toISOString().slice(0, 10);
    const early = rows.length < profiles.length;
    const profile = early ? (profiles[rows.length] as number) : (profiles[random(profiles.length)] as number);
    const c = classIds[early ? 0 : random(10) < 7 ? 0 : 1 + random(3)]!;
    const key = `${profile}/${c.id}`;
    const mine = held.get(key) ?? 0;
    const choice = early ? 0 : random(10);
    const quantity = 1 + random(5);
    if (choice >= 8 && mine >= quantity) {
      rows.push({ profile, cls: c.id, kind: 'redemption', quantity: -quantity, unit: c.nominal_cents, day });
      held.set(key, mine - quantity);
    } else if (choice === 7 && mine >= quantity && rows.length + 1 < count) {
      const to = profiles[random(profiles.length)] as number;
      if (to === profile) continue;
      rows.push({ profile, cls: c.id, kind: 'transfer-out', quantity: -quantity, unit: c.nominal_cents, day });
      rows.push({ profile: to, cls: c.id, kind: 'transfer-in', quantity, unit: c.nominal_cents, day });
      held.set(key, mine - quantity);
      held.set(`${to}/${c.id}`, (held.get(`${to}/${c.id}`) ?? 0) + quantity);
    } else {
      rows.push({ profile, cls: c.id, kind: 'issue', quantity, unit: c.nominal_cents, day });
      held.set(key, mine + quantity);
    }
  }
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      await insertMovements(
        strapi,
        trx,
        chunk.map((r, k) => ({ ...r, operation: i + k + 1, reference: `Bench ${i + k + 1}` })),
        now,
      );
      if (i % 20_000 < 400) log(`movements: ${i + chunk.length}`);
    }
  });
  await strapi.plugin('shares').service('register').rebuild(strapi);
  // Planner statistics for tables just filled in bulk, as autovacuum would gather them later.
  if (strapi.db.dialect.client === 'postgres') await db.raw('ANALYZE');
  return Date.now() - started;
}

/** A link table of a relation, as Strapi's metadata names it. */
export function joinTableOf(strapi: Core.Strapi, uid: string, attribute: string) {
  return (
    strapi.db.metadata.get(uid).attributes[attribute] as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    }
  ).joinTable;
}

export interface MovementRow {
  operation: number;
  profile: number;
  cls: number;
  kind: string;
  quantity: number;
  unit: number;
  day: string;
  reference: string;
}

/** Movements and their member and class links in bulk (at most 400 rows a call); their ids. */
export async function insertMovements(strapi: Core.Strapi, trx: Knex.Transaction, rows: MovementRow[], now: Date) {
  const profileLink = joinTableOf(strapi, 'plugin::shares.movement', 'profile');
  const classLink = joinTableOf(strapi, 'plugin::shares.movement', 'shareClass');
  const ids = (await trx(strapi.db.metadata.get('plugin::shares.movement').tableName)
    .insert(
      rows.map((r) => ({
        document_id: randomUUID(),
        operation_number: r.operation,
        kind: r.kind,
        quantity: r.quantity,
        unit_value_cents: r.unit,
        effective_date: r.day,
        reference: r.reference,
        recorded_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning('id')) as Array<{ id: number }>;
  await trx(profileLink.name).insert(
    rows.map((r, k) => ({
      [profileLink.joinColumn.name]: ids[k]!.id,
      [profileLink.inverseJoinColumn.name]: r.profile,
    })),
  );
  await trx(classLink.name).insert(
    rows.map((r, k) => ({ [classLink.joinColumn.name]: ids[k]!.id, [classLink.inverseJoinColumn.name]: r.cls })),
  );
  return ids;
}
