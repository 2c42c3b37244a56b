/**
 * Discussions and the moderation queue at the size of a large organisation: 40,000 members and
 * 500,000 messages (threads and replies), one in twenty reported. Times, over HTTP, a collective's
 * latest threads as a member and the queue filtered by state as a moderator.
 *
 *   DATABASE_URL=postgres://…/moderation_bench_test npm run bench:moderation
 *   BENCH_MEMBERS=5000 BENCH_MESSAGES=50000 npm run bench:moderation   # SQLite under bench/.tmp
 *
 * Progress on stderr; the last stdout line is one JSON object of figures (`threads_p95_ms`,
 * `queue_p95_ms`, their p50, a baseline — the plugin's trivial status route as the same member —
 * and the dataset size). Timings are the median of three runs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { listen, loadLargeCms } from '../support/large-cms';

const members = Number(process.env.BENCH_MEMBERS ?? 40000);
const messages = Number(process.env.BENCH_MESSAGES ?? 500000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const runs = 3;
const log = (...args: unknown[]) => console.error('[bench:moderation]', ...args);

if (!process.env.DATABASE_URL) {
  const dir = path.resolve(__dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_FILENAME = path.join(dir, `moderation-${members}.db`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A deterministic pseudo-random sequence (the same data set at every run). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Messages in bulk, a tenth of the threads in the measured collective (the busiest), the rest
 * spread over the others; replies after their thread; one message in twenty reported, its case
 * pending, upheld or dismissed.
 */
async function seedMessages(strapi: Core.Strapi, collectives: string[], authors: number[]): Promise<void> {
  const knex = strapi.db.connection;
  const existing = Number(((await knex('mod_threads').count({ n: '*' }).first()) as { n: string | number }).n);
  if (existing > 0) return log('messages already there');
  const rand = random(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const threadCount = Math.round(messages / 20);
  const start = Date.UTC(2025, 0, 1);
  const html = '<p>Bonjour à toutes et à tous, <strong>rendez-vous</strong> samedi.</p>';
  const threads = Array.from({ length: threadCount }, (_, i) => {
    const at = new Date(start + i * 60_000);
    return {
      collective: i % 10 === 0 ? (collectives[0] as string) : pick(collectives),
      author_id: pick(authors),
      title: `Fil ${i}`,
      body: 'Bonjour à toutes et à tous, **rendez-vous** samedi.',
      body_html: html,
      hidden: rand() < 0.01,
      reply_count: 19,
      created_at: at,
      last_activity_at: new Date(at.getTime() + 19 * 60_000),
    };
  });
  log(`${threads.length} threads`);
  await knex.batchInsert('mod_threads', threads, 1000);
  const threadRows = (await knex('mod_threads').select('id', 'collective').orderBy('id')) as Array<{
    id: number;
    collective: string;
  }>;
  const replies = threadRows.flatMap((t) =>
    Array.from({ length: 19 }, (_, j) => ({
      thread_id: t.id,
      collective: t.collective,
      author_id: pick(authors),
      body: 'Merci, je viens.',
      body_html: '<p>Merci, je viens.</p>',
      hidden: false,
      created_at: new Date(start + t.id * 60_000 + j * 60_000),
    })),
  );
  log(`${replies.length} replies`);
  for (let i = 0; i < replies.length; i += 50_000)
    await knex.batchInsert('mod_replies', replies.slice(i, i + 50_000), 1000);
  // One message in twenty reported (reply ids follow insertion order, from the first one).
  const states = ['pending', 'upheld', 'dismissed'];
  const firstReply = Number(((await knex('mod_replies').min({ id: 'id' }).first()) as { id: number }).id);
  const reportedItems = [
    ...threadRows.map((t) => ({ item_kind: 'thread', item_id: t.id, collective: t.collective })),
    ...replies.map((r, i) => ({ item_kind: 'reply', item_id: firstReply + i, collective: r.collective })),
  ].filter(() => rand() < 0.05);
  const cases = reportedItems.map((item, i) => ({
    ...item,
    author_id: pick(authors),
    state: states[i % 3],
    version: 1,
    report_count: 1 + (i % 3),
    opened_at: new Date(start + i * 60_000),
  }));
  log(`${cases.length} cases`);
  await knex.batchInsert('mod_cases', cases, 1000);
  if (process.env.DATABASE_URL) await knex.raw('ANALYZE');
}

async function timeRequests(url: string, headers: Record<string, string>) {
  const p95s: number[] = [];
  const p50s: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const latencies: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const started = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    p95s.push(percentile(latencies, 95));
    p50s.push(percentile(latencies, 50));
  }
  return { p50: round1(median(p50s)), p95: round1(median(p95s)) };
}

async function main() {
  const strapi = await loadLargeCms(log);

  // The measured member: an active member of a public collective, reading that collective.
  const membership = (await strapi.db.query('api::membership.membership').findOne({
    where: { state: 'active', collective: { visibility: 'public', kind: 'local' } },
    populate: { collective: { select: ['documentId'] }, profile: { populate: { user: { select: ['id'] } } } },
    orderBy: { id: 'asc' },
  })) as { collective: { documentId: string }; profile: { id: number; user: { id: number } } };
  const others = (await strapi.db.query('api::collective.collective').findMany({
    where: { locale: 'fr', publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as Array<{ documentId: string }>;
  const collectives = [
    membership.collective.documentId,
    ...others.map((c) => c.documentId).filter((id) => id !== membership.collective.documentId),
  ];
  const authors = (
    (await strapi.db
      .connection(strapi.db.metadata.get('api::member-profile.member-profile').tableName)
      .select('id')) as Array<{
      id: number;
    }>
  ).map((r) => r.id);
  const messagesStart = Date.now();
  await seedMessages(strapi, collectives, authors);
  log(`messages ready in ${Date.now() - messagesStart} ms`);

  // The moderator: another member given the moderator role.
  const moderatorRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'moderator' } });
  const moderator = (await strapi.db.query('plugin::users-permissions.user').findOne({
    where: { id: { $ne: membership.profile.user.id }, role: { type: { $in: ['authenticated', 'moderator'] } } },
    orderBy: { id: 'desc' },
  })) as { id: number };
  await strapi.db
    .query('plugin::users-permissions.user')
    .update({ where: { id: moderator.id }, data: { role: moderatorRole.id } });

  const base = `${await listen(strapi)}/api/moderation`;
  const jwt = strapi.plugin('users-permissions').service('jwt') as { issue(payload: { id: number }): string };
  const bearer = (id: number) => ({ Authorization: `Bearer ${jwt.issue({ id })}` });

  const knex = strapi.db.connection;
  const count = async (table: string) => Number(((await knex(table).count({ n: '*' }).first()) as { n: string }).n);
  const figures: Record<string, number | string> = {
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
    members: await strapi.db.query('api::member-profile.member-profile').count(),
    messages: (await count('mod_threads')) + (await count('mod_replies')),
    cases: await count('mod_cases'),
  };
  // What any logged-in request costs here (token, account, role) before the plugin's own work.
  log(`baseline (plugin status as a member): ${runs} runs of ${requests} requests`);
  const baseline = await timeRequests(`${base}/status`, bearer(membership.profile.user.id));
  log(`threads of a collective: ${runs} runs of ${requests} requests`);
  const threads = await timeRequests(
    `${base}/collectives/${membership.collective.documentId}/threads`,
    bearer(membership.profile.user.id),
  );
  log(`queue by state: ${runs} runs of ${requests} requests`);
  const queue = await timeRequests(`${base}/queue?state=pending`, bearer(moderator.id));
  figures.baseline_p50_ms = baseline.p50;
  figures.baseline_p95_ms = baseline.p95;
  figures.threads_p50_ms = threads.p50;
  figures.threads_p95_ms = threads.p95;
  figures.queue_p50_ms = queue.p50;
  figures.queue_p95_ms = queue.p95;
  await strapi.destroy();
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
