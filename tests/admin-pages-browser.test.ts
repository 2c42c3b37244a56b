/**
 * The admin panel's own pages in a real Chromium, in French (the demo admin users' language): the
 * seeded editor logs in, restores a reported thread from the moderation queue page and retries a
 * mailing's failed mails from the mailings page; the board's admin sees the invalid addresses
 * there (editors do not) and reactivates one; on « Parts sociales » the board approves a member's
 * subscription, records its payment, issues it, finds it in the register and its CSV, and generates
 * and downloads a year's statements. Needs the admin panel's build (`npm run build`, which CI runs before the tests); skipped
 * with a notice without it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import JSZip from 'jszip';
import { timeZone } from '@notre-asso/config';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAdmins } from '../database/seed/demo-accounts';
import { tables } from '../cms/src/mailing/store';
import { today as dayIn } from '../plugins/shares/server/src/rules';
import {
  adminHeaders,
  bouncedAddress,
  failedMailing,
  removeBounces,
  REPORTED,
  removeMailing,
  reportedThread,
} from './support/admin-pages';
import { describeInBrowser, launchBrowser } from './support/browser';
import { createMember, removeCreatedMembers } from './support/members';
import { pdfText } from './support/pdf';
import { removeModerationRows } from './support/moderation';
import { as, cmsDir, http, listen, startStrapi, stopStrapi } from './support/strapi';

process.env.MAILING_WORKER = 'off';

const built = existsSync(path.join(cmsDir, 'dist', 'build', 'index.html'));
if (!built) console.warn('Admin pages browser test skipped: no admin panel build (npm run build).');
const describeBuilt = built ? describeInBrowser : describe.skip;

describeBuilt('the admin pages in Chromium', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let page: Page;
  let base: string;
  let caseId: number;
  let mailingKey: string;
  const item = `admin-browser-${process.pid}`;
  const bounced = `rebond-${process.pid}@example.org`;
  /** The statements' year of this suite alone: its batch holds this suite's member only. */
  const YEAR = 2014;

  beforeAll(async () => {
    strapi = await startStrapi();
    base = await listen(strapi);
    ({ caseId } = await reportedThread(strapi));
    mailingKey = await failedMailing(strapi, item);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(60000);
  });

  afterAll(async () => {
    await browser?.close();
    await removeMailing(strapi, mailingKey);
    await removeBounces(strapi, [bounced]);
    rmSync(path.join(strapi.dirs.app.root, '.tmp', 'statements', `etats-annuels-${YEAR}.zip`), { force: true });
    await removeModerationRows(strapi);
    await removeCreatedMembers(strapi);
    await stopStrapi(strapi);
  });

  async function logIn(on: Page, email: string) {
    await on.goto(`${base}/admin/auth/login`);
    await on.fill('input[name="email"]', email);
    await on.fill('input[name="password"]', DEMO_PASSWORD);
    await on.click('button[type="submit"]');
    await on.waitForURL(/\/admin(\/)?$/);
  }

  it('logs in as the editor, in French, and restores a reported thread from the queue', async () => {
    await logIn(page, demoAdmins.editor.email);
    await page.getByRole('link', { name: 'Modération' }).waitFor();
    await page.click('a[href="/admin/plugins/moderation"]');
    await page.getByRole('heading', { name: 'File de modération' }).waitFor();
    await page.getByText('Les messages signalés, regroupés par élément. Les plus anciens d’abord.').waitFor();
    const row = page.locator('tr', { hasText: REPORTED.title });
    await row.waitFor();
    await row.getByText('art. 3 × 2').waitFor();
    await row.getByText('en attente').waitFor();
    await row.getByRole('button', { name: 'Examiner' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Discussion signalée').waitFor();
    await dialog.getByText(REPORTED.body).waitFor();
    await dialog.getByText('Signalements', { exact: true }).waitFor();
    await dialog.locator('textarea').fill('Annonce entre membres, admise par la charte.');
    await page.getByRole('button', { name: 'Rétablir (classer les signalements)' }).click();
    await page.getByText(/Décision enregistrée\s: Rétablir/).waitFor();
    const decided = await strapi.db.connection('mod_cases').where({ id: caseId }).first();
    expect(decided.state).toBe('dismissed');
  });

  it('lists the failed mailing with its errors, in French, and retries it', async () => {
    await page.click('a[href="/admin/mailings"]');
    await page.getByRole('heading', { name: 'Envois' }).waitFor();
    await page.getByText('Avec échecs seulement').waitFor();
    const row = page.locator('tr', { hasText: item });
    await row.getByText(/b@example\.org \(1 tentatives\)\s: 550 5\.1\.1 mailbox unavailable/).waitFor();
    await row.getByText('Lettres d’information').waitFor();
    await row.getByText('terminé').waitFor();
    await row.getByRole('button', { name: 'Renvoyer les 2 en échec' }).click();
    await page.getByText('2 courriels en échec remis en file.').waitFor();
    // Invalid addresses are the board's: not shown to editors.
    expect(await page.getByRole('heading', { name: 'Adresses invalides' }).count()).toBe(0);
    const t = tables(strapi);
    const mailing = await t.db(t.mailings).where(t.m.key, mailingKey).first();
    expect([mailing[t.m.state], Number(mailing[t.m.failed])]).toEqual(['running', 0]);
  });

  it('shows the board its invalid addresses on the mailings page, and reactivates one', async () => {
    await bouncedAddress(strapi, bounced);
    // What the panel's useRBAC reads: the board's admin holds the section's permission.
    const mine = await http(strapi)
      .get('/admin/users/me/permissions')
      .set(await adminHeaders(strapi, demoAdmins.board.email));
    expect(mine.body.data.map((p: { action: string }) => p.action)).toContain('api::mailings.invalid-addresses');
    const context = await browser.newContext();
    const board = await context.newPage();
    board.setDefaultTimeout(60000);
    try {
      await logIn(board, demoAdmins.board.email);
      await board.goto(`${base}/admin/mailings`);
      await board
        .getByRole('heading', { name: 'Adresses invalides' })
        .waitFor()
        .catch(async (error: Error) => {
          const shown = await board.locator('body').innerText();
          throw new Error(`${error.message}\nThe page at ${board.url()} showed:\n${shown.slice(0, 1500)}`);
        });
      const row = board.locator('tr', { hasText: bounced });
      await row.getByText('550 5.1.1 mailbox unavailable').waitFor();
      await row.getByRole('button', { name: `Réactiver ${bounced}` }).click();
      await board
        .getByText(`Les prochains courriels seront de nouveau envoyés à ${bounced}.`, { exact: false })
        .waitFor();
      await board.getByRole('button', { name: 'Oui, réactiver' }).click();
      await board.getByText(`${bounced} est réactivée.`).waitFor();
      expect(await strapi.db.connection('mail_bounces').where('address', bounced).first()).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('runs « Parts sociales » for the board: a subscription approved, paid and issued, the register, the statements', async () => {
    const members = await as(strapi, 'board');
    const created = await http(strapi)
      .post('/api/shares/classes')
      .set(members)
      .send({ code: 'NAV', name: 'Parts navigateur', nominalCents: 2_000 });
    expect([201, 409]).toContain(created.status);
    const holder = await createMember(
      strapi,
      { displayName: 'Noémie Navigatrice', membershipNumber: `NAV-${process.pid}` },
      'admin-browser',
    );
    const number = `NAV-${process.pid}`;
    const issued = await http(strapi)
      .post('/api/shares/movements')
      .set(members)
      .send({
        kind: 'issue',
        member: holder.documentId,
        shareClass: 'NAV',
        quantity: 5,
        effectiveDate: `${YEAR}-05-12`,
        reference: `CA ${YEAR}`,
      });
    expect(issued.status).toBe(201);
    const asked = await http(strapi)
      .post('/api/shares/subscriptions')
      .set(holder.headers)
      .send({ shareClass: 'NAV', quantity: 2, paymentMethod: 'cheque' });
    expect(asked.status).toBe(201);
    const subscription = asked.body.data.documentId as string;

    // The board sits in the organisation's time zone: the page dates payments by its clock.
    const context = await browser.newContext({ acceptDownloads: true, timezoneId: 'Europe/Paris' });
    const board = await context.newPage();
    board.setDefaultTimeout(60000);
    const answers: string[] = [];
    board.on('dialog', (dialog) => void dialog.accept(answers.shift()));
    try {
      await logIn(board, demoAdmins.board.email);
      await board.goto(`${base}/admin/plugins/shares`);
      await board.getByRole('heading', { name: 'Parts sociales', level: 1 }).waitFor();
      // Her request in the queue (the register's rows name her too).
      const row = board.locator('tr', { hasText: 'Noémie Navigatrice' }).filter({ hasText: 'Souscription' });
      await row.getByText('Reçue').waitFor();
      await row.getByRole('button', { name: 'Approuver' }).click();
      await board.getByText('Demande approuvée.').waitFor();
      await row.getByText('Approuvée').waitFor();
      answers.push('4000', 'Chèque 1234');
      await row.getByRole('button', { name: 'Enregistrer un paiement' }).click();
      await board.getByText('Paiement enregistré.').waitFor();
      const paid = await strapi.db
        .query('plugin::shares.subscription')
        .findOne({ where: { documentId: subscription } });
      expect([paid.paidCents, paid.state]).toEqual([4_000, 'approved']);
      await row.getByRole('button', { name: 'Émettre les parts' }).click();
      await board.getByText('Parts émises.').waitFor();
      await row.waitFor({ state: 'detached' });

      // The register, filtered on her: the board's direct issue of YEAR and today's, recorded by the admin.
      await board.getByRole('textbox', { name: 'N° de membre' }).fill(number);
      const today = board.locator('tr', { hasText: demoAdmins.board.email });
      await today.getByText('Émission').waitFor();
      expect(await today.locator('td').allInnerTexts()).toEqual([
        expect.stringMatching(/^\d+$/),
        dayIn(timeZone),
        `${number} Noémie Navigatrice`,
        'Émission',
        '2',
        expect.stringMatching(/^40,00\s€$/),
        demoAdmins.board.email,
      ]);
      await board
        .locator('tr', { hasText: `${YEAR}-05-12` })
        .getByText('100,00', { exact: false })
        .waitFor();
      const [csv] = await Promise.all([
        board.waitForEvent('download'),
        board.getByText('Télécharger le registre (CSV)').click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/^registre-parts-\d{4}-\d{2}-\d{2}\.csv$/);
      const holdings = readFileSync((await csv.path())!, 'utf8');
      expect(holdings.split('\r\n').filter((line) => line.includes(number))).toEqual([
        expect.stringMatching(new RegExp(`^${number};Noémie Navigatrice;NAV;7;`)),
      ]);

      // The statements of YEAR: generated in the background, followed, downloaded as one ZIP.
      await board.getByText(/personnes physiques : ne remettez pas d’état aux personnes morales\./).waitFor();
      await board.getByRole('textbox', { name: 'Année' }).fill(String(YEAR));
      await board.getByRole('button', { name: `Générer les états ${YEAR}` }).click();
      await board.getByText(`1 état annuel ${YEAR} généré.`).waitFor();
      const [zipped] = await Promise.all([
        board.waitForEvent('download'),
        board.getByRole('button', { name: 'Télécharger le ZIP' }).click(),
      ]);
      expect(zipped.suggestedFilename()).toBe(`etats-annuels-${YEAR}.zip`);
      const zip = await JSZip.loadAsync(readFileSync((await zipped.path())!));
      expect(Object.keys(zip.files).sort()).toEqual([`etat-annuel-${YEAR}-${number}.pdf`, `recapitulatif-${YEAR}.csv`]);
      const { lines } = await pdfText(await zip.file(`etat-annuel-${YEAR}-${number}.pdf`)!.async('uint8array'));
      expect(lines).toContain(`Associé : Noémie Navigatrice, membre n° ${number}`);
      expect(lines).toContain(`Total souscrit en ${YEAR} : 100,00 €`);
    } finally {
      await context.close();
    }
  });
});
