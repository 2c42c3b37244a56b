/**
 * The public site, built for real: Astro builds it from the running CMS (seeded demo data), then
 * the standalone server serves it. Expectations come from the API, not from copies of the seed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { stopStrapi } from './support/strapi';

interface ApiPage {
  documentId: string;
  slug: string;
  title: string;
  locale: string;
  seoDescription: string | null;
  collective: { slug: string } | null;
}

let strapi: Core.Strapi | undefined;
let cmsUrl: string;
let server: ChildProcess | undefined;
/** The build's output directory (a temporary one: site/dist is never touched). */
let dist: string;

/** The built HTML of a route, e.g. `built('/en/histoire/')`. */
const builtPath = (route: string) => path.join(dist, 'client', route, 'index.html');
const built = (route: string) => readFileSync(builtPath(route), 'utf8');

const decode = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const first = (html: string, re: RegExp) => decode(re.exec(html)?.[1]?.trim() ?? '');
const htmlLang = (html: string) => first(html, /<html[^>]*\blang="([^"]+)"/);
const h1 = (html: string) => first(html, /<h1[^>]*>([\s\S]*?)<\/h1>/);

/** Published pages the public may read, as the site sees them. */
async function publicPages(locale: string): Promise<ApiPage[]> {
  const res = await fetch(
    `${cmsUrl}/api/pages?locale=${locale}&pagination[pageSize]=100&populate[collective][fields][0]=slug`,
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: ApiPage[]; meta: { pagination: { pageCount: number } } };
  expect(body.meta.pagination.pageCount).toBe(1);
  return body.data;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  dist = await buildSite(cmsUrl);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill();
    await exited;
  }
  removeBuild(dist);
  await stopStrapi(strapi);
});

describe('static build', () => {
  it('lists the published site-wide pages on the French home', async () => {
    const siteWide = (await publicPages('fr')).filter((p) => !p.collective);
    expect(siteWide.length).toBeGreaterThan(0);
    const home = built('/');
    expect(htmlLang(home)).toBe('fr');
    expect(home).toContain(organisation.name);
    const listed = [...home.matchAll(/<ul class="page-list">([\s\S]*?)<\/ul>/g)].flatMap(([, list]) =>
      [...list.matchAll(/<a href="([^"]+)"/g)].map(([, href]) => href),
    );
    expect(listed.sort()).toEqual(siteWide.map((p) => `/${p.slug}/`).sort());
    for (const page of siteWide) expect(existsSync(builtPath(`/${page.slug}/`))).toBe(true);
  });

  it('builds a page and its English translation, with SEO and hreflang links', async () => {
    const en = (await publicPages('en')).filter((p) => !p.collective);
    const fr = (await publicPages('fr')).filter((p) => !p.collective);
    const pair = en.map((e) => [fr.find((f) => f.documentId === e.documentId), e] as const).find(([f]) => f);
    expect(pair).toBeDefined();
    const [frPage, enPage] = pair as readonly [ApiPage, ApiPage];

    const frHtml = built(`/${frPage.slug}/`);
    const enHtml = built(`/en/${enPage.slug}/`);
    expect(htmlLang(frHtml)).toBe('fr');
    expect(h1(frHtml)).toBe(frPage.title);
    expect(htmlLang(enHtml)).toBe('en');
    expect(h1(enHtml)).toBe(enPage.title);
    expect(enHtml).not.toContain('not yet translated');

    if (frPage.seoDescription) {
      expect(first(frHtml, /<meta name="description" content="([^"]*)"/)).toBe(frPage.seoDescription);
      expect(first(frHtml, /<meta property="og:description" content="([^"]*)"/)).toBe(frPage.seoDescription);
    }
    expect(first(frHtml, /<meta property="og:title" content="([^"]*)"/)).toBe(frPage.title);
    expect(frHtml).toContain(`<link rel="canonical" href="http://localhost:4321/${frPage.slug}/">`);
    expect(frHtml).toContain(`<link rel="alternate" hreflang="en" href="http://localhost:4321/en/${enPage.slug}/">`);
    expect(frHtml).toContain(
      `<link rel="alternate" hreflang="x-default" href="http://localhost:4321/${frPage.slug}/">`,
    );
    // The language switcher leads to the other version.
    expect(frHtml).toMatch(new RegExp(`<a href="/en/${enPage.slug}/" hreflang="en"`));
    // No client JavaScript anywhere.
    expect(frHtml).not.toMatch(/<script/i);
  });

  it('shows the French version, with a notice, of a page not yet translated', async () => {
    const fr = await publicPages('fr');
    const en = await publicPages('en');
    expect(fr.map((p) => p.slug)).toContain('histoire');
    expect(en.map((p) => p.slug)).not.toContain('histoire');

    const html = built('/en/histoire/');
    expect(htmlLang(html)).toBe('en');
    expect(html).toContain('This page is not yet translated; here is the French version.');
    expect(html).toMatch(/<article lang="fr">/);
    expect(h1(html)).toBe(fr.find((p) => p.slug === 'histoire')?.title);
    expect(html).toContain('<link rel="canonical" href="http://localhost:4321/histoire/">');
  });

  it('builds neither drafts nor the pages of collectives', async () => {
    const pages = strapi!.documents('api::page.page');
    const draft = await pages.findFirst({ filters: { slug: 'brouillon-projet' }, status: 'draft' });
    expect(draft).not.toBeNull();
    expect(await pages.findFirst({ filters: { slug: 'brouillon-projet' }, status: 'published' })).toBeNull();

    const membersOnly = await pages.findMany({
      status: 'published',
      locale: 'fr',
      filters: { collective: { visibility: 'members' } },
    });
    expect(membersOnly.length).toBeGreaterThan(0);
    const ofCollectives = await pages.findMany({
      status: 'published',
      locale: 'fr',
      filters: { collective: { id: { $notNull: true } } },
    });
    expect(ofCollectives.length).toBeGreaterThan(membersOnly.length);

    for (const slug of ['brouillon-projet', ...ofCollectives.map((p) => p.slug as string)]) {
      expect(existsSync(builtPath(`/${slug}/`))).toBe(false);
      expect(existsSync(builtPath(`/en/${slug}/`))).toBe(false);
    }
  });

  it('keeps the status page on demand, in the server build', () => {
    expect(existsSync(builtPath('/statut/'))).toBe(false);
    expect(existsSync(path.join(dist, 'server', 'pages', 'statut.astro.mjs'))).toBe(true);
    const manifest = readdirSync(path.join(dist, 'server')).find((f) => /^manifest_.*\.mjs$/.test(f));
    expect(manifest).toBeDefined();
    const text = readFileSync(path.join(dist, 'server', manifest as string), 'utf8');
    expect(text).toMatch(/"component":"src\/pages\/statut\.astro","pathname":"\/statut","prerender":false/);
  });
});

describe('standalone server', () => {
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [path.join(dist, 'server', 'entry.mjs')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CMS_URL: cmsUrl, NODE_ENV: 'production' },
      stdio: 'ignore',
    });
    await waitFor(base, 15_000);
  });

  it('renders the status page on request, with the Paris time and the CMS up', async () => {
    const res = await fetch(`${base}/statut`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">[^<]*\d\d:\d\d:\d\d[^<]*<\/time>/);
    expect(html).toContain('data-cms="up"');
  });

  it('serves the static pages too', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(organisation.name);
    expect((await fetch(`${base}/en/histoire/`)).status).toBe(200);
  });
});
