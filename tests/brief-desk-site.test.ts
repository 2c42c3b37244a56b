/**
 * The leads' brief desk as the site renders it against the running CMS: linked from the lead's
 * collectives page, a draft saved and previewed in the page (with an uploaded image and links),
 * scheduled in Paris time, published now, in French and English, and closed to a member who does
 * not lead the collective; a published brief's image and links on the collective's mini-site.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { demoMembers } from '../database/seed/demo-accounts';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { describeInBrowser, launchBrowser } from './support/browser';
import { createFollowers, removeFollowers, type Follower, removeBriefs } from './support/followers';
import { collectiveId } from './support/members';
import { http, stopStrapi, tokenFor } from './support/strapi';

process.env.MAILING_WORKER = 'off';

const BRIEF = 'api::brief.brief';
let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let cookie: string;
let lyon: string;
let leadProfile: number;
let followers: Follower[] = [];
const started = new Date();
const title = `Brève du site ${process.pid}`;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const imageNames = ['toit-site.png', 'photo-desk.png'];

/** A brief of Lyon published with an image and a link before the site is built. */
async function publishIllustrated(strapi: Core.Strapi, collective: string) {
  const filepath = path.join(tmpdir(), `toit-${process.pid}.png`);
  writeFileSync(filepath, PNG);
  const [file] = (await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { alternativeText: 'Un toit couvert de panneaux', name: imageNames[0] } },
      files: { filepath, originalFilename: imageNames[0], mimetype: 'image/png', size: PNG.length },
    })) as Array<{ id: number }>;
  await strapi.documents(BRIEF).create({
    data: {
      title: `${title} illustrée`,
      body: 'Le chantier avance.',
      collective,
      publicationDate: new Date().toISOString(),
      image: file!.id,
      links: [{ label: 'Le chantier en détail', url: 'https://example.org/chantier' }],
    } as never,
    locale: 'fr',
    status: 'published',
  });
}

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  await publishIllustrated(strapi, await collectiveId(strapi, 'lyon'));
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
    await removeFollowers(strapi, followers);
    const accepted = (await strapi.db.query('api::acceptance.acceptance').findMany({
      where: { profile: { id: leadProfile }, acceptedAt: { $gte: started } },
      select: ['id'],
    })) as Array<{ id: number }>;
    for (const { id } of accepted) await strapi.db.query('api::acceptance.acceptance').delete({ where: { id } });
    const rows = (await strapi.db.query(BRIEF).findMany({ where: { title: { $startsWith: title } } })) as Array<{
      documentId: string;
    }>;
    await removeBriefs(strapi, new Set(rows.map((r) => r.documentId)));
    const uploaded = await strapi.db.query('plugin::upload.file').findMany({ where: { name: { $in: imageNames } } });
    for (const file of uploaded) await strapi.plugin('upload').service('upload').remove(file);
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

test('a published brief’s image (with its alt) and links on the collective’s mini-site', async () => {
  const news = await readPage(site!.base, '/c/lyon/actualites/');
  expect(news.status).toBe(200);
  const article = news.text.slice(news.text.indexOf(`${title} illustrée`));
  expect(article).toMatch(/<img src="http[^"]+\/uploads\/[^"]+\.png" alt="Un toit couvert de panneaux"/);
  expect(article).toContain('<a href="https://example.org/chantier">Le chantier en détail</a>');
});

test('an image and links sent with the form: saved, and shown in the preview', async () => {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    intent: 'previewBrief',
    collective: lyon,
    title: `${title} avec image`,
    body: 'Voir la photo.',
    alt: 'Une éolienne au lever du soleil',
    'link-label-0': 'Le site du parc',
    'link-url-0': 'https://example.org/parc',
  }))
    form.set(name, value);
  form.set('image', new Blob([PNG], { type: 'image/png' }), imageNames[1]);
  const posted = await fetch(`${site!.base}/espace/collectifs/lyon/breves/`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { Origin: site!.base, Cookie: cookie },
  });
  expect(posted.status).toBe(303);
  const location = posted.headers.get('location') as string;
  expect(location).toMatch(/\?brief=\w+#preview$/);
  const shown = await page(location.replace(/#.*/, ''), flashOf(posted));
  const preview = shown.text.slice(shown.text.indexOf('id="preview"'));
  expect(preview).toMatch(/<img src="http[^"]+\/uploads\/[^"]+" alt="Une éolienne au lever du soleil"/);
  expect(preview).toContain('<a href="https://example.org/parc">Le site du parc</a>');
  // The form shows the link again, and a row to add another.
  expect(shown.text).toContain('value="https://example.org/parc"');
  expect(shown.text).toContain('name="link-url-1"');

  const withoutAlt = new FormData();
  for (const [name, value] of Object.entries({ intent: 'previewBrief', collective: lyon, title, body: 'x' }))
    withoutAlt.set(name, value);
  withoutAlt.set('image', new Blob([PNG], { type: 'image/png' }), imageNames[1]);
  const refused = await fetch(`${site!.base}/espace/collectifs/lyon/breves/`, {
    method: 'POST',
    body: withoutAlt,
    redirect: 'manual',
    headers: { Origin: site!.base, Cookie: cookie },
  });
  expect((await page('/espace/collectifs/lyon/breves/', flashOf(refused))).text).toContain(
    'Décrivez l’image pour qui ne la voit pas.',
  );

  const badLink = await postForm(
    site!.base,
    '/espace/collectifs/lyon/breves/',
    { intent: 'previewBrief', collective: lyon, title, body: 'x', 'link-label-0': 'Lien', 'link-url-0': 'ftp://x' },
    { Cookie: cookie },
  );
  expect((await page('/espace/collectifs/lyon/breves/', flashOf(badLink))).text).toContain('commençant par https://');
});

describeInBrowser('in Chromium', () => {
  test('a published brief’s mailing progress, updated live while it is sent', async () => {
    followers = await createFollowers(strapi!, lyon, 12, 'live-progress');
    const lead = { Authorization: `Bearer ${await tokenFor(strapi!, 'lead')}` };
    const desk = `/api/space/collectives/${lyon}/briefs`;
    const made = await http(strapi!)
      .post(desk)
      .set(lead)
      .send({ title: `${title} en direct`, body: 'Suivi.' });
    const id = made.body.data.documentId as string;
    await http(strapi!).post(`${desk}/${id}/publish`).set(lead).send({}).expect(200);
    // The mailing is queued just after the publication's commit: wait for it.
    let mailing: { recipients: number } | undefined;
    for (let tries = 0; !mailing && tries < 100; tries += 1) {
      mailing = await strapi!.db.connection('mailings').where('key', `brief:${id}`).first();
      if (!mailing) await new Promise((r) => setTimeout(r, 100));
    }
    const total = Number(mailing!.recipients);
    expect(total).toBeGreaterThanOrEqual(12);

    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'na_session', value: await tokenFor(strapi!, 'lead'), url: site!.base }]);
      const tab = await context.newPage();
      await tab.goto(`${site!.base}/espace/collectifs/lyon/breves/`);
      const box = tab.locator('li', { hasText: `${title} en direct` }).locator('.mailing-progress');
      await expect(box.locator('[data-field="state"]').textContent()).resolves.toBe('en cours');
      expect(await box.locator('[data-field="queued"]').textContent()).toBe(String(total));
      expect(await box.locator('[data-field="sent"]').textContent()).toBe('0');

      // Sent while the page stays open: it follows without being reloaded.
      const worker = new OutboxWorker(strapi!, { ...mailingSettings(), poolSize: 4, idleMs: 10 });
      await worker.drain();
      await worker.stop();
      const deadline = Date.now() + 15_000;
      const shown = async () => [
        await box.locator('[data-field="state"]').textContent(),
        await box.locator('[data-field="sent"]').textContent(),
      ];
      while (JSON.stringify(await shown()) !== JSON.stringify(['terminé', String(total)])) {
        if (Date.now() > deadline) throw new Error(`the page still shows ${JSON.stringify(await shown())}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await box.locator('[data-field="queued"]').textContent()).toBe('0');
      expect(await box.locator('progress').getAttribute('value')).toBe(String(total));
    } finally {
      await browser.close();
    }

    // The JSON it polls: the lead's session only.
    expect((await readPage(site!.base, `/espace/breves/${id}/envoi.json`, { Cookie: cookie })).status).toBe(200);
    const member = `na_session=${await tokenFor(strapi!, 'member')}`;
    expect((await readPage(site!.base, `/espace/breves/${id}/envoi.json`, { Cookie: member })).status).toBe(404);
    expect((await readPage(site!.base, `/espace/breves/${id}/envoi.json`)).status).toBe(303);
  }, 60_000);
});
