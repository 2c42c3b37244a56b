/**
 * Abuse limits on new messages (new members' hourly cap, identical posts refused) and the outcome
 * of a case told to each of its reporters, over HTTP on the real database.
 */
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
let lyon: string;
let newcomer: TestMember;
let veteran: TestMember;
let author: TestMember;
let reporters: TestMember[];

const api = (path: string) => `/api/moderation${path}`;
const post = async (who: TestMember | 'moderator' | 'board', path: string, body: object) =>
  http(strapi)
    .post(api(path))
    .set(typeof who === 'string' ? await as(strapi, who) : who.headers)
    .send(body);
const thread = (who: TestMember, title: string, body = `Corps du fil « ${title} »`) =>
  post(who, `/collectives/${lyon}/threads`, { title, body });

beforeAll(async () => {
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  const today = new Date().toISOString().slice(0, 10);
  newcomer = await createMember(strapi, { displayName: 'Nouvelle Venue', memberSince: today }, 'limits');
  veteran = await createMember(strapi, { displayName: 'Ancien Membre' }, 'limits');
  author = await createMember(strapi, { displayName: 'Auteur Examiné' }, 'limits');
  reporters = await createMembers(strapi, 'Signaleuse', 2);
  for (const m of [newcomer, veteran, author, ...reporters]) await join(strapi, m, lyon);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('abuse limits on new messages', () => {
  it('lets a member of less than 30 days post 10 messages an hour, then answers 429 with a message', async () => {
    const first = await thread(newcomer, 'Bonjour à toutes et tous');
    expect(first.status).toBe(201);
    for (let i = 1; i < 10; i++)
      expect(
        (await post(newcomer, `/threads/${first.body.data.id}/replies`, { body: `Réponse numéro ${i}` })).status,
      ).toBe(201);
    const eleventh = await post(newcomer, `/threads/${first.body.data.id}/replies`, { body: 'Une de trop' });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.message).toMatch(/au plus 10 messages par heure.*\/.*at most 10 messages an hour/);
    expect((await thread(newcomer, 'Un nouveau fil')).status).toBe(429);
  });

  it('does not cap a member of longer standing', async () => {
    const first = await thread(veteran, 'Fil d’un ancien');
    for (let i = 1; i <= 11; i++)
      expect(
        (await post(veteran, `/threads/${first.body.data.id}/replies`, { body: `Message ancien ${i}` })).status,
      ).toBe(201);
  });

  it('refuses a message identical to one of the same member in the last 24 h with 409, whatever the spaces', async () => {
    const first = await thread(veteran, 'Vente de graines', 'Je donne des graines de tomates anciennes.');
    expect(first.status).toBe(201);
    const again = await thread(veteran, 'Vente de  graines', '  Je donne des graines de tomates\nanciennes. ');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/déjà publié ce même message.*\/.*already posted this same message/);
    const id = first.body.data.id as number;
    const body = { body: 'Qui veut venir les chercher samedi ?' };
    expect((await post(veteran, `/threads/${id}/replies`, body)).status).toBe(201);
    expect((await post(veteran, `/threads/${id}/replies`, body)).status).toBe(409);
    // Another member may say the same; short courtesies may be repeated.
    expect((await post(author, `/threads/${id}/replies`, body)).status).toBe(201);
    for (let i = 0; i < 2; i++)
      expect((await post(veteran, `/threads/${id}/replies`, { body: 'Merci !' })).status).toBe(201);
  });

  it('checks the body before the limits: a bad body is a 400 with a message', async () => {
    const res = await thread(newcomer, '', '');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/title is required/);
  });
});

describe('the reporters are told the outcome', () => {
  const notificationsOf = (member: TestMember) =>
    strapi.db.query('api::notification.notification').findMany({
      where: { profile: { id: member.profileId }, kind: { $startsWith: 'moderation.report.' } },
      orderBy: { id: 'asc' },
    }) as Promise<Array<{ kind: string; title: string }>>;

  async function reportedCase(title: string) {
    const created = await thread(author, title);
    for (const r of reporters)
      expect(
        (await post(r, '/reports', { kind: 'thread', id: created.body.data.id, article: '3', comment: 'Hors charte' }))
          .status,
      ).toBe(201);
    const row = await strapi.db
      .connection('mod_cases')
      .where({ item_kind: 'thread', item_id: created.body.data.id })
      .first();
    return { threadId: created.body.data.id as number, caseId: row.id as number, version: row.version as number };
  }

  it('tells each reporter once, in a notification of their own, when a case is dismissed, upheld or overturned', async () => {
    const dismissed = await reportedCase('Fil à classer');
    const restore = { action: 'restore', version: dismissed.version, reason: 'Rien à redire' };
    expect((await post('moderator', `/queue/${dismissed.caseId}/decisions`, restore)).status).toBe(201);

    const upheld = await reportedCase('Fil à masquer puis rétablir');
    const hide = { action: 'hide', version: upheld.version, reason: 'Article 3 : propos blessants' };
    expect((await post('moderator', `/queue/${upheld.caseId}/decisions`, hide)).status).toBe(201);
    const appeal = { kind: 'thread', id: upheld.threadId, statement: 'Je ne visais personne.' };
    expect((await post(author, '/appeals', appeal)).status).toBe(201);
    const overturn = { action: 'overturn', version: upheld.version + 2, reason: 'Malentendu' };
    expect((await post('board', `/queue/${upheld.caseId}/decisions`, overturn)).status).toBe(201);

    for (const r of reporters) {
      const told = await notificationsOf(r);
      expect(told.map((n) => n.kind)).toEqual([
        'moderation.report.restore',
        'moderation.report.hide',
        'moderation.report.overturn',
      ]);
      const text = JSON.stringify(told);
      for (const secret of [...reporters.map((x) => x.displayName), 'Article 3', 'Malentendu', 'Rien à redire'])
        expect(text).not.toContain(secret);
    }
    expect(await notificationsOf(author)).toEqual([]);
  });
});
