/**
 * « Mes parts » tells a member that their redemption request takes shares still in the
 * income-tax reduction period (the reduction will be clawed back), in French and English.
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { readPage, startSiteServer, submitForm, type SiteServer } from './support/space-site';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, stopStrapi } from './support/strapi';
import { today } from '../plugins/shares/server/src/rules';

const REDEMPTION = 'plugin::shares.redemption';

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let member: TestMember;
let board: Record<string, string>;

const year = Number(today(timeZone).slice(0, 4));
const asBoard = (method: 'post' | 'put', path: string, body: object) =>
  http(strapi!)[method](`/api/shares${path}`).set(board).send(body);

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  member = await createMember(strapi, {}, 'taxlots-site');
  await recordAcceptances(strapi, member.profileId);
  board = await as(strapi, 'board');
  expect((await asBoard('post', '/classes', { code: 'TS', name: 'Part ESUS', nominalCents: 1_000 })).status).toBe(201);
  expect((await asBoard('put', '/settings', { taxReductionEligible: true })).status).toBe(200);
  const issued = await asBoard('post', '/movements', {
    kind: 'issue',
    member: member.documentId,
    shareClass: 'TS',
    quantity: 5,
    effectiveDate: `${year - 2}-04-01`,
    reference: 'Bulletin',
  });
  expect(issued.status).toBe(201);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (strapi) {
    await asBoard('put', '/settings', { taxReductionEligible: false });
    await strapi.db.query(REDEMPTION).deleteMany({ where: { profile: { id: member.profileId } } });
    await strapi.db.query('api::acceptance.acceptance').deleteMany({ where: { profile: { id: member.profileId } } });
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

it('says the request takes shares still in their tax-reduction period, until when', async () => {
  const cookie = `na_session=${member.jwt}`;
  const asked = await submitForm(
    site!.base,
    '/espace/parts/',
    { intent: 'redeem', redeemClass: 'TS', redeemQuantity: '2' },
    cookie,
  );
  expect(asked.posted).toBe(303);
  expect(asked.text).toContain(
    `2 de ces parts sont encore dans leur délai de conservation pour la réduction d’impôt (jusqu’au 31 décembre ${year + 5})`,
  );
  const en = await readPage(site!.base, '/en/space/shares/', { Cookie: cookie });
  expect(en.text).toContain(
    `2 of these shares are still in their income-tax reduction period (until 31 December ${year + 5})`,
  );
});
