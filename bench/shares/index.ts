/**
 * The shares register at the size of a large cooperative: 40,000 members and 200,000 movements.
 *
 *   DATABASE_URL=postgres://…/shares_bench_test npm run bench:shares
 *   BENCH_MEMBERS=5000 BENCH_MOVEMENTS=20000 npm run bench:shares   # SQLite under bench/.tmp
 *
 * Measures (medians of BENCH_RUNS, default 3): verify_ms, the whole register recomputed from the
 * movements and compared with the stored holdings and capital; register_at_date_ms, holdings
 * and capital at a past date from the movements; ops_per_s, movements recorded over HTTP by 32
 * concurrent clients (POST /api/shares/movements as the board, every one taking the ledger's
 * lock); statements_per_s, every member's yearly statement (PDF) for a year in which each of them
 * subscribed (bench/shares/subscriptions.ts), written into the board's batch ZIP as the batch
 * route does. Progress on stderr, one JSON line last on stdout.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { listen, loadLargeCms } from '../support/large-cms';
import { demoMembers } from '../../database/seed/demo-accounts';
import type * as Register from '../../plugins/shares/server/src/services/register';
import type * as StatementBatch from '../../plugins/shares/server/src/services/statement-batch';
import { generateMovements } from './movements';
import { generateSubscriptions, STATEMENT_YEAR } from './subscriptions';

const members = Number(process.env.BENCH_MEMBERS ?? 40_000);
const movementCount = Number(process.env.BENCH_MOVEMENTS ?? 200_000);
// Long enough that 32 clients queueing on one lock reach a steady state.
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const log = (...args: unknown[]) => console.error('[bench:shares]', ...args);

if (!process.env.DATABASE_URL) {
  const dir = path.resolve(__dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_FILENAME = path.join(dir, `shares-${members}.db`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  log(`${label}: ${times.map((t) => Math.round(t)).join(', ')} ms`);
  return { ms: Math.round(median(times)), result: result as T };
}

async function main() {
  const strapi = await loadLargeCms(log);
  const register = strapi.plugin('shares').service('register') as typeof Register;
  const generated = await generateMovements(strapi, movementCount, log);
  log(generated ? `movements generated in ${generated} ms` : 'movements already there');
  const subscribed = await generateSubscriptions(strapi, log);
  log(subscribed ? `subscriptions of ${STATEMENT_YEAR} generated in ${subscribed} ms` : 'subscriptions already there');

  const verify = await timed('verify', () => register.verify(strapi));
  if (!verify.result.ok) throw new Error(`verify found differences: ${JSON.stringify(verify.result).slice(0, 500)}`);
  const atDate = await timed('register at 2015-06-30', async () => {
    const [holdings, capital] = await Promise.all([
      register.holdingsAt(strapi, '2015-06-30'),
      register.capitalAt(strapi, '2015-06-30'),
    ]);
    return { holdings: holdings.length, capital };
  });
  const batch = strapi.plugin('shares').service('statements') as typeof StatementBatch;
  const statements = await timed(`statements of ${STATEMENT_YEAR}`, async () => {
    const done = await batch.startBatch(strapi, STATEMENT_YEAR).whenDone;
    if (done.state !== 'finished') throw new Error(`statements: ${done.state} (${done.error})`);
    return done.total;
  });

  const base = await listen(strapi);
  const boardUser = await strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { email: demoMembers.board.email }, select: ['id'] });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: boardUser.id }) as string;
  const profiles = (await strapi.db
    .connection(strapi.db.metadata.get('api::member-profile.member-profile').tableName)
    .orderBy('id')
    .pluck('document_id')) as string[];
  const today = new Date().toISOString().slice(0, 10);
  let next = 0;
  log(`ops: ${runs} runs of ${seconds} s at 32 clients`);
  const opsRuns: autocannon.Result[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await autocannon({
      url: `${base}/api/shares/movements`,
      connections: 32,
      duration: seconds,
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      requests: [
        {
          // Shares of class A to the members in turn: each request a different member.
          setupRequest: (request) => {
            next = (next + 7919) % profiles.length;
            return {
              ...request,
              body: JSON.stringify({
                kind: 'issue',
                member: profiles[next],
                shareClass: 'A',
                quantity: 1,
                effectiveDate: today,
                reference: 'bench',
              }),
            };
          },
        },
      ],
    });
    if (result.non2xx || result.errors || result.timeouts)
      throw new Error(`ops: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
    opsRuns.push(result);
  }
  const after = await register.verify(strapi);

  const figures = {
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
    members: profiles.length,
    movements: verify.result.operations,
    verify_ms: verify.ms,
    register_at_date_ms: atDate.ms,
    register_at_date_holdings: atDate.result.holdings,
    statements: statements.result,
    statements_ms: statements.ms,
    statements_per_s: Math.round((statements.result / statements.ms) * 1000),
    ops_per_s: Math.round(median(opsRuns.map((r) => r.requests.average))),
    ops_p50_ms: median(opsRuns.map((r) => r.latency.p50)),
    ops_p99_ms: median(opsRuns.map((r) => r.latency.p99)),
    verify_after_ops_ok: after.ok,
  };
  await strapi.destroy();
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
