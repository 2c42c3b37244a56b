/**
 * Signals to moderators by e-mail (issue 7): when an item reaches the hiding threshold, and when
 * a case has waited longer than `overdueHours`. An item's moderators are its collective's leads
 * and the national moderators, never its author; the mail names no reporter. The overdue sweep
 * needs no cron: a read of threads or of the queue starts it, at most every few minutes, and a
 * unique key on (case, signal) mails each case at most once, whichever process sweeps. Whoever
 * chose the daily digest (digest.ts) gets neither mail: the digest lists the case instead.
 */
import type { Core } from '@strapi/strapi';
import { isUniqueViolation, sendRenderedMail } from '@notre-asso/plugin-kit';
import { settingsOf } from '../settings';
import { knexOf, TABLE } from '../store';
import { digestAddresses, sendDueDigests } from './digest';
import type { CaseRow } from './reports';

const SWEEP_EVERY_MS = 5 * 60_000;
let lastSweep = 0;

interface Person {
  email: string;
  blocked?: boolean | null;
}

/** The e-mail addresses of whoever moderates a collective's items, the author excepted. */
async function moderatorsOf(strapi: Core.Strapi, collective: string, authorId: number): Promise<string[]> {
  const collectives = (await strapi.db.query('api::collective.collective').findMany({
    where: { documentId: collective },
    populate: { leads: { populate: { user: { select: ['email', 'blocked'] } } } },
  })) as Array<{ leads?: Array<{ user?: Person | null }> }>;
  const leads = collectives.flatMap((c) => c.leads ?? []).flatMap((l) => (l.user ? [l.user] : []));
  const moderators = (await strapi.db.query('plugin::users-permissions.user').findMany({
    where: { role: { type: 'moderator' } },
    select: ['email', 'blocked'],
  })) as Person[];
  const author = (await strapi.db.query('api::member-profile.member-profile').findOne({
    where: { id: authorId },
    populate: { user: { select: ['email'] } },
  })) as { user?: Person | null } | null;
  const daily = await digestAddresses(strapi);
  const emails = [...leads, ...moderators].filter(
    (u) => !u.blocked && u.email !== author?.user?.email && !daily.has(u.email.toLowerCase()),
  );
  return [...new Set(emails.map((u) => u.email))];
}

const itemNames = {
  thread: 'Un fil de discussion',
  reply: 'Une réponse',
  exchange: 'Une annonce de la bourse d’échanges',
};
const itemName = (row: CaseRow) => itemNames[row.item_kind];

async function mailModerators(strapi: Core.Strapi, row: CaseRow, subject: string, paragraph: string) {
  for (const to of await moderatorsOf(strapi, row.collective, row.author_id))
    await sendRenderedMail(strapi, to, 'fr', {
      subject,
      paragraphs: [paragraph, `Signalement n° ${row.id} (${row.item_kind} ${row.item_id}) dans la file de modération.`],
    });
}

/** After the commit of the report that hid an item. */
export async function signalHidden(strapi: Core.Strapi, row: CaseRow, reports: number): Promise<void> {
  await mailModerators(
    strapi,
    row,
    'Un message masqué attend votre avis',
    `${itemName(row)} a été masqué·e après ${reports} signalements distincts, en attendant l’avis d’un modérateur.`,
  );
}

/** Mails about every pending case older than `overdueHours` not yet signalled; returns how many. */
export async function sweepOverdue(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const { overdueHours } = settingsOf(strapi);
  const knex = knexOf(strapi);
  const overdue = (await knex(`${TABLE.case} as c`)
    .leftJoin(`${TABLE.signal} as s`, (j) => j.on('s.case_id', 'c.id').andOnVal('s.signal', 'overdue'))
    .where('c.state', 'pending')
    .andWhere('c.opened_at', '<', new Date(now.getTime() - overdueHours * 3_600_000))
    .whereNull('s.id')
    .select('c.*')
    .limit(100)) as CaseRow[];
  let sent = 0;
  for (const row of overdue) {
    try {
      await knex(TABLE.signal).insert({ case_id: row.id, signal: 'overdue', sent_at: now });
    } catch (error) {
      // Another sweep claimed it first.
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    await mailModerators(
      strapi,
      row,
      `Un signalement attend depuis plus de ${overdueHours} heures`,
      `${itemName(row)} signalé·e attend l’avis d’un modérateur depuis plus de ${overdueHours} heures.`,
    );
    sent += 1;
  }
  return sent;
}

/** The cheap check at request time: a sweep in the background, at most every few minutes. */
export function sweepSoon(strapi: Core.Strapi): void {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  sweepOverdue(strapi)
    .then(() => sendDueDigests(strapi))
    .catch((error: Error) => strapi.log.error(`[moderation] overdue sweep: ${error.message}`));
}
