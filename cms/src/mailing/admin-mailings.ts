/**
 * The admin panel's view of the outbox (issue 8, "Progress"): recent mailings with their counts
 * and the last error of each failed recipient, and retrying a mailing's failed mails.
 */
import type { Core } from '@strapi/strapi';
import { Conflict, InvalidRequest, NotFound } from '@notre-asso/plugin-kit';
import { UID } from '../space/tables';
import { countsOf } from './controls';
import { NEWSLETTER, tables, type MailingKind, type Tables } from './store';
import { refreshMailing } from './worker';

const PAGE = 50;
/** Failed recipients shown per mailing: enough to see what went wrong, never a whole list. */
const FAILURES_SHOWN = 20;
const mailingKinds: MailingKind[] = ['brief', 'newsletter', 'confirmation'];

/** Titles of briefs and newsletters by documentId, in French when they have it. */
async function titlesOf(strapi: Core.Strapi, uid: string, field: string, ids: string[]) {
  const titles = new Map<string, string>();
  if (ids.length === 0) return titles;
  const rows = (await strapi.db.query(uid as typeof UID.brief).findMany({
    where: { documentId: { $in: ids } },
    select: ['documentId', field, 'locale'],
  })) as Array<Record<string, string>>;
  for (const row of rows)
    if (!titles.has(row.documentId) || row.locale === 'fr') titles.set(row.documentId, row[field]);
  return titles;
}

async function failuresOf(t: Tables, keys: string[]) {
  if (keys.length === 0) return [];
  const { db, outbox, o } = t;
  // The first failures of each mailing, numbered per mailing in SQL (both databases have window functions).
  const ranked = db(outbox)
    .whereIn(o.mailingKey, keys)
    .where(o.state, 'failed')
    .select({
      mailingKey: o.mailingKey,
      address: o.address,
      attempts: o.attempts,
      lastError: o.lastError,
      at: 'updated_at',
      n: db.raw('row_number() over (partition by ?? order by id)', [o.mailingKey]),
    });
  return (await db.from(ranked.as('f')).where('n', '<=', FAILURES_SHOWN).orderBy('n')) as Array<{
    mailingKey: string;
    address: string;
    attempts: number | string;
    lastError: string | null;
    at: unknown;
  }>;
}

export async function recentMailings(strapi: Core.Strapi, query: Record<string, unknown>) {
  const kind = query.kind === undefined || query.kind === '' ? null : query.kind;
  if (kind !== null && !mailingKinds.includes(kind as MailingKind))
    throw new InvalidRequest(
      `kind doit valoir ${mailingKinds.join(', ')}.`,
      `kind must be one of ${mailingKinds.join(', ')}.`,
    );
  const t = tables(strapi);
  const { db, mailings, m } = t;
  const withFailures = query.failures === 'true' || query.failures === '1';
  const select = () =>
    db(mailings)
      .modify((q) => {
        if (kind) q.where(m.kind, kind);
        if (withFailures) q.where(m.failed, '>', 0);
      })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE);
  // Counts of mailings still running or paused move: bring them up to date before showing them.
  for (const row of (await select().whereNot(m.state, 'finished').select(m.key)) as Array<Record<string, string>>)
    await refreshMailing(t, row[m.key]);
  const rows = (await select()) as Array<Record<string, unknown>>;
  const itemsOf = (k: MailingKind) => rows.filter((r) => r[m.kind] === k).map((r) => String(r[m.item]));
  const [briefs, newsletters, failures] = await Promise.all([
    titlesOf(strapi, UID.brief, 'title', itemsOf('brief')),
    titlesOf(strapi, NEWSLETTER, 'subject', itemsOf('newsletter')),
    failuresOf(
      t,
      rows.filter((r) => Number(r[m.failed]) > 0).map((r) => String(r[m.key])),
    ),
  ]);
  return rows.map((row) => {
    const item = String(row[m.item]);
    const key = String(row[m.key]);
    const title =
      row[m.kind] === 'brief' ? briefs.get(item) : row[m.kind] === 'newsletter' ? newsletters.get(item) : null;
    return {
      id: Number(row.id),
      kind: row[m.kind] as MailingKind,
      item,
      title: title ?? null,
      createdAt: new Date(row.created_at as string).toISOString(),
      ...countsOf(t, row),
      failures: failures
        .filter((f) => f.mailingKey === key)
        .map((f) => ({
          address: f.address,
          attempts: Number(f.attempts),
          lastError: f.lastError,
          at: f.at == null ? null : new Date(f.at as string).toISOString(),
        })),
    };
  });
}

/**
 * Puts a mailing's failed mails back in the queue, due now with a fresh count of attempts, and the
 * mailing back to running if it had finished: one transaction, so the counts never disagree with
 * the rows. A paused mailing stays paused (its mails go when it is resumed).
 */
export async function retryFailed(strapi: Core.Strapi, id: number | null) {
  const t = tables(strapi);
  const { db, outbox, o, mailings, m } = t;
  const retried = await strapi.db.transaction(async ({ trx }) => {
    const row = id === null ? undefined : await db(mailings).transacting(trx).where({ id }).first();
    if (!row) throw new NotFound('Cet envoi n’existe pas.', 'No such mailing.');
    const now = new Date();
    const count = await db(outbox)
      .transacting(trx)
      .where(o.mailingKey, row[m.key])
      .where(o.state, 'failed')
      .update({ [o.state]: 'queued', [o.attempts]: 0, [o.nextAttemptAt]: now, [o.claimedAt]: null, updated_at: now });
    if (count === 0)
      throw new Conflict(
        'Cet envoi n’a aucun courriel en échec à renvoyer.',
        'This mailing has no failed mail to retry.',
      );
    await db(mailings)
      .transacting(trx)
      .where({ id: row.id })
      .update({
        [m.failed]: db.raw('?? - ?', [m.failed, count]),
        [m.state]: row[m.state] === 'finished' ? 'running' : row[m.state],
        [m.finishedAt]: null,
        updated_at: now,
      });
    return count;
  });
  const row = (await db(mailings).where({ id }).first()) as Record<string, unknown>;
  return { id, retried, ...countsOf(t, row) };
}
