/**
 * Seeds the CMS database: `npm run seed --` for the demo cooperative, or
 * `npm run seed -- --members 40000 [--seed 42]` for a large deterministic set (benchmarks).
 * Progress goes to stderr, the report to stdout as one JSON line. The database is the CMS's own:
 * DATABASE_URL (PostgreSQL) or DATABASE_FILENAME (SQLite, relative to cms/, default .tmp/data.db).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStrapi, type Core } from '@strapi/strapi';
import { seedDemo, seedLarge, type SeedReport } from './seed/index';

interface Args {
  members: number | null;
  seed: number;
}

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

class UsageError extends Error {}

function parse(argv: string[]): Args {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { members: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    });
    return {
      members: values.members === undefined ? null : positiveInteger('members', values.members),
      seed: values.seed === undefined ? 42 : positiveInteger('seed', values.seed),
    };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}

const log = (line: string): void => {
  process.stderr.write(`[seed] ${line}\n`);
};

/**
 * Strapi's logger writes to stdout; the contract is one JSON line there (benchmarks read the last
 * line), so everything else written to stdout during the run goes to stderr instead.
 */
function reserveStdout(): (line: string) => void {
  const writeOut = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  return (line) => {
    writeOut(`${line}\n`);
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const printResult = reserveStdout();
  // No telemetry from a seeding run (machines here are offline anyway).
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  const appDir = path.resolve(__dirname, '..', 'cms');
  const target = process.env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : `SQLite cms/${process.env.DATABASE_FILENAME ?? '.tmp/data.db'}`;
  log(`loading Strapi from ${appDir}, database ${target}`);
  let strapi: Core.Strapi | null = null;
  let report: SeedReport;
  try {
    strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
    report =
      args.members === null
        ? await seedDemo(strapi, { log })
        : await seedLarge(strapi, { members: args.members, seed: args.seed, log });
    log(report.skipped ? 'skipped: the database was already seeded' : `done in ${report.ms} ms`);
  } finally {
    if (strapi) await strapi.destroy();
  }
  printResult(JSON.stringify(report));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message =
      error instanceof UsageError
        ? `${error.message}\nusage: npm run seed -- [--members N [--seed S]]`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`[seed] failed: ${message}\n`);
    process.exit(1);
  },
);
