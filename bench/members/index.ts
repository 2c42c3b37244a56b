/**
 * The members' space under load: the dashboard and the directory search, next to the plain Strapi
 * list endpoint measured in the same run, at 1 and 32 concurrent users (autocannon), on the large
 * generated data set.
 *
 *   DATABASE_URL=postgres://…/bench_test npm run bench:members
 *   BENCH_MEMBERS=5000 BENCH_SECONDS=3 npm run bench:members   # SQLite under bench/.tmp
 *
 * Progress on stderr; the last stdout line is one JSON object of figures: `<case>_p50_ms`,
 * `<case>_p95_ms`, `<case>_rps` at 32 users, and the same with `_1` for one user; `<case>_queries`,
 * the SQL statements one request of a CMS case makes; `<case>_cms_cpu_ms` and, for the site's pages,
 * `<case>_site_cpu_ms`: CPU milliseconds per request of each process, over a fixed number of
 * requests at 32 users (a figure the machine's load does not blur, unlike latency).
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { buildSite, removeBuild } from '../../tests/support/site';
import { startSiteServer, type SiteServer } from '../../tests/support/space-site';
import { cpuMsOf } from '../support/cpu';
import { forkLargeCms } from '../support/large-cms';
import type { QueryCount, Ready } from './server';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cpuRequests = Number(process.env.BENCH_CPU_REQUESTS ?? 200);
const concurrencies = [1, 32];
const log = (...args: unknown[]) => console.error('[bench:members]', ...args);

type Auth = (jwt: string) => Record<string, string>;
const anonymous: Auth = () => ({});
const bearer: Auth = (jwt) => ({ authorization: `Bearer ${jwt}` });
// The site's session cookie, as a logged-in browser sends it.
const cookie: Auth = (jwt) => ({ cookie: `na_session=${jwt}` });

/** What is measured: one line per URL, on the CMS or on the site's server-rendered pages. */
interface Case {
  name: string;
  path: string;
  auth: Auth;
  on?: 'site';
}
const cases: Case[] = [
  { name: 'baseline', path: '/api/pages?pagination[pageSize]=25', auth: anonymous },
  // The same list as a logged-in member: what authentication alone costs (token, account, role, permissions).
  { name: 'baseline_member', path: '/api/pages?pagination[pageSize]=25', auth: bearer },
  { name: 'dashboard_api', path: '/api/space/dashboard?locale=fr', auth: bearer },
  { name: 'directory_api', path: '/api/space/directory?q=mar', auth: bearer },
  // The pages members see (the figures the issue names): the endpoints above rendered by the site,
  // which first asks /api/space/me who the cookie belongs to.
  { name: 'dashboard', path: '/espace/', auth: cookie, on: 'site' },
  { name: 'directory', path: '/espace/annuaire?q=mar', auth: cookie, on: 'site' },
];

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** One autocannon run; latencies recorded per response, since autocannon reports no p95 of its own. */
async function run(url: string, connections: number, requests: Array<{ headers: Record<string, string> }>) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 300) instance.stop();
      latencies.push(responseTime);
    });
  });
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / seconds };
}

/** CPU ms per request of each process, over `cpuRequests` requests (after 64 to warm up). */
async function cpuPerRequest(url: string, requests: Array<{ headers: Record<string, string> }>, pids: number[]) {
  const load = (amount = cpuRequests) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ url, connections: 32, amount, requests }, (error, done) => (error ? reject(error) : resolve(done))),
    );
  await load(64);
  const before = pids.map(cpuMsOf);
  const result = await load();
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  return pids.map((pid, i) => {
    const [start, end] = [before[i], cpuMsOf(pid)];
    return start === null || start === undefined || end === null ? null : (end - start) / cpuRequests;
  });
}

async function main() {
  const counted: QueryCount = cases
    .filter((c) => c.on !== 'site')
    .map((c) => ({ name: c.name, path: c.path, bearer: c.auth === bearer }));
  const { process: cms, next } = forkLargeCms(path.join(__dirname, 'server.ts'), {
    BENCH_COUNT: JSON.stringify(counted),
  });
  const ready = await next<Ready>();
  const figures: Record<string, number | string> = {
    members: ready.members,
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
    users: ready.tokens.length,
  };
  // SQL statements per request of each CMS case: the page's cost, whatever else the machine runs.
  for (const c of cases) if (c.on !== 'site') figures[`${c.name}_queries`] = ready.queries[c.name] as number;
  let outDir: string | undefined;
  let site: SiteServer | undefined;
  try {
    log('building the site against the CMS');
    outDir = await buildSite(ready.base);
    site = await startSiteServer(outDir, ready.base);
    const pids = [cms.pid as number, site.pid as number];
    const cpu = new Map<string, Array<Array<number | null>>>(cases.map((c) => [c.name, []]));
    for (let i = 0; i < runs; i += 1) {
      for (const c of cases) {
        const url = (c.on === 'site' ? site.base : ready.base) + c.path;
        log(`${c.name}: CPU time of ${cpuRequests} requests, run ${i + 1} of ${runs}`);
        cpu.get(c.name)?.push(
          await cpuPerRequest(
            url,
            ready.tokens.map((jwt) => ({ headers: c.auth(jwt) })),
            pids,
          ),
        );
      }
    }
    for (const c of cases) {
      const measured = cpu.get(c.name) ?? [];
      const [cmsMs, siteMs] = [0, 1].map((p) => measured.map((m) => m[p]).filter((x): x is number => x !== null));
      if (cmsMs?.length) figures[`${c.name}_cms_cpu_ms`] = Math.round(median(cmsMs) * 100) / 100;
      if (c.on === 'site' && siteMs?.length) figures[`${c.name}_site_cpu_ms`] = Math.round(median(siteMs) * 100) / 100;
    }
    for (const connections of concurrencies) {
      // Runs interleaved case by case, so that a change in the machine's load hits every case alike.
      const results = new Map<string, Array<Awaited<ReturnType<typeof run>>>>(cases.map((c) => [c.name, []]));
      for (let i = 0; i < runs; i += 1) {
        for (const c of cases) {
          // Each connection goes through the members in turn: 32 users, not one user 32 times.
          const requests = ready.tokens.map((jwt) => ({ headers: c.auth(jwt) }));
          const url = (c.on === 'site' ? site.base : ready.base) + c.path;
          log(`${c.name} at ${connections} user(s): run ${i + 1} of ${runs}, ${seconds} s`);
          results.get(c.name)?.push(await run(url, connections, requests));
        }
      }
      const suffix = connections === 1 ? '_1' : '';
      for (const [name, measured] of results) {
        figures[`${name}${suffix}_p50_ms`] = round1(median(measured.map((r) => r.p50)));
        figures[`${name}${suffix}_p95_ms`] = round1(median(measured.map((r) => r.p95)));
        figures[`${name}${suffix}_rps`] = Math.round(median(measured.map((r) => r.rps)));
      }
    }
  } finally {
    await site?.stop();
    removeBuild(outDir);
    cms.send('stop');
  }
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
