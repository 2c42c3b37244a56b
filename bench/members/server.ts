/**
 * The CMS under load, in a process of its own so that the load generator never shares its event
 * loop: seeds the large data set once, listens, logs in the members the load is made as, and
 * tells the parent where it listens and their tokens.
 */
import { recordAcceptances } from '../../cms/src/account/acceptances';
import { bootLargeCms, tokensOf } from '../support/large-cms';

export interface Ready {
  base: string;
  members: number;
  tokens: string[];
  /** SQL statements one request of each case makes (the second of two, once caches are warm). */
  queries: Record<string, number>;
}

/** What the load asks the CMS for, as in index.ts's cases (path, logged in or not). */
export type QueryCount = Array<{ name: string; path: string; bearer: boolean }>;

async function main() {
  const users = Number(process.env.BENCH_USERS ?? 32);
  const { strapi, base } = await bootLargeCms('bench:members');

  // Members with a membership, registrations and notifications (every fourth one has all three).
  const profiles = (await strapi.db.query('api::member-profile.member-profile').findMany({
    select: ['id'],
    populate: { user: { select: ['id'] } },
    orderBy: { id: 'asc' },
    limit: users * 4,
  })) as Array<{ id: number; user: { id: number } }>;
  const measured = profiles.filter((_, i) => i % 4 === 0);
  // They have accepted the charter and privacy notice, as members do on first login (else the site
  // sends them to the welcome page).
  for (const p of measured) await recordAcceptances(strapi, p.id);
  const tokens = tokensOf(
    strapi,
    measured.map((p) => p.user.id),
  );
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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
