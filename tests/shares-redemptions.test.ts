/**
 * Redemption requests over HTTP on the real CMS and database: who may do what, a member's request
 * and its cancellation, the board's approval under the statutes' rules (the refused ones naming
 * the rule), the due date, payment as a redemption movement at nominal value, and concurrent
 * approvals that never cross the capital floor nor overdraw a member.
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { redemptionDueDate, today } from '../plugins/shares/server/src/rules';

const REDEMPTION = 'plugin::shares.redemption';

let strapi: Core.Strapi;
let board: Record<string, string>;
let alice: TestMember;

const api = (path: string) => `/api/shares${path}`;
const post = (path: string, body: object, headers: Record<string, string> = board) =>
  http(strapi).post(api(path)).set(headers).send(body);
const get = (path: string, headers: Record<string, string> = board) => http(strapi).get(api(path)).set(headers);
const setSettings = (body: object) => http(strapi).put(api('/settings')).set(board).send(body);

/** RA: 100 € a share, at least 2 per member. */
const issue = (member: TestMember, quantity: number, effectiveDate = '2019-01-01') =>
  post('/movements', {
    kind: 'issue',
    member: member.documentId,
    shareClass: 'RA',
    quantity,
    effectiveDate,
    reference: 'BS',
  });
const ask = (member: TestMember, quantity: number) =>
  post('/redemptions', { shareClass: 'RA', quantity }, member.headers);
const decideOn = (id: string, to: string, version: number, reason?: string) =>
  post(`/redemptions/${id}/decision`, { to, version, reason });
const payOn = (id: string, version: number, date = today(timeZone)) =>
  post(`/redemptions/${id}/payment`, { version, date, reference: 'Virement remboursement' });
const heldBy = async (member: TestMember) =>
  ((await get('/me', member.headers)).body.data.holdings as Array<{ quantity: number }>).reduce(
    (s, h) => s + h.quantity,
    0,
  );

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  alice = await createMember(strapi, {}, 'redeemer');
  const created = await post('/classes', { code: 'RA', name: 'Remboursables', nominalCents: 10_000, minimumShares: 2 });
  expect(created.status).toBe(201);
  expect((await issue(alice, 10)).status).toBe(201);
});

afterAll(async () => {
  await strapi.db.query(REDEMPTION).deleteMany({});
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('every endpoint × role', () => {
  const boardOnly: Array<[string, string]> = [
    ['get', '/redemptions'],
    ['post', '/redemptions/x/decision'],
    ['post', '/redemptions/x/payment'],
  ];
  const membersOnly: Array<[string, string]> = [
    ['get', '/redemptions/mine'],
    ['post', '/redemptions'],
    ['post', '/redemptions/x/cancellation'],
  ];
  const send = async (viewer: Viewer, method: string, path: string) => {
    const agent = http(strapi);
    const request = agent[method as 'get' | 'post'](api(path)).set(await as(strapi, viewer));
    return method === 'get' ? request : request.send({});
  };
  it.each(viewers)('as %s', async (viewer) => {
    for (const [method, path] of boardOnly) {
      const res = await send(viewer, method, path);
      const expected = viewer === 'anonymous' ? [401] : viewer === 'board' ? [200, 400] : [403];
      expect([path, expected.includes(res.status)]).toEqual([path, true]);
    }
    for (const [method, path] of membersOnly) {
      const res = await send(viewer, method, path);
      expect([path, viewer === 'anonymous' ? res.status === 401 : [200, 400].includes(res.status)]).toEqual([
        path,
        true,
      ]);
    }
  });
});

describe('bad input', () => {
  it.each<[string, object, RegExp]>([
    ['no class', { quantity: 2 }, /« shareClass » est obligatoire.*"shareClass" is required/],
    ['zero shares', { shareClass: 'RA', quantity: 0 }, /quantity.*entier.*whole number/],
    ['half a share', { shareClass: 'RA', quantity: 1.5 }, /quantity/],
  ])('a request with %s is 400', async (_label, body, message) => {
    const res = await post('/redemptions', body, alice.headers);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses bad decisions, payments and settings with a clear message', async () => {
    const id = (await ask(alice, 2)).body.data.documentId as string;
    const cases: Array<[string, object, RegExp]> = [
      [`/redemptions/${id}/decision`, { to: 'paid', version: 1 }, /« to » doit valoir/],
      [`/redemptions/${id}/decision`, { to: 'approved' }, /version/],
      [`/redemptions/${id}/decision`, { to: 'refused', version: 1 }, /raison du refus.*reason for the refusal/],
      [`/redemptions/${id}/payment`, { version: 1, date: '2026-02-30' }, /date/],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(message);
    }
    for (const [body, message] of [
      [{ redemptionDueMonths: 61 }, /redemptionDueMonths/],
      [{ redemptionBoardApproval: 'yes' }, /true ou false.*true or false/],
    ] as const) {
      const res = await setSettings(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await decideOn('no-such-request', 'approved', 1)).status).toBe(404);
    expect((await post('/redemptions', { shareClass: 'ZZ', quantity: 2 }, alice.headers)).status).toBe(404);
    expect((await post(`/redemptions/${id}/cancellation`, { version: 1 }, alice.headers)).status).toBe(200);
  });
});

describe('a member’s request', () => {
  it('never asks for more than held and not already asked, nor leaves less than the minimum', async () => {
    const over = await ask(alice, 11);
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ rule: 'insufficient-shares', held: 10 });
    const leaves = await ask(alice, 9);
    expect(leaves.body.error.details).toMatchObject({ rule: 'minimum-remaining', after: 1 });
    const first = await ask(alice, 6);
    expect(first.status).toBe(201);
    const second = await ask(alice, 6);
    expect(second.body.error.details).toMatchObject({ rule: 'insufficient-shares', held: 4 });
    const cancelled = await post(
      `/redemptions/${first.body.data.documentId}/cancellation`,
      { version: 1 },
      alice.headers,
    );
    expect(cancelled.body.data.state).toBe('cancelled');
  });

  it('goes submitted → approved with a due date → paid, a redemption movement at nominal value', async () => {
    expect((await setSettings({ redemptionDueMonths: 6 })).body.data.redemptionDueMonths).toBe(6);
    const asked = await ask(alice, 4);
    expect(asked.status).toBe(201);
    expect(asked.body.data).toMatchObject({ state: 'submitted', version: 1, quantity: 4, amountCents: 40_000 });
    const id = asked.body.data.documentId as string;
    // Another member sees nothing of it and cannot cancel it; a member does not decide.
    const bob = await createMember(strapi, {}, 'redeemer');
    expect((await get('/redemptions/mine', bob.headers)).body.data).toEqual([]);
    expect((await post(`/redemptions/${id}/cancellation`, { version: 1 }, bob.headers)).status).toBe(404);

    const approved = await decideOn(id, 'approved', 1);
    expect(approved.status).toBe(200);
    const day = today(timeZone);
    expect(approved.body.data).toMatchObject({ state: 'approved', version: 2, dueOn: redemptionDueDate(day, 6) });
    expect(approved.body.data.member).toMatchObject({ documentId: alice.documentId });
    // Too late to cancel; twice the same version is told.
    const late = await post(`/redemptions/${id}/cancellation`, { version: 2 }, alice.headers);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/tant qu’elle n’a pas été examinée.*until it has been reviewed/);
    expect((await decideOn(id, 'approved', 1)).body.error.details).toMatchObject({ rule: 'illegal-transition' });

    // The 4 shares are promised: neither the board nor the member can spend them twice meanwhile.
    const direct = await post('/movements', {
      kind: 'redemption',
      member: alice.documentId,
      shareClass: 'RA',
      quantity: 7,
      effectiveDate: day,
      reference: 'CA',
    });
    expect(direct.status).toBe(409);
    expect(direct.body.error.details).toMatchObject({ rule: 'insufficient-shares', held: 6 });
    expect((await ask(alice, 7)).body.error.details).toMatchObject({ rule: 'insufficient-shares', held: 6 });

    const before = (await get('/settings')).body.data;
    expect((await payOn(id, 2, '2018-12-31')).status).toBe(400);
    const paid = await payOn(id, 2);
    expect(paid.status).toBe(201);
    expect(paid.body.data.movement).toMatchObject({
      kind: 'redemption',
      quantity: -4,
      unitValueCents: 10_000,
      amountCents: -40_000,
      effectiveDate: day,
      operationNumber: before.lastOperation + 1,
    });
    expect(paid.body.data.redemption).toMatchObject({
      state: 'paid',
      paidOn: day,
      paidOperation: before.lastOperation + 1,
    });
    expect(paid.body.data.redemption.history.map((h: { state: string }) => h.state)).toEqual([
      'submitted',
      'approved',
      'paid',
    ]);
    expect((await get('/settings')).body.data.capitalCents).toBe(before.capitalCents - 40_000);
    expect((await payOn(id, 3)).body.error.details).toMatchObject({ rule: 'illegal-transition' });
    expect(await heldBy(alice)).toBe(6);

    const mine = (await get('/me', alice.headers)).body.data;
    expect(mine.redemptions[0]).toMatchObject({
      documentId: id,
      state: 'paid',
      paidOperation: before.lastOperation + 1,
    });
    expect(mine.redemptions[0].history[0]).not.toHaveProperty('byName');
    expect((await get('/verify')).body.data.ok).toBe(true);
  });

  it('is refused when a rule refuses it, naming the rule; the board refuses with its reason', async () => {
    const recent = await createMember(strapi, {}, 'redeemer');
    expect((await issue(recent, 3, today(timeZone))).status).toBe(201);
    expect((await setSettings({ holdingPeriodYears: 5 })).status).toBe(200);
    try {
      const id = (await ask(recent, 3)).body.data.documentId as string;
      const refused = await decideOn(id, 'approved', 1);
      expect(refused.status).toBe(200);
      expect(refused.body.data).toMatchObject({ state: 'refused', dueOn: null, refusal: { rule: 'holding-period' } });
      const mine = (await get('/redemptions/mine', recent.headers)).body.data[0];
      expect(mine.refusal.fr).toMatch(/après 5 an\(s\) de détention/);
      expect(mine.refusal.en).toMatch(/after 5 year\(s\) held/);
    } finally {
      await setSettings({ holdingPeriodYears: 0 });
    }
    const id = (await ask(recent, 3)).body.data.documentId as string;
    const byBoard = await decideOn(id, 'refused', 1, 'la coopérative traverse une année difficile.');
    expect(byBoard.body.data).toMatchObject({ state: 'refused', refusal: { rule: 'board-decision' } });
    expect(byBoard.body.data.refusal.fr).toMatch(/année difficile/);
    expect(await heldBy(recent)).toBe(3);
  });

  it('is approved at once when the statutes do not ask for the board', async () => {
    const member = await createMember(strapi, {}, 'redeemer');
    expect((await issue(member, 2)).status).toBe(201);
    expect((await setSettings({ redemptionBoardApproval: false, redemptionDueMonths: 0 })).status).toBe(200);
    try {
      const asked = await ask(member, 2);
      expect(asked.status).toBe(201);
      expect(asked.body.data).toMatchObject({ state: 'approved', dueOn: today(timeZone) });
      expect(asked.body.data.history.map((h: { state: string }) => h.state)).toEqual(['submitted', 'approved']);
      const queued = (await get('/redemptions?state=approved')).body.data.find(
        (r: { documentId: string }) => r.documentId === asked.body.data.documentId,
      );
      expect(queued.history[1]).toMatchObject({ by: null, byName: null });
      expect((await payOn(asked.body.data.documentId, 2)).status).toBe(201);
    } finally {
      await setSettings({ redemptionBoardApproval: true, redemptionDueMonths: 12 });
    }
  });
});

describe('concurrency', () => {
  it('simultaneous approvals that together would cross the capital floor: exactly the allowed ones pass', async () => {
    const members = await createMembers(strapi, 'floor', 24);
    for (const member of members) expect((await issue(member, 2)).status).toBe(201);
    const ids: string[] = [];
    for (const member of members) ids.push((await ask(member, 2)).body.data.documentId);
    const { capitalCents, highestCapitalCents } = (await get('/settings')).body.data;
    // Room for exactly 7 redemptions of 200 €, the statutory floor above a quarter of the highest capital.
    const floor = capitalCents - 7 * 20_000;
    expect(floor).toBeGreaterThan(Math.ceil(highestCapitalCents / 4));
    expect((await setSettings({ statutoryFloorCents: floor })).status).toBe(200);
    try {
      const results = await Promise.all(ids.map((id) => decideOn(id, 'approved', 1)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const approved = results.filter((r) => r.body.data.state === 'approved');
      const refused = results.filter((r) => r.body.data.state === 'refused');
      expect(approved).toHaveLength(7);
      expect(refused).toHaveLength(17);
      expect(refused.every((r) => r.body.data.refusal.rule === 'capital-floor')).toBe(true);
      // Nothing paid yet, and still no room: a direct redemption counts the promised ones.
      expect((await get('/settings')).body.data.capitalCents).toBe(capitalCents);
      const direct = await post('/movements', {
        kind: 'redemption',
        member: refused[0]!.body.data.member.documentId,
        shareClass: 'RA',
        quantity: 2,
        effectiveDate: today(timeZone),
        reference: 'CA',
      });
      expect(direct.body.error?.details?.rule).toBe('capital-floor');
      // Paid all at once, every promised one passes, and the capital stops exactly at the floor.
      const paid = await Promise.all(approved.map((r) => payOn(r.body.data.documentId, 2)));
      expect(paid.map((r) => r.status)).toEqual(approved.map(() => 201));
      const after = (await get('/settings')).body.data;
      expect(after.capitalCents).toBe(floor);
      expect(after.capitalFloorCents).toBe(floor);
    } finally {
      await setSettings({ statutoryFloorCents: 0 });
    }
    expect((await get('/verify')).body.data.ok).toBe(true);
  });

  it('100 simultaneous requests of 1 share from a member holding 10: exactly 10 approved and paid', async () => {
    const member = await createMember(strapi, {}, 'redeemer');
    expect((await post('/classes', { code: 'R1', name: 'Unitaire', nominalCents: 1_000 })).status).toBe(201);
    const issued = await post('/movements', {
      kind: 'issue',
      member: member.documentId,
      shareClass: 'R1',
      quantity: 10,
      effectiveDate: '2019-01-01',
      reference: 'BS',
    });
    expect(issued.status).toBe(201);
    // Without the board, every request is approved at once when the rules allow: 100 approvals racing.
    expect((await setSettings({ redemptionBoardApproval: false })).status).toBe(200);
    let results;
    try {
      results = await Promise.all(
        Array.from({ length: 100 }, () => post('/redemptions', { shareClass: 'R1', quantity: 1 }, member.headers)),
      );
    } finally {
      await setSettings({ redemptionBoardApproval: true });
    }
    const approved = results.filter((r) => r.status === 201 && r.body.data.state === 'approved');
    expect(approved).toHaveLength(10);
    for (const r of results.filter((x) => !approved.includes(x))) {
      const rule = r.status === 201 ? r.body.data.refusal.rule : r.body.error.details.rule;
      expect(rule).toBe('insufficient-shares');
    }
    const paid = await Promise.all(approved.map((r) => payOn(r.body.data.documentId, 2)));
    expect(paid.every((r) => r.status === 201)).toBe(true);
    const holdings = (await get('/register')).body.data.holdings.filter(
      (h: { member: string }) => h.member === member.documentId,
    );
    expect(holdings).toEqual([]);
    const [{ n }] = await strapi.db.connection('shares_holdings').where('quantity', '<', 0).count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});
