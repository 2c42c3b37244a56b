/**
 * « Mes parts » as the site renders it against the running CMS, in French and English: holdings
 * and their value, movements, subscriptions paid and unpaid; a request for more shares or for a
 * redemption, and their cancellation, through the page's forms; the certificate and the yearly
 * statements downloaded through the site.
 */
import type { Core } from '@strapi/strapi';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { readPage, startSiteServer, submitForm, type SiteServer } from './support/space-site';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, stopStrapi } from './support/strapi';
import { pdfText } from './support/pdf';

const SUBSCRIPTION = 'plugin::shares.subscription';
const REDEMPTION = 'plugin::shares.redemption';

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let member: TestMember;
let cookie: string;

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  member = await createMember(strapi, {}, 'parts');
  await recordAcceptances(strapi, member.profileId);
  cookie = `na_session=${member.jwt}`;
  const board = await as(strapi, 'board');
  const asBoard = (path: string, body: object) => http(strapi!).post(`/api/shares${path}`).set(board).send(body);
  expect(
    (await asBoard('/classes', { code: 'PS', name: 'Part solidaire', nominalCents: 2_500, minimumShares: 1 })).status,
  ).toBe(201);
  const issued = await asBoard('/movements', {
    kind: 'issue',
    member: member.documentId,
    shareClass: 'PS',
    quantity: 10,
    effectiveDate: '2024-05-02',
    reference: 'Bulletin papier 2024',
  });
  expect(issued.status).toBe(201);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (strapi) {
    await strapi.db.query(SUBSCRIPTION).deleteMany({ where: { profile: { id: member.profileId } } });
    await strapi.db.query(REDEMPTION).deleteMany({ where: { profile: { id: member.profileId } } });
    await strapi.db.query('api::acceptance.acceptance').deleteMany({ where: { profile: { id: member.profileId } } });
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

const page = (route: string) => readPage(site!.base, route, { Cookie: cookie });

async function submit(route: string, fields: Record<string, string>) {
  const answer = await submitForm(site!.base, route, fields, cookie);
  expect(answer.posted).toBe(303);
  return answer;
}

describe('« Mes parts »', () => {
  it('is for members only', async () => {
    const res = await fetch(`${site!.base}/espace/parts/`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/espace\/connexion\/\?next=/);
  });

  it('shows my holdings, their value and my movements, in French and in English', async () => {
    const fr = await page('/espace/parts/');
    expect(fr.status).toBe(200);
    expect(fr.text).toContain('<h1');
    expect(fr.text).toContain('Mes parts');
    expect(fr.text).toContain('Parts détenues');
    expect(fr.text).toMatch(/<th scope="row">PS<\/th>\s*<td>10<\/td>\s*<td>250,00\s€<\/td>/);
    expect(fr.text).toContain('Souscription');
    expect(fr.text).toContain('2 mai 2024');
    expect(fr.text).toContain('href="/espace/parts/"');
    const en = await page('/en/space/shares/');
    expect(en.status).toBe(200);
    expect(en.text).toContain('Shares held');
    expect(en.text).toContain('€250.00');
    expect(en.text).toContain('2 May 2024');
  });

  it('asks for more shares through the form, shows the request unpaid, and cancels it', async () => {
    const asked = await submit('/espace/parts/', {
      intent: 'subscribe',
      shareClass: 'PS',
      quantity: '4',
      paymentMethod: 'cheque',
      paymentReference: 'Chèque 1234',
    });
    expect(asked.text).toContain('Votre demande de souscription est envoyée au conseil d’administration.');
    expect(asked.text).toContain('Déposée, en attente du conseil d’administration');
    expect(asked.text).toMatch(/Libéré\s: 0,00\s€ sur 100,00\s€/);
    const row = await strapi!.db
      .query(SUBSCRIPTION)
      .findOne({ where: { profile: { id: member.profileId }, state: 'submitted' } });
    expect(row).toMatchObject({ quantity: 4, paymentMethod: 'cheque', paymentReference: 'Chèque 1234' });

    const cancelled = await submit('/espace/parts/', {
      intent: 'cancel',
      subscription: row.documentId,
      version: String(row.version),
    });
    expect(cancelled.text).toContain('Votre souscription est annulée.');
    expect(cancelled.text).toContain('Annulée');
    expect((await strapi!.db.query(SUBSCRIPTION).findOne({ where: { id: row.id } })).state).toBe('cancelled');
  });

  it('says what is wrong with a request, in the member’s language', async () => {
    const zero = await submit('/en/space/shares/', {
      intent: 'subscribe',
      shareClass: 'PS',
      quantity: '0',
      paymentMethod: 'transfer',
    });
    expect(zero.text).toContain('Give a whole number of shares, at least 1.');
    expect(zero.text).toContain('aria-invalid="true"');
  });

  it('asks for a redemption through the form, follows its state, and cancels it', async () => {
    const tooMany = await submit('/espace/parts/', { intent: 'redeem', redeemClass: 'PS', redeemQuantity: '11' });
    expect(tooMany.text).toContain('Ce membre ne détient que 10 part(s) PS');
    const asked = await submit('/espace/parts/', { intent: 'redeem', redeemClass: 'PS', redeemQuantity: '3' });
    expect(asked.text).toContain('Votre demande de remboursement est enregistrée.');
    expect(asked.text).toMatch(/3 part\(s\) PS \(75,00\s€\), demandé le/);
    const row = await strapi!.db
      .query(REDEMPTION)
      .findOne({ where: { profile: { id: member.profileId }, state: 'submitted' } });
    expect(row).toMatchObject({ quantity: 3, amountCents: 7_500 });

    const cancelled = await submit('/espace/parts/', {
      intent: 'cancelRedemption',
      redemption: row.documentId,
      version: String(row.version),
    });
    expect(cancelled.text).toContain('Votre demande de remboursement est annulée.');
    expect((await strapi!.db.query(REDEMPTION).findOne({ where: { id: row.id } })).state).toBe('cancelled');

    // Refused by the board: the member reads why, in their language.
    const again = await submit('/en/space/shares/', { intent: 'redeem', redeemClass: 'PS', redeemQuantity: '2' });
    expect(again.text).toContain('Your redemption request is recorded.');
    const open = await strapi!.db
      .query(REDEMPTION)
      .findOne({ where: { profile: { id: member.profileId }, state: 'submitted' } });
    const refused = await http(strapi!)
      .post(`/api/shares/redemptions/${open.documentId}/decision`)
      .set(await as(strapi!, 'board'))
      .send({ to: 'refused', version: 1, reason: 'the accounts are not yet approved.' });
    expect(refused.status).toBe(200);
    const en = await page('/en/space/shares/');
    expect(en.text).toContain('Refused: The board refuses this redemption: the accounts are not yet approved.');
  });

  it('downloads my certificate of shares held, today or at a past date, through the site', async () => {
    const fr = await page('/espace/parts/');
    expect(fr.text).toContain('href="/espace/parts/attestation.pdf"');
    const today = await fetch(`${site!.base}/espace/parts/attestation.pdf`, { headers: { Cookie: cookie } });
    expect(today.status).toBe(200);
    expect(today.headers.get('content-type')).toBe('application/pdf');
    const { lines } = await pdfText(new Uint8Array(await today.arrayBuffer()));
    const total = lines.indexOf('Total');
    expect(lines.slice(total, total + 3)).toEqual(['Total', '10', '250,00 €']);
    const before = await fetch(`${site!.base}/espace/parts/attestation.pdf?date=2024-05-01`, {
      headers: { Cookie: cookie },
    });
    expect((await pdfText(new Uint8Array(await before.arrayBuffer()))).lines).toContain(
      'Aucune part sociale n’est inscrite à son nom à cette date.',
    );
    const anonymous = await fetch(`${site!.base}/espace/parts/attestation.pdf`, { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
  });

  it('offers my yearly statement for each year with an issue or a payment, and downloads it through the site', async () => {
    const fr = await page('/espace/parts/');
    expect(fr.text).toContain('Mes états annuels pour la déclaration de revenus');
    expect(fr.text.match(/href="\/espace\/parts\/releve-\d{4}\.pdf"/g)).toEqual([
      'href="/espace/parts/releve-2024.pdf"',
    ]);
    expect((await page('/en/space/shares/')).text).toContain('Statement for 2024 (PDF, in French)');
    const res = await fetch(`${site!.base}/espace/parts/releve-2024.pdf`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { lines } = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(lines).toContain('État annuel des souscriptions et versements — 2024');
    expect(lines).toContain('Total souscrit en 2024 : 250,00 €');
    const empty = await fetch(`${site!.base}/espace/parts/releve-2023.pdf`, { headers: { Cookie: cookie } });
    expect(empty.status).toBe(404);
    const anonymous = await fetch(`${site!.base}/espace/parts/releve-2024.pdf`, { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
  });
});
