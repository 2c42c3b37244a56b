/**
 * The board's page of invalid (bounced) addresses, as the site renders it against the running CMS:
 * linked from the board's navigation, in French and English; the list with the member's name,
 * refusals, last error and since when; searched; an address reactivated after the confirmation
 * step (a form post of this site, Origin-checked); refused to a member; accessible and usable at a
 * phone's width in Chromium.
 */
import type { Core } from '@strapi/strapi';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { demoMembers } from '../database/seed/demo-accounts';
import { seriousViolations } from './support/axe';
import { bouncedAddress, removeBounces } from './support/admin-pages';
import { describeInBrowser, launchBrowser } from './support/browser';
import { createMember, removeCreatedMembers } from './support/members';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { stopStrapi, tokenFor } from './support/strapi';

const PROFILE = 'api::member-profile.member-profile';
let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let board: string;
let member: string;
const started = new Date();
const profiles: number[] = [];
const stranger = `inconnu-site-${process.pid}@example.org`;
let memberEmail: string;
let memberRow: string;
let strangerRow: string;

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  board = `na_session=${await tokenFor(strapi, 'board')}`;
  member = `na_session=${await tokenFor(strapi, 'member')}`;
  // The demo accounts have the charter and privacy texts to accept before the space opens.
  for (const email of [demoMembers.board.email, demoMembers.member.email]) {
    const profile = (await strapi.db.query(PROFILE).findOne({ where: { user: { email } }, select: ['id'] })) as {
      id: number;
    };
    profiles.push(profile.id);
    await recordAcceptances(strapi, profile.id);
  }
  const bouncing = await createMember(strapi, { displayName: 'Rebond Site' }, 'rebond-site');
  memberEmail = bouncing.email.toLowerCase();
  memberRow = await bouncedAddress(strapi, bouncing.email);
  strangerRow = await bouncedAddress(strapi, stranger);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (strapi) {
    await removeBounces(strapi, [memberEmail, stranger].filter(Boolean));
    const accepted = (await strapi.db.query('api::acceptance.acceptance').findMany({
      where: { profile: { id: { $in: profiles } }, acceptedAt: { $gte: started } },
      select: ['id'],
    })) as Array<{ id: number }>;
    for (const { id } of accepted) await strapi.db.query('api::acceptance.acceptance').delete({ where: { id } });
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

const FR = '/espace/adresses-invalides/';
const EN = '/en/space/invalid-addresses/';
const page = (route: string, cookie = board) => readPage(site!.base, route, { Cookie: cookie });

test('linked from the board’s navigation; the list in French and English', async () => {
  expect((await page('/espace/')).text).toContain(`href="${FR}"`);
  expect((await page('/espace/', member)).text).not.toContain(`href="${FR}"`);
  const fr = await page(FR);
  expect(fr.status).toBe(200);
  expect(fr.text).toContain('Adresses e-mail invalides');
  expect(fr.text).toContain(memberEmail);
  expect(fr.text).toContain('Rebond Site');
  expect(fr.text).toContain(stranger);
  expect(fr.text).toContain('aucun compte de membre');
  expect(fr.text).toContain('550 5.1.1 mailbox unavailable');
  expect(fr.text).toMatch(/<dt[^>]*>Refus<\/dt>\s*<dd[^>]*>3<\/dd>/);
  expect(fr.text).toContain('Invalide depuis le');
  const en = await page(EN);
  expect(en.status).toBe(200);
  expect(en.text).toContain('Invalid e-mail addresses');
  expect(en.text).toContain('no member account');
});

test('searched by member name or address', async () => {
  const byName = await page(`${FR}?q=${encodeURIComponent('rebond SITE')}`);
  expect(byName.text).toContain(memberEmail);
  expect(byName.text).not.toContain(stranger);
  const none = await page(`${FR}?q=personne-de-ce-nom`);
  expect(none.text).toContain('Aucune adresse invalide ne correspond à');
});

test('refused to a member (403), and a member’s post changes nothing', async () => {
  const res = await page(FR, member);
  expect(res.status).toBe(403);
  expect(res.text).not.toContain(stranger);
  await postForm(site!.base, FR, { intent: 'clearAddress', address: strangerRow }, { Cookie: member });
  expect(await strapi!.db.connection('mail_bounces').where('address', stranger).first()).toBeDefined();
});

test('a post from another site is refused (Origin check)', async () => {
  const res = await postForm(
    site!.base,
    FR,
    { intent: 'clearAddress', address: strangerRow },
    { Cookie: board, Origin: 'http://evil.example' },
  );
  expect(res.status).toBe(403);
  expect(await strapi!.db.connection('mail_bounces').where('address', stranger).first()).toBeDefined();
});

test('reactivating takes a confirmation, then the address leaves the list', async () => {
  const list = await page(FR);
  expect(list.text).toContain(`href="${FR}?confirm=${strangerRow}#confirm"`);
  const confirm = await page(`${FR}?confirm=${strangerRow}`);
  expect(confirm.text).toContain('Réactiver cette adresse');
  expect(confirm.text).toContain(`Les prochains courriels seront de nouveau envoyés à ${stranger}`);
  const posted = await postForm(site!.base, FR, { intent: 'clearAddress', address: strangerRow }, { Cookie: board });
  expect(posted.status).toBe(303);
  expect(posted.headers.get('location')).toBe(FR);
  const flash = (setCookie(posted, 'na_flash') as string).split(';')[0];
  const after = await page(FR, `${board}; ${flash}`);
  expect(after.text).toContain('L’adresse est réactivée');
  expect(after.text).not.toContain(stranger);
  expect(after.text).toContain(memberEmail);
  expect(await strapi!.db.connection('mail_bounces').where('address', stranger).first()).toBeUndefined();
});

describeInBrowser('in Chromium', () => {
  test('no serious or critical axe violation, list and confirmation, at a phone’s width', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      const [name, value] = board.split('=') as [string, string];
      await context.addCookies([{ name, value, url: site!.base }]);
      const tab = await context.newPage();
      for (const route of [FR, `${FR}?confirm=${memberRow}`, EN]) {
        await tab.goto(`${site!.base}${route}`);
        expect({ route, violations: await seriousViolations(tab) }).toEqual({ route, violations: [] });
        const width = await tab.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
        expect({ route, width }).toEqual({ route, width: 375 });
      }
      await tab.goto(`${site!.base}${FR}`);
      await tab.getByRole('link', { name: `Réactiver ${memberEmail}` }).click();
      await tab.getByRole('button', { name: 'Oui, réactiver l’adresse' }).click();
      await tab.getByText('L’adresse est réactivée').waitFor();
      expect(await strapi!.db.connection('mail_bounces').where('address', memberEmail).first()).toBeUndefined();
    } finally {
      await browser.close();
    }
  });
});
