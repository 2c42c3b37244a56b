/**
 * The leads' brief desk (/api/space/collectives/:id/briefs): who may write a collective's briefs,
 * bad input, preview, publication now (through the Document Service: the mailing is queued) and at
 * a set time (published once when due, even when two checks race).
 */
import type { Core } from '@strapi/strapi';
import { publishDue } from '../cms/src/briefs/schedule';
import { housekeeping } from '../cms/src/mailing/sweep';
import { createFollowers, removeFollowers, type Follower, removeBriefs } from './support/followers';
import { collectiveId } from './support/members';
import { as, http, startStrapi, stopStrapi, type Viewer } from './support/strapi';

process.env.MAILING_WORKER = 'off';

const BRIEF = 'api::brief.brief';

let strapi: Core.Strapi;
let lyon: string;
let solar: string;
const briefs: string[] = [];
let people: Follower[] = [];

beforeAll(async () => {
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  solar = await collectiveId(strapi, 'solaire-citoyen');
  people = await createFollowers(strapi, lyon, 2, 'desk');
});
afterAll(async () => {
  if (strapi) {
    await removeFollowers(strapi, people);
    await removeBriefs(strapi, briefs);
  }
  await stopStrapi(strapi);
});

const desk = (collective: string) => `/api/space/collectives/${collective}/briefs`;

async function draft(viewer: Viewer, title: string, collective = lyon) {
  const res = await http(strapi)
    .post(desk(collective))
    .set(await as(strapi, viewer))
    .send({ title: `${title} ${process.pid}`, body: 'Un **premier** paragraphe.\n\n<script>alert(1)</script>' });
  if (res.status === 201) briefs.push(res.body.data.documentId);
  return res;
}

const outboxCount = async (documentId: string) =>
  Number(
    (
      (await strapi.db.connection('outbox').where('mailing_key', `brief:${documentId}`).count('* as n').first()) as {
        n: number | string;
      }
    ).n,
  );

const publishedRows = async (documentId: string) =>
  strapi.db.query(BRIEF).count({ where: { documentId, publishedAt: { $notNull: true } } });

describe('who may use the desk', () => {
  test.each([
    ['anonymous', 401],
    ['member', 403],
    ['moderator', 403],
  ] as const)('%s: %i on every route', async (viewer, status) => {
    const headers = await as(strapi, viewer);
    expect((await http(strapi).get(desk(lyon)).set(headers)).status).toBe(status);
    expect((await http(strapi).post(desk(lyon)).set(headers).send({ title: 'x', body: 'y' })).status).toBe(status);
    expect(
      (
        await http(strapi)
          .post(`${desk(lyon)}/preview`)
          .set(headers)
          .send({ body: 'y' })
      ).status,
    ).toBe(status);
    expect(
      (
        await http(strapi)
          .put(`${desk(lyon)}/any`)
          .set(headers)
          .send({ title: 'x', body: 'y' })
      ).status,
    ).toBe(status);
    expect(
      (
        await http(strapi)
          .post(`${desk(lyon)}/any/publish`)
          .set(headers)
          .send({})
      ).status,
    ).toBe(status);
  });

  test('a lead of another collective: 403 with a message in French and English', async () => {
    const headers = await as(strapi, 'lead');
    const list = await http(strapi).get(desk(solar)).set(headers);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/animateurs.*\/.*leads/);
    expect((await draft('lead', 'Ailleurs', solar)).status).toBe(403);
    expect(
      (
        await http(strapi)
          .post(`${desk(solar)}/preview`)
          .set(headers)
          .send({ body: 'y' })
      ).status,
    ).toBe(403);
  });

  test('the lead of the collective and the board: drafts listed with their state', async () => {
    const mine = await draft('lead', 'Brouillon');
    expect(mine.status).toBe(201);
    expect(mine.body.data).toMatchObject({ state: 'draft', locale: 'fr', scheduledAt: null });
    const board = await draft('board', 'Du conseil');
    expect(board.status).toBe(201);
    const list = await http(strapi)
      .get(desk(lyon))
      .set(await as(strapi, 'lead'));
    expect(list.status).toBe(200);
    const ids = list.body.data.map((b: { documentId: string }) => b.documentId);
    expect(ids).toEqual(expect.arrayContaining([mine.body.data.documentId, board.body.data.documentId]));
  });

  test('a brief of another collective is not reachable through this one', async () => {
    const board = await draft('board', 'Solaire', solar);
    expect(board.status).toBe(201);
    const res = await http(strapi)
      .put(`${desk(lyon)}/${board.body.data.documentId}`)
      .set(await as(strapi, 'lead'))
      .send({ title: 'Pris', body: 'Pris' });
    expect(res.status).toBe(404);
  });
});

describe('bad input: 400 in French and English', () => {
  test.each([
    ['no title', { body: 'Texte' }, /title/],
    ['a title too long', { title: 'x'.repeat(201), body: 'Texte' }, /200/],
    ['an unknown locale', { title: 'T', body: 'Texte', locale: 'de' }, /locale/],
  ])('create with %s', async (_what, body, message) => {
    const res = await http(strapi)
      .post(desk(lyon))
      .set(await as(strapi, 'lead'))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Requête invalide.*Invalid request/);
    expect(res.body.error.message).toMatch(message);
  });

  test('publish at a date that is not one', async () => {
    const { body } = await draft('lead', 'Date');
    const res = await http(strapi)
      .post(`${desk(lyon)}/${body.data.documentId}/publish`)
      .set(await as(strapi, 'lead'))
      .send({ at: 'demain matin' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/ISO 8601/);
  });

  test('preview without a body', async () => {
    const res = await http(strapi)
      .post(`${desk(lyon)}/preview`)
      .set(await as(strapi, 'lead'))
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/body/);
  });
});

test('preview: the kit renderer, scripts removed', async () => {
  const res = await http(strapi)
    .post(`${desk(lyon)}/preview`)
    .set(await as(strapi, 'lead'))
    .send({ body: 'Un **gras**.\n\n<script>alert(1)</script>' });
  expect(res.status).toBe(200);
  expect(res.body.data.html).toContain('<strong>gras</strong>');
  expect(res.body.data.html).not.toContain('<script');
});

test('edit a draft, publish it now: published through the Document Service, its mailing queued', async () => {
  const headers = await as(strapi, 'lead');
  const { body } = await draft('lead', 'Maintenant');
  const id = body.data.documentId;
  const edited = await http(strapi)
    .put(`${desk(lyon)}/${id}`)
    .set(headers)
    .send({ title: `Maintenant corrigée ${process.pid}`, body: 'Corrigé.' });
  expect(edited.status).toBe(200);
  expect(edited.body.data).toMatchObject({ title: `Maintenant corrigée ${process.pid}`, body: 'Corrigé.' });

  const published = await http(strapi)
    .post(`${desk(lyon)}/${id}/publish`)
    .set(headers)
    .send({});
  expect(published.status).toBe(200);
  expect(published.body.data.state).toBe('published');
  expect(await publishedRows(id)).toBe(1);
  // The mailing is queued at the commit of the publication.
  const deadline = Date.now() + 10000;
  while ((await outboxCount(id)) < people.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await outboxCount(id)).toBeGreaterThanOrEqual(people.length);

  const again = await http(strapi)
    .put(`${desk(lyon)}/${id}`)
    .set(headers)
    .send({ title: 'Encore', body: 'Encore' });
  expect(again.status).toBe(409);
  expect(
    (
      await http(strapi)
        .post(`${desk(lyon)}/${id}/publish`)
        .set(headers)
        .send({})
    ).status,
  ).toBe(409);
});

test('publish later: scheduled, then published once when due, even when two checks race', async () => {
  const headers = await as(strapi, 'lead');
  const { body } = await draft('lead', 'Plus tard');
  const id = body.data.documentId;
  const at = new Date(Date.now() + 3600_000).toISOString();
  const scheduled = await http(strapi)
    .post(`${desk(lyon)}/${id}/publish`)
    .set(headers)
    .send({ at });
  expect(scheduled.status).toBe(200);
  expect(scheduled.body.data).toMatchObject({ state: 'scheduled', publicationDate: at });
  expect(await publishDue(strapi)).not.toContain(id);
  expect(await publishedRows(id)).toBe(0);

  // Time moves on: the schedule is put in the past rather than waiting for it.
  await strapi.db
    .query(BRIEF)
    .updateMany({ where: { documentId: id }, data: { scheduledAt: new Date(Date.now() - 1000) } });
  // The mailing worker's housekeeping and a request-time check, at the same moment.
  const [byRequest] = await Promise.all([publishDue(strapi), housekeeping(strapi)]);
  expect(byRequest.filter((d) => d === id).length).toBeLessThanOrEqual(1);
  expect(await publishedRows(id)).toBe(1);
  expect(await publishDue(strapi)).not.toContain(id);

  const list = await http(strapi).get(desk(lyon)).set(headers);
  expect(list.body.data.find((b: { documentId: string }) => b.documentId === id)).toMatchObject({
    state: 'published',
    scheduledAt: null,
  });
  const deadline = Date.now() + 10000;
  while ((await outboxCount(id)) < people.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await outboxCount(id)).toBeGreaterThanOrEqual(people.length);
  expect(await strapi.db.connection('mailings').where('key', `brief:${id}`)).toHaveLength(1);
});

test('a scheduled brief is published by the request-time check of the desk', async () => {
  const headers = await as(strapi, 'lead');
  const { body } = await draft('lead', 'À l’heure');
  const id = body.data.documentId;
  await http(strapi)
    .post(`${desk(lyon)}/${id}/publish`)
    .set(headers)
    .send({ at: new Date(Date.now() + 3600_000).toISOString() });
  await strapi.db
    .query(BRIEF)
    .updateMany({ where: { documentId: id }, data: { scheduledAt: new Date(Date.now() - 1000) } });
  const list = await http(strapi).get(desk(lyon)).set(headers);
  expect(list.body.data.find((b: { documentId: string }) => b.documentId === id).state).toBe('published');
});
