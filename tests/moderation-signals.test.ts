/**
 * Moderators' e-mail signals, received by a real SMTP server: when an item reaches the hiding
 * threshold, and once about a case left pending more than 48 hours.
 */
import type { Core } from '@strapi/strapi';
import { demoMembers } from '../database/seed/demo-accounts';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';
import { startSmtp, type Inbox } from './support/smtp';

let strapi: Core.Strapi;
let inbox: Inbox;
let lyon: string;
let author: TestMember;
let reporters: TestMember[];
const lead = demoMembers.lead.email;
const moderator = demoMembers.moderator.email;

const api = (path: string) => `/api/moderation${path}`;

async function reportedThread(title: string, reports: number) {
  const created = await http(strapi)
    .post(api(`/collectives/${lyon}/threads`))
    .set(author.headers)
    .send({ title, body: `Le corps de « ${title} »` });
  expect(created.status).toBe(201);
  const id = created.body.data.id as number;
  for (const r of reporters.slice(0, reports))
    expect(
      (
        await http(strapi)
          .post(api('/reports'))
          .set(r.headers)
          .send({ kind: 'thread', id, article: '3', comment: 'Signalé' })
      ).status,
    ).toBe(201);
  return (await strapi.db.connection('mod_cases').where({ item_kind: 'thread', item_id: id }).first()) as {
    id: number;
  };
}

const about = (caseId: number) => (mail: { text?: string }) => (mail.text ?? '').includes(`n° ${caseId} `);

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  author = await createMember(strapi, { displayName: 'Auteur Signalé' }, 'signals');
  reporters = await createMembers(strapi, 'Témoin', 3);
  for (const m of [author, ...reporters]) await join(strapi, m, lyon);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
  await inbox.stop();
});

describe('e-mail signals to moderators', () => {
  it('mails the collective’s lead and the moderators when an item is hidden, naming no reporter', async () => {
    const below = await reportedThread('Deux signalements seulement', 2);
    const hidden = await reportedThread('Trois signalements', 3);
    for (const to of [lead, moderator]) {
      const mail = await inbox.waitFor(to, about(hidden.id));
      expect(mail.subject).toBe('Un message masqué attend votre avis');
      expect(mail.text).toMatch(/masqué·e après 3 signalements distincts/);
      for (const r of reporters) expect(mail.text).not.toContain(r.displayName);
      expect(mail.html).toContain('<p>');
    }
    expect(inbox.to(author.email)).toEqual([]);
    expect(inbox.mails.filter(about(below.id))).toEqual([]);
  });

  it('mails once about a case pending for more than 48 hours, when the queue is read', async () => {
    const old = await reportedThread('Signalement oublié', 1);
    const recent = await reportedThread('Signalement récent', 1);
    const knex = strapi.db.connection;
    await knex('mod_cases')
      .where({ id: old.id })
      .update({ opened_at: new Date(Date.now() - 49 * 3_600_000) });
    await knex('mod_cases')
      .where({ id: recent.id })
      .update({ opened_at: new Date(Date.now() - 47 * 3_600_000) });
    expect(
      (
        await http(strapi)
          .get(api('/queue'))
          .set(await as(strapi, 'moderator'))
      ).status,
    ).toBe(200);
    for (const to of [lead, moderator]) {
      const mail = await inbox.waitFor(to, about(old.id));
      expect(mail.subject).toBe('Un signalement attend depuis plus de 48 heures');
    }
    const signals = strapi.plugin('moderation').service('signals') as { sweepOverdue(): Promise<number> };
    expect(await signals.sweepOverdue()).toBe(0);
    expect(inbox.mails.filter(about(old.id))).toHaveLength(2);
    expect(inbox.mails.filter(about(recent.id))).toEqual([]);
  });
});
