/**
 * The admin panel's own pages in a real Chromium: the seeded editor logs in, restores a reported
 * thread from the moderation queue page and retries a mailing's failed mails from the mailings
 * page. Needs the admin panel's build (`npm run build`, which CI runs before the tests); skipped
 * with a notice without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAdmins } from '../database/seed/demo-accounts';
import { tables } from '../cms/src/mailing/store';
import { failedMailing, REPORTED, removeMailing, reportedThread } from './support/admin-pages';
import { describeInBrowser, launchBrowser } from './support/browser';
import { removeCreatedMembers } from './support/members';
import { removeModerationRows } from './support/moderation';
import { cmsDir, listen, startStrapi, stopStrapi } from './support/strapi';

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
    await removeModerationRows(strapi);
    await removeCreatedMembers(strapi);
    await stopStrapi(strapi);
  });

  it('logs in as the editor and restores a reported thread from the queue', async () => {
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', demoAdmins.editor.email);
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(\/)?$/);
    await page.click('a[href="/admin/plugins/moderation"]');
    const row = page.locator('tr', { hasText: REPORTED.title });
    await row.waitFor();
    await row.getByText('art. 3 × 2').waitFor();
    await row.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('dialog').getByText(REPORTED.body).waitFor();
    await page.getByRole('dialog').locator('textarea').fill('Annonce entre membres, admise par la charte.');
    await page.getByRole('button', { name: 'Restore (dismiss the reports)' }).click();
    await page.getByText('Decision recorded: restore.').waitFor();
    const decided = await strapi.db.connection('mod_cases').where({ id: caseId }).first();
    expect(decided.state).toBe('dismissed');
  });

  it('lists the failed mailing with its errors and retries it', async () => {
    await page.click('a[href="/admin/mailings"]');
    const row = page.locator('tr', { hasText: item });
    await row.getByText('b@example.org (1 attempts): 550 5.1.1 mailbox unavailable').waitFor();
    await row.getByRole('button', { name: 'Retry 2 failed' }).click();
    await page.getByText('2 failed mails queued again.').waitFor();
    const t = tables(strapi);
    const mailing = await t.db(t.mailings).where(t.m.key, mailingKey).first();
    expect([mailing[t.m.state], Number(mailing[t.m.failed])]).toEqual(['running', 0]);
  });
});
