import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;
let board: Record<string, string>;
beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
});
afterAll(() => stopStrapi(strapi));

/** Bad input gets a 400 in Strapi's error shape with a message a person can act on; never a 500. */
async function expect400(
  res: { status: number; body: { data: unknown; error?: { status: number; message: string } } },
  message: RegExp,
) {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.error?.status).toBe(400);
  expect(res.body.error?.message).toMatch(message);
}

describe('bad input through the REST API', () => {
  it('missing required fields', async () => {
    const res = await http(strapi)
      .post('/api/pages')
      .set(board)
      .send({ data: { seoDescription: 'Sans titre' } });
    await expect400(res, /title|slug|errors occurred/);
    expect(JSON.stringify(res.body.error.details)).toMatch(/title/);
  });

  it('wrong types', async () => {
    const res = await http(strapi)
      .post('/api/events')
      .set(board)
      .send({
        data: {
          title: 'Réunion',
          startsAt: '2027-01-10T18:00:00Z',
          endsAt: '2027-01-10T20:00:00Z',
          capacity: 'beaucoup',
        },
      });
    await expect400(res, /capacity/);
    await expect400(
      await http(strapi)
        .post('/api/documents')
        .set(board)
        .send({ data: { title: 'x', accessLevel: 'secret' } }),
      /accessLevel must be one of/,
    );
    await expect400(await http(strapi).post('/api/pages').set(board).send({ data: 'a string' }), /data/);
  });

  it('an unknown locale, on reads and on writes', async () => {
    await expect400(await http(strapi).get('/api/pages?locale=xx'), /Unknown locale "xx"/);
    await expect400(
      await http(strapi)
        .post('/api/pages?locale=de')
        .set(board)
        .send({ data: { title: 'Hallo', slug: 'hallo' } }),
      /Unknown locale "de"/,
    );
    expect(await strapi.db.query('api::page.page').count({ where: { slug: 'hallo' } })).toBe(0);
  });

  it('a 1 MB title', async () => {
    const res = await http(strapi)
      .post('/api/pages')
      .set(board)
      .send({ data: { title: 'a'.repeat(1024 * 1024), slug: 'titre-geant' } });
    await expect400(res, /title must be at most 200 characters/);
    expect(JSON.stringify(res.body).length).toBeLessThan(1024 * 1024 + 2000);
  });

  it('malformed JSON', async () => {
    const res = await http(strapi)
      .post('/api/pages')
      .set(board)
      .set('Content-Type', 'application/json')
      .send('{"data": {"title": "Oups"');
    await expect400(res, /not valid JSON/);
  });

  it('unknown fields and unknown filter operators', async () => {
    await expect400(
      await http(strapi)
        .post('/api/pages')
        .set(board)
        .send({ data: { title: 'a', slug: 'a', colour: 'red' } }),
      /Invalid key colour/,
    );
    await expect400(await http(strapi).get('/api/pages?filters[title][$like]=x'), /Invalid key \$like/);
  });

  it('a relation to a document that does not exist', async () => {
    const res = await http(strapi)
      .post('/api/pages')
      .set(board)
      .send({ data: { title: 'Orpheline', slug: 'orpheline', collective: 'no-such-collective' } });
    await expect400(res, /not found/);
  });

  it('nothing is half-written by a refused request', async () => {
    const before = await strapi.db.query('api::page.page').count();
    await http(strapi)
      .post('/api/pages')
      .set(board)
      .send({ data: { title: 'x'.repeat(500), slug: 'trop-long' } });
    expect(await strapi.db.query('api::page.page').count()).toBe(before);
  });
});
