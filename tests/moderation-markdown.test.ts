/**
 * Messages are Markdown rendered to sanitised HTML: XSS payloads stored through the API come back
 * as HTML with no executable part, and a real Chromium page showing them all runs nothing.
 */
import type { Browser } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';
import { describeInBrowser, launchBrowser } from './support/browser';

const payloads = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">clic</a>',
  '[clic](javascript:alert(1))',
  '[clic](JaVaScRiPt:alert(1))',
  '[clic](javascript&#58;alert(1))',
  '[clic](  javascript:alert(1))',
  '[clic](vbscript:msgbox(1))',
  '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '![x](javascript:alert(1))',
  '<a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<div style="background:url(javascript:alert(1))">s</div>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '"><script>alert(1)</script>',
  '<<script>alert(1)//<</script>',
  '[a](https://example.org" onmouseover="alert(1))',
  '[a](https://example.org "title\\" onclick=\\"alert(1)")',
  '<a href="https://example.org" onclick="alert(1)">ok</a>',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '<video><source onerror="alert(1)"></video>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<a href="&#106;avascript:alert(1)">e</a>',
  '[e](&#106;avascript:alert(1))',
  '<base href="javascript:alert(1)//">',
  'https://example.org/<script>alert(1)</script>',
];

const allowedTags = new Set([
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
]);

/** Every problem an HTML fragment has: tags outside the subset, any attribute but href and rel, unsafe links. */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    if (!allowedTags.has((name as string).toLowerCase())) problems.push(`tag ${name}`);
    for (const [, attribute, value] of (attributes as string).matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
      if (!['href', 'rel'].includes(attribute as string)) problems.push(`attribute ${attribute}`);
      if (attribute === 'href' && !/^(https?:\/\/|mailto:)/.test(value ?? '')) problems.push(`href ${value}`);
    }
  }
  return problems;
}

let strapi: Core.Strapi;
let author: TestMember;
const rendered: string[] = [];

beforeAll(async () => {
  strapi = await startStrapi();
  author = await createMember(strapi, { displayName: 'Essais XSS' }, 'xss');
  const lyon = await collectiveId(strapi, 'lyon');
  await join(strapi, author, lyon);
  const thread = await http(strapi)
    .post(`/api/moderation/collectives/${lyon}/threads`)
    .set(author.headers)
    .send({ title: 'Essais', body: payloads[0] });
  expect(thread.status).toBe(201);
  rendered.push(thread.body.data.html);
  for (const body of payloads.slice(1)) {
    const reply = await http(strapi)
      .post(`/api/moderation/threads/${thread.body.data.id}/replies`)
      .set(author.headers)
      .send({ body });
    expect(reply.status).toBe(201);
    rendered.push(reply.body.data.html);
  }
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('Markdown subset', () => {
  it('stores at least 30 payloads and renders each without an executable part', () => {
    expect(rendered).toHaveLength(payloads.length);
    expect(payloads.length).toBeGreaterThanOrEqual(30);
    const problems = rendered.flatMap((html, i) => unsafeParts(html).map((p) => `${payloads[i]} → ${p}`));
    expect(problems).toEqual([]);
  });

  it('catches what it looks for (the checker itself)', () => {
    expect(unsafeParts('<a href="javascript:alert(1)" onclick="x">')).toEqual([
      'href javascript:alert(1)',
      'attribute onclick',
    ]);
    expect(unsafeParts('<img src="x">')).toEqual(['tag img', 'attribute src']);
  });

  it('keeps the formatting it allows, and marks links nofollow ugc', async () => {
    const res = await http(strapi)
      .get(`/api/moderation/collectives/${await collectiveId(strapi, 'lyon')}/threads`)
      .set(author.headers);
    expect(res.status).toBe(200);
    const ok = rendered[payloads.indexOf('<a href="https://example.org" onclick="alert(1)">ok</a>')];
    // Raw HTML is text: shown, not interpreted (its URL alone becomes a link).
    expect(ok).toMatch(/^<p>&lt;a href="<a href="https:\/\/example.org" rel="nofollow ugc">/);
    expect(ok).toContain('onclick="alert(1)"&gt;ok&lt;/a&gt;</p>');
    const link = rendered[payloads.indexOf('https://example.org/<script>alert(1)</script>')];
    expect(link).toContain('<a href="https://example.org/" rel="nofollow ugc">');
  });
});

describeInBrowser('in a real Chromium page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('executes nothing from the rendered messages', async () => {
    const page = await browser.newPage();
    // Every payload calls alert(1): the page's own first script counts the calls.
    const hook = '<script>window.executed = 0; window.alert = () => { window.executed += 1; };</script>';
    await page.setContent(`<!doctype html><html><head>${hook}</head><body>${rendered.join('\n')}</body></html>`);
    await page.waitForTimeout(300);
    for (const link of await page.locator('a').all()) await link.hover();
    // Evaluated in the page (as text: the tests are compiled without the DOM's types).
    const found = (await page.evaluate(`({
      executed: window.executed,
      scripts: document.body.querySelectorAll('script, iframe, object, embed, svg, img, style, form, base, meta').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      links: [...document.querySelectorAll('a')].map((a) => a.protocol),
    })`)) as { executed: number; scripts: number; handlers: number; links: string[] };
    expect(found).toMatchObject({ executed: 0, scripts: 0, handlers: 0 });
    expect(found.links.every((p) => ['http:', 'https:', 'mailto:'].includes(p))).toBe(true);
    // The page can run script at all: the check above is not vacuous.
    expect(await page.evaluate('alert(1), window.executed')).toBe(1);
    await page.close();
  });
});
