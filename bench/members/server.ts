/**
 * The CMS under load, in a process of its own so that the load generator never shares its event
 * loop: seeds the large data set once, listens, logs in the members the load is made as, and
 * tells the parent where it listens and their tokens.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi } from '@strapi/strapi';
import { recordAcceptances } from '../../cms/src/account/acceptances';
import { seedLarge } from '../../database/seed';

export interface Ready {
  base: string;
  members: number;
  tokens: string[];
  /** SQL statements one request of each case makes (the second of two, once caches are warm). */
  queries: Record<string, number>;
}

/** What the load asks the CMS for, as in index.ts's cases (path, logged in or not). */
export type QueryCount = Array<{ name: string; path: string; bearer: boolean }>;

const cmsDir = path.resolve(__dirname, '..', '..', 'cms');
const log = (...args: unknown[]) => console.error('[bench:members:cms]', ...args);

async function main() {
  const members = Number(process.env.BENCH_MEMBERS ?? 40000);
  const users = Number(process.env.BENCH_USERS ?? 32);
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'error';
  const seedStart = Date.now();
  const report = await seedLarge(strapi, { members, seed: 42, log });
  log(report.skipped ? 'dataset already there' : `seeded in ${Date.now() - seedStart} ms`);
  // Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them; a database
  // in service has them, so the measure starts from there.
  if (process.env.DATABASE_URL) await strapi.db.connection.raw('ANALYZE');
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Members with a membership, registrations and notifications (every fourth one has all three).
  const profiles = (await strapi.db.query('api::member-profile.member-profile').findMany({
    select: ['id'],
    populate: { user: { select: ['id'] } },
    orderBy: { id: 'asc' },
    limit: users * 4,
  })) as Array<{ id: number; user: { id: number } }>;
  // Tokens issued like the login route's (which is rate-limited per client: 32 logins in a row would be refused).
  const jwt = strapi.plugin('users-permissions').service('jwt') as { issue(payload: { id: number }): string };
  const measured = profiles.filter((_, i) => i % 4 === 0);
  // They have accepted the charter and privacy notice, as members do on first login (else the site
  // sends them to the welcome page).
  for (const p of measured) await recordAcceptances(strapi, p.id);
  const tokens = measured.map((p) => jwt.issue({ id: p.user.id }));
  // Counted from the database connection's own events: a figure the machine's load cannot blur.
  let statements = 0;
  strapi.db.connection.on('query', () => (statements += 1));
  const queries: Record<string, number> = {};
  for (const { name, path: url, bearer } of JSON.parse(process.env.BENCH_COUNT ?? '[]') as QueryCount) {
    const headers: Record<string, string> = bearer ? { authorization: `Bearer ${tokens[0]}` } : {};
    for (let round = 0; round < 2; round += 1) {
      statements = 0;
      const res = await fetch(base + url, { headers });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await res.arrayBuffer();
    }
    queries[name] = statements;
  }
  const ready: Ready = {
    base,
    members: await strapi.db.query('api::member-profile.member-profile').count(),
    tokens,
    queries,
  };
  process.send?.(ready);
  process.on('message', async (message) => {
    if (message === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
