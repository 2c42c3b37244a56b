/**
 * The moderators' daily digest, received by a real SMTP server: a lead who chose it on their
 * profile gets no mail per hidden item but one mail a day listing the cases waiting in the
 * collectives they lead (not the exchange board's, not their own), once however often the sweep
 * runs, and none on a day when nothing waits; a moderator who kept « each » still gets every signal.
 */
import type { Core } from '@strapi/strapi';
import { demoMembers } from '../database/seed/demo-accounts';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';
import { startSmtp, type Inbox } from './support/smtp';

process.env.MAILING_WORKER = 'off';

interface Signals {
  sendDueDigests(now?: Date): Promise<number>;
}

let strapi: Core.Strapi;
let inbox: Inbox;
let lyon: string;
let author: TestMember;
let reporters: TestMember[];
const lead = demoMembers.lead.email;
const moderator = demoMembers.moderator.email;
const api = (path: string) => `/api/moderation${path}`;
const signals = () => strapi.plugin('moderation').service('signals') as Signals;
const choose = async (moderationMail: unknown) =>
  http(strapi)
    .put('/api/member-profiles/me')
    .set(await as(strapi, 'lead'))
    .send({ data: { moderationMail } });
const digestsTo = (to: string) => inbox.to(to).filter((m) => (m.subject ?? '').startsWith('Modération :'));

async function reportAll(kind: 'thread' | 'exchange', id: number, count: number) {
  for (const r of reporters.slice(0, count))
    expect(
      (await http(strapi).post(api('/reports')).set(r.headers).send({ kind, id, article: '3', comment: 'Signalé' }))
        .status,
    ).toBe(201);
  return (await strapi.db.connection('mod_cases').where({ item_kind: kind, item_id: id }).first()) as { id: number };
}

async function reportedThread(title: string, count: number) {
  const created = await http(strapi)
    .post(api(`/collectives/${lyon}/threads`))
    .set(author.headers)
    .send({ title, body: `Le corps de « ${title} »` });
  expect(created.status).toBe(201);
  return reportAll('thread', created.body.data.id as number, count);
}

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  author = await createMember(strapi, { displayName: 'Auteur du résumé' }, 'digest');
  reporters = await createMembers(strapi, 'Témoin-digest', 3);
  for (const m of [author, ...reporters]) await join(strapi, m, lyon);
  // Nothing left waiting by an earlier suite: the digest counts what this one creates.
  await removeModerationRows(strapi);
});

afterAll(async () => {
  if (strapi) {
    await choose('each');
    await removeModerationRows(strapi);
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
  await inbox?.stop();
});

describe('the moderators’ daily digest', () => {
  it('is a choice of the profile, each or daily; anything else is refused in words', async () => {
    const bad = await choose('weekly');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/moderationMail: each \| daily/);
    const saved = await choose('daily');
    expect(saved.status).toBe(200);
    expect(saved.body.data.moderationMail).toBe('daily');
  });

  it('mails no signal per hidden item to a lead on the digest, while the moderator still gets it', async () => {
    const hidden = await reportedThread('Masqué pendant le résumé', 3);
    const about = (mail: { text?: string }) => (mail.text ?? '').includes(`n° ${hidden.id} `);
    await inbox.waitFor(moderator, about);
    // The moderator's mail and the lead's would leave together: none came for the lead.
    expect(inbox.to(lead).filter(about)).toEqual([]);
  });

  it('lists the cases waiting in the lead’s collectives, once a day, from 07:00 Paris time', async () => {
    const waiting = await reportedThread('Un seul signalement', 1);
    const post = await http(strapi)
      .post(api('/exchange'))
      .set(author.headers)
      .send({
        type: 'offer',
        category: 'equipment',
        title: 'Perceuse à prêter',
        body: 'Une perceuse, le week-end.',
        place: 'Lyon',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(post.status).toBe(201);
    const exchange = await reportAll('exchange', post.body.data.id as number, 1);
    const hidden = (await strapi.db.connection('mod_cases').where({ item_kind: 'thread' }).orderBy('id').first()) as {
      id: number;
    };
    // Two days from now, D, before and after 07:00 in Paris (UTC+1 or +2): yesterday's digest is
    // due at 04:30 UTC, D's at 06:05 UTC; the cases were opened the evening before.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = new Date(`${day}T04:30:00Z`);
    const morning = new Date(`${day}T06:05:00Z`);
    await strapi.db
      .connection('mod_cases')
      .where({ collective: lyon })
      .update({ opened_at: new Date(`${previous}T18:05:00Z`) });
    expect(await signals().sendDueDigests(before)).toBeGreaterThanOrEqual(1);
    expect(await signals().sendDueDigests(morning)).toBeGreaterThanOrEqual(1);
    expect(await signals().sendDueDigests(morning)).toBe(0);
    const days = (await strapi.db.connection('mod_digests').orderBy('day').select('day', 'profile_id')) as Array<{
      day: string;
    }>;
    expect([...new Set(days.map((d) => d.day))]).toEqual([previous, day]);

    const mails = digestsTo(lead);
    expect(mails).toHaveLength(2);
    const mail = mails[1];
    expect(mail.subject).toBe('Modération : 2 signalements attendent votre avis');
    expect(mail.text).toMatch(
      new RegExp(
        `Fil de discussion n° ${hidden.id} « Masqué pendant le résumé » · 3 signalements · en attente depuis 12 h · masqué\\n`,
      ),
    );
    expect(mail.text).toMatch(
      new RegExp(
        `Fil de discussion n° ${waiting.id} « Un seul signalement » · 1 signalement · en attente depuis 12 h\\n`,
      ),
    );
    expect(mail.text).toContain('/espace/collectifs/lyon/moderation/');
    expect(mail.text).toContain('/espace/profil/');
    // The exchange board is the national moderators', and no reporter is named.
    expect(mail.text).not.toContain(`n° ${exchange.id} `);
    for (const r of reporters) expect(mail.text).not.toContain(r.displayName);
    expect(mail.html).toContain('<p>');
    // The moderator kept one mail per item: no digest.
    expect(digestsTo(moderator)).toEqual([]);
  });

  it('sends nothing on a day when nothing waits', async () => {
    const moderatorHeaders = await as(strapi, 'moderator');
    // Read from the database: reading the queue would also start the sweep, with today's date.
    const pending = (await strapi.db
      .connection('mod_cases')
      .where({ collective: lyon, state: 'pending' })
      .select('id', 'version')) as Array<{ id: number; version: number }>;
    expect(pending).toHaveLength(2);
    for (const c of pending) {
      const decided = await http(strapi)
        .post(api(`/queue/${c.id}/decisions`))
        .set(moderatorHeaders)
        .send({ action: 'restore', version: c.version, reason: 'Conforme à la charte.' });
      expect(decided.status).toBe(201);
    }
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await signals().sendDueDigests(new Date(`${next}T07:00:00Z`))).toBe(0);
    expect(digestsTo(lead)).toHaveLength(2);
    expect(await strapi.db.connection('mod_digests').where({ day: next })).toEqual([]);
  });
});
