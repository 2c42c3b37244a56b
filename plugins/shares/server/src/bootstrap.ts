/**
 * At every start: the ledger row exists, and the database itself guards the register. Operation
 * numbers are unique (both databases); on PostgreSQL a trigger refuses any UPDATE, DELETE or
 * TRUNCATE of the movements (whatever the client: the admin panel, a script, psql) and a check
 * keeps holdings from going negative. All idempotent.
 */
import type { Core } from '@strapi/strapi';
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
  await db.transaction(async (trx) => {
    await trx.raw(`
      CREATE OR REPLACE FUNCTION shares_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the shares register is append-only: % refused on %; correct a movement with a reversing one', TG_OP, TG_TABLE_NAME;
      END $$`);
    await trx.raw(`DROP TRIGGER IF EXISTS shares_movements_append_only ON ??`, [t.movement]);
    await trx.raw(
      `CREATE TRIGGER shares_movements_append_only BEFORE UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION shares_movements_append_only()`,
      [t.movement],
    );
    await trx.raw(`DROP TRIGGER IF EXISTS shares_movements_no_truncate ON ??`, [t.movement]);
    await trx.raw(
      `CREATE TRIGGER shares_movements_no_truncate BEFORE TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION shares_movements_append_only()`,
      [t.movement],
    );
    const check = await trx.raw(`SELECT 1 FROM pg_constraint WHERE conname = 'shares_holdings_not_negative'`);
    if (!check.rows.length)
      await trx.raw(`ALTER TABLE ?? ADD CONSTRAINT shares_holdings_not_negative CHECK (quantity >= 0)`, [t.holding]);
  });
}
