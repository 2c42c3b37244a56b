/**
 * Read throughput of the content API on a large organisation, as a visitor and as a member:
 * every member request pays for the row-level scope (who the viewer is, which collectives they
 * follow), so this is where that cost shows.
 *
 *   npm run bench:api-read                     # 40,000 members on SQLite (bench/.tmp)
 *   BENCH_MEMBERS=5000 npm run bench:api-read
 *   DATABASE_URL=postgres://…/bench_test npm run bench:api-read
 *
 * Prints progress on stderr and one JSON line of figures on stdout.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { listen, loadLargeCms } from '../support/large-cms';

const members = Number(process.env.BENCH_MEMBERS ?? 40000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = 3;
const log = (...args: unknown[]) => console.error('[bench:api-read]', ...args);

if (!process.env.DATABASE_URL) {
  // One SQLite file per dataset size, kept between runs: seeding is not what is measured.
  const dir = path.resolve(__dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_FILENAME = path.join(dir, `api-read-${members}.db`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(url: string, headers: Record<string, string>) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    // The load comes from a worker thread, not from the event loop the CMS runs on.
    const r = await autocannon({ url, headers, connections: 10, duration: seconds, workers: 1 });
    if (r.non2xx) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
    results.push(r);
  }
  return {
    rps: Math.round(median(results.map((r) => r.requests.average))),
    p50_ms: median(results.map((r) => r.latency.p50)),
    p99_ms: median(results.map((r) => r.latency.p99)),
  };
}

async function main() {
  const strapi = await loadLargeCms(log);
  const base = await listen(strapi);

  const user = await strapi.db.query('plugin::users-permissions.user').findOne({
    where: { role: { type: 'authenticated' } },
    orderBy: { id: 'asc' },
  });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  const member = { Authorization: `Bearer ${jwt}` };

  const figures: Record<string, number | string> = {
    members: await strapi.db.query('api::member-profile.member-profile').count(),
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
  };
  const cases: Array<[string, string, Record<string, string>]> = [
    ['documents_anonymous', '/api/documents?pagination[pageSize]=25', {}],
    ['documents_member', '/api/documents?pagination[pageSize]=25', member],
    ['events_member', '/api/events?pagination[pageSize]=25&sort=startsAt:desc', member],
    ['directory_member', '/api/member-profiles?pagination[pageSize]=25&sort=displayName:asc', member],
  ];
  for (const [name, url, headers] of cases) {
    log(`${name}: ${runs} runs of ${seconds} s`);
    const m = await measure(base + url, headers);
    figures[`${name}_rps`] = m.rps;
    figures[`${name}_p50_ms`] = m.p50_ms;
    figures[`${name}_p99_ms`] = m.p99_ms;
  }
  await strapi.destroy();
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
