/**
 * The members' space as a person uses it: the site built for real against the running CMS, its
 * standalone server started on a free port, and helpers to drive it from a browser or with fetch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';

export interface SiteServer {
  base: string;
  /** The server's process (benches read its CPU time). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `<outDir>/server/entry.mjs` against the CMS at `cmsUrl` and waits until it answers. */
export async function startSiteServer(outDir: string, cmsUrl: string): Promise<SiteServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [path.join(outDir, 'server', 'entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CMS_URL: cmsUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(`${base}/statut`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    base,
    pid: server.pid,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill();
      await exited;
    },
  };
}

/** A form post as a browser on this site sends it (same Origin), without following the redirect. */
export function postForm(
  base: string,
  route: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}${route}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A page of the site as a person's browser fetches it (their cookies in `headers`), redirects not followed. */
export async function readPage(base: string, route: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${route}`, { redirect: 'manual', headers });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

/** Posts a form of a page as `cookie`, then reads the page again with the message the post left. */
export async function submitForm(base: string, route: string, fields: Record<string, string>, cookie: string) {
  const posted = await postForm(base, route, fields, { Cookie: cookie });
  const flash = setCookie(posted, 'na_flash')?.split(';')[0];
  return {
    posted: posted.status,
    ...(await readPage(base, route, { Cookie: flash ? `${cookie}; ${flash}` : cookie })),
  };
}

/** The value of a cookie in a response's Set-Cookie headers, with its attributes. */
export function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

/** Logs in through the login page, in a browser context; accepts the charter and privacy notice if asked. */
export async function logIn(context: BrowserContext, base: string, email: string, loginPath: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}${loginPath}`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)/).fill(DEMO_PASSWORD);
  await page
    .getByRole('button', { name: /Se connecter|Log in/ })
    .last()
    .click();
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** Ticks the welcome page's boxes (charter, privacy) and continues. */
export async function acceptTexts(page: Page) {
  for (const box of await page.locator('form input[type="checkbox"]').all()) await box.check();
  await page.getByRole('button', { name: /Accepter et continuer|Accept and continue/ }).click();
  await page.waitForLoadState('domcontentloaded');
}
