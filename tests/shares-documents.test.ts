/**
 * The register's documents over HTTP, read back with pdf-lib, their figures exact: a member's
 * certificate of shares held (the member themself and the board only), the register as PDF (the board).
 */
import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { pdfText } from './support/pdf';

let strapi: Core.Strapi;
let board: Record<string, string>;
let holder: TestMember;

const api = (path: string) => `/api/shares${path}`;
const get = (path: string, headers: Record<string, string> = board) =>
  http(strapi)
    .get(api(path))
    .set(headers)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
const issue = (member: TestMember, quantity: number, effectiveDate: string) =>
  http(strapi)
    .post(api('/movements'))
    .set(board)
    .send({ kind: 'issue', member: member.documentId, shareClass: 'DC', quantity, effectiveDate, reference: 'BS' });
const errorOf = (body: Buffer) => JSON.parse(body.toString('utf8')).error;

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  holder = await createMember(strapi, { displayName: 'Hélène Détentrice', membershipNumber: 'EC-7001' }, 'holder');
  const created = await http(strapi)
    .post(api('/classes'))
    .set(board)
    .send({ code: 'DC', name: 'Parts d’usagers', nominalCents: 2_550 });
  expect(created.status).toBe(201);
  expect((await issue(holder, 7, '2020-03-01')).status).toBe(201);
  expect((await issue(holder, 3, '2024-06-01')).status).toBe(201);
});

afterAll(async () => {
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('every endpoint × role', () => {
  it.each(viewers)('as %s', async (viewer: Viewer) => {
    const headers = await as(strapi, viewer);
    const mine = await get('/me/certificate.pdf', headers);
    expect(mine.status).toBe(viewer === 'anonymous' ? 401 : 200);
    const theirs = await get(`/members/${holder.documentId}/certificate.pdf`, headers);
    expect(theirs.status).toBe(viewer === 'anonymous' ? 401 : viewer === 'board' ? 200 : 403);
    const register = await get('/register.pdf', headers);
    expect(register.status).toBe(viewer === 'anonymous' ? 401 : viewer === 'board' ? 200 : 403);
  });
});

describe('the certificate of shares held', () => {
  it('for the member, today: their name, number, shares and amounts, exact', async () => {
    const res = await get('/me/certificate.pdf', holder.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="attestation-parts-EC-7001-\d{4}-\d\d-\d\d\.pdf"/,
    );
    const { pages, lines } = await pdfText(res.body);
    expect(pages).toBe(1);
    expect(lines).toContain(organisation.name);
    expect(lines).toContain('Attestation de détention de parts sociales');
    expect(lines).toContain('Nous attestons que Hélène Détentrice, membre n° EC-7001,');
    // One row per class: code and name, shares, nominal, amount; then the total.
    const row = lines.indexOf('DC — Parts d’usagers');
    expect(lines.slice(row, row + 4)).toEqual(['DC — Parts d’usagers', '10', '25,50 €', '255,00 €']);
    const total = lines.indexOf('Total');
    expect(lines.slice(total, total + 3)).toEqual(['Total', '10', '255,00 €']);
  });

  it('at a past date, from the movements effective on or before it; the board reads any member’s', async () => {
    const res = await get(`/members/${holder.documentId}/certificate.pdf?date=2022-01-01`);
    expect(res.status).toBe(200);
    const { lines } = await pdfText(res.body);
    expect(lines.some((l) => l.startsWith('détient au 1 janvier 2022 les parts sociales suivantes'))).toBe(true);
    const total = lines.indexOf('Total');
    expect(lines.slice(total, total + 3)).toEqual(['Total', '7', '178,50 €']);
    const before = await pdfText((await get(`/members/${holder.documentId}/certificate.pdf?date=2019-12-31`)).body);
    expect(before.lines).toContain('Aucune part sociale n’est inscrite à son nom à cette date.');
  });

  it('refuses a bad or future date (400) and an unknown member (404)', async () => {
    const bad = await get('/me/certificate.pdf?date=2022-02-30', holder.headers);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).message).toMatch(/date/);
    const future = await get('/me/certificate.pdf?date=2999-01-01', holder.headers);
    expect(future.status).toBe(400);
    expect(errorOf(future.body).message).toMatch(/futur.*future/);
    expect((await get('/members/no-such-member/certificate.pdf')).status).toBe(404);
  });
});

describe('the register as PDF', () => {
  it('has every holding of the register at the date, and the capital', async () => {
    const date = '2022-01-01';
    const res = await get(`/register.pdf?date=${date}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename="registre-parts-${date}.pdf"`);
    const { lines } = await pdfText(res.body);
    expect(lines).toContain('Registre des parts sociales au 1 janvier 2022');
    const register = JSON.parse((await get(`/register?date=${date}`)).body.toString('utf8')).data;
    expect(register.holdings.length).toBeGreaterThan(0);
    const numbered = (
      register.holdings as Array<{ membershipNumber: string; shareClass: string; quantity: number }>
    ).filter((h) => h.membershipNumber);
    for (const h of numbered) {
      const at = lines.indexOf(h.membershipNumber);
      expect([h.membershipNumber, lines[at + 2], lines[at + 3]]).toEqual([
        h.membershipNumber,
        h.shareClass,
        String(h.quantity),
      ]);
    }
    const holder = lines.indexOf('EC-7001');
    expect(lines.slice(holder, holder + 5)).toEqual(['EC-7001', 'Hélène Détentrice', 'DC', '7', '178,50 €']);
    const euros = (cents: number) =>
      `${Math.trunc(cents / 100)
        .toLocaleString('fr-FR')
        .replace(/\s/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;
    const members = new Set(register.holdings.map((h: { member: string }) => h.member)).size;
    expect(lines).toContain(`Capital social : ${euros(register.capitalCents)} — ${members} associé(s)`);
  });
});
