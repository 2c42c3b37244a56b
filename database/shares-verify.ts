/**
 * Checks the shares register from the command line (`npm run shares:verify`): holdings, capital
 * and the highest capital recomputed from the movements alone, compared with what is stored, and
 * the operation numbers checked gapless. `-- --rebuild` first derives holdings and capital again
 * from the movements (under the ledger's lock), for when a check found a difference. A summary
 * goes to stderr, the report to stdout as one JSON line. Exit code: 0 when the register is
 * consistent, 2 when it is not, 1 when the command failed. The database is the CMS's own:
 * DATABASE_URL (PostgreSQL) or DATABASE_FILENAME (SQLite, relative to cms/, default .tmp/data.db).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStrapi, type Core } from '@strapi/strapi';
import type { Verification } from '../plugins/shares/server/src/services/register';

interface Register {
  verify(strapi: Core.Strapi): Promise<Verification>;
  rebuild(strapi: Core.Strapi): Promise<void>;
}

const log = (line: string): void => {
  process.stderr.write(`[shares:verify] ${line}\n`);
};

const euros = (cents: number) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')} €`;

function summary(v: Verification): string[] {
  const lines = [
    `${v.operations} movements, operation numbers ${v.gapless ? 'gapless' : 'WITH GAPS'}`,
    `capital from the movements ${euros(v.capitalCents)}, stored ${euros(v.ledgerCapitalCents)}`,
    `highest capital from the movements ${euros(v.highestCapitalCents)}, stored ${euros(v.ledgerHighestCapitalCents)}`,
  ];
  for (const d of v.differences.slice(0, 20))
    lines.push(
      `holding of profile ${d.profileId}, class ${d.classId}: stored ${d.stored}, movements ${d.fromMovements}`,
    );
  if (v.differences.length > 20) lines.push(`… and ${v.differences.length - 20} more differences`);
  lines.push(v.ok ? 'the register is consistent' : 'THE REGISTER IS NOT CONSISTENT: run again with -- --rebuild');
  return lines;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rebuild: { type: 'boolean' } } });
  // Strapi's logger writes to stdout: the one JSON line of the contract goes there, the rest to stderr.
  const writeOut = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  // A check sends no mail: the outbox worker stays with the CMS.
  process.env.MAILING_WORKER = 'off';
  const appDir = path.resolve(__dirname, '..', 'cms');
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
    const register = strapi.plugin('shares').service('register') as Register;
    if (values.rebuild) {
      log('rebuilding holdings and capital from the movements');
      await register.rebuild(strapi);
    }
    const verification = await register.verify(strapi);
    for (const line of summary(verification)) log(line);
    writeOut(`${JSON.stringify({ rebuilt: Boolean(values.rebuild), ...verification })}\n`);
    return verification.ok ? 0 : 2;
  } finally {
    if (strapi) await strapi.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    log('usage: npm run shares:verify [-- --rebuild]');
    process.exit(1);
  },
);
