/**
 * The shares plugin's admin pages over HTTP with admin JWTs (under /shares): members' tokens and
 * anonymous requests get 401, an editor 403, the board's admin account acts through the same
 * services as the members' space; movements record the admin user; the chart, the yearly counts
 * and verify agree with sums computed here from the movements.
 */
import type { Core } from '@strapi/strapi';
import { demoAdmins } from '../database/seed/demo-accounts';
import { holdingRows, movementRows } from '../plugins/shares/server/src/store';
import { adminHeaders } from './support/admin-pages';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';

let strapi: Core.Strapi;
let board: Record<string, string>;
let editor: Record<string, string>;
let alice: TestMember;

const get = (path: string, headers = board) => http(strapi).get(`/shares${path}`).set(headers);
const post = (path: string, body: object, headers = board) =>
  http(strapi).post(`/shares${path}`).set(headers).send(body);

beforeAll(async () => {
  strapi = await startStrapi();
  board = await adminHeaders(strapi, demoAdmins.board.email);
  editor = await adminHeaders(strapi, demoAdmins.editor.email);
  const members = await as(strapi, 'board');
  const created = await http(strapi)
    .post('/api/shares/classes')
    .set(members)
    .send({ code: 'AD', name: 'Admin', nominalCents: 5_000, college: 'Usagers' });
  expect([201, 409]).toContain(created.status);
  alice = await createMember(strapi, {}, 'shares-admin');
});

afterAll(async () => {
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

const routes: Array<[string, string, object | null]> = [
  ['get', '/requests', null],
  ['post', '/subscriptions/x/decision', { to: 'approved', version: 1 }],
  ['post', '/subscriptions/x/payments', {}],
  ['post', '/redemptions/x/decision', { to: 'approved', version: 1 }],
  ['post', '/redemptions/x/payment', {}],
  ['get', '/classes', null],
  ['get', '/register', null],
  ['get', '/register.csv', null],
  ['get', '/register.pdf', null],
  ['get', '/capital', null],
  ['get', '/years', null],
  ['get', '/verify', null],
];
const send = (method: string, path: string, headers: Record<string, string>, body: object | null) =>
  method === 'get' ? get(path, headers) : post(path, body ?? {}, headers);

describe('who reaches the shares admin pages', () => {
  it.each(routes)('%s %s', async (method, path, body) => {
    for (const viewer of viewers) {
      const res = await send(method, path, await as(strapi, viewer), body);
      expect({ viewer, status: res.status }).toEqual({ viewer, status: 401 });
    }
    expect((await send(method, path, editor, body)).status).toBe(403);
    const res = await send(method, path, board, body);
    expect([200, 201, 400, 404]).toContain(res.status);
    if (method === 'get') expect(res.status).toBe(200);
  });
  it('answers bad input with a 400 and a message', async () => {
    for (const path of ['/register?kind=gift', '/register?from=2024-13-01', '/register?page=0', '/requests?state=x']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(/«/);
    }
    const res = await post('/subscriptions/x/decision', { to: 'approved' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/version/);
  });
});

describe('the board acts from the admin panel', () => {
  it('records a payment, approves and issues a subscription: the movement records the admin user', async () => {
    const asked = await http(strapi)
      .post('/api/shares/subscriptions')
      .set(alice.headers)
      .send({ shareClass: 'AD', quantity: 2, paymentMethod: 'transfer' });
    expect(asked.status).toBe(201);
    const id = asked.body.data.documentId as string;
    const current = async () =>
      (await get('/requests')).body.data.subscriptions.find((s: { documentId: string }) => s.documentId === id);
    expect(
      (
        await post(`/subscriptions/${id}/payments`, {
          amountCents: 10_000,
          date: '2026-01-15',
          method: 'transfer',
          reference: 'Vir 1',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(`/subscriptions/${id}/decision`, { to: 'approved', version: (await current()).version })).status,
    ).toBe(200);
    const issued = await post(`/subscriptions/${id}/decision`, { to: 'issued', version: (await current()).version });
    expect(issued.status).toBe(200);
    const admin = await strapi.db.query('admin::user').findOne({ where: { email: demoAdmins.board.email } });
    const page = (await get(`/register?member=${alice.documentId}&shareClass=AD&kind=issue`)).body.data;
    expect(page.total).toBe(1);
    expect(page.movements[0]).toMatchObject({
      quantity: 2,
      amountCents: 10_000,
      recordedBy: { kind: 'admin', email: demoAdmins.board.email },
    });
    const row = await strapi.db
      .connection('shares_movements')
      .where({ operation_number: page.movements[0].operationNumber })
      .first();
    expect(row.recorded_by_admin).toBe(admin.id);
  });
});

describe('figures from the movements', () => {
  // The movements of members still in the database: other suites' cleanup deletes their members
  // below the Document Service (which refuses it, see "the register keeps its members").
  const sums = async () => {
    const rows = (await movementRows(strapi, strapi.db.connection).select(
      'm.effective_date',
      'm.quantity',
      'm.unit_value_cents',
    )) as Array<Record<string, unknown>>;
    const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
    return rows.map((r) => ({ day: day(r.effective_date), cents: Number(r.quantity) * Number(r.unit_value_cents) }));
  };
  it('the chart and the yearly counts equal sums of the movements', async () => {
    const movements = await sums();
    const capital = (await get('/capital')).body.data;
    for (const { month, capitalCents } of capital.months)
      expect(capitalCents).toBe(movements.filter((m) => m.day.slice(0, 7) <= month).reduce((s, m) => s + m.cents, 0));
    const total = movements.reduce((s, m) => s + m.cents, 0);
    expect(capital.classes.reduce((s: number, c: { capitalCents: number }) => s + c.capitalCents, 0)).toBe(total);
    expect(capital.classes.find((c: { code: string }) => c.code === 'AD')).toMatchObject({ college: 'Usagers' });
    const years = (await get('/years')).body.data as Array<{ year: number; capitalCents: number; members: number }>;
    expect(years.length).toBeGreaterThan(0);
    for (const { year, capitalCents } of years)
      expect(capitalCents).toBe(movements.filter((m) => m.day <= `${year}-12-31`).reduce((s, m) => s + m.cents, 0));
    expect(years.at(-1)!.members).toBeGreaterThanOrEqual(1);
  });
  it('verify reports no difference, then the corrupted holding', async () => {
    expect((await get('/verify')).body.data).toMatchObject({ ok: true, differences: [] });
    const { id } = await holdingRows(strapi, strapi.db.connection)
      .where('h.quantity', '>', 0)
      .orderBy('h.id')
      .first('h.id as id');
    await strapi.db.connection('shares_holdings').where({ id }).update({ quantity: 999 });
    try {
      const broken = (await get('/verify')).body.data;
      expect(broken.ok).toBe(false);
      expect(broken.differences).toEqual([expect.objectContaining({ stored: 999 })]);
    } finally {
      await strapi.plugin('shares').service('register').rebuild(strapi);
    }
    expect((await get('/verify')).body.data.ok).toBe(true);
  });
});

describe('the register keeps its members', () => {
  it('the Content Manager refuses to delete a member or a class in the register, and deletes one who is not', async () => {
    const superAdmin = await adminHeaders(strapi, demoAdmins.admin.email);
    const cm = (uid: string, documentId: string) =>
      http(strapi).delete(`/content-manager/collection-types/${uid}/${documentId}`).set(superAdmin);
    const refused = await cm('api::member-profile.member-profile', alice.documentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/registre des parts sociales/);
    const shareClass = await strapi.db.query('plugin::shares.share-class').findOne({ where: { code: 'AD' } });
    expect((await cm('plugin::shares.share-class', shareClass.documentId)).status).toBe(409);
    const profile = await strapi.db
      .query('api::member-profile.member-profile')
      .findOne({ where: { id: alice.profileId } });
    expect(profile).not.toBeNull();
    const unused = await strapi.documents('plugin::shares.share-class').create({
      data: { code: 'ZU', name: 'Inutilisée', nominalCents: 100 } as never,
    });
    expect((await cm('plugin::shares.share-class', unused.documentId)).status).toBe(200);
    expect(await strapi.db.query('plugin::shares.share-class').findOne({ where: { code: 'ZU' } })).toBeNull();
  });
});
