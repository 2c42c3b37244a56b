/**
 * The admin panel's own pages in a real Chromium, in French (the demo admin users' language): the
 * seeded editor logs in, restores a reported thread from the moderation queue page and retries a
 * mailing's failed mails from the mailings page; the board's admin sees the invalid addresses
 * there (editors do not) and reactivates one. Needs the admin panel's build (`npm run build`, which CI runs before the tests); skipped
 * with a notice without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAdmins } from '../database/seed/demo-accounts';
import { tables } from '../cms/src/mailing/store';
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
import { removeCreatedMembers } from './support/members';
import { removeModerationRows } from './support/moderation';
import { cmsDir, http, listen, startStrapi, stopStrapi } from './support/strapi';

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
});
