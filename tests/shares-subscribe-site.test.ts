/**
 * The public subscription form (/souscrire, /en/subscribe) as the site renders it against the
 * running CMS: the classes with their terms, a visitor's request recorded `submitted` with their
 * details, refusals shown in the page's language beside their field with the input kept and a 4xx,
 * linked from the home page; in Chromium at a phone's width, with no serious axe violation.
 */
import type { Core } from '@strapi/strapi';
import type { Page } from 'playwright-core';
import { paths } from '../site/src/i18n/routes';
import { seriousViolations } from './support/axe';
import { describeInBrowser, launchBrowser } from './support/browser';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, startSiteServer, type SiteServer } from './support/space-site';
import { as, http, stopStrapi } from './support/strapi';

const SUBSCRIPTION = 'plugin::shares.subscription';
const SHARE_CLASS = 'plugin::shares.share-class';
const FR = paths.subscribe('fr');
const EN = paths.subscribe('en');
const run = `${process.pid}-${Date.now()}`;

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let classId: number;

/** PB: 20 € a share, at least 3, at most 50. */
const visitor = {
  shareClass: 'PB',
  quantity: '4',
  paymentMethod: 'cheque',
  paymentReference: '',
  name: 'Jeanne Sociétaire',
  email: `jeanne-${run}@example.org`,
  address: '3 rue des Lilas',
  postcode: '69003',
  city: 'Lyon',
  country: 'France',
  consent: 'yes',
};

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  const created = await http(strapi)
    .post('/api/shares/classes')
    .set(await as(strapi, 'board'))
    .send({ code: 'PB', name: 'Part de bienvenue', nominalCents: 2_000, minimumShares: 3, maxPerMember: 50 });
  expect(created.status).toBe(201);
  classId = created.body.data.id;
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  // The register keeps a class its requests name: the requests go first, by the query engine.
  if (strapi && classId) {
    await strapi.db.query(SUBSCRIPTION).deleteMany({ where: { shareClass: { id: classId } } });
    await strapi.db.query(SHARE_CLASS).delete({ where: { id: classId } });
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

const requests = () => strapi!.db.query(SUBSCRIPTION).findMany({ where: { shareClass: { id: classId } } });
const post = (route: string, fields: Record<string, string>) => postForm(site!.base, route, fields);

describe('the page', () => {
  it('shows the classes with their value and minimum, in French and English, linked from the home page', async () => {
    const fr = await readPage(site!.base, FR);
    expect(fr.status).toBe(200);
    expect(fr.text).toContain('Souscrire des parts sociales');
    expect(fr.text).toContain('PB — Part de bienvenue');
    expect(fr.text).toMatch(/<dd>20,00\s€<\/dd>/);
    expect(fr.text).toMatch(/3 part\(s\) \(60,00\s€\)/);
    expect(fr.text).toContain('50 part(s)');
    expect(fr.text).toContain('tenir le registre des associés');
    expect(fr.text).toMatch(/<label for="subscribe-quantity">Nombre de parts<\/label>/);
    const en = await readPage(site!.base, EN);
    expect(en.status).toBe(200);
    expect(en.text).toContain('Subscribe for shares');
    expect(en.text).toMatch(/3 share\(s\) \(€60\.00\)/);
    expect(en.text).toContain('keep the cooperative’s register of members');
    expect((await readPage(site!.base, '/')).text).toContain(`href="${FR}"`);
    expect((await readPage(site!.base, '/en/')).text).toContain(`href="${EN}"`);
  });

  it.each<[string, Record<string, string>, number, string, string]>([
    [
      'quantity below the minimum',
      { quantity: '2' },
      409,
      'quantity',
      'La souscription minimale en parts PB est de 3 part(s)',
    ],
    [
      'no consent',
      { consent: '' },
      400,
      'consent',
      'Cochez la case du consentement : vos données servent à tenir le registre',
    ],
    [
      'a bad e-mail',
      { email: 'jeanne-at-example' },
      400,
      'email',
      'L’adresse e-mail n’est pas valide (par exemple : nom@exemple.fr).',
    ],
  ])(
    'refuses %s: a 4xx, the message in French beside its field, the input kept',
    async (_, change, status, field, message) => {
      const res = await post(FR, { ...visitor, ...change });
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(html).toContain('Votre demande n’a pas pu être enregistrée.');
      expect(html).toContain(`<p class="field-error" id="subscribe-${field}-error">${message}`);
      expect(html).toMatch(new RegExp(`id="subscribe-${field}"[^>]*aria-invalid="true"`));
      expect(html).not.toMatch(/Tick|is not valid|The minimum subscription/);
      expect(html).toContain('value="Jeanne Sociétaire"');
      expect(html).toContain('value="3 rue des Lilas"');
      expect(html).toMatch(/<option value="cheque" selected>/);
      expect(await requests()).toEqual([]);
    },
  );

  it('says it in English on the English page', async () => {
    const res = await post(EN, { ...visitor, consent: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your request could not be recorded.');
    expect(html).toContain('your data is used to keep the register of members.');
    expect(html).not.toContain('Cochez');
  });

  it('refuses a post from another site (Astro’s Origin check)', async () => {
    const res = await fetch(`${site!.base}${FR}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://elsewhere.example' },
      body: new URLSearchParams(visitor).toString(),
    });
    expect(res.status).toBe(403);
    expect(await requests()).toEqual([]);
  });
});

async function submit(tab: Page, button: string, route: string) {
  const answer = tab.waitForResponse((r) => r.url() === `${site!.base}${route}` && r.request().method() === 'POST');
  await tab.getByRole('button', { name: button }).click();
  const status = (await answer).status();
  await tab.waitForLoadState('domcontentloaded');
  return status;
}

describeInBrowser('in Chromium, at a phone’s width', () => {
  it('a visitor subscribes in French: refused below the minimum, then recorded, accessible throughout', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      const tab = await context.newPage();
      const check = async (step: string) => {
        expect({ step, violations: await seriousViolations(tab) }).toEqual({ step, violations: [] });
        const width = await tab.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
        expect({ step, width }).toEqual({ step, width: 375 });
      };
      await tab.goto(`${site!.base}/`);
      await tab.getByRole('link', { name: 'Devenir sociétaire : souscrire des parts sociales' }).click();
      await tab.getByRole('heading', { level: 1, name: 'Souscrire des parts sociales' }).waitFor();
      await check('form');

      await tab.getByLabel('Catégorie').selectOption('PB');
      await tab.getByLabel('Nombre de parts').fill('2');
      await tab.getByLabel('Mode de paiement').selectOption('transfer');
      await tab.getByLabel('Référence du paiement (facultatif)').fill(`VIR-${run}`);
      await tab.getByLabel('Nom et prénom').fill('Jeanne Sociétaire');
      await tab.getByLabel('Adresse électronique').fill(`Jeanne-${run}@Example.org`);
      await tab.getByLabel('Adresse postale', { exact: true }).fill('3 rue des Lilas');
      await tab.getByLabel('Code postal').fill('69003');
      await tab.getByLabel('Commune').fill('Lyon');
      await tab.getByLabel(/J’accepte que ces données/).check();
      expect(await submit(tab, 'Envoyer ma demande de souscription', FR)).toBe(409);
      await tab.getByText('La souscription minimale en parts PB est de 3 part(s)').first().waitFor();
      expect(await tab.getByLabel('Nombre de parts').getAttribute('aria-invalid')).toBe('true');
      expect(await tab.getByLabel('Nom et prénom').inputValue()).toBe('Jeanne Sociétaire');
      expect(await tab.getByLabel('Mode de paiement').inputValue()).toBe('transfer');
      expect(await tab.getByLabel(/J’accepte que ces données/).isChecked()).toBe(true);
      await check('refusal');

      await tab.getByLabel('Nombre de parts').fill('5');
      expect(await submit(tab, 'Envoyer ma demande de souscription', FR)).toBe(200);
      await tab.getByText('Votre demande de souscription est enregistrée.').waitFor();
      const done = await tab.locator('main').innerText();
      expect(done).toMatch(/100,00\s€/);
      expect(done).toContain('Virement bancaire');
      expect(done).toContain('Le conseil d’administration examine votre demande');
      expect(done).toContain(`Jeanne-${run}@Example.org`);
      await check('confirmation');

      const [row] = await requests();
      expect(row).toMatchObject({
        state: 'submitted',
        quantity: 5,
        subscribedCents: 10_000,
        paidCents: 0,
        paymentMethod: 'transfer',
        paymentReference: `VIR-${run}`,
        applicant: {
          name: 'Jeanne Sociétaire',
          email: `jeanne-${run}@example.org`,
          address: '3 rue des Lilas',
          postcode: '69003',
          city: 'Lyon',
          country: 'France',
          locale: 'fr',
        },
      });
      expect(row.history).toEqual([expect.objectContaining({ state: 'submitted', byName: 'Jeanne Sociétaire' })]);
    } finally {
      await browser.close();
    }
  });

  it('the English page works in English', async () => {
    const browser = await launchBrowser();
    try {
      const tab = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
      await tab.goto(`${site!.base}${EN}`);
      expect({ violations: await seriousViolations(tab) }).toEqual({ violations: [] });
      await tab.getByLabel('Class').selectOption('PB');
      await tab.getByLabel('Number of shares').fill('3');
      await tab.getByLabel('Payment method').selectOption('card');
      await tab.getByLabel('Full name').fill('John Member');
      await tab.getByLabel('E-mail address').fill(`john-${run}@example.org`);
      await tab.getByLabel('Postal address').fill('1 Co-op Lane');
      await tab.getByLabel('Postcode').fill('69001');
      await tab.getByLabel('Town or city').fill('Lyon');
      await tab.getByLabel('Country').fill('United Kingdom');
      await tab.getByLabel(/I agree that this data/).check();
      expect(await submit(tab, 'Send my subscription request', EN)).toBe(200);
      await tab.getByText('Your subscription request is recorded.').waitFor();
      const done = await tab.locator('main').innerText();
      expect(done).toContain('€60.00');
      expect(done).toContain('The board reviews your request');
      expect(done).toContain('For a card payment');
      const row = (await requests()).find((r) => r.applicant?.email === `john-${run}@example.org`);
      expect(row).toMatchObject({
        state: 'submitted',
        quantity: 3,
        paymentMethod: 'card',
        paymentReference: null,
        applicant: { name: 'John Member', country: 'United Kingdom', locale: 'en' },
      });
    } finally {
      await browser.close();
    }
  });
});
