/**
 * The yearly statements of amounts subscribed and paid (états annuels) over HTTP, read back with
 * pdf-lib and JSZip, their figures exact: what counts in year N (issued requests by issue date,
 * their payments dated N, the board's direct issues; not a request still pending, not another
 * year's, not a reversed issue), which lines are eligible tax lots and what was paid on them, the years « Mes parts » offers, who reads which statement, the board's batch of every member's with its progress.
 * Year 2016, and share class ST, are this suite's alone.
 */
import type { Core } from '@strapi/strapi';
import { rmSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { organisation } from '@notre-asso/config';
import { demoAdmins } from '../database/seed/demo-accounts';
import { adminHeaders } from './support/admin-pages';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { pdfText } from './support/pdf';

const SUBSCRIPTION = 'plugin::shares.subscription';
const N = 2016;

let strapi: Core.Strapi;
let board: Record<string, string>;
let alice: TestMember;
let bob: TestMember;
let carol: TestMember;
let dave: TestMember;

const api = (path: string) => `/api/shares${path}`;
/** The body as bytes (PDF, ZIP), or the JSON error as bytes. */
const binary = (request: ReturnType<ReturnType<typeof http>['get']>) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const get = (path: string, headers: Record<string, string> = board) => binary(http(strapi).get(api(path)).set(headers));
const post = (path: string, body: object, headers: Record<string, string> = board) =>
  http(strapi).post(api(path)).set(headers).send(body);
const errorOf = (body: Buffer) => JSON.parse(body.toString('utf8')).error;
const jsonOf = (body: Buffer) => JSON.parse(body.toString('utf8'));

/**
 * A request by the member, paid as `payments` say (before issue, then after), issued on `issuedOn`
 * as a tax lot eligible for the reduction or not (the settings' default here: not).
 */
async function subscription(
  member: TestMember,
  quantity: number,
  issuedOn: string | null,
  before: Array<[number, string]>,
  after: Array<[number, string]> = [],
  eligible = false,
) {
  const asked = await post('/subscriptions', { shareClass: 'ST', quantity, paymentMethod: 'transfer' }, member.headers);
  expect(asked.status).toBe(201);
  const id = asked.body.data.documentId as string;
  const pay = async ([amountCents, date]: [number, string]) => {
    const res = await post(`/subscriptions/${id}/payments`, {
      amountCents,
      date,
      method: 'transfer',
      reference: 'Vir',
    });
    expect(res.status).toBe(201);
    return res.body.data.version as number;
  };
  let version = 1;
  for (const p of before) version = await pay(p);
  const approved = await post(`/subscriptions/${id}/decision`, { to: 'approved', version });
  expect(approved.status).toBe(200);
  if (!issuedOn) return;
  const issued = await post(`/subscriptions/${id}/decision`, {
    to: 'issued',
    version: approved.body.data.version,
    effectiveDate: issuedOn,
    taxReductionEligible: eligible,
  });
  expect(issued.status).toBe(200);
  for (const p of after) await pay(p);
}

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  alice = await createMember(strapi, { displayName: 'Alice Déclarante', membershipNumber: 'ETA-7101' }, 'statement');
  bob = await createMember(strapi, { displayName: 'Bob Direct', membershipNumber: 'ETA-7102' }, 'statement');
  carol = await createMember(strapi, { displayName: 'Carole Solde', membershipNumber: 'ETA-7103' }, 'statement');
  dave = await createMember(strapi, { displayName: 'David Avant', membershipNumber: 'ETA-7104' }, 'statement');
  const created = await post('/classes', { code: 'ST', name: 'Parts test', nominalCents: 2_000 });
  expect(created.status).toBe(201);
  // Alice: one in N-1, two in N (one eligible, partly paid in N and the rest in N+1), one still pending.
  await subscription(alice, 2, `${N - 1}-05-02`, [[4_000, `${N - 1}-05-01`]]);
  await subscription(alice, 5, `${N}-03-15`, [[4_000, `${N}-03-10`]], [[6_000, `${N + 1}-02-01`]], true);
  await subscription(alice, 3, `${N}-09-05`, [
    [1_500, `${N}-08-20`],
    [4_500, `${N}-09-01`],
  ]);
  await subscription(alice, 1, null, [[2_000, `${N}-12-01`]]);
  // Bob: shares issued by the board without a request, eligible.
  const direct = await post('/movements', {
    kind: 'issue',
    member: bob.documentId,
    shareClass: 'ST',
    quantity: 4,
    effectiveDate: `${N}-06-01`,
    reference: 'Décision du conseil',
    taxReductionEligible: true,
  });
  expect(direct.status).toBe(201);
  // Carol: subscribed in N-1, the balance paid in N.
  await subscription(carol, 10, `${N - 1}-11-02`, [[5_000, `${N - 1}-11-01`]], [[15_000, `${N}-01-20`]]);
  // Dave: nothing in N.
  await subscription(dave, 1, `${N - 1}-04-01`, [[2_000, `${N - 1}-03-01`]]);
});

afterAll(async () => {
  const ids = [alice, bob, carol, dave].map((m) => m.profileId);
  await strapi.db.query(SUBSCRIPTION).deleteMany({ where: { profile: { id: { $in: ids } } } });
  for (const year of [N - 3, N, N + 1])
    rmSync(path.join(strapi.dirs.app.root, '.tmp', 'statements', `etats-annuels-${year}.zip`), { force: true });
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('who reads which statement', () => {
  it.each(viewers)('as %s', async (viewer: Viewer) => {
    const headers = await as(strapi, viewer);
    const anonymous = viewer === 'anonymous';
    const boardOnly = anonymous ? 401 : viewer === 'board' ? [200, 202] : 403;
    // The demo accounts have nothing in N: theirs is a 404, not a refusal.
    expect((await get(`/me/statements/${N}.pdf`, headers)).status).toBe(anonymous ? 401 : 404);
    const theirs = await get(`/members/${alice.documentId}/statements/${N}.pdf`, headers);
    expect(theirs.status).toBe(anonymous ? 401 : viewer === 'board' ? 200 : 403);
    const start = await post(`/statements/${N - 3}/batch`, {}, headers);
    expect([boardOnly].flat()).toContain(start.status);
    expect([boardOnly].flat()).toContain((await get(`/statements/${N - 3}/batch`, headers)).status);
    // The board's ZIP may not be written yet (404): only the refusals are checked.
    const zip = (await get(`/statements/${N - 3}/batch.zip`, headers)).status;
    if (viewer !== 'board') expect(zip).toBe(anonymous ? 401 : 403);
    else expect([200, 404]).toContain(zip);
  });

  it('gives a member their own', async () => {
    expect((await get(`/me/statements/${N}.pdf`, alice.headers)).status).toBe(200);
  });
});

describe('a member’s statement for N', () => {
  it('has their name, the shares and exactly the amounts subscribed and paid in N, eligible or not', async () => {
    const res = await get(`/me/statements/${N}.pdf`, alice.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="etat-annuel-${N}-ETA-7101.pdf"`);
    const { pages, lines } = await pdfText(res.body);
    expect(pages).toBe(1);
    expect(lines).toContain(organisation.name);
    expect(lines).toContain(organisation.address);
    expect(lines).toContain(`État annuel des souscriptions et versements — ${N}`);
    expect(lines).toContain('Associé : Alice Déclarante, membre n° ETA-7101');
    const header = lines.indexOf('Date');
    expect(lines.slice(header, header + 6)).toEqual([
      'Date',
      'Catégorie',
      'Parts',
      `Souscrit en ${N}`,
      `Versé en ${N}`,
      'Éligible',
    ]);
    // Two lines, in date order: not the request of N-1, not the one still pending.
    expect(lines.slice(header + 6, header + 23)).toEqual([
      `15/03/${N}`,
      'ST — Parts test',
      '5',
      '100,00 €',
      '40,00 €',
      'oui',
      `05/09/${N}`,
      'ST — Parts test',
      '3',
      '60,00 €',
      '60,00 €',
      'non',
      `Total ${N}`,
      '8',
      '160,00 €',
      '100,00 €',
      `Total souscrit en ${N} : 160,00 €`,
    ]);
    expect(lines).toContain(`Total versé en ${N} : 100,00 €`);
    expect(lines).toContain('dont versé sur des parts éligibles à la réduction d’impôt : 40,00 €');
  });

  it('counts the board’s direct issue as subscribed and paid, and a balance of N-1’s paid in N', async () => {
    const direct = await pdfText((await get(`/members/${bob.documentId}/statements/${N}.pdf`)).body);
    const row = direct.lines.indexOf(`01/06/${N}`);
    expect(direct.lines.slice(row, row + 6)).toEqual([
      `01/06/${N}`,
      'ST — Parts test',
      '4',
      '80,00 €',
      '80,00 €',
      'oui',
    ]);
    expect(direct.lines).toContain('dont versé sur des parts éligibles à la réduction d’impôt : 80,00 €');
    const balance = await pdfText((await get(`/members/${carol.documentId}/statements/${N}.pdf`)).body);
    const line = balance.lines.indexOf(`02/11/${N - 1}`);
    expect(balance.lines.slice(line, line + 6)).toEqual([
      `02/11/${N - 1}`,
      'ST — Parts test',
      '10',
      '—',
      '150,00 €',
      'non',
    ]);
    expect(balance.lines).toContain('dont versé sur des parts éligibles à la réduction d’impôt : 0,00 €');
    expect(balance.lines).toContain(`Total souscrit en ${N} : 0,00 €`);
    expect(balance.lines).toContain(`Total versé en ${N} : 150,00 €`);
  });

  it('N+1 has the balance paid then; N-1 the first request', async () => {
    const next = await pdfText((await get(`/me/statements/${N + 1}.pdf`, alice.headers)).body);
    expect(next.lines).toContain(`Total versé en ${N + 1} : 60,00 €`);
    // The balance of N's eligible subscription: eligible too.
    expect(next.lines).toContain('dont versé sur des parts éligibles à la réduction d’impôt : 60,00 €');
    const before = await pdfText((await get(`/me/statements/${N - 1}.pdf`, alice.headers)).body);
    expect(before.lines).toContain(`Total souscrit en ${N - 1} : 40,00 €`);
    expect(before.lines).toContain(`Total versé en ${N - 1} : 40,00 €`);
  });

  it('« Mes parts » (`/api/shares/me`) lists exactly the years each member has a statement for', async () => {
    // Dave's issue of N-2 by the board, reversed: no statement for N-2.
    const wrong = await post('/movements', {
      kind: 'issue',
      member: dave.documentId,
      shareClass: 'ST',
      quantity: 1,
      effectiveDate: `${N - 2}-06-01`,
      reference: 'Saisie erronée',
    });
    expect(wrong.status).toBe(201);
    expect((await post(`/movements/${wrong.body.data.operationNumber}/reversal`, {})).status).toBe(201);
    expect((await get(`/members/${dave.documentId}/statements/${N - 2}.pdf`)).status).toBe(404);
    const years = async (member: TestMember) => jsonOf((await get('/me', member.headers)).body).data.statementYears;
    expect(await years(alice)).toEqual([N + 1, N, N - 1]);
    expect(await years(bob)).toEqual([N]);
    expect(await years(carol)).toEqual([N, N - 1]);
    expect(await years(dave)).toEqual([N - 1]);
    for (const [member, year] of [
      [alice, N + 1],
      [bob, N],
      [carol, N - 1],
      [dave, N - 1],
    ] as const)
      expect({ year, status: (await get(`/me/statements/${year}.pdf`, member.headers)).status }).toEqual({
        year,
        status: 200,
      });
  });

  it('refuses a bad year (400), a year with nothing (404), an unknown member (404)', async () => {
    for (const year of ['16', '2016x', 'abcd', '0999', '2999']) {
      const res = await get(`/me/statements/${year}.pdf`, alice.headers);
      expect({ year, status: res.status }).toEqual({ year, status: 400 });
      expect(errorOf(res.body).message).toMatch(/L’année doit être écrite AAAA.* \/ The year must be written YYYY/);
    }
    const nothing = await get(`/me/statements/${N}.pdf`, dave.headers);
    expect(nothing.status).toBe(404);
    expect(errorOf(nothing.body).message).toMatch(/Aucune souscription ni aucun versement en 2016.*No subscription/);
    expect((await get(`/members/no-such-member/statements/${N}.pdf`)).status).toBe(404);
    expect((await post('/statements/20x6/batch', {})).status).toBe(400);
  });
});

describe('the board’s batch of every statement for N', () => {
  it('runs in the background to finished, one PDF per member with something in N, and refuses a second start', async () => {
    // Two starts at once: one runs, the other is told.
    const [started, again] = (
      await Promise.all([post(`/statements/${N}/batch`, {}), post(`/statements/${N}/batch`, {})])
    ).sort((a, b) => a.status - b.status);
    expect([started!.status, again!.status]).toEqual([202, 409]);
    expect(started!.body.data).toMatchObject({ year: N, state: 'running' });
    expect(again!.body.error.message).toMatch(/déjà en cours.*already being generated/);
    let status = started!.body.data;
    for (let i = 0; i < 200 && status.state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = jsonOf((await get(`/statements/${N}/batch`)).body).data;
    }
    expect(status).toMatchObject({ state: 'finished', done: 3, total: 3, error: null });

    const res = await get(`/statements/${N}/batch.zip`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="etats-annuels-${N}.zip"`);
    const zip = await JSZip.loadAsync(res.body);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      `etat-annuel-${N}-ETA-7101.pdf`,
      `etat-annuel-${N}-ETA-7102.pdf`,
      `etat-annuel-${N}-ETA-7103.pdf`,
      `recapitulatif-${N}.csv`,
    ]);
    const members = { 'ETA-7101': 'Alice Déclarante', 'ETA-7102': 'Bob Direct', 'ETA-7103': 'Carole Solde' };
    for (const [number, name] of Object.entries(members)) {
      const { lines } = await pdfText(await zip.file(`etat-annuel-${N}-${number}.pdf`)!.async('uint8array'));
      expect(lines).toContain(`Associé : ${name}, membre n° ${number}`);
    }
    const csv = await zip.file(`recapitulatif-${N}.csv`)!.async('string');
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      `ETA-7101;Alice Déclarante;etat-annuel-${N}-ETA-7101.pdf;160,00;100,00;40,00`,
      `ETA-7102;Bob Direct;etat-annuel-${N}-ETA-7102.pdf;80,00;80,00;80,00`,
      `ETA-7103;Carole Solde;etat-annuel-${N}-ETA-7103.pdf;0,00;150,00;0,00`,
    ]);
  });

  it('answers 404 for a year never started', async () => {
    const status = await get(`/statements/${N - 10}/batch`);
    expect(status.status).toBe(404);
    expect(errorOf(status.body).message).toMatch(/lancez la génération.*start the generation/);
    expect((await get(`/statements/${N - 10}/batch.zip`)).status).toBe(404);
  });
});

describe('the batch from the admin pages (under /shares, admin JWT)', () => {
  it('the board’s admin starts it and downloads the ZIP; an editor is refused, a member’s token too', async () => {
    const admin = await adminHeaders(strapi, demoAdmins.board.email);
    const editor = await adminHeaders(strapi, demoAdmins.editor.email);
    const path = `/shares/statements/${N + 1}/batch`;
    expect((await http(strapi).post(path).set(editor).send({})).status).toBe(403);
    expect((await http(strapi).post(path).set(alice.headers).send({})).status).toBe(401);
    expect((await http(strapi).post(path).set(admin).send({})).status).toBe(202);
    let status = { state: 'running', total: 0 };
    for (let i = 0; i < 200 && status.state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await http(strapi).get(path).set(admin)).body.data;
    }
    // N+1: only Alice's balance.
    expect(status).toMatchObject({ state: 'finished', total: 1 });
    expect((await http(strapi).get(`${path}.zip`).set(editor)).status).toBe(403);
    const zip = await binary(http(strapi).get(`${path}.zip`).set(admin));
    expect(zip.status).toBe(200);
    expect(Object.keys((await JSZip.loadAsync(zip.body)).files)).toContain(`etat-annuel-${N + 1}-ETA-7101.pdf`);
  });
});
