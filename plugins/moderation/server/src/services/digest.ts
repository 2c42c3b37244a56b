/**
 * The moderators' daily digest (issue 7, signals): a collective's lead or a moderator who chose
 * it on their profile (`moderationMail: 'daily'`) gets no mail per hidden or overdue item, but one
 * mail a day, from 07:00 Paris time, listing the cases waiting for them: pending or appealed,
 * in the collectives they moderate, never about their own messages; none when nothing waits.
 * A unique key (profile, day) sends it at most once a day whichever sweep comes first (the CMS
 * worker's housekeeping, or a read of the queue); a mail that could not be sent frees its key for
 * the next sweep. It names no reporter, like every signal.
 */
import type { Core } from '@strapi/strapi';
import { organisation, spacePath, wallClock, type Locale } from '@notre-asso/config';
import {
  askerOf,
  columnOf,
  isUniqueViolation,
  linkOf,
  MEMBER_UID,
  sendRenderedMail,
  tableOf,
  type RenderedMail,
} from '@notre-asso/plugin-kit';
import { EXCHANGE_SCOPE, asBoolean, knexOf, TABLE, tableOfItem, type ItemKind } from '../store';
import type { CaseRow } from './reports';

/** The hour (Paris time) from which the day's digest is due. */
export const DIGEST_HOUR = 7;
/** Cases listed one by one in a digest; the rest are counted. */
const LISTED = 30;
const USER_UID = 'plugin::users-permissions.user';

export type ModerationMail = 'each' | 'daily';
export const moderationMails: ModerationMail[] = ['each', 'daily'];

interface Chooser {
  profileId: number;
  userId: number;
  email: string;
  roleType: string;
}

/** The Paris day whose digest is due at `now`: today from 07:00, yesterday before. */
export function digestDay(now: Date): string {
  const w = wallClock(now);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day) - (w.hour < DIGEST_HOUR ? 86_400_000 : 0));
  return day.toISOString().slice(0, 10);
}

/** The members who chose the daily digest, with a usable address. */
async function dailyChoosers(strapi: Core.Strapi): Promise<Chooser[]> {
  const account = linkOf(strapi, MEMBER_UID.profile, 'user');
  const role = linkOf(strapi, USER_UID, 'role');
  const rows = (await knexOf(strapi)(`${tableOf(strapi, MEMBER_UID.profile)} as p`)
    .join(`${account.table} as a`, `a.${account.source}`, 'p.id')
    .join(`${tableOf(strapi, USER_UID)} as u`, 'u.id', `a.${account.target}`)
    .leftJoin(`${role.table} as ur`, `ur.${role.source}`, 'u.id')
    .leftJoin(`${tableOf(strapi, 'plugin::users-permissions.role')} as r`, 'r.id', `ur.${role.target}`)
    .where(`p.${columnOf(strapi, MEMBER_UID.profile, 'moderationMail')}`, 'daily')
    .whereNull('p.erased_at')
    .whereNotNull('u.email')
    .select(
      'p.id as profileId',
      'u.id as userId',
      'u.email as email',
      'u.blocked as blocked',
      'r.type as roleType',
    )) as Array<Chooser & { blocked: unknown }>;
  return rows
    .filter((r) => !asBoolean(r.blocked))
    .map((r) => ({ ...r, profileId: Number(r.profileId), userId: Number(r.userId), email: r.email.toLowerCase() }));
}

/** The addresses that get the digest instead of a mail per item. */
export async function digestAddresses(strapi: Core.Strapi): Promise<Set<string>> {
  return new Set((await dailyChoosers(strapi)).map((c) => c.email));
}

/** The mail's language: the one the member was invited in, French otherwise. */
async function languageOf(strapi: Core.Strapi, email: string): Promise<Locale> {
  const invitation = (await strapi.db.query('api::invitation.invitation').findOne({
    where: { email, usedAt: { $notNull: true } },
    select: ['locale'],
    orderBy: { id: 'desc' },
  })) as { locale?: string } | null;
  return invitation?.locale === 'en' ? 'en' : 'fr';
}

interface Waiting extends CaseRow {
  hidden: boolean;
  /** A thread's or an exchange post's title; replies have none. */
  title: string | null;
}

/** The cases waiting for this person, oldest first, and how many there are. */
async function waitingFor(strapi: Core.Strapi, chooser: Chooser) {
  const asker = await askerOf(strapi, { id: chooser.userId, role: { type: chooser.roleType } });
  const everything = chooser.roleType === 'moderator';
  if (!everything && asker.led.length === 0) return null;
  const scoped = () =>
    knexOf(strapi)(TABLE.case)
      .whereIn('state', ['pending', 'appealed'])
      .whereNot('author_id', chooser.profileId)
      .modify((q) => {
        if (!everything) q.whereIn('collective', asker.led);
      });
  const [rows, [{ n }]] = await Promise.all([
    scoped().orderBy('opened_at', 'asc').orderBy('id', 'asc').limit(LISTED) as Promise<CaseRow[]>,
    scoped().count({ n: '*' }) as unknown as Promise<Array<{ n: number | string }>>,
  ]);
  // The listed items, one query per kind: whether hidden, and the title when they have one.
  const items = new Map<string, { hidden: unknown; title?: string }>();
  for (const kind of new Set(rows.map((r) => r.item_kind as ItemKind))) {
    const found = (await knexOf(strapi)(tableOfItem(kind))
      .whereIn(
        'id',
        rows.filter((r) => r.item_kind === kind).map((r) => r.item_id),
      )
      .select(kind === 'reply' ? ['id', 'hidden'] : ['id', 'hidden', 'title'])) as Array<{
      id: number;
      hidden: unknown;
      title?: string;
    }>;
    for (const item of found) items.set(`${kind}:${item.id}`, item);
  }
  const cases: Waiting[] = rows.map((row) => {
    const item = items.get(`${row.item_kind}:${row.item_id}`);
    return { ...row, hidden: asBoolean(item?.hidden), title: item?.title ?? null };
  });
  return { cases, total: Number(n) };
}

/** Collectives' names and slugs, in the recipient's language when they have one. */
async function collectivesNamed(strapi: Core.Strapi, documentIds: string[], locale: Locale) {
  const rows = (await strapi.db.query(MEMBER_UID.collective).findMany({
    where: { documentId: { $in: documentIds } },
    select: ['documentId', 'name', 'slug', 'locale'],
  })) as Array<{ documentId: string; name: string; slug: string; locale: string }>;
  const named = new Map<string, { name: string; slug: string }>();
  for (const r of rows) if (!named.has(r.documentId) || r.locale === locale) named.set(r.documentId, r);
  return named;
}

const wording = {
  fr: {
    subject: (n: number) =>
      n === 1 ? 'Modération : 1 signalement attend votre avis' : `Modération : ${n} signalements attendent votre avis`,
    intro:
      'Voici les signalements qui attendent l’avis d’un modérateur dans ce que vous modérez, les plus anciens d’abord.',
    kinds: { thread: 'Fil de discussion', reply: 'Réponse', exchange: 'Annonce' },
    states: { pending: 'en attente', appealed: 'en appel' },
    reports: (n: number) => (n === 1 ? '1 signalement' : `${n} signalements`),
    since: (h: number) => (h < 48 ? `depuis ${h} h` : `depuis ${Math.floor(h / 24)} jours`),
    hidden: 'masqué',
    exchange: 'Bourse d’échanges (file du panneau d’administration)',
    more: (n: number) => `… et ${n} autres.`,
    queue: (name: string) => `La file de ${name} :`,
    choice: 'Recevoir un courriel par signalement plutôt que ce résumé : votre profil, dans l’espace membre :',
  },
  en: {
    subject: (n: number) => (n === 1 ? 'Moderation: 1 report awaits you' : `Moderation: ${n} reports await you`),
    intro: 'These reports await a moderator in what you moderate, oldest first.',
    kinds: { thread: 'Discussion thread', reply: 'Reply', exchange: 'Exchange post' },
    states: { pending: 'pending', appealed: 'appealed' },
    reports: (n: number) => (n === 1 ? '1 report' : `${n} reports`),
    since: (h: number) => (h < 48 ? `for ${h} h` : `for ${Math.floor(h / 24)} days`),
    hidden: 'hidden',
    exchange: 'Exchange board (the admin panel’s queue)',
    more: (n: number) => `… and ${n} more.`,
    queue: (name: string) => `The queue of ${name}:`,
    choice: 'One e-mail per report instead of this digest: your profile, in the members’ space:',
  },
} as const;

function compose(
  locale: Locale,
  waiting: { cases: Waiting[]; total: number },
  named: Map<string, { name: string; slug: string }>,
  now: Date,
): RenderedMail {
  const w = wording[locale];
  const site = organisation.siteUrl.replace(/\/+$/, '');
  const groups = new Map<string, Waiting[]>();
  for (const c of waiting.cases) groups.set(c.collective, [...(groups.get(c.collective) ?? []), c]);
  const paragraphs: string[] = [w.intro];
  const links: RenderedMail['links'] = [];
  for (const [collective, cases] of groups) {
    const group = collective === EXCHANGE_SCOPE ? null : named.get(collective);
    paragraphs.push(collective === EXCHANGE_SCOPE ? w.exchange : (group?.name ?? collective));
    for (const c of cases) {
      const hours = Math.floor((now.getTime() - new Date(c.opened_at as string).getTime()) / 3_600_000);
      const state = w.states[c.state as 'pending' | 'appealed'];
      paragraphs.push(
        [
          `– ${w.kinds[c.item_kind]} n° ${c.id}${c.title ? ` « ${c.title} »` : ''}`,
          w.reports(c.report_count),
          `${state} ${w.since(hours)}`,
          ...(c.hidden ? [w.hidden] : []),
        ].join(' · '),
      );
    }
    if (group)
      links.push({
        label: w.queue(group.name),
        url: `${site}${spacePath(locale, 'collectives')}${group.slug}/moderation/`,
      });
  }
  if (waiting.total > waiting.cases.length) paragraphs.push(w.more(waiting.total - waiting.cases.length));
  links.push({ label: w.choice, url: `${site}${spacePath(locale, 'profile')}` });
  return { subject: w.subject(waiting.total), paragraphs, links };
}

/** Sends the day's digest to whoever chose it and has cases waiting; returns how many were sent. */
export async function sendDueDigests(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const day = digestDay(now);
  const knex = knexOf(strapi);
  const sentToday = new Set(
    ((await knex(TABLE.digest).where({ day }).select('profile_id')) as Array<{ profile_id: number }>).map((r) =>
      Number(r.profile_id),
    ),
  );
  let sent = 0;
  for (const chooser of await dailyChoosers(strapi)) {
    if (sentToday.has(chooser.profileId)) continue;
    const waiting = await waitingFor(strapi, chooser);
    if (!waiting || waiting.total === 0) continue;
    try {
      await knex(TABLE.digest).insert({ profile_id: chooser.profileId, day, sent_at: now });
    } catch (error) {
      // Another sweep took it first.
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    try {
      const locale = await languageOf(strapi, chooser.email);
      const named = await collectivesNamed(strapi, [...new Set(waiting.cases.map((c) => c.collective))], locale);
      await sendRenderedMail(strapi, chooser.email, locale, compose(locale, waiting, named, now));
      sent += 1;
    } catch (error) {
      await knex(TABLE.digest).where({ profile_id: chooser.profileId, day }).delete();
      strapi.log.error(`[moderation] digest to profile ${chooser.profileId}: ${(error as Error).message}`);
    }
  }
  return sent;
}
