/**
 * The newsletter's sign-up page on the public site (rendered on demand), built for real against
 * the running CMS: the form, its post forwarded to the CMS, the confirmation mail, and a refusal
 * shown in the page's language.
 */
import type { Core } from '@strapi/strapi';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { startSmtp, type Inbox } from './support/smtp';
import { postForm, startSiteServer, type SiteServer } from './support/space-site';
import { stopStrapi } from './support/strapi';

process.env.MAILING_WORKER = 'off';

const SUBSCRIBER = 'api::newsletter-subscriber.newsletter-subscriber';
const run = `${process.pid}-${Date.now()}`;

let strapi: Core.Strapi;
let inbox: Inbox;
let outDir: string;
let site: SiteServer;

beforeAll(async () => {
  inbox = await startSmtp();
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await site?.stop();
  removeBuild(outDir);
  if (strapi) {
    await strapi.db.connection('outbox').where('address', 'like', `%${run}%`).delete();
    await strapi.db.query(SUBSCRIBER).deleteMany({ where: { email: { $contains: run } } });
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

test('the sign-up page, in French and English: the form, the confirmation mail, a refusal in the page’s language', async () => {
  for (const [route, words] of [
    ['/lettre', ['Lettre d’information', 'M’inscrire']],
    ['/en/newsletter', ['Newsletter', 'Subscribe']],
  ] as const) {
    const page = await fetch(`${site.base}${route}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const word of words) expect(html).toContain(word);
    expect(html).toContain('name="consent"');
  }

  const email = `site-${run}@example.com`;
  const done = await postForm(site.base, '/en/newsletter', { email, consent: 'yes' });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain('a confirmation e-mail has just been sent');
  await new OutboxWorker(strapi, { ...mailingSettings(), idleMs: 10 }).drain();
  const mail = await inbox.waitFor(email);
  expect(mail.subject).toBe('Confirm your subscription to the newsletter');
  expect(mail.text).toMatch(/\/api\/newsletter\/confirm\?token=/);

  const refused = await postForm(site.base, '/lettre', { email: `other-${run}@example.com` });
  expect(refused.status).toBe(400);
  const text = await refused.text();
  expect(text).toContain('L’inscription n’a pas pu être enregistrée');
  expect(text).toContain('consentement');
  expect(text).not.toContain('Consent is needed');
});
