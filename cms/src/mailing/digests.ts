/**
 * Digests: a member who chose a daily or weekly digest (`mailFrequency`) gets, instead of one mail
 * per brief, one mail per period listing what is new in the collectives they follow by e-mail:
 * briefs published, upcoming events published, and discussion threads started or replied to.
 *
 * Schedule (Europe/Paris time): the daily digest covers the previous day (midnight to midnight)
 * and is due from 07:00; the weekly one covers Monday to Sunday and is due from Monday 07:00. The
 * worker's housekeeping queues the last period that is due; a period is one mailing (key
 * `digest:<frequency>-<first day>`) with one row per member who has something new, so running it
 * again, or from two workers, queues nothing more. A period missed while the CMS was down longer
 * than the next one is not caught up. The content is computed again when each mail is sent, from
 * the same period, so it is the same.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale, organisation, timeZone, wallClock, type Locale } from '@notre-asso/config';
import { renderMail } from '../mail';
import { columnOf, knexOf, linkOf, tableOf, UID } from '../space/tables';
import { messageIdOf, type OutgoingMail } from './compose';
import type { Claimed, Prepared } from './kinds';
import { languagesOf, mailingKeyOf, messageKeyOf, queueMailing, type QueuedMailing } from './queue';
import { tables } from './store';
import { unsubscribeUrl } from './unsubscribe';

export type Frequency = 'each' | 'daily' | 'weekly';
export type DigestFrequency = Exclude<Frequency, 'each'>;
export const frequencies: Frequency[] = ['each', 'daily', 'weekly'];
/** The hour (Paris time) from which a period's digest is due. */
export const DIGEST_HOUR = 7;
const DAY_MS = 24 * 3600 * 1000;

export interface Period {
  frequency: DigestFrequency;
  /** `daily-2026-12-05`, `weekly-2026-11-30`: the first day, in Paris. */
  key: string;
  start: Date;
  end: Date;
}

/** A calendar day (UTC fields used as plain date parts). */
type Day = Date;

/** The Paris calendar day (as a UTC date) and hour of an instant. */
function parisDay(at: Date): { day: Day; hour: number } {
  const w = wallClock(at);
  return { day: new Date(Date.UTC(w.year, w.month - 1, w.day)), hour: w.hour };
}

/** The instant of a Paris wall-clock time on a day (twice through the offset, for the DST changes). */
function parisInstant(day: Day, hour: number): Date {
  const wall = day.getTime() + hour * 3600 * 1000;
  let guess = wall;
  for (let i = 0; i < 2; i += 1) {
    const w = wallClock(new Date(guess));
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    guess += wall - shown;
  }
  return new Date(guess);
}

const addDays = (day: Day, n: number): Day => new Date(day.getTime() + n * DAY_MS);
const isoDay = (day: Day) => day.toISOString().slice(0, 10);

/** The last period whose digest is due at `now`. */
export function duePeriod(frequency: DigestFrequency, now: Date): Period {
  const { day, hour } = parisDay(now);
  // The day whose 07:00 has passed most recently.
  const sendDay = hour >= DIGEST_HOUR ? day : addDays(day, -1);
  // Monday is 1 in getUTCDay; the week's digest is sent on Mondays.
  const back = frequency === 'daily' ? 0 : (sendDay.getUTCDay() + 6) % 7;
  const endDay = addDays(sendDay, -back);
  const startDay = addDays(endDay, frequency === 'daily' ? -1 : -7);
  return {
    frequency,
    key: `${frequency}-${isoDay(startDay)}`,
    start: parisInstant(startDay, 0),
    end: parisInstant(endDay, 0),
  };
}

/** The period a digest mailing's item names. */
export function periodOf(item: string): Period | null {
  const match = /^(daily|weekly)-(\d{4}-\d{2}-\d{2})$/.exec(item);
  if (!match) return null;
  const frequency = match[1] as DigestFrequency;
  const startDay = new Date(`${match[2]}T00:00:00Z`);
  const endDay = addDays(startDay, frequency === 'daily' ? 1 : 7);
  return { frequency, key: item, start: parisInstant(startDay, 0), end: parisInstant(endDay, 0) };
}

interface Activity {
  briefs: Array<{ documentId: string; title: string; locale: string; collective: string }>;
  events: Array<{ documentId: string; title: string; locale: string; collective: string; startsAt: unknown }>;
  threads: Array<{ id: number; title: string; collective: string; replies: number; isNew: boolean }>;
}

/** What is new in these collectives (documentIds) during the period. */
async function activityIn(strapi: Core.Strapi, collectives: string[], period: Period): Promise<Activity> {
  if (collectives.length === 0) return { briefs: [], events: [], threads: [] };
  const db = knexOf(strapi);
  const collectiveTable = tableOf(strapi, UID.collective);
  const published = (uid: string, dateColumn: string, extra: (q: ReturnType<typeof db>) => void) => {
    const link = linkOf(strapi, uid, 'collective');
    const q = db(`${tableOf(strapi, uid)} as x`)
      .join(`${link.table} as l`, `l.${link.source}`, 'x.id')
      .join(`${collectiveTable} as c`, 'c.id', `l.${link.target}`)
      .whereIn('c.document_id', collectives)
      .whereNotNull('x.published_at')
      .where(`x.${dateColumn}`, '>=', period.start)
      .where(`x.${dateColumn}`, '<', period.end);
    extra(q);
    return q.distinct(
      'x.document_id as documentId',
      `x.${columnOf(strapi, uid, 'title')} as title`,
      'x.locale as locale',
      'c.slug as collective',
    );
  };
  const startsAt = columnOf(strapi, UID.event, 'startsAt');
  const [briefs, events, threads, replies] = await Promise.all([
    published(UID.brief, columnOf(strapi, UID.brief, 'publicationDate'), () => undefined),
    published(UID.event, 'published_at', (q) => {
      q.where(`x.${startsAt}`, '>=', period.end).select(`x.${startsAt} as startsAt`);
    }),
    db('mod_threads as t')
      .join(`${collectiveTable} as c`, 'c.document_id', 't.collective')
      .whereIn('t.collective', collectives)
      .where('t.hidden', false)
      .where('t.last_activity_at', '>=', period.start)
      .distinct('t.id as id', 't.title as title', 't.created_at as createdAt', 'c.slug as collective'),
    db('mod_replies')
      .whereIn('collective', collectives)
      .where('hidden', false)
      .where('created_at', '>=', period.start)
      .where('created_at', '<', period.end)
      .groupBy('thread_id')
      .select('thread_id as threadId')
      .count({ n: '*' }),
  ]);
  const repliesOf = new Map(
    (replies as Array<{ threadId: number; n: number | string }>).map((r) => [Number(r.threadId), Number(r.n)]),
  );
  const inPeriod = (at: unknown) => {
    const t = new Date(at as string).getTime();
    return t >= period.start.getTime() && t < period.end.getTime();
  };
  return {
    briefs: briefs as Activity['briefs'],
    events: events as Activity['events'],
    threads: (threads as Array<{ id: number; title: string; createdAt: unknown; collective: string }>)
      .map((t) => ({ ...t, replies: repliesOf.get(Number(t.id)) ?? 0, isNew: inPeriod(t.createdAt) }))
      .filter((t) => t.isNew || t.replies > 0),
  };
}

const isEmpty = (a: Activity) => a.briefs.length + a.events.length + a.threads.length === 0;

/** Members on this frequency, with a usable address, and the collectives they follow by e-mail. */
async function subscribersOf(strapi: Core.Strapi, frequency: DigestFrequency, profileIds?: number[]) {
  const db = knexOf(strapi);
  const mailed = linkOf(strapi, UID.profile, 'mailedCollectives');
  const account = linkOf(strapi, UID.profile, 'user');
  const q = db(`${tableOf(strapi, UID.profile)} as p`)
    .join(`${mailed.table} as m`, `m.${mailed.source}`, 'p.id')
    .join(`${tableOf(strapi, UID.collective)} as c`, 'c.id', `m.${mailed.target}`)
    .join(`${account.table} as a`, `a.${account.source}`, 'p.id')
    .join(`${tableOf(strapi, UID.user)} as u`, 'u.id', `a.${account.target}`)
    .where(`p.${columnOf(strapi, UID.profile, 'mailFrequency')}`, frequency)
    .whereNull('p.erased_at')
    .whereNotNull('u.email')
    .where((w) => w.where('u.blocked', false).orWhereNull('u.blocked'));
  if (profileIds) q.whereIn('p.id', profileIds);
  const rows = (await q.distinct(
    'p.id as profileId',
    'p.document_id as profileDocumentId',
    'u.email as email',
    'c.document_id as collective',
  )) as Array<{ profileId: number; profileDocumentId: string; email: string; collective: string }>;
  const members = new Map<number, { profileDocumentId: string; email: string; collectives: string[] }>();
  for (const r of rows) {
    const m = members.get(r.profileId) ?? { profileDocumentId: r.profileDocumentId, email: r.email, collectives: [] };
    m.collectives.push(r.collective);
    members.set(r.profileId, m);
  }
  return members;
}

/** Queues the due period of each frequency, once; returns the mailings it created. */
export async function queueDueDigests(strapi: Core.Strapi, now = new Date()): Promise<QueuedMailing[]> {
  const t = tables(strapi);
  const created: QueuedMailing[] = [];
  for (const frequency of ['daily', 'weekly'] as const) {
    const period = duePeriod(frequency, now);
    const key = mailingKeyOf('digest', period.key);
    if (await t.db(t.mailings).where(t.m.key, key).first('id')) continue;
    const [members, languages] = await Promise.all([subscribersOf(strapi, frequency), languagesOf(strapi)]);
    const everyCollective = [...new Set([...members.values()].flatMap((m) => m.collectives))];
    const activity = await activityIn(strapi, everyCollective, period);
    const active = new Set([...activity.briefs, ...activity.events, ...activity.threads].map((a) => a.collective));
    const slugOf = await slugsOf(strapi, everyCollective);
    const recipients = [...members]
      .filter(([, m]) => m.collectives.some((c) => active.has(slugOf.get(c) ?? '')))
      .map(([profileId, m]) => ({
        key: messageKeyOf(key, profileId),
        email: m.email,
        language: languages.get(m.email.toLowerCase()) ?? defaultLocale,
        profileId,
      }));
    const mailing = await queueMailing(strapi, 'digest', period.key, recipients);
    if (mailing.created) created.push(mailing);
  }
  return created;
}

async function slugsOf(strapi: Core.Strapi, documentIds: string[]): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const rows = (await knexOf(strapi)(tableOf(strapi, UID.collective))
    .whereIn('document_id', documentIds)
    .distinct('document_id as documentId', 'slug')) as Array<{ documentId: string; slug: string }>;
  return new Map(rows.map((r) => [r.documentId, r.slug]));
}

const wording = {
  fr: {
    subject: { daily: 'Votre résumé du jour', weekly: 'Votre résumé de la semaine' },
    intro: {
      daily: 'Voici ce qui est nouveau hier dans les collectifs que vous suivez par courriel.',
      weekly: 'Voici ce qui est nouveau cette semaine dans les collectifs que vous suivez par courriel.',
    },
    brief: 'Brève',
    event: 'Événement',
    thread: 'Discussion',
    newThread: 'nouvelle',
    replies: (n: number) => (n === 1 ? '1 nouvelle réponse' : `${n} nouvelles réponses`),
    settings: 'Choisir une brève par courriel ou un résumé dans votre espace membre :',
    stopAll: 'Ne plus recevoir aucun courriel de notre part :',
  },
  en: {
    subject: { daily: 'Your daily digest', weekly: 'Your weekly digest' },
    intro: {
      daily: 'Here is what was new yesterday in the collectives you follow by e-mail.',
      weekly: 'Here is what was new this week in the collectives you follow by e-mail.',
    },
    brief: 'Brief',
    event: 'Event',
    thread: 'Discussion',
    newThread: 'new',
    replies: (n: number) => (n === 1 ? '1 new reply' : `${n} new replies`),
    settings: 'Choose one mail per brief or a digest in your members’ space:',
    stopAll: 'Stop receiving any e-mail from us:',
  },
} as const;

/** One version per document: the recipient's language, else the default one, else any. */
function inLanguage<T extends { documentId: string; locale: string }>(items: T[], language: Locale): T[] {
  const chosen = new Map<string, T>();
  const rank = (l: string) => (l === language ? 0 : l === defaultLocale ? 1 : 2);
  for (const item of items) {
    const kept = chosen.get(item.documentId);
    if (!kept || rank(item.locale) < rank(kept.locale)) chosen.set(item.documentId, item);
  }
  return [...chosen.values()];
}

export function digestMail(
  period: Period,
  activity: Activity,
  recipient: { key: string; address: string; language: Locale; profileDocumentId: string },
): OutgoingMail {
  const locale = recipient.language;
  const words = wording[locale];
  const site = `${organisation.siteUrl.replace(/\/+$/, '')}${locale === defaultLocale ? '' : `/${locale}`}`;
  const news = locale === defaultLocale ? 'actualites' : 'news';
  const space = locale === defaultLocale ? '/espace' : '/space';
  const stopAll = unsubscribeUrl({ profile: recipient.profileDocumentId, scope: 'all' }, locale);
  const dateOf = (at: unknown) =>
    new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(at as string));
  const references = [
    ...inLanguage(activity.briefs, locale).map((b) => ({
      label: `${words.brief} · ${b.title}`,
      url: `${site}/c/${b.collective}/${news}/#${b.documentId}`,
    })),
    ...inLanguage(activity.events, locale).map((e) => ({
      label: `${words.event} · ${dateOf(e.startsAt)} · ${e.title}`,
      url: `${site}${space}/${locale === defaultLocale ? 'agenda' : 'events'}/${e.documentId}/`,
    })),
    ...activity.threads.map((th) => ({
      label: `${words.thread} · ${th.title} (${[th.isNew ? words.newThread : '', th.replies ? words.replies(th.replies) : ''].filter(Boolean).join(', ')})`,
      url: `${site}${space}/${locale === defaultLocale ? 'collectifs' : 'collectives'}/${th.collective}/discussions/${th.id}/`,
    })),
  ];
  const rendered = renderMail(locale, {
    subject: `${words.subject[period.frequency]} — ${organisation.name}`,
    paragraphs: [words.intro[period.frequency]],
    references,
    links: [
      { label: words.settings, url: `${site}${space}/${locale === defaultLocale ? 'profil' : 'profile'}/` },
      { label: words.stopAll, url: stopAll },
    ],
  });
  return {
    to: recipient.address,
    ...rendered,
    messageId: messageIdOf(recipient.key),
    headers: { 'List-Unsubscribe': `<${stopAll}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Just before sending: each member still on this frequency gets what is new for them, or nothing. */
export async function prepareDigests(strapi: Core.Strapi, rows: Claimed[], period: Period | null): Promise<Prepared[]> {
  if (!period) return rows.map(() => ({ skip: 'not a digest period' }));
  const ids = rows.flatMap((r) => (r.profileId === null ? [] : [r.profileId]));
  const members = await subscribersOf(strapi, period.frequency, ids);
  return Promise.all(
    rows.map(async (row) => {
      const member = row.profileId === null ? undefined : members.get(row.profileId);
      if (!member) return { skip: 'no longer on this digest' };
      const activity = await activityIn(strapi, member.collectives, period);
      if (isEmpty(activity)) return { skip: 'nothing new' };
      return digestMail(period, activity, { ...row, profileDocumentId: member.profileDocumentId });
    }),
  );
}
