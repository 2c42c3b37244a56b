/**
 * Tax lots over HTTP on the real CMS and database: the settings, the lots a redemption request
 * would take shown to the member and in the board's queue, the approval refused with 409
 * `tax-lot` unless the board overrides it with a reason (kept with who and when), lots past their
 * period redeemed freely, and transfers and direct redemptions of eligible shares held alike.
 * Everything in class TL, so that the rows stay apart from the other suites'.
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { today } from '../plugins/shares/server/src/rules';

const REDEMPTION = 'plugin::shares.redemption';

let strapi: Core.Strapi;
let board: Record<string, string>;

const api = (path: string) => `/api/shares${path}`;
const post = (path: string, body: object, headers: Record<string, string> = board) =>
  http(strapi).post(api(path)).set(headers).send(body);
const get = (path: string, headers: Record<string, string> = board) => http(strapi).get(api(path)).set(headers);
const setSettings = (body: object) => http(strapi).put(api('/settings')).set(board).send(body);

const year = Number(today(timeZone).slice(0, 4));
/** Issued 8 years ago: its period ended last 31 December. */
const PAST = `${year - 8}-03-01`;
/** Issued 7 years ago: in its period until the end of this year. */
const RECENT = `${year - 7}-05-01`;
const END = `${year}-12-31`;

const issue = (member: TestMember, quantity: number, effectiveDate: string, eligible?: boolean) =>
  post('/movements', {
    kind: 'issue',
    member: member.documentId,
    shareClass: 'TL',
    quantity,
    effectiveDate,
    reference: 'BS',
    ...(eligible === undefined ? {} : { taxReductionEligible: eligible }),
  });
const ask = (member: TestMember, quantity: number) =>
  post('/redemptions', { shareClass: 'TL', quantity }, member.headers);
const decideOn = (id: string, body: object) => post(`/redemptions/${id}/decision`, { to: 'approved', ...body });

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  const created = await post('/classes', { code: 'TL', name: 'Lots fiscaux', nominalCents: 5_000 });
  expect(created.status).toBe(201);
  const on = await setSettings({ taxReductionEligible: true });
  expect(on.body.data).toMatchObject({ taxReductionEligible: true, taxReductionYears: 7 });
});

afterAll(async () => {
  await setSettings({ taxReductionEligible: false, taxReductionYears: 7, redemptionBoardApproval: true });
  await strapi.db.query(REDEMPTION).deleteMany({ where: { shareClass: { code: 'TL' } } });
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('the settings', () => {
  it.each<[string, unknown]>([
    ['under 5 years', 4],
    ['over 10 years', 11],
    ['not a whole number', 7.5],
    ['not a number', '7'],
  ])('refuses a holding period %s with a clear 400', async (_label, value) => {
    const res = await setSettings({ taxReductionYears: value });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/« taxReductionYears » .* de 5 à 10.*"taxReductionYears" .* from 5 to 10/);
    expect(res.body.error.details).toMatchObject({ field: 'taxReductionYears' });
  });

  it('keeps 5 to 10 years, and whether subscriptions are eligible by default', async () => {
    expect((await setSettings({ taxReductionYears: 5 })).body.data.taxReductionYears).toBe(5);
    expect((await setSettings({ taxReductionYears: 7 })).body.data.taxReductionYears).toBe(7);
    expect((await setSettings({ taxReductionEligible: 'yes' })).status).toBe(400);
  });
});

describe('a redemption request and its lots', () => {
  let alice: TestMember;
  let recentLot: number;

  beforeAll(async () => {
    alice = await createMember(strapi, {}, 'taxlots');
    expect((await issue(alice, 3, PAST)).status).toBe(201);
    const recent = await issue(alice, 4, RECENT);
    expect(recent.status).toBe(201);
    recentLot = recent.body.data.operationNumber;
    // The board says this subscription is not eligible (a legal person, say).
    expect((await issue(alice, 2, `${year - 7}-06-01`, false)).status).toBe(201);
  });

  it('takes only lots past their period: approved without override', async () => {
    const asked = await ask(alice, 3);
    expect(asked.status).toBe(201);
    expect(asked.body.data.taxLots).toEqual([]);
    const approved = await decideOn(asked.body.data.documentId, { version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'approved', taxLots: [], taxLotOverride: null });
  });

  it('takes a lot in its period: the member and the board see it, approval needs the override', async () => {
    // The 3 shares approved above leave first (the oldest lot); these 2 come from the recent one.
    const asked = await ask(alice, 2);
    expect(asked.status).toBe(201);
    const lots = [{ operationNumber: recentLot, date: RECENT, end: END, quantity: 2 }];
    expect(asked.body.data.taxLots).toEqual(lots);
    const id = asked.body.data.documentId as string;
    const mine = (await get('/redemptions/mine', alice.headers)).body.data.find(
      (r: { documentId: string }) => r.documentId === id,
    );
    expect(mine.taxLots).toEqual(lots);
    const queued = (await get('/redemptions?state=submitted')).body.data.find(
      (r: { documentId: string }) => r.documentId === id,
    );
    expect(queued).toMatchObject({ taxLots: lots, taxLotOverride: null });

    const refused = await decideOn(id, { version: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ rule: 'tax-lot', shares: 2, lots });
    expect(refused.body.error.message).toMatch(
      new RegExp(
        `réduction d’impôt.*2 part\\(s\\) du lot n° ${recentLot} du ${RECENT}, jusqu’au ${END}.*` +
          `income-tax reduction.*2 share\\(s\\) of lot no\\. ${recentLot} of ${RECENT}, until ${END}`,
      ),
    );
    // Nothing changed: still submitted, same version.
    expect((await get('/redemptions/mine', alice.headers)).body.data[0]).toMatchObject({
      state: 'submitted',
      version: 1,
    });

    const noReason = await decideOn(id, { version: 1, overrideTaxLots: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/raison.*reason/);
    expect(noReason.body.error.details).toMatchObject({ field: 'reason' });

    const before = Date.now();
    const approved = await decideOn(id, {
      version: 1,
      overrideTaxLots: true,
      reason: 'départ à l’étranger, le membre le sait',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'approved', taxLots: lots });
    const override = approved.body.data.taxLotOverride;
    const boardStep = approved.body.data.history.at(-1);
    expect(override).toMatchObject({
      reason: 'départ à l’étranger, le membre le sait',
      lots,
      by: boardStep.by,
      byName: boardStep.byName,
      byAdmin: null,
    });
    expect(override.by).not.toBeNull();
    expect(Date.parse(override.at)).toBeGreaterThanOrEqual(before - 1000);
    const row = await strapi.db.query(REDEMPTION).findOne({ where: { documentId: id } });
    expect(row.taxLotOverride).toMatchObject({ reason: override.reason, at: override.at, lots });
    // The member is told the reduction is clawed back, not the board's reason.
    const told = (await get('/redemptions/mine', alice.headers)).body.data.find(
      (r: { documentId: string }) => r.documentId === id,
    );
    expect(told).toMatchObject({ state: 'approved', taxLots: lots });
    expect(told).not.toHaveProperty('taxLotOverride');
  });

  it('is left for the board when the statutes approve without it', async () => {
    expect((await setSettings({ redemptionBoardApproval: false })).status).toBe(200);
    try {
      const asked = await ask(alice, 2);
      expect(asked.status).toBe(201);
      expect(asked.body.data).toMatchObject({
        state: 'submitted',
        taxLots: [{ operationNumber: recentLot, quantity: 2 }],
      });
      expect(
        (await post(`/redemptions/${asked.body.data.documentId}/cancellation`, { version: 1 }, alice.headers)).status,
      ).toBe(200);
    } finally {
      await setSettings({ redemptionBoardApproval: true });
    }
  });
});

describe('a subscription’s eligibility', () => {
  it('follows the settings unless the board says otherwise when it issues the shares', async () => {
    const dave = await createMember(strapi, {}, 'taxlots');
    const eligibleOf = async (operationNumber: number) =>
      Boolean(
        (await strapi.db.connection('shares_movements').where('operation_number', operationNumber).first())
          .tax_reduction_eligible,
      );
    const issued: number[] = [];
    for (const flag of [undefined, false]) {
      const asked = await post(
        '/subscriptions',
        { shareClass: 'TL', quantity: 2, paymentMethod: 'transfer' },
        dave.headers,
      );
      expect(asked.status).toBe(201);
      const id = asked.body.data.documentId as string;
      expect((await post(`/subscriptions/${id}/decision`, { to: 'approved', version: 1 })).status).toBe(200);
      const paid = await post(`/subscriptions/${id}/payments`, {
        amountCents: 10_000,
        date: today(timeZone),
        method: 'transfer',
        reference: 'VIR',
      });
      expect(paid.status).toBe(201);
      const done = await post(`/subscriptions/${id}/decision`, {
        to: 'issued',
        version: 3,
        ...(flag === undefined ? {} : { taxReductionEligible: flag }),
      });
      expect(done.status).toBe(200);
      issued.push(done.body.data.issuedOperation);
    }
    expect([await eligibleOf(issued[0]!), await eligibleOf(issued[1]!)]).toEqual([true, false]);
  });
});

describe('the board’s own disposals', () => {
  let bob: TestMember;
  let carol: TestMember;

  beforeAll(async () => {
    bob = await createMember(strapi, {}, 'taxlots');
    carol = await createMember(strapi, {}, 'taxlots');
    expect((await issue(bob, 4, RECENT)).status).toBe(201);
  });

  const transfer = (body: object = {}) =>
    post('/transfers', {
      from: bob.documentId,
      to: carol.documentId,
      shareClass: 'TL',
      quantity: 1,
      effectiveDate: today(timeZone),
      reference: 'Cession',
      ...body,
    });
  const redemption = (body: object = {}) =>
    post('/movements', {
      kind: 'redemption',
      member: bob.documentId,
      shareClass: 'TL',
      quantity: 1,
      effectiveDate: today(timeZone),
      reference: 'CA',
      ...body,
    });

  it('a transfer or a redemption of eligible shares in their period needs the override too', async () => {
    for (const send of [transfer, redemption]) {
      const refused = await send();
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toMatchObject({ rule: 'tax-lot', shares: 1 });
      expect((await send({ overrideTaxLots: true })).status).toBe(400);
      const done = await send({ overrideTaxLots: true, reason: 'décision du conseil du 3 décembre' });
      expect(done.status).toBe(201);
    }
    const rows = await strapi.db
      .connection('shares_movements')
      .whereIn('kind', ['transfer-out', 'transfer-in', 'redemption'])
      .andWhere('reference', 'in', ['Cession', 'CA'])
      .orderBy('operation_number')
      .select('kind', 'tax_lot_override', 'tax_reduction_eligible');
    const mine = rows.slice(-3);
    expect(mine.map((r: { kind: string }) => r.kind)).toEqual(['transfer-out', 'transfer-in', 'redemption']);
    const override = (r: { tax_lot_override: unknown }) =>
      typeof r.tax_lot_override === 'string' ? JSON.parse(r.tax_lot_override) : r.tax_lot_override;
    expect(override(mine[0])).toMatchObject({
      reason: 'décision du conseil du 3 décembre',
      lots: [{ quantity: 1, end: END }],
    });
    expect(override(mine[1])).toBeNull();
    expect(override(mine[2])).toMatchObject({ lots: [{ quantity: 1 }] });
    // Received by transfer, carol's share is no eligible lot: she may pass it on freely.
    expect(Boolean(mine[1].tax_reduction_eligible)).toBe(false);
    const back = await post('/transfers', {
      from: carol.documentId,
      to: bob.documentId,
      shareClass: 'TL',
      quantity: 1,
      effectiveDate: today(timeZone),
      reference: 'Cession retour',
    });
    expect(back.status).toBe(201);
    expect((await get('/verify')).body.data.ok).toBe(true);
  });

  it('a reversed redemption gives its share back to its eligible lot, not as a new share of that day', async () => {
    // Bob now holds 3 of his eligible lot (4, less the transfer and the redemption) and carol's 1.
    const redeemed = await strapi.db
      .connection('shares_movements')
      .where({ kind: 'redemption', reference: 'CA' })
      .orderBy('operation_number', 'desc')
      .first('operation_number');
    expect((await post(`/movements/${redeemed.operation_number}/reversal`, {})).status).toBe(201);
    // All 4: 3 of them from the eligible lot again (the transfer's 1 is gone), carol's 1 free.
    const all = await redemption({ quantity: 4 });
    expect(all.status).toBe(409);
    expect(all.body.error.details).toMatchObject({ rule: 'tax-lot', shares: 3, lots: [{ quantity: 3, end: END }] });
    expect((await get('/verify')).body.data.ok).toBe(true);
  });
});
