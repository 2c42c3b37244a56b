/**
 * The public site as built from the seeded CMS, checked whole: links, feeds, what must never be
 * published, accessibility in a real browser, page weight. One build, into a temporary directory,
 * after the test has added content that must (or must not) show up.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { paths } from '../site/src/i18n/routes';
import { contrast } from '../site/src/lib/accent';
import { buildSite, removeBuild, SITE_URL, startStrapiForSite } from './support/site';
import { describeInBrowser, launchBrowser, serveStatic } from './support/browser';
import { stopStrapi } from './support/strapi';
import { seriousViolations as axeViolations } from './support/axe';

const locales = ['fr', 'en'] as const;
const siteHost = new URL(SITE_URL).host;

let strapi: Core.Strapi | undefined;
let cmsUrl: string;
let outDir: string | undefined;
let client: string;
let buildMs = 0;
const created: { uid: string; documentId: string }[] = [];

const MARK = `zq${Date.now().toString(36)}`;
const markers = {
  draftPage: `${MARK}-draft-page`,
  membersCollectivePage: `${MARK}-members-collective-page`,
  membersCollectiveBrief: `${MARK}-members-collective-brief`,
  membersDocument: `${MARK}-members-document`,
  collectiveDocument: `${MARK}-collective-document`,
  boardDocument: `${MARK}-board-document`,
  membersEvent: `${MARK}-members-event`,
};
const publicMarker = `${MARK}-public-page`;
/** Created in French only: the English site shows it with a notice. */
let frenchOnlyEvent = '';

/** Every file under a directory, relative paths. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

async function api<T>(route: string): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const sep = route.includes('?') ? '&' : '?';
    const res = await fetch(`${cmsUrl}${route}${sep}pagination[page]=${page}&pagination[pageSize]=100`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: T[]; meta: { pagination: { pageCount: number } } };
    all.push(...body.data);
    if (page >= body.meta.pagination.pageCount) return all;
  }
}

interface ApiItem {
  documentId: string;
  collective?: { slug: string } | null;
}
interface ApiEvent extends ApiItem {
  startsAt: string;
  endsAt: string;
}

/** Items of a type the public sees, in any locale (the site shows a fallback for missing translations). */
async function publicItems<T extends ApiItem>(type: string): Promise<Map<string, T>> {
  const byId = new Map<string, T>();
  const populate = type === 'collectives' ? '' : '&populate[collective][fields][0]=slug';
  for (const locale of locales) {
    for (const item of await api<T>(`/api/${type}?locale=${locale}${populate}`)) {
      if (!byId.has(item.documentId) || item.collective) byId.set(item.documentId, item);
    }
  }
  return byId;
}

async function create(uid: string, data: Record<string, unknown>, status: 'draft' | 'published') {
  const docs = strapi!.documents(uid as 'api::page.page');
  const doc = await docs.create({ data: data as never, locale: 'fr', ...(status === 'published' ? { status } : {}) });
  created.push({ uid, documentId: doc.documentId });
  return doc;
}

beforeAll(async () => {
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  const membersOnly = await strapi.documents('api::collective.collective').findFirst({
    filters: { visibility: 'members' },
    status: 'published',
    locale: 'fr',
  });
  const publicCollective = await strapi.documents('api::collective.collective').findFirst({
    filters: { visibility: 'public', kind: 'local' },
    status: 'published',
    locale: 'fr',
  });
  if (!membersOnly || !publicCollective) throw new Error('the seed has a members-only and a public local collective');
  const body = (marker: string) => `Texte ${marker}.`;
  // iCalendar times have whole seconds.
  const soon = new Date(Math.ceil((Date.now() + 30 * 86_400_000) / 60_000) * 60_000);
  const later = new Date(soon.getTime() + 7_200_000);

  await create(
    'api::page.page',
    { title: `Brouillon ${MARK}`, slug: `${MARK}-brouillon`, body: body(markers.draftPage) },
    'draft',
  );
  await create(
    'api::page.page',
    {
      title: `Page ${MARK}`,
      slug: `${MARK}-reservee`,
      body: body(markers.membersCollectivePage),
      collective: membersOnly.documentId,
    },
    'published',
  );
  await create(
    'api::brief.brief',
    {
      title: `Brève ${MARK}`,
      body: body(markers.membersCollectiveBrief),
      publicationDate: new Date().toISOString(),
      collective: membersOnly.documentId,
    },
    'published',
  );
  for (const [accessLevel, marker, collective] of [
    ['members', markers.membersDocument, undefined],
    ['collective', markers.collectiveDocument, publicCollective.documentId],
    ['board', markers.boardDocument, undefined],
  ] as const) {
    await create(
      'api::document.document',
      { title: `Document ${marker}`, summary: marker, accessLevel, collective },
      'published',
    );
  }
  await create(
    'api::event.event',
    {
      title: `Réunion ${MARK}`,
      description: body(markers.membersEvent),
      startsAt: soon.toISOString(),
      endsAt: later.toISOString(),
      audience: 'members',
      place: markers.membersEvent,
    },
    'published',
  );
  frenchOnlyEvent = (
    await create(
      'api::event.event',
      { title: `Atelier ${MARK}`, startsAt: soon.toISOString(), endsAt: later.toISOString(), audience: 'public' },
      'published',
    )
  ).documentId;
  // One more site-wide brief than the seed's 20: the news take two pages.
  await create(
    'api::brief.brief',
    { title: `Brève publique ${MARK}`, body: body(MARK), publicationDate: new Date(0).toISOString() },
    'published',
  );
  await create(
    'api::page.page',
    { title: `Publique ${MARK}`, slug: `${MARK}-publique`, body: body(publicMarker) },
    'published',
  );

  const started = Date.now();
  outDir = await buildSite(cmsUrl);
  buildMs = Date.now() - started;
  client = path.join(outDir, 'client');
}, 360_000);

afterAll(async () => {
  for (const { uid, documentId } of created.reverse()) {
    await strapi?.documents(uid as 'api::page.page').delete({ documentId });
  }
  removeBuild(outDir);
  await stopStrapi(strapi);
});

describe('links', () => {
  /** Pages rendered per request, linked from built pages. */
  const onDemand = new Set(['/statut', paths.subscribe('fr'), paths.subscribe('en')]);
  it('resolves every internal href and src of every page to a built file', () => {
    const html = walk(client).filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const file of html) {
      const text = readFileSync(path.join(client, file), 'utf8');
      const from = `/${file.replace(/index\.html$/, '')}`;
      for (const [, target] of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const url = new URL(target.replace(/&amp;/g, '&'), new URL(from, SITE_URL));
        if (url.origin !== new URL(SITE_URL).origin) continue; // mailto:, the CMS's uploads, other sites
        const pathname = decodeURIComponent(url.pathname);
        if (onDemand.has(pathname)) continue; // in the server build
        const candidates = pathname.endsWith('/')
          ? [path.join(client, pathname, 'index.html')]
          : [path.join(client, pathname), path.join(client, pathname, 'index.html')];
        if (!candidates.some((c) => existsSync(c) && statSync(c).isFile())) broken.push(`${from} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('announces the feeds, the canonical URL and Open Graph on every page', () => {
    for (const file of walk(client).filter((f) => f.endsWith('.html'))) {
      const text = readFileSync(path.join(client, file), 'utf8');
      expect([file, /<link rel="alternate" type="text\/calendar"[^>]*href="[^"]+\.ics"/.test(text)]).toEqual([
        file,
        true,
      ]);
      expect([file, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="[^"]+\.xml"/.test(text)]).toEqual([
        file,
        true,
      ]);
      expect([file, /<link rel="canonical" href="http/.test(text)]).toEqual([file, true]);
      expect([file, /<meta property="og:title" content="[^"]+"/.test(text)]).toEqual([file, true]);
    }
  });

  it('has a sitemap, announced by robots.txt', () => {
    const robots = readFileSync(path.join(client, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
    const sitemap = walk(client)
      .filter((f) => /^sitemap-\d+\.xml$/.test(f))
      .map((f) => readFileSync(path.join(client, f), 'utf8'))
      .join('');
    expect(sitemap).toContain(`<loc>${SITE_URL}/</loc>`);
    expect(sitemap).toContain(`<loc>${SITE_URL}${paths.collective.home('en', 'lyon')}</loc>`);
    expect(sitemap).not.toMatch(/\/statut\/?<\/loc>/);
  });
});

describe('routes', () => {
  const built = (route: string) => readFileSync(path.join(client, route, 'index.html'), 'utf8');

  it('paginates the news 20 a page, newest first', async () => {
    const briefs = await publicItems<ApiItem>('briefs');
    expect(briefs.size).toBeGreaterThan(20);
    const pages = Math.ceil(briefs.size / 20);
    for (const locale of locales) {
      const listed = Array.from({ length: pages }, (_, i) =>
        [...built(paths.news(locale, i + 1)).matchAll(/<article id="([^"]+)"/g)].map(([, id]) => id),
      );
      expect(listed.slice(0, -1).every((ids) => ids.length === 20)).toBe(true);
      expect(listed.flat().sort()).toEqual([...briefs.keys()].sort());
      expect(existsSync(path.join(client, paths.news(locale, pages + 1)))).toBe(false);
    }
    // The oldest brief, created by this test, is on the last page.
    expect(built(paths.news('fr', pages))).toContain(`Brève publique ${MARK}`);
  });

  it('shows an untranslated event in English with a notice, in French', () => {
    const html = built(paths.event('en', frenchOnlyEvent));
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('This content is not yet translated; here is the French version.');
    expect(html).toMatch(/<article lang="fr">/);
    expect(html).toContain(`<link rel="canonical" href="${SITE_URL}${paths.event('fr', frenchOnlyEvent)}">`);
    expect(built(paths.event('fr', frenchOnlyEvent))).not.toContain('not yet translated');
  });

  it('builds a mini-site per public collective, in its legible accent colour', async () => {
    const collectives = [
      ...(await publicItems<ApiItem & { slug: string; accentColor: string }>('collectives')).values(),
    ];
    expect(collectives.length).toBeGreaterThan(0);
    for (const c of collectives) {
      for (const locale of locales) {
        const html = built(paths.collective.home(locale, c.slug));
        const style = /<body style="([^"]*)"/.exec(html)?.[1] ?? '';
        const vars = Object.fromEntries(style.split(';').map((d) => d.split(':')));
        expect(vars['--accent-strong']).toBe(c.accentColor.toLowerCase());
        expect(contrast(vars['--accent-strong'], vars['--on-accent'])).toBeGreaterThanOrEqual(4.5);
        expect(contrast(vars['--accent'], '#eef6f2')).toBeGreaterThanOrEqual(4.5);
        expect(contrast(vars['--accent'], '#ffffff')).toBeGreaterThanOrEqual(4.5);
        for (const section of ['news', 'agenda', 'documents'] as const) {
          expect(existsSync(path.join(client, paths.collective[section](locale, c.slug), 'index.html'))).toBe(true);
        }
      }
    }
    // Regions list their local groups.
    const list = built(paths.collectives('fr'));
    const region = list.indexOf(`href="${paths.collective.home('fr', 'auvergne-rhone-alpes')}"`);
    expect(region).toBeGreaterThan(0);
    expect(list.indexOf(`href="${paths.collective.home('fr', 'lyon')}"`)).toBeGreaterThan(region);
  });
});

describe('feeds', () => {
  it('lists the public briefs in every RSS feed, site-wide and per collective', async () => {
    const briefs = await publicItems<ApiItem>('briefs');
    const collectives = [...(await publicItems<ApiItem & { slug: string }>('collectives')).values()].map((c) => c.slug);
    expect(briefs.size).toBeGreaterThan(0);
    for (const locale of locales) {
      const scopes = [
        { file: paths.newsFeed(locale), expected: [...briefs.keys()] },
        ...collectives.map((slug) => ({
          file: paths.collective.newsFeed(locale, slug),
          expected: [...briefs.values()].filter((b) => b.collective?.slug === slug).map((b) => b.documentId),
        })),
      ];
      for (const { file, expected } of scopes) {
        const feed = parseFeed(readFileSync(path.join(client, file), 'utf8'));
        expect(feed.language).toBe(locale);
        const ids = feed.items.map((item) => new URL(item.url as string).hash.slice(1));
        expect([file, ids.sort()]).toEqual([file, [...expected].sort()]);
      }
    }
  });

  it('lists the public events in every iCalendar, in Europe/Paris, with UID and DTSTAMP', async () => {
    const events = await publicItems<ApiEvent>('events');
    const collectives = [...(await publicItems<ApiItem & { slug: string }>('collectives')).values()].map((c) => c.slug);
    expect(events.size).toBeGreaterThan(0);
    for (const locale of locales) {
      const scopes = [
        { file: paths.agendaFeed(locale), expected: [...events.values()] },
        ...collectives.map((slug) => ({
          file: paths.collective.agendaFeed(locale, slug),
          expected: [...events.values()].filter((e) => e.collective?.slug === slug),
        })),
      ];
      for (const { file, expected } of scopes) {
        const calendar = new ICAL.Component(ICAL.parse(readFileSync(path.join(client, file), 'utf8')));
        const vevents = calendar.getAllSubcomponents('vevent');
        expect([file, vevents.length]).toEqual([file, expected.length]);
        if (vevents.length === 0) continue;
        const vtimezone = calendar.getFirstSubcomponent('vtimezone');
        expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
        const zone = new ICAL.Timezone(vtimezone!);
        for (const vevent of vevents) {
          const uid = String(vevent.getFirstPropertyValue('uid'));
          const [documentId, host] = uid.split('@');
          expect(host).toBe(siteHost);
          const event = expected.find((e) => e.documentId === documentId);
          expect(event).toBeDefined();
          expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
          const start = vevent.getFirstProperty('dtstart')!;
          expect(start.getParameter('tzid')).toBe('Europe/Paris');
          const at = (prop: string) => {
            const time = vevent.getFirstPropertyValue(prop) as InstanceType<typeof ICAL.Time>;
            time.zone = zone;
            return time.toJSDate().toISOString();
          };
          expect(at('dtstart')).toBe(new Date(event!.startsAt).toISOString());
          expect(at('dtend')).toBe(new Date(event!.endsAt).toISOString());
          expect(vevent.getFirstPropertyValue('summary')).toBeTruthy();
          expect(String(vevent.getFirstPropertyValue('url'))).toBe(`${SITE_URL}${paths.event(locale, documentId)}`);
        }
      }
    }
  });
});

describe('what must not be published', () => {
  it('builds none of the hidden content, and the public page that proves the search works', () => {
    const files = walk(outDir!);
    const found: string[] = [];
    let publicFound = false;
    for (const file of files) {
      const text = readFileSync(path.join(outDir!, file), 'latin1');
      // Names of files and directories count as much as their content.
      const haystack = `${file}\n${Buffer.from(text, 'latin1').toString('utf8')}`;
      for (const [name, marker] of Object.entries(markers))
        if (haystack.includes(marker)) found.push(`${name} in ${file}`);
      if (haystack.includes(publicMarker)) publicFound = true;
    }
    expect(found).toEqual([]);
    expect(publicFound).toBe(true);
    expect(existsSync(path.join(client, `${MARK}-publique`, 'index.html'))).toBe(true);
    expect(existsSync(path.join(client, `${MARK}-brouillon`))).toBe(false);
  });
});

describeInBrowser('accessibility and weight', () => {
  let site: { url: string; close: () => Promise<void> };
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveStatic(client);
    base = site.url;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const pages = [
    paths.home('fr'),
    paths.page('fr', 'a-propos'),
    paths.page('en', 'histoire'),
    paths.collective.home('fr', 'lyon'),
    paths.collective.home('en', 'solaire-citoyen'),
    paths.agenda('fr'),
    paths.documents('fr'),
    paths.news('en'),
    paths.collectives('fr'),
  ];

  /** The serious and critical axe-core violations of a built page, in the real browser. */
  async function seriousViolations(route: string, ready?: string) {
    const page = await browser.newPage();
    try {
      const res = await page.goto(`${base}${route}`);
      expect(res?.status()).toBe(200);
      if (ready) await page.locator(ready).first().waitFor({ timeout: 10_000 });
      return await axeViolations(page);
    } finally {
      await page.close();
    }
  }

  it.each(pages)('%s has no serious or critical axe-core violation', async (route) => {
    expect(await seriousViolations(route)).toEqual([]);
  });

  it('the search results have no serious or critical violation either', async () => {
    expect(await seriousViolations(`${paths.search('fr')}?q=energie`, '.search-results li')).toEqual([]);
  });

  it('keeps a typical page under 50 KB of HTML and CSS, without JavaScript', () => {
    const weigh = (route: string) => {
      const html = readFileSync(path.join(client, route, 'index.html'), 'utf8');
      const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].reduce(
        (sum, [, href]) => sum + statSync(path.join(client, href)).size,
        0,
      );
      expect(html).not.toMatch(/<script/i);
      return Buffer.byteLength(html) + css;
    };
    const figures = {
      build_ms: buildMs,
      html_pages: walk(client).filter((f) => f.endsWith('.html')).length,
      home_bytes: weigh(paths.home('fr')),
      collective_home_bytes: weigh(paths.collective.home('fr', 'lyon')),
    };
    console.log(`site build: ${JSON.stringify(figures)}`);
    expect(figures.home_bytes).toBeLessThan(50_000);
    expect(figures.collective_home_bytes).toBeLessThan(50_000);
  });
});
