/**
 * The site search, for real: the site is built against the running, seeded CMS; the built index
 * files are queried in Node with lunr, then the built pages are opened in headless Chromium.
 * Expectations come from the API (what the public may read), not from copies of the seed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Browser } from 'playwright-core';
import { paths } from '../site/src/i18n/routes';
import { foldDiacritics, loadIndex, search, type SearchIndexFile } from '../site/src/lib/search/engine';
import { describeInBrowser, launchBrowser, serveStatic } from './support/browser';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { stopStrapi } from './support/strapi';

interface ApiItem {
  documentId: string;
  title: string;
  collective?: { slug: string } | null;
}

let strapi: Core.Strapi | undefined;
let cmsUrl: string;
let outDir: string | undefined;
let client: string;
const files: Record<string, SearchIndexFile> = {};

async function publicItems(type: string, locale = 'fr'): Promise<ApiItem[]> {
  const res = await fetch(
    `${cmsUrl}/api/${type}?locale=${locale}&pagination[pageSize]=100&populate[collective][fields][0]=slug`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: ApiItem[] }).data;
}

/** The hits of a query against the built index of a locale, as the browser island runs it. */
function query(locale: string, q: string, collective?: string) {
  const file = files[locale] as SearchIndexFile;
  return search(loadIndex(file), file, q, { collective });
}
/** `e:<documentId>` for an event, `b:` a brief, `p:` a page, `d:` a document. */
/** Every public item of a locale with its words (title and text fields), as `ids` names them. */
async function publicText(locale: string): Promise<Array<{ id: string; title: string; text: string }>> {
  const types = { pages: 'p', briefs: 'b', events: 'e', documents: 'd' } as const;
  const result = [];
  for (const [type, letter] of Object.entries(types)) {
    for (const item of (await publicItems(type, locale)) as Array<ApiItem & Record<string, unknown>>) {
      const text = ['title', 'body', 'summary', 'description', 'seoDescription'].map((f) => item[f] ?? '').join(' ');
      result.push({ id: `${letter}:${item.documentId}`, title: item.title, text });
    }
  }
  return result;
}

const ids = (hits: Array<{ k: string; i: string }>) => hits.map((h) => `${h.k[0]}:${h.i}`);

/** A word of a title with an accent, as someone types it without: no accents, plural. */
function unaccentedPlural(title: string): string | undefined {
  const word = title.split(/[\s:’']+/).find((w) => w.length >= 6 && foldDiacritics(w) !== w && /^\p{L}+$/u.test(w));
  return word && `${foldDiacritics(word).toLowerCase()}${word.endsWith('s') ? '' : 's'}`;
}

beforeAll(async () => {
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  client = path.join(outDir, 'client');
  for (const locale of ['fr', 'en']) {
    files[locale] = JSON.parse(readFileSync(path.join(client, paths.searchIndex(locale as 'fr')), 'utf8'));
  }
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  removeBuild(outDir);
  await stopStrapi(strapi);
});

describe('search index (built, queried in Node)', () => {
  it('finds a public brief by a word of its title typed without accents and in the plural', async () => {
    const briefs = await publicItems('briefs');
    const brief = briefs.find((b) => unaccentedPlural(b.title));
    expect(brief).toBeDefined();
    const q = unaccentedPlural(brief!.title) as string;
    expect(ids(query('fr', q))).toContain(`b:${brief!.documentId}`);
  });

  it('is accent- and plural-insensitive in French, and ignores stop words', async () => {
    const all = await publicText('fr');
    const assembly = all.find((i) => /\bassemblée\b/i.test(i.text));
    expect(assembly).toBeDefined();
    for (const q of ['assemblées', 'assemblees', 'Assemblée', 'les assemblées de la coopérative']) {
      expect(ids(query('fr', q))).toContain(assembly!.id);
    }
    const energy = all.filter((i) => /énergie/i.test(i.title));
    expect(energy.length).toBeGreaterThan(0);
    const found = ids(query('fr', 'energie'));
    for (const item of energy) expect(found).toContain(item.id);
    // Elision: « d’électricité » is found as « electricite ».
    const bill = all.find((i) => /d’électricité/.test(i.title));
    expect(bill).toBeDefined();
    expect(ids(query('fr', 'electricite'))).toContain(bill!.id);
    // User input is not lunr syntax: stray operators do not throw.
    expect(() => query('fr', 'énergie: +* ~^')).not.toThrow();
    expect(query('fr', 'xyzzyplugh')).toEqual([]);
  });

  it('indexes English with English words, and links to the routes of each locale', async () => {
    const en = await publicText('en');
    const energy = en.filter((i) => /\benergy\b/i.test(i.title));
    expect(energy.length).toBeGreaterThan(0);
    const found = ids(query('en', 'energies'));
    for (const item of energy) expect(found).toContain(item.id);

    const event = (await publicItems('events', 'en'))[0] as ApiItem;
    const enHit = query('en', event.title).find((h) => h.i === event.documentId);
    expect(enHit?.u).toBe(paths.event('en', event.documentId));
    const frTitle = (await publicItems('events')).find((e) => e.documentId === event.documentId)!.title;
    const frHit = query('fr', frTitle).find((h) => h.i === event.documentId);
    expect(frHit?.u).toBe(paths.event('fr', event.documentId));
    expect(frHit?.k).toBe('event');
  });

  it('holds every public item and nothing else: no draft, no members-only content', async () => {
    const hidden: string[] = [];
    const docs = strapi!.documents('api::document.document');
    for (const d of await docs.findMany({ filters: { accessLevel: { $ne: 'public' } }, locale: 'fr' }))
      hidden.push(`d:${d.documentId}`);
    for (const e of await strapi!.documents('api::event.event').findMany({ filters: { audience: 'members' } }))
      hidden.push(`e:${e.documentId}`);
    const membersOnly = { collective: { visibility: 'members' } };
    for (const p of await strapi!.documents('api::page.page').findMany({ filters: membersOnly }))
      hidden.push(`p:${p.documentId}`);
    for (const b of await strapi!.documents('api::brief.brief').findMany({ filters: membersOnly }))
      hidden.push(`b:${b.documentId}`);
    const draft = await strapi!
      .documents('api::page.page')
      .findFirst({ filters: { slug: 'brouillon-projet' }, status: 'draft' });
    expect(draft).not.toBeNull();
    hidden.push(`p:${draft!.documentId}`);
    expect(hidden.filter((id) => id.startsWith('d:')).length).toBeGreaterThan(0);
    expect(hidden.filter((id) => id.startsWith('b:')).length).toBeGreaterThan(0);

    for (const locale of ['fr', 'en']) {
      const raw = readFileSync(path.join(client, paths.searchIndex(locale as 'fr')), 'utf8');
      for (const id of hidden) expect(raw).not.toContain(id.slice(2));
    }
    const publicDocs = await publicItems('documents');
    expect(publicDocs.length).toBeGreaterThan(0);
    const byId = new Map(Object.values(files.fr!.store).map((e) => [`${e.k[0]}:${e.i}`, e]));
    for (const d of publicDocs) expect(byId.get(`d:${d.documentId}`)?.t).toBe(d.title);
  });

  it('links every result to a page the build wrote', () => {
    for (const locale of ['fr', 'en']) {
      const missing = Object.values(files[locale]!.store)
        .map((e) => e.u.split('#')[0] as string)
        .filter((u) => !existsSync(path.join(client, u, 'index.html')));
      expect(missing).toEqual([]);
    }
  });

  it('ships JavaScript on the search pages only', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : [],
      );
    const withScripts = walk(client)
      .filter((f) => /<script/i.test(readFileSync(f, 'utf8')))
      .map((f) => `/${path.relative(client, path.dirname(f))}/`.replace(/^\/\.?\//, '/'));
    expect(withScripts).toContain(paths.search('fr'));
    expect(withScripts).toContain(paths.collective.search('fr', 'lyon'));
    for (const route of withScripts) expect(route).toMatch(/\/(recherche|search)\/$/);
  });
});

describeInBrowser('search page (built, in Chromium)', () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    site = await serveStatic(client);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the results of ?q= with links, and announces their number', async () => {
    const briefs = await publicItems('briefs');
    const brief = briefs.find((b) => unaccentedPlural(b.title)) as ApiItem;
    const q = unaccentedPlural(brief.title) as string;
    const expected = Object.values(files.fr!.store).find((e) => e.i === brief.documentId)!.u;
    const page = await browser.newPage();
    await page.goto(`${site.url}${paths.search('fr')}?q=${encodeURIComponent(q)}`);
    await page.locator(`.search-results a[href="${expected}"]`).waitFor({ timeout: 10_000 });
    expect(await page.inputValue('input[name="q"]')).toBe(q);
    const status = page.locator('[role="status"]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    const count = await page.locator('.search-results li').count();
    expect(count).toBeGreaterThan(0);
    expect(await status.textContent()).toContain(count === 1 ? '1 résultat' : `${count} résultats`);
    expect(
      await page.locator('.search-results li', { hasText: brief.title }).locator('.search-type').textContent(),
    ).toBe('Brève');
    await page.close();
  });

  it('submits the form as a GET: the query lands in the URL and the results follow', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}${paths.search('fr')}`);
    await page.fill('input[name="q"]', 'assemblees');
    await Promise.all([page.waitForURL(/\?q=assemblees/), page.click('form[role="search"] button')]);
    await page.locator('.search-results li').first().waitFor({ timeout: 10_000 });
    const expected = query('fr', 'assemblees').map((h) => h.t);
    expect(expected.length).toBeGreaterThan(0);
    expect(await page.locator('.search-results a').allTextContents()).toEqual(expected);
    await page.close();
  });

  it('keeps a mini-site search to its collective', async () => {
    const briefs = await publicItems('briefs');
    const lyon = briefs.filter((b) => b.collective?.slug === 'lyon');
    const others = briefs.filter((b) => b.collective && b.collective.slug !== 'lyon');
    // A word the briefs of Lyon share with those of other collectives.
    const shared = lyon
      .map((b) => unaccentedPlural(b.title))
      .find((q) => q && others.some((o) => ids(query('fr', q)).includes(`b:${o.documentId}`))) as string;
    expect(shared).toBeDefined();
    const inLyon = query('fr', shared, 'lyon');
    expect(inLyon.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    await page.goto(`${site.url}${paths.collective.search('fr', 'lyon')}?q=${encodeURIComponent(shared)}`);
    await page.locator(`.search-results a[href="${inLyon[0]!.u}"]`).waitFor({ timeout: 10_000 });
    const hrefs = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(inLyon.map((h) => h.u).sort());
    const elsewhere = query('fr', shared).filter((h) => h.c !== 'lyon');
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const h of elsewhere) expect(hrefs).not.toContain(h.u);
    await page.close();
  });
});
