/**
 * « Mes parts » as the site renders it against the running CMS, in French and English: holdings
 * and their value, movements, subscriptions paid and unpaid; a request for more shares and its
 * cancellation through the page's forms.
 */
import type { Core } from '@strapi/strapi';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { readPage, startSiteServer, submitForm, type SiteServer } from './support/space-site';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, stopStrapi } from './support/strapi';

const SUBSCRIPTION = 'plugin::shares.subscription';

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
});
