/**
 * At every start: the ledger row exists, and the database itself guards the register. Operation
 * numbers are unique (both databases); on PostgreSQL a trigger refuses any UPDATE, DELETE or
 * TRUNCATE of the movements (whatever the client: the admin panel, a script, psql) and a check
 * keeps holdings from going negative. All idempotent.
 */
import type { Core } from '@strapi/strapi';
import { refuseChangesInPostgres } from '@notre-asso/plugin-kit';
import { isPostgres, tablesOf, UID } from './store';

export async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  const t = tablesOf(strapi);
  const db = strapi.db.connection;
  if (!(await db(t.ledger).first('id')))
    await strapi.db.query(UID.ledger).create({
      data: {
        lastOperation: 0,
        capitalCents: '0',
        highestCapitalCents: '0',
        statutoryFloorCents: '0',
        holdingPeriodYears: 0,
      },
    });
  await db.raw(`CREATE UNIQUE INDEX IF NOT EXISTS shares_movements_operation ON ?? (operation_number)`, [t.movement]);
  await db.raw(`CREATE INDEX IF NOT EXISTS shares_movements_effective ON ?? (effective_date)`, [t.movement]);
  await db.raw(`CREATE INDEX IF NOT EXISTS shares_movements_reversal ON ?? (reversal_of)`, [t.movement]);
  if (!isPostgres(strapi)) return;
  await refuseChangesInPostgres(
    db,
    t.movement,
    'shares_movements_append_only',
    'the shares register is append-only; correct a movement with a reversing one',
  );
  await db.transaction(async (trx) => {
    const check = await trx.raw(`SELECT 1 FROM pg_constraint WHERE conname = 'shares_holdings_not_negative'`);
    if (!check.rows.length)
      await trx.raw(`ALTER TABLE ?? ADD CONSTRAINT shares_holdings_not_negative CHECK (quantity >= 0)`, [t.holding]);
  });
}
