/**
 * The moderators' other actions over HTTP on the real database: edit out a part (the original
 * kept for the appeal's reviewer), suspend posting for some days (enforced, lifted when an appeal
 * overturns it), and ask the board to exclude (recorded, the board told) — each in the log.
 */
import type { Core } from '@strapi/strapi';
import { demoMembers } from '../database/seed/demo-accounts';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
let lyon: string;
let reporter: TestMember;

const api = (path: string) => `/api/moderation${path}`;
const headersOf = async (who: TestMember | 'moderator' | 'lead' | 'board') =>
  typeof who === 'string' ? as(strapi, who) : who.headers;
const get = async (who: TestMember | 'moderator' | 'lead' | 'board', path: string) =>
  http(strapi)
    .get(api(path))
    .set(await headersOf(who));
const post = async (who: TestMember | 'moderator' | 'lead' | 'board', path: string, body: object) =>
  http(strapi)
    .post(api(path))
    .set(await headersOf(who))
    .send(body);

/** A thread by a fresh member of Lyon, reported once: its case waits in the queue. */
async function reportedThread(body: string) {
  const author = await createMember(strapi, { displayName: 'Auteur modéré' }, 'modact');
  await join(strapi, author, lyon);
  const thread = await post(author, `/collectives/${lyon}/threads`, { title: `Fil ${Date.now()}`, body });
  expect(thread.status).toBe(201);
  expect((await post(reporter, '/reports', { kind: 'thread', id: thread.body.data.id, article: '2' })).status).toBe(
    201,
  );
  const row = await strapi.db
    .connection('mod_cases')
    .where({ item_kind: 'thread', item_id: thread.body.data.id })
    .first();
  return {
    author,
    thread: thread.body.data as { id: number },
    caseId: row.id as number,
    version: row.version as number,
  };
}

const actionsLogged = async (caseId: number) =>
  ((await strapi.db.connection('mod_log').where({ case_id: caseId }).orderBy('id')) as Array<{ action: string }>).map(
    (l) => l.action,
  );

beforeAll(async () => {
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  reporter = await createMember(strapi, { displayName: 'Signaleuse' }, 'modact');
  await join(strapi, reporter, lyon);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

it('edits out a part with a note; the original stays for the reviewer; an overturn brings it back', async () => {
  const { author, thread, caseId, version } = await reportedThread(
    'Bonne idée. Mon numéro : 06 12 34 56 78. À samedi.',
  );
  const missing = await post('moderator', `/queue/${caseId}/decisions`, {
    action: 'edit-out',
    version,
    reason: 'Données personnelles',
    part: 'pas dans le texte',
  });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toMatch(/part to edit out does not appear|passage à retirer/);
  expect(
    (await post('moderator', `/queue/${caseId}/decisions`, { action: 'edit-out', version, reason: 'x' })).body.error
      .message,
  ).toMatch(/part \(the text to edit out\) is required/);
  const done = await post('moderator', `/queue/${caseId}/decisions`, {
    action: 'edit-out',
    version,
    reason: 'Données personnelles',
    part: 'Mon numéro : 06 12 34 56 78.',
  });
  expect(done.status).toBe(201);
  const read = await get(reporter, `/threads/${thread.id}`);
  expect(read.body.data.html).not.toContain('06 12');
  expect(read.body.data.html).toContain('Passage retiré par la modération');
  expect(read.body.data.html).toContain('Données personnelles');
  expect(read.body.data.hidden).toBe(false);

  expect(
    (await post(author, '/appeals', { kind: 'thread', id: thread.id, statement: 'C’est mon numéro pro.' })).status,
  ).toBe(201);
  const review = await get('lead', `/queue/${caseId}`);
  expect(review.body.data.revisions[0].body).toContain('06 12 34 56 78');
  const settle = { action: 'overturn', version: review.body.data.version, reason: 'Numéro professionnel' };
  expect((await post('lead', `/queue/${caseId}/decisions`, settle)).status).toBe(201);
  expect((await get(reporter, `/threads/${thread.id}`)).body.data.html).toContain('06 12 34 56 78');
  expect(await actionsLogged(caseId)).toEqual(['edit-out', 'appeal', 'overturn']);
});

it('suspends posting for D days, enforced on posting, lifted by an overturned appeal', async () => {
  const { author, thread, caseId, version } = await reportedThread('Un message assez long pour être signalé.');
  for (const days of [0, 400, 1.5])
    expect(
      (await post('moderator', `/queue/${caseId}/decisions`, { action: 'suspend', version, reason: 'r', days })).status,
    ).toBe(400);
  const done = await post('moderator', `/queue/${caseId}/decisions`, {
    action: 'suspend',
    version,
    reason: 'Insultes répétées',
    days: 3,
  });
  expect(done.status).toBe(201);
  const suspension = await strapi.db.connection('mod_suspensions').where({ case_id: caseId }).first();
  const until = new Date(suspension.until).getTime();
  expect(Math.abs(until - (Date.now() + 3 * 86_400_000))).toBeLessThan(60_000);
  const refused = await post(author, `/threads/${thread.id}/replies`, { body: 'Je peux encore répondre ?' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.name).toBe('PostingSuspended');
  expect((await post(author, `/collectives/${lyon}/threads`, { title: 't', body: 'b' })).status).toBe(403);
  // Others still post.
  expect((await post(reporter, `/threads/${thread.id}/replies`, { body: 'Moi oui.' })).status).toBe(201);

  expect((await post(author, '/appeals', { kind: 'thread', id: thread.id, statement: 'Malentendu.' })).status).toBe(
    201,
  );
  const review = await get('lead', `/queue/${caseId}`);
  const settle = { action: 'overturn', version: review.body.data.version, reason: 'Malentendu' };
  expect((await post('lead', `/queue/${caseId}/decisions`, settle)).status).toBe(201);
  expect((await post(author, `/threads/${thread.id}/replies`, { body: 'Merci.' })).status).toBe(201);
  expect(await actionsLogged(caseId)).toEqual(['suspend', 'appeal', 'overturn']);
  const log = await strapi.db.connection('mod_log').where({ case_id: caseId, action: 'suspend' }).first();
  expect(log.reason).toBe('Insultes répétées (3 j / days)');
});

it('asks the board to exclude the author: logged, and every board member told', async () => {
  const { author, caseId, version } = await reportedThread('Encore un message assez long pour être signalé.');
  const board = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { user: { email: demoMembers.board.email } }, select: ['id'] })) as { id: number };
  const done = await post('lead', `/queue/${caseId}/decisions`, {
    action: 'ask-exclusion',
    version,
    reason: 'Harcèlement de plusieurs membres',
  });
  expect(done.status).toBe(201);
  const told = await strapi.db
    .query('api::notification.notification')
    .findMany({ where: { kind: 'moderation.exclusion', profile: { id: board.id } } });
  expect(told.length).toBe(1);
  expect(told[0].title).toContain('Auteur modéré');
  expect(await actionsLogged(caseId)).toEqual(['ask-exclusion']);
  const mine = (await get(author, '/cases/mine')).body.data[0];
  expect(mine).toMatchObject({ decision: { action: 'ask-exclusion' }, appealable: false });
});
