/**
 * Digests instead of one mail per brief: the Paris-time schedule, members on a digest left out of
 * the brief's own mailing, one digest row per member with something new (briefs, upcoming events,
 * discussion activity), queued once however often the run repeats, sent through the outbox with
 * the unsubscribe link and headers in French and English, and the choice in the members' space.
 */
import type { Core } from '@strapi/strapi';
import type { ParsedMail } from 'mailparser';
import { duePeriod, periodOf, queueDueDigests } from '../cms/src/mailing/digests';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createFollowers, removeFollowers, type Follower } from './support/followers';
import { collectiveId } from './support/members';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

const BRIEF = 'api::brief.brief';
const EVENT = 'api::event.event';
const PROFILE = 'api::member-profile.member-profile';

let strapi: Core.Strapi;
let inbox: Inbox;
let solar: string;
let people: Follower[] = [];
const briefs: string[] = [];
const events: string[] = [];
const digestKeys: string[] = [];
const invitations: number[] = [];

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  solar = await collectiveId(strapi, 'solaire-citoyen');
});
afterAll(async () => {
  if (strapi) {
    await strapi.db.connection('mod_threads').where('title', 'like', `Fil du résumé ${process.pid}%`).delete();
    await removeFollowers(strapi, people);
    for (const key of [...briefs.map((b) => `brief:${b}`), ...digestKeys]) {
      await strapi.db.connection('outbox').where('mailing_key', key).delete();
      await strapi.db.connection('mailings').where('key', key).delete();
    }
    for (const documentId of briefs) await strapi.documents(BRIEF).delete({ documentId, locale: '*' });
    for (const documentId of events) await strapi.documents(EVENT).delete({ documentId, locale: '*' });
    for (const id of invitations) await strapi.db.query('api::invitation.invitation').delete({ where: { id } });
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

test('the schedule, in Paris time: yesterday from 07:00, last week from Monday 07:00, across the time changes', () => {
  // 07:30 in Paris on Sunday 6 December 2026 (UTC+1).
  expect(duePeriod('daily', new Date('2026-12-06T06:30:00Z'))).toEqual({
    frequency: 'daily',
    key: 'daily-2026-12-05',
    start: new Date('2026-12-04T23:00:00Z'),
    end: new Date('2026-12-05T23:00:00Z'),
  });
  // 06:59 in Paris: the day before yesterday's digest is still the last one due.
  expect(duePeriod('daily', new Date('2026-12-06T05:59:00Z')).key).toBe('daily-2026-12-04');
  // Monday 7 December, 07:00 in Paris: the week of 30 November.
  expect(duePeriod('weekly', new Date('2026-12-07T06:00:00Z'))).toMatchObject({
    key: 'weekly-2026-11-30',
    start: new Date('2026-11-29T23:00:00Z'),
    end: new Date('2026-12-06T23:00:00Z'),
  });
  expect(duePeriod('weekly', new Date('2026-12-07T05:00:00Z')).key).toBe('weekly-2026-11-23');
  // 29 March 2026 is 23 hours long in Paris (summer time from 02:00).
  const short = duePeriod('daily', new Date('2026-03-30T06:00:00Z'));
  expect(short).toMatchObject({ key: 'daily-2026-03-29', start: new Date('2026-03-28T23:00:00Z') });
  expect(short.end).toEqual(new Date('2026-03-29T22:00:00Z'));
  expect(periodOf(short.key)).toEqual(short);
  expect(periodOf('hourly-2026-03-29')).toBeNull();
});

const setFrequency = (profile: Follower, mailFrequency: string) =>
  strapi.db.query(PROFILE).update({ where: { id: profile.profileId }, data: { mailFrequency } });

async function asEnglishReader(person: Follower) {
  const made = (await strapi.db.query('api::invitation.invitation').create({
    data: {
      email: person.email,
      displayName: 'English reader',
      locale: 'en',
      tokenHash: `digest-${process.pid}-${Date.now()}`,
      expiresAt: new Date(Date.now() + 86400000),
      usedAt: new Date(),
    },
  })) as { id: number };
  invitations.push(made.id);
}

/** A time at which the period holding `at` is the one due. */
const dueAfter = (frequency: 'daily' | 'weekly', at: Date) => {
  for (let t = at.getTime(); ; t += 3600 * 1000) {
    const period = duePeriod(frequency, new Date(t));
    if (period.start <= at && at < period.end) return new Date(t);
  }
};

const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim() ?? '';

test('members on a digest: no mail per brief, one digest per period with what is new, queued once', async () => {
  people = await createFollowers(strapi, solar, 4, 'digest');
  const [daily, weekly, each, idle] = people as [Follower, Follower, Follower, Follower];
  await setFrequency(daily, 'daily');
  await setFrequency(weekly, 'weekly');
  await setFrequency(idle, 'daily');
  await asEnglishReader(weekly);
  // The idle one follows nothing by e-mail any more: nothing new for them.
  await strapi.documents(PROFILE).update({
    documentId: idle.documentId,
    data: { mailedCollectives: { disconnect: [solar] } } as never,
  });

  const now = new Date();
  const title = `Brève du résumé ${process.pid}`;
  const brief = await strapi.documents(BRIEF).create({
    data: { title, body: 'Texte.', collective: solar, publicationDate: now.toISOString() } as never,
    locale: 'fr',
    status: 'published',
  });
  briefs.push(brief.documentId);
  const event = await strapi.documents(EVENT).create({
    data: {
      title: `Atelier du résumé ${process.pid}`,
      startsAt: new Date(now.getTime() + 30 * 86400000).toISOString(),
      endsAt: new Date(now.getTime() + 30 * 86400000 + 7200000).toISOString(),
      audience: 'members',
      collective: solar,
    } as never,
    locale: 'fr',
    status: 'published',
  });
  events.push(event.documentId);
  const [thread] = await strapi.db
    .connection('mod_threads')
    .returning('id')
    .insert({
      collective: solar,
      author_id: each.profileId,
      title: `Fil du résumé ${process.pid}`,
      body: 'Bonjour',
      body_html: '<p>Bonjour</p>',
      hidden: false,
      reply_count: 0,
      created_at: now,
      last_activity_at: now,
    });

  // The brief's own mailing: only the member who wants one mail per brief.
  const briefRows = (await strapi.db.connection('outbox').where('mailing_key', `brief:${brief.documentId}`)) as Array<{
    address: string;
  }>;
  const briefAddresses = briefRows.map((r) => r.address);
  expect(briefAddresses).toContain(each.email);
  expect(briefAddresses).not.toContain(daily.email);
  expect(briefAddresses).not.toContain(weekly.email);

  const at = dueAfter('daily', now);
  const [first] = await queueDueDigests(strapi, at);
  const dailyKey = `digest:${duePeriod('daily', at).key}`;
  digestKeys.push(dailyKey, `digest:${duePeriod('weekly', at).key}`);
  expect(first?.key).toBe(dailyKey);
  const dailyRows = (await strapi.db.connection('outbox').where('mailing_key', dailyKey)) as Array<{ address: string }>;
  expect(dailyRows.map((r) => r.address)).toContain(daily.email);
  expect(dailyRows.map((r) => r.address)).not.toContain(idle.email);
  expect(dailyRows.map((r) => r.address)).not.toContain(each.email);
  expect(dailyRows.map((r) => r.address)).not.toContain(weekly.email);
  // Run again (or from another worker): nothing more.
  expect((await queueDueDigests(strapi, at)).map((m) => m.key)).not.toContain(dailyKey);
  const [{ n }] = (await strapi.db.connection('outbox').where('mailing_key', dailyKey).count({ n: '*' })) as Array<{
    n: number | string;
  }>;
  expect(Number(n)).toBe(dailyRows.length);

  const weeklyAt = dueAfter('weekly', now);
  const weeklyKey = `digest:${duePeriod('weekly', weeklyAt).key}`;
  digestKeys.push(weeklyKey);
  await queueDueDigests(strapi, weeklyAt);
  const weeklyRows = (await strapi.db.connection('outbox').where('mailing_key', weeklyKey)) as Array<{
    address: string;
  }>;
  expect(weeklyRows.map((r) => r.address)).toEqual(expect.arrayContaining([weekly.email]));
  expect(weeklyRows.map((r) => r.address)).not.toContain(daily.email);

  const worker = new OutboxWorker(strapi, { ...mailingSettings(), poolSize: 4, idleMs: 10 });
  await worker.drain();
  await worker.stop();

  const fr = await inbox.waitFor(daily.email, (m) => (m.subject ?? '').includes('résumé du jour'));
  expect(fr.text).toContain(title);
  expect(fr.text).toContain(`Atelier du résumé ${process.pid}`);
  expect(fr.text).toContain(`Fil du résumé ${process.pid} (nouvelle)`);
  expect(fr.html).toContain('lang="fr"');
  expect(fr.html).toContain(`/c/solaire-citoyen/actualites/#${brief.documentId}`);
  const threadId = typeof thread === 'object' ? (thread as { id: number }).id : thread;
  expect(fr.html).toContain(`/espace/collectifs/solaire-citoyen/discussions/${threadId}/`);
  expect(fr.text).toMatch(/Ne plus recevoir aucun courriel de notre part : http\S+\/api\/mail\/unsubscribe\?/);
  expect(rawHeader(fr, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  expect(rawHeader(fr, 'list-unsubscribe')).toMatch(/^<http.*\/api\/mail\/unsubscribe\?.*s=all/);
  expect(inbox.to(daily.email).filter((m) => (m.subject ?? '').includes(title))).toHaveLength(0);

  const en = await inbox.waitFor(weekly.email, (m) => (m.subject ?? '').includes('weekly digest'));
  expect(en.html).toContain('lang="en"');
  expect(en.text).toContain(title);
  expect(en.text).toContain('Stop receiving any e-mail from us:');
  expect(en.html).toContain(`/en/space/collectives/solaire-citoyen/discussions/${threadId}/`);
  expect(inbox.to(weekly.email).filter((m) => (m.subject ?? '').includes('digest'))).toHaveLength(1);

  // The one-click link works: the digest stops with the collectives.
  const link = rawHeader(fr, 'list-unsubscribe').slice(1, -1);
  const url = new URL(link);
  expect((await http(strapi).post(`${url.pathname}${url.search}`)).status).toBe(200);
});

test('the choice in the members’ space: each, daily or weekly; anything else is a 400', async () => {
  const member = await as(strapi, 'member');
  const set = await http(strapi)
    .put('/api/member-profiles/me')
    .set(member)
    .send({ data: { mailFrequency: 'weekly' } });
  expect(set.status).toBe(200);
  expect((await http(strapi).get('/api/member-profiles/me').set(member)).body.data.mailFrequency).toBe('weekly');
  const bad = await http(strapi)
    .put('/api/member-profiles/me')
    .set(member)
    .send({ data: { mailFrequency: 'hourly' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('mailFrequency');
  await http(strapi)
    .put('/api/member-profiles/me')
    .set(member)
    .send({ data: { mailFrequency: 'each' } });
  expect(
    (
      await http(strapi)
        .put('/api/member-profiles/me')
        .send({ data: { mailFrequency: 'daily' } })
    ).status,
  ).toBe(401);
});
