/**
 * Rebuild on publish: the runner (site/runner) for real, with a real but fast build command (a
 * small Node script), and the real CMS telling it when public content changes. No mocks, real
 * timers: the quiet period is shortened instead.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { Core } from '@strapi/strapi';
import { SiteRunner, type RebuildReason, type RunnerOptions } from '../site/runner/runner';
import { createRunnerServer, SECRET_HEADER } from '../site/runner/server';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

const SECRET = 'test-rebuild-secret';
// Long enough that a loaded CI machine still sends the second request of a burst inside it.
const DEBOUNCE_MS = 800;
const BUILD_MS = 300;

/** The fast build: counts its runs, writes the page with that count, sleeps, fails when asked to. */
const FAKE_BUILD = `
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const state = process.env.FAKE_STATE_DIR;
appendFileSync(path.join(state, 'runs'), 'x');
await new Promise((resolve) => setTimeout(resolve, Number(process.env.FAKE_BUILD_MS)));
if (existsSync(path.join(state, 'fail'))) {
  console.error('Error: the CMS answered 500 for /api/pages');
  process.exit(1);
}
mkdirSync(path.join(process.env.SITE_OUT_DIR, 'client'), { recursive: true });
writeFileSync(
  path.join(process.env.SITE_OUT_DIR, 'client', 'index.html'),
  '<p>build ' + process.env.SITE_BUILD_NUMBER + '</p><pre>' + process.env.SITE_BUILD_REASONS + '</pre>',
);
`;

interface Harness {
  dir: string;
  runner: SiteRunner;
  server: HttpServer;
  url: string;
  reasons: RebuildReason[];
  runs: () => number;
  served: () => string;
  status: () => Promise<Status>;
  close: () => Promise<void>;
}

interface Status {
  state: string;
  builds: { ok: number; failed: number };
  current_output: string | null;
  last_build: { ok: boolean; error: string | null; reasons_count: number; duration_ms: number; out_dir: string } | null;
}

async function startRunner(options: Partial<RunnerOptions> = {}, port = 0): Promise<Harness> {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'site-runner-')));
  writeFileSync(path.join(dir, 'build.mjs'), FAKE_BUILD);
  writeFileSync(path.join(dir, 'runs'), '');
  const runner = new SiteRunner({
    buildsDir: path.join(dir, 'builds'),
    link: path.join(dir, 'current'),
    build: {
      command: process.execPath,
      args: [path.join(dir, 'build.mjs')],
      env: { FAKE_STATE_DIR: dir, FAKE_BUILD_MS: String(BUILD_MS) },
    },
    debounceMs: DEBOUNCE_MS,
    log: () => undefined,
    ...options,
  });
  const reasons: RebuildReason[] = [];
  runner.on('requested', (reason: RebuildReason) => reasons.push(reason));
  const server = createRunnerServer(runner, SECRET);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    dir,
    runner,
    server,
    url,
    reasons,
    runs: () => readFileSync(path.join(dir, 'runs'), 'utf8').length,
    served: () => readFileSync(path.join(dir, 'current', 'client', 'index.html'), 'utf8'),
    status: async () => (await fetch(`${url}/status`)).json() as Promise<Status>,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runner.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

function rebuild(h: Harness, body: object = { uid: 'api::page.page', action: 'publish' }, secret = SECRET) {
  return fetch(`${h.url}/rebuild`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
    body: JSON.stringify(body),
  });
}

/** Idle, and still idle after a quiet period more: no further build is coming. */
async function settled(h: Harness) {
  await waitUntil('the runner is idle', async () => (await h.status()).state === 'idle');
  await sleep(DEBOUNCE_MS * 2);
  expect((await h.status()).state).toBe('idle');
}

describe('the rebuild runner', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startRunner();
  });
  afterEach(() => h.close());

  it('turns a burst of requests into one build, then serves it through the link', async () => {
    expect((await rebuild(h, { uid: 'api::page.page', action: 'publish', documentId: 'a1' })).status).toBe(202);
    await sleep(100);
    expect((await rebuild(h, { uid: 'api::event.event', action: 'update', documentId: 'b2' })).status).toBe(202);
    expect((await h.status()).state).toBe('waiting');
    await settled(h);

    expect(h.runs()).toBe(1);
    const status = await h.status();
    expect(status.builds).toEqual({ ok: 1, failed: 0 });
    expect(status.last_build).toMatchObject({ ok: true, error: null, reasons_count: 2 });
    expect(status.last_build!.duration_ms).toBeGreaterThanOrEqual(BUILD_MS);
    expect(status.current_output).toBe(status.last_build!.out_dir);
    expect(h.served()).toContain('build 1');
    expect(h.served()).toContain('a1');
  });

  it('never runs two builds at once: requests during a build make exactly one follow-up build', async () => {
    await rebuild(h);
    await waitUntil('the build started', async () => (await h.status()).state === 'building');
    await waitUntil('the build command runs', () => h.runs() === 1);
    await rebuild(h, { documentId: 'during-1' });
    await sleep(50);
    await rebuild(h, { documentId: 'during-2' });
    expect((await h.status()).state).toBe('building');
    await settled(h);

    expect(h.runs()).toBe(2);
    const status = await h.status();
    expect(status.builds).toEqual({ ok: 2, failed: 0 });
    expect(status.last_build!.reasons_count).toBe(2);
    expect(h.served()).toContain('build 2');
  });

  it('keeps the previous output online when a build fails, and reports the failure', async () => {
    await rebuild(h);
    await settled(h);
    const before = (await h.status()).current_output;
    expect(h.served()).toContain('build 1');

    writeFileSync(path.join(h.dir, 'fail'), '');
    await rebuild(h);
    await settled(h);
    const status = await h.status();
    expect(status.builds).toEqual({ ok: 1, failed: 1 });
    expect(status.last_build!.ok).toBe(false);
    expect(status.last_build!.error).toMatch(/exit code 1[\s\S]*the CMS answered 500/);
    expect(status.current_output).toBe(before);
    expect(h.served()).toContain('build 1');
    // The failed attempt leaves nothing behind; the next good build swaps as usual.
    expect(existsSync(status.last_build!.out_dir)).toBe(false);
    rmSync(path.join(h.dir, 'fail'));
    await rebuild(h);
    await settled(h);
    expect(h.served()).toContain('build 3');
  });

  it('keeps the last three builds on disk', async () => {
    for (let i = 1; i <= 5; i++) {
      await rebuild(h);
      await settled(h);
    }
    const builds = readdirSync(path.join(h.dir, 'builds')).filter((n) => !n.startsWith('.'));
    expect(builds).toHaveLength(3);
    expect(builds.sort().at(-1)).toBe(path.basename((await h.status()).current_output!));
    expect(h.served()).toContain('build 5');
  });

  it('refuses a request without the right secret', async () => {
    expect((await rebuild(h, {}, 'wrong')).status).toBe(401);
    const missing = await fetch(`${h.url}/rebuild`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect((await fetch(`${h.url}/rebuild`)).status).toBe(405);
    expect(h.reasons).toEqual([]);
    expect((await h.status()).state).toBe('idle');
  });
});

/** A TCP server that accepts connections and never answers: the worst kind of runner. */
async function silentServer() {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rebuild`,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the CMS asks for a rebuild when public content changes', () => {
  let strapi: Core.Strapi;
  let h: Harness;

  beforeAll(async () => {
    h = await startRunner({ debounceMs: 50 });
    // Read by cms/config/custom.ts when the CMS loads.
    process.env.SITE_REBUILD_URL = `${h.url}/rebuild`;
    process.env.SITE_REBUILD_SECRET = SECRET;
    strapi = await startStrapi();
  });
  afterAll(async () => {
    await stopStrapi(strapi);
    await h.close();
    delete process.env.SITE_REBUILD_URL;
    delete process.env.SITE_REBUILD_SECRET;
  });

  const requestedFor = (documentId: string) => h.reasons.filter((r) => r.documentId === documentId);

  it('publishing a page over REST triggers a rebuild carrying its documentId; a draft save does not', async () => {
    const board = await as(strapi, 'board');
    const draft = await http(strapi)
      .post('/api/pages?status=draft')
      .set(board)
      .send({ data: { title: 'Rebuild test', slug: 'rebuild-test', body: 'Brouillon' } });
    expect(draft.status).toBe(201);
    const id = draft.body.data.documentId as string;

    const published = await http(strapi)
      .put(`/api/pages/${id}?status=published`)
      .set(board)
      .send({ data: { body: 'En ligne' } });
    expect(published.status).toBe(200);
    await waitUntil('the runner was told', () => requestedFor(id).length > 0);
    expect(requestedFor(id)).toEqual([{ uid: 'api::page.page', action: 'update', documentId: id, locale: 'fr' }]);
    await waitUntil('the site was rebuilt', () => h.runs() === 1);

    expect((await http(strapi).delete(`/api/pages/${id}`).set(board)).status).toBe(204);
    await waitUntil('the runner was told of the deletion', () => requestedFor(id).length === 2);
    expect(requestedFor(id)[1]).toMatchObject({ uid: 'api::page.page', action: 'delete', documentId: id });
  });

  it('a member editing their own profile does not trigger a rebuild', async () => {
    const before = h.reasons.length;
    const updated = await http(strapi)
      .put('/api/member-profiles/me')
      .set(await as(strapi, 'member'))
      .send({ data: { bio: 'Bénévole, sans reconstruire le site.' } });
    expect(updated.status).toBe(200);

    // A public change made afterwards arrives; by then the profile's would have arrived too.
    const tag = await http(strapi)
      .post('/api/tags')
      .set(await as(strapi, 'board'))
      .send({ data: { name: `Reconstruction ${Date.now()}` } });
    expect(tag.status).toBe(201);
    const tagId = tag.body.data.documentId as string;
    await waitUntil('the tag reached the runner', () => requestedFor(tagId).length > 0);
    await sleep(200);
    expect(h.reasons.slice(before).map((r) => r.uid)).toEqual(['api::tag.tag']);
  });

  it('a runner that is down or never answers neither fails nor delays the editor', async () => {
    const board = await as(strapi, 'board');
    const settings = { ...strapi.config.get<{ url: string; timeoutMs: number }>('custom.siteRebuild') };
    const silent = await silentServer();
    const closed = await silentServer();
    await closed.close();
    // Waiting for the silent runner would hold the editor's request for the whole timeout; the
    // request must come back well before it, however slow the machine.
    const timeoutMs = 2000;
    strapi.config.set('custom.siteRebuild.timeoutMs', timeoutMs);
    // The CMS logs a warning per lost notification; expected here.
    const level = strapi.log.level;
    strapi.log.level = 'error';
    const created: string[] = [];
    try {
      for (const url of [silent.url, closed.url]) {
        strapi.config.set('custom.siteRebuild.url', url);
        const started = Date.now();
        const res = await http(strapi)
          .post('/api/pages')
          .set(board)
          .send({ data: { title: `Runner absent ${started}`, slug: `runner-absent-${started}`, body: '…' } });
        expect(res.status).toBe(201);
        created.push(res.body.data.documentId);
        expect(Date.now() - started).toBeLessThan(timeoutMs / 2);
      }
      // Let the notifications to the silent runner time out (a logged warning) before it goes.
      await sleep(timeoutMs + 100);
    } finally {
      for (const documentId of created)
        expect((await http(strapi).delete(`/api/pages/${documentId}`).set(board)).status).toBe(204);
      strapi.config.set('custom.siteRebuild', settings);
      strapi.log.level = level;
      await silent.close();
    }
  });
});
