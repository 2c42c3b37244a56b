/**
 * A year of subscriptions for the yearly statements' benchmark: in STATEMENT_YEAR every member
 * subscribes through a request (one issue movement of class A, numbered after the register's last,
 * and the request that names it), a quarter or all of it paid that year, the rest the year after.
 * Every member then has a statement for that year. Written once, in bulk, then holdings and
 * capital derived again by the plugin's rebuild.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { insertMovements, joinTableOf } from './movements';

export const STATEMENT_YEAR = 2025;
const REFERENCE = 'Bench subscription';

export async function generateSubscriptions(strapi: Core.Strapi, log: (...a: unknown[]) => void) {
  const db = strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const subscriptionTable = meta('plugin::shares.subscription').tableName;
  const movementTable = meta('plugin::shares.movement').tableName;
  if (await db(subscriptionTable).where('payment_reference', REFERENCE).first('id')) return 0;
  const started = Date.now();
  const now = new Date();
  const cls = (await db(meta('plugin::shares.share-class').tableName)
    .where('code', 'A')
    .first('id', 'nominal_cents')) as { id: number; nominal_cents: number };
  const profiles = (await db(meta('api::member-profile.member-profile').tableName)
    .orderBy('id')
    .pluck('id')) as number[];
  const last = Number(((await db(movementTable).max({ n: 'operation_number' })) as Array<{ n: unknown }>)[0]?.n ?? 0);
  const subscriptionProfile = joinTableOf(strapi, 'plugin::shares.subscription', 'profile');
  const subscriptionClass = joinTableOf(strapi, 'plugin::shares.subscription', 'shareClass');
  const pad = (n: number) => String(n).padStart(2, '0');
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < profiles.length; i += 400) {
      const chunk = profiles.slice(i, i + 400).map((profile, k) => {
        const index = i + k;
        const quantity = 1 + (index % 5);
        const subscribed = quantity * cls.nominal_cents;
        const month = 1 + (index % 12);
        const issuedOn = `${STATEMENT_YEAR}-${pad(month)}-15`;
        const first = index % 3 === 0 ? subscribed : Math.ceil(subscribed / 4);
        const payments = [{ amountCents: first, date: `${STATEMENT_YEAR}-${pad(month)}-10`, method: 'transfer' }];
        if (first < subscribed)
          payments.push({ amountCents: subscribed - first, date: `${STATEMENT_YEAR + 1}-01-10`, method: 'transfer' });
        return { profile, operation: last + index + 1, quantity, subscribed, issuedOn, payments };
      });
      await insertMovements(
        strapi,
        trx,
        chunk.map((c) => ({
          operation: c.operation,
          profile: c.profile,
          cls: cls.id,
          kind: 'issue',
          quantity: c.quantity,
          unit: cls.nominal_cents,
          day: c.issuedOn,
          reference: REFERENCE,
        })),
        now,
      );
      const subscriptionIds = (await trx(subscriptionTable)
        .insert(
          chunk.map((s) => ({
            document_id: randomUUID(),
            quantity: s.quantity,
            subscribed_cents: s.subscribed,
            paid_cents: s.payments.reduce((sum, p) => sum + p.amountCents, 0),
            payment_method: 'transfer',
            payment_reference: REFERENCE,
            state: 'issued',
            version: 3,
            requested_on: `${STATEMENT_YEAR}-01-02`,
            payment_deadline: `${STATEMENT_YEAR + 5}-01-02`,
            issued_operation: s.operation,
            history: JSON.stringify([{ state: 'issued', at: now.toISOString(), by: null, byName: null }]),
            payments: JSON.stringify(s.payments),
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')) as Array<{ id: number }>;
      await trx(subscriptionProfile.name).insert(
        chunk.map((s, k) => ({
          [subscriptionProfile.joinColumn.name]: subscriptionIds[k]!.id,
          [subscriptionProfile.inverseJoinColumn.name]: s.profile,
        })),
      );
      await trx(subscriptionClass.name).insert(
        chunk.map((_, k) => ({
          [subscriptionClass.joinColumn.name]: subscriptionIds[k]!.id,
          [subscriptionClass.inverseJoinColumn.name]: cls.id,
        })),
      );
      if (i % 20_000 < 400) log(`subscriptions: ${i + chunk.length}`);
    }
  });
  await strapi.plugin('shares').service('register').rebuild(strapi);
  if (strapi.db.dialect.client === 'postgres') await db.raw('ANALYZE');
  return Date.now() - started;
}
