import type { Core } from '@strapi/strapi';

type Connection = Core.Strapi['db']['connection'];

/**
 * Makes a table append-only in PostgreSQL itself, whatever the client (the admin panel, a script,
 * psql): a trigger refuses every UPDATE and DELETE of its rows and any TRUNCATE. Idempotent, run
 * at each start. SQLite has no such guard; the plugins never update or delete these rows.
 */
export async function refuseChangesInPostgres(db: Connection, table: string, trigger: string, why: string) {
  const reason = why.replace(/'/g, "''");
  await db.transaction(async (trx) => {
    await trx.raw(`
      CREATE OR REPLACE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% refused on %: ${reason}', TG_OP, TG_TABLE_NAME;
      END $$`);
    await trx.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ??`, [table]);
    await trx.raw(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
      [table],
    );
    await trx.raw(`DROP TRIGGER IF EXISTS ${trigger}_no_truncate ON ??`, [table]);
    await trx.raw(
      `CREATE TRIGGER ${trigger}_no_truncate BEFORE TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION ${trigger}()`,
      [table],
    );
  });
}
