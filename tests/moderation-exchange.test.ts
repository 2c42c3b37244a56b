/**
 * The exchange board over HTTP on the real database: members post offers and requests with a
 * category, a place and an expiry; expired and withdrawn posts are gone from the list; posts are
 * reported and hidden like messages, and moderated by the national moderators and the board.
 */
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi, type Viewer } from './support/strapi';
import { createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
let author: TestMember;
let reporters: TestMember[];

const api = (path: string) => `/api/moderation${path}`;
const headersOf = async (who: TestMember | Viewer) => (typeof who === 'string' ? as(strapi, who) : who.headers);
const send = async (method: 'get' | 'post' | 'delete', who: TestMember | Viewer, path: string, body?: object) => {
  const agent = http(strapi);
  const req = agent[method](api(path)).set(await headersOf(who));
  return body ? req.send(body) : req;
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const offer = (title: string) => ({
  type: 'offer',
  category: 'equipment',
  title,
  body: 'Perceuse à **percussion**, prêtée le week-end.',
  place: 'Villeurbanne',
  expiresAt: inDays(30),
});

beforeAll(async () => {
  strapi = await startStrapi();
  [author, ...reporters] = await createMembers(strapi, 'Bourse', 4);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

it('takes an offer with its category, place and expiry, and refuses bad input with a clear 400', async () => {
  const posted = await send('post', author, '/exchange', offer('Prête une perceuse'));
  expect(posted.status).toBe(201);
  expect(posted.body.data).toMatchObject({
    kind: 'exchange',
    type: 'offer',
    category: 'equipment',
    place: 'Villeurbanne',
    html: '<p>Perceuse à <strong>percussion</strong>, prêtée le week-end.</p>',
    hidden: false,
  });
  const bad = await send('post', author, '/exchange', { type: 'gift', category: 'cars', expiresAt: inDays(-1) });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/type must be offer or request/);
  expect(bad.body.error.message).toMatch(/category must be one of skills, equipment, services/);
  expect(bad.body.error.message).toMatch(/expiresAt must be in the future/);
  expect((await send('post', author, '/exchange', { ...offer('Trop loin'), expiresAt: inDays(400) })).status).toBe(400);
});

it('lists live posts for members, filtered; expired and withdrawn ones are gone', async () => {
  const request = await send('post', reporters[0] as TestMember, '/exchange', {
    ...offer('Cherche cours de comptabilité'),
    type: 'request',
    category: 'skills',
    place: 'Lyon 7e',
  });
  const expired = await send('post', author, '/exchange', offer('Ancienne annonce de tondeuse'));
  await strapi.db
    .connection('mod_exchange')
    .where({ id: expired.body.data.id })
    .update({ expires_at: new Date(Date.now() - 60_000) });
  const titles = async (query = '') =>
    ((await send('get', 'member', `/exchange${query}`)).body.data as Array<{ title: string }>).map((p) => p.title);
  expect(await titles()).toEqual(expect.arrayContaining(['Prête une perceuse', 'Cherche cours de comptabilité']));
  expect(await titles()).not.toContain('Ancienne annonce de tondeuse');
  expect(await titles('?type=request')).toEqual(['Cherche cours de comptabilité']);
  expect(await titles('?category=equipment')).toEqual(['Prête une perceuse']);
  expect(await titles('?q=lyon')).toEqual(['Cherche cours de comptabilité']);
  expect((await send('get', 'member', `/exchange/${expired.body.data.id}`)).status).toBe(404);
  // The author still finds their expired post.
  expect((await send('get', author, `/exchange/${expired.body.data.id}`)).status).toBe(200);
  expect((await send('delete', author, `/exchange/${request.body.data.id}`)).status).toBe(403);
  expect((await send('delete', reporters[0] as TestMember, `/exchange/${request.body.data.id}`)).status).toBe(200);
  expect(await titles()).not.toContain('Cherche cours de comptabilité');
});

it('is reported and hidden like a message, and moderated by the national moderators', async () => {
  const post = (await send('post', author, '/exchange', offer('Vends des billets'))).body.data as { id: number };
  for (const r of reporters)
    expect((await send('post', r, '/reports', { kind: 'exchange', id: post.id, article: '4' })).status).toBe(201);
  expect((await send('get', 'member', `/exchange/${post.id}`)).status).toBe(404);
  expect((await send('get', author, `/exchange/${post.id}`)).body.data.hidden).toBe(true);
  const row = await strapi.db.connection('mod_cases').where({ item_kind: 'exchange', item_id: post.id }).first();
  const listed = async (who: Viewer) =>
    ((await send('get', who, '/queue')).body.data as Array<{ id: number }>).some((c) => c.id === row.id);
  expect(await listed('moderator')).toBe(true);
  expect(await listed('board')).toBe(true);
  // A collective's lead moderates their collective, not the organisation's board.
  expect(await listed('lead')).toBe(false);
  const read = await send('get', 'moderator', `/queue/${row.id}`);
  expect(read.body.data.content).toMatchObject({ kind: 'exchange', title: 'Vends des billets', hidden: true });
  const restore = { action: 'restore', version: read.body.data.version, reason: 'Billets donnés, pas vendus' };
  expect((await send('post', 'moderator', `/queue/${row.id}/decisions`, restore)).status).toBe(201);
  expect((await send('get', 'member', `/exchange/${post.id}`)).status).toBe(200);
});

it('answers each viewer as the permission matrix says', async () => {
  const post = (await send('post', author, '/exchange', offer('Prête un escabeau'))).body.data as { id: number };
  const table: Array<['get' | 'post' | 'delete', string, object | undefined, Record<Viewer, number>]> = [
    ['get', '/exchange', undefined, { anonymous: 401, member: 200, lead: 200, moderator: 200, board: 200 }],
    ['post', '/exchange', {}, { anonymous: 401, member: 400, lead: 400, moderator: 400, board: 400 }],
    ['get', `/exchange/${post.id}`, undefined, { anonymous: 401, member: 200, lead: 200, moderator: 200, board: 200 }],
    [
      'delete',
      `/exchange/${post.id}`,
      undefined,
      { anonymous: 401, member: 403, lead: 403, moderator: 403, board: 403 },
    ],
  ];
  const wrong: string[] = [];
  for (const [method, path, body, expected] of table)
    for (const who of Object.keys(expected) as Viewer[]) {
      const res = await send(method, who, path, body);
      if (res.status !== expected[who])
        wrong.push(`${who} ${method} ${path}: ${res.status}, expected ${expected[who]}`);
    }
  expect(wrong).toEqual([]);
});
