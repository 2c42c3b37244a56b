/**
 * The register as accounting journal lines (CSV), read back with a real CSV parser: every entry
 * balances, and the accounts' totals are the movements' and the payments' amounts.
 */
import type { Core } from '@strapi/strapi';
import { parse } from 'csv-parse/sync';
import { timeZone } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { today as dayIn } from '../plugins/shares/server/src/rules';

let strapi: Core.Strapi;
let board: Record<string, string>;
let holder: TestMember;
let buyer: TestMember;
/** Today in the organisation's time zone, as the server dates the requests (not UTC: they differ before 1 a.m.). */
const today = dayIn(timeZone);

const api = (path: string) => `/api/shares${path}`;
const post = (path: string, body: object, headers = board) => http(strapi).post(api(path)).set(headers).send(body);
const get = (path: string, headers = board) => http(strapi).get(api(path)).set(headers);

interface Line {
  entry: string;
  date: string;
  account: string;
  member: string;
  debit: number;
  credit: number;
}

/** "1234,56" → 123456 cents; an empty cell is 0. */
const cents = (text: string) => (text === '' ? 0 : Number(text.replace(',', '')));

async function journal(query = ''): Promise<Line[]> {
  const res = await get(`/journal.csv${query}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  const rows = parse(res.text, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({
    entry: r['Écriture']!,
    date: r['Date']!,
    account: r['Compte']!,
    member: r['Numéro de membre']!,
    debit: cents(r['Débit (€)']!),
    credit: cents(r['Crédit (€)']!),
  }));
}

const balance = (lines: Line[], account: string) =>
  lines.filter((l) => l.account === account).reduce((s, l) => s + l.debit - l.credit, 0);

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  holder = await createMember(strapi, { displayName: 'Jules Journal', membershipNumber: 'JO-1' }, 'journal');
  buyer = await createMember(strapi, { displayName: 'Berthe Cessionnaire', membershipNumber: 'JO-2' }, 'journal');
  expect((await http(strapi).put(api('/settings')).set(board).send({ holdingPeriodYears: 0 })).status).toBe(200);
  expect((await post('/classes', { code: 'JO', name: 'Parts journal', nominalCents: 2_550 })).status).toBe(201);
  // A direct issue (paid in full), a subscription paid in two payments, a transfer, a correction, a redemption.
  const issue = (quantity: number, effectiveDate: string) =>
    post('/movements', {
      kind: 'issue',
      member: holder.documentId,
      shareClass: 'JO',
      quantity,
      effectiveDate,
      reference: 'CA 1',
    });
  expect((await issue(4, '2021-01-10')).status).toBe(201);
  const wrong = await issue(1, '2021-02-01');
  expect((await post(`/movements/${wrong.body.data.operationNumber}/reversal`, {})).status).toBe(201);
  const sub = await post('/subscriptions', { shareClass: 'JO', quantity: 10, paymentMethod: 'cheque' }, holder.headers);
  expect(sub.status).toBe(201);
  const id = sub.body.data.documentId as string;
  const pay = (amountCents: number, date: string) =>
    post(`/subscriptions/${id}/payments`, { amountCents, date, method: 'cheque', reference: 'Chq' });
  expect((await pay(10_000, '2022-03-01')).status).toBe(201);
  expect((await post(`/subscriptions/${id}/decision`, { to: 'approved', version: 2 })).status).toBe(200);
  expect(
    (await post(`/subscriptions/${id}/decision`, { to: 'issued', version: 3, effectiveDate: '2022-03-05' })).status,
  ).toBe(200);
  expect((await pay(5_000, '2023-01-20')).status).toBe(201);
  const moved = await post('/transfers', {
    from: holder.documentId,
    to: buyer.documentId,
    shareClass: 'JO',
    quantity: 2,
    effectiveDate: '2023-06-01',
    reference: 'CA cession',
  });
  expect(moved.status).toBe(201);
  const asked = await post('/redemptions', { shareClass: 'JO', quantity: 2 }, buyer.headers);
  expect(asked.status).toBe(201);
  const rid = asked.body.data.documentId as string;
  expect((await post(`/redemptions/${rid}/decision`, { to: 'approved', version: 1 })).status).toBe(200);
  expect((await post(`/redemptions/${rid}/payment`, { version: 2, date: today })).status).toBe(201);
});

afterAll(async () => {
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('every endpoint × role', () => {
  it.each(viewers)('as %s', async (viewer: Viewer) => {
    const res = await get('/journal.csv', await as(strapi, viewer));
    expect(res.status).toBe(viewer === 'anonymous' ? 401 : viewer === 'board' ? 200 : 403);
  });
  it('bad input is 400 with a message', async () => {
    for (const query of ['?from=2023-13-01', '?to=hier', '?from=2024-01-01&to=2023-01-01']) {
      const res = await get(`/journal.csv${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.message).toMatch(/date|p[ée]riod/);
    }
  });
});

describe('the journal', () => {
  it('every entry balances, and the accounts hold what the register says', async () => {
    const lines = (await journal()).filter((l) => ['JO-1', 'JO-2'].includes(l.member));
    const entries = new Map<string, number>();
    for (const l of lines) entries.set(l.entry, (entries.get(l.entry) ?? 0) + l.debit - l.credit);
    expect(entries.size).toBeGreaterThan(5);
    for (const [entry, net] of entries) expect([entry, net]).toEqual([entry, 0]);
    // Issued: 4 + 10 shares (the mistaken one reversed), 2 redeemed: 12 × 25,50 € of capital.
    const subscribed = 14 * 2_550;
    expect(balance(lines, '1011')).toBe(0);
    // Paid: the direct issue in full (4 × 25,50) and the subscription's two payments.
    const paid = 4 * 2_550 + 10_000 + 5_000;
    const redeemed = 2 * 2_550;
    expect(balance(lines, '512')).toBe(paid - redeemed);
    expect(-balance(lines, '1013')).toBe(paid - redeemed);
    expect(-balance(lines, '1012')).toBe(subscribed - paid);
    expect(balance(lines, '4562')).toBe(subscribed - paid);
    expect(balance(lines, '4561')).toBe(0);
    expect(balance(lines, '4567')).toBe(0);
    // The amount due to the leaving member was owed from approval, then paid.
    expect(lines.filter((l) => l.account === '4567' && l.credit === redeemed)).toHaveLength(1);
  });
  it('filters on a date range, both days included', async () => {
    const lines = (await journal('?from=2022-03-01&to=2022-03-05')).filter((l) => l.member === 'JO-1');
    expect(new Set(lines.map((l) => l.date))).toEqual(new Set(['2022-03-01', '2022-03-05']));
    expect(balance(lines, '512')).toBe(10_000);
  });
});
