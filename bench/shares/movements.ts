/**
 * A deterministic register for the benchmark: share classes A–D and `count` valid movements
 * (issues, redemptions, transfers, over 2010–2024) written in bulk, then holdings and capital
 * derived by the plugin's own rebuild. Written once: a database that has movements is kept.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';

const classes = [
  { code: 'A', name: 'Usagers', nominal_cents: 10_000, minimum_shares: 1, college: 'usagers' },
  { code: 'B', name: 'Producteurs', nominal_cents: 50_000, minimum_shares: 1, college: 'producteurs' },
  { code: 'C', name: 'Salariés', nominal_cents: 2_500, minimum_shares: 1, college: 'salaries' },
  { code: 'D', name: 'Collectivités', nominal_cents: 100_000, minimum_shares: 1, college: 'collectivites' },
];

export async function generateMovements(strapi: Core.Strapi, count: number, log: (...a: unknown[]) => void) {
  const db = strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const link = (uid: string, attribute: string) =>
    (
      meta(uid).attributes[attribute] as unknown as {
        joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
      }
    ).joinTable;
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
  type Row = { profile: number; cls: number; kind: string; quantity: number; unit: number; day: string };
  const rows: Row[] = [];
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
  const profileLink = link('plugin::shares.movement', 'profile');
  const classLink = link('plugin::shares.movement', 'shareClass');
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      const ids = (await trx(movementTable)
        .insert(
          chunk.map((r, k) => ({
            document_id: randomUUID(),
            operation_number: i + k + 1,
            kind: r.kind,
            quantity: r.quantity,
            unit_value_cents: r.unit,
            effective_date: r.day,
            reference: `Bench ${i + k + 1}`,
            recorded_at: now,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')) as Array<{ id: number }>;
      await trx(profileLink.name).insert(
        chunk.map((r, k) => ({
          [profileLink.joinColumn.name]: ids[k]!.id,
          [profileLink.inverseJoinColumn.name]: r.profile,
        })),
      );
      await trx(classLink.name).insert(
        chunk.map((r, k) => ({ [classLink.joinColumn.name]: ids[k]!.id, [classLink.inverseJoinColumn.name]: r.cls })),
      );
      if (i % 20_000 < 400) log(`movements: ${i + chunk.length}`);
    }
  });
  await strapi.plugin('shares').service('register').rebuild(strapi);
  // Planner statistics for tables just filled in bulk, as autovacuum would gather them later.
  if (strapi.db.dialect.client === 'postgres') await db.raw('ANALYZE');
  return Date.now() - started;
}
