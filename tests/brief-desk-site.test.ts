/**
 * The leads' brief desk as the site renders it against the running CMS: linked from the lead's
 * collectives page, a draft saved and previewed in the page, scheduled in Paris time, published
 * now, in French and English, and closed to a member who does not lead the collective.
 */
import type { Core } from '@strapi/strapi';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { demoMembers } from '../database/seed/demo-accounts';
import { collectiveId } from './support/members';
import { stopStrapi, tokenFor } from './support/strapi';

process.env.MAILING_WORKER = 'off';

const BRIEF = 'api::brief.brief';
let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let cookie: string;
let lyon: string;
let leadProfile: number;
const started = new Date();
const title = `Brève du site ${process.pid}`;

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  cookie = `na_session=${await tokenFor(strapi, 'lead')}`;
  // The demo lead has the charter and privacy texts to accept before the space opens.
  const profile = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { user: { email: demoMembers.lead.email } }, select: ['id'] })) as { id: number };
  leadProfile = profile.id;
  await recordAcceptances(strapi, leadProfile);
  lyon = await collectiveId(strapi, 'lyon');
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (strapi) {
    const accepted = (await strapi.db.query('api::acceptance.acceptance').findMany({
      where: { profile: { id: leadProfile }, acceptedAt: { $gte: started } },
      select: ['id'],
    })) as Array<{ id: number }>;
    for (const { id } of accepted) await strapi.db.query('api::acceptance.acceptance').delete({ where: { id } });
    const rows = (await strapi.db.query(BRIEF).findMany({ where: { title: { $startsWith: title } } })) as Array<{
      documentId: string;
    }>;
    for (const documentId of new Set(rows.map((r) => r.documentId))) {
      await strapi.db.connection('outbox').where('mailing_key', `brief:${documentId}`).delete();
      await strapi.db.connection('mailings').where('key', `brief:${documentId}`).delete();
      await strapi.documents(BRIEF).delete({ documentId, locale: '*' });
    }
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

const page = (route: string, extra = '') => readPage(site!.base, route, { Cookie: `${cookie}${extra}` });
const flashOf = (response: Response) => `; ${(setCookie(response, 'na_flash') as string).split(';')[0]}`;

test('linked from the lead’s collectives page, in French and English', async () => {
  expect((await page('/espace/collectifs/')).text).toContain('href="/espace/collectifs/lyon/breves/"');
  const fr = await page('/espace/collectifs/lyon/breves/');
  expect(fr.status).toBe(200);
  expect(fr.text).toContain('<label for="title">Titre');
  expect(fr.text).toContain('Prévisualiser');
  expect(fr.text).toContain('Programmer');
  const en = await page('/en/space/collectives/lyon/briefs/');
  expect(en.status).toBe(200);
  expect(en.text).toContain('Publish now');
});

test('a collective the member does not lead: 403', async () => {
  expect((await page('/espace/collectifs/solaire-citoyen/breves/')).status).toBe(403);
});

test('a missing title is said next to its field', async () => {
  const posted = await postForm(
    site!.base,
    '/espace/collectifs/lyon/breves/',
    { intent: 'previewBrief', collective: lyon, title: '', body: 'Texte' },
    { Cookie: cookie },
  );
  const after = await page('/espace/collectifs/lyon/breves/', flashOf(posted));
  expect(after.text).toContain('Donnez un titre à la brève.');
  expect(after.text).toMatch(/id="title"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="title"/);
});

test('preview, schedule, then publish now', async () => {
  const preview = await postForm(
    site!.base,
    '/espace/collectifs/lyon/breves/',
    { intent: 'previewBrief', collective: lyon, title, body: 'Un **grand** jour.' },
    { Cookie: cookie },
  );
  expect(preview.status).toBe(303);
  const location = preview.headers.get('location') as string;
  expect(location).toMatch(/\?brief=\w+#preview$/);
  const brief = /brief=(\w+)/.exec(location)![1];
  const shown = await page(location.replace(/#.*/, ''), flashOf(preview));
  expect(shown.text).toContain('<strong>grand</strong>');
  expect(shown.text).toContain('Brouillon');

  const scheduled = await postForm(
    site!.base,
    '/espace/collectifs/lyon/breves/',
    { intent: 'scheduleBrief', collective: lyon, brief, title, body: 'Un **grand** jour.', at: '2099-06-01T09:30' },
    { Cookie: cookie },
  );
  const list = await page('/espace/collectifs/lyon/breves/', flashOf(scheduled));
  expect(list.text).toContain('Brève programmée.');
  expect(list.text).toMatch(/Programmée pour le lundi 1 juin 2099[^<]*09:30/);
  // 09:30 in Paris in summer is 07:30 UTC.
  const row = (await strapi!.db.query(BRIEF).findOne({ where: { documentId: brief, publishedAt: null } })) as {
    scheduledAt: string | Date;
  };
  expect(new Date(row.scheduledAt).toISOString()).toBe('2099-06-01T07:30:00.000Z');

  const now = await postForm(
    site!.base,
    '/en/space/collectives/lyon/briefs/',
    { intent: 'publishBrief', collective: lyon, brief, title, body: 'Un **grand** jour.' },
    { Cookie: cookie },
  );
  const published = await page('/en/space/collectives/lyon/briefs/', flashOf(now));
  expect(published.text).toContain('Brief published');
  expect(published.text).toContain('Published on');
  expect(await strapi!.db.query(BRIEF).count({ where: { documentId: brief, publishedAt: { $notNull: true } } })).toBe(
    1,
  );
});
