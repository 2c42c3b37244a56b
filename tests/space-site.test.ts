/**
 * The members' space, end to end: one site build against the running CMS (seeded demo data), its
 * standalone server, and Chromium driving it as the member and the lead would. The session and
 * CSRF rules are checked with plain HTTP; the issue's scenario, accessibility and the phone width
 * in the browser.
 */
import { readFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { paths } from '../site/src/i18n/routes';
import { DEMO_PASSWORD, demoMembers } from '../database/seed/demo-accounts';
import { describeInBrowser, launchBrowser } from './support/browser';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, SITE_URL, startStrapiForSite } from './support/site';
import { linkIn, startSmtp, type Inbox } from './support/smtp';
import { acceptTexts, logIn, postForm, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { http, stopStrapi, tokenFor } from './support/strapi';
import { seriousViolations as axeViolations } from './support/axe';

const MEMBER = demoMembers.member.email;
const LEAD = demoMembers.lead.email;
const BOARD = demoMembers.board.email;
const WORKSHOP = 'Atelier complet';
const FOLLOWED = 'Solaire citoyen';

let strapi: Core.Strapi | undefined;
let inbox: Inbox | undefined;
let cmsUrl: string;
let outDir: string | undefined;
let site: SiteServer | undefined;
let base: string;
/** What the scenario changed in the shared demo data, put back afterwards for the suites that follow. */
const undo: (() => Promise<unknown>)[] = [
  // The demo accounts have accepted nothing yet in the seed (the account suite counts on it).
  () => strapi!.db.query('api::acceptance.acceptance').deleteMany({}),
];

beforeAll(async () => {
  inbox = await startSmtp();
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  base = site.base;
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  const failures: unknown[] = [];
  for (const step of undo.reverse()) await step().catch((error: unknown) => failures.push(error));
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
  await inbox?.stop();
  if (failures.length) throw new AggregateError(failures, 'could not put the demo data back as seeded');
});

const REGISTRATION = 'api::registration.registration';

interface Seat {
  id: number;
  state: string;
  createdAt: string;
  profile: { documentId: string };
}

/** The full workshop's seats, in the database: the scenario changes them, the seed test counts on them. */
async function workshopSeats() {
  const event = (await strapi!.db.query('api::event.event').findOne({
    where: { title: WORKSHOP, locale: 'fr', publishedAt: { $notNull: true } },
    select: ['documentId', 'locale'],
  })) as { documentId: string; locale: string };
  const seats = (await strapi!.db.query(REGISTRATION).findMany({
    where: { event: { documentId: event.documentId } },
    select: ['id', 'state', 'createdAt'],
    populate: { profile: { select: ['documentId'] } },
  })) as Seat[];
  return { event, seats };
}

/** Puts the workshop's seats back as they were: same people, states and order. */
async function restoreSeats(before: Awaited<ReturnType<typeof workshopSeats>>) {
  const now = await workshopSeats();
  const kept = new Set(before.seats.map((s) => s.profile.documentId));
  for (const seat of now.seats) {
    if (!kept.has(seat.profile.documentId)) await strapi!.db.query(REGISTRATION).delete({ where: { id: seat.id } });
  }
  for (const seat of before.seats) {
    const current = now.seats.find((n) => n.profile.documentId === seat.profile.documentId);
    const id =
      current?.id ??
      (
        (await strapi!.documents(REGISTRATION).create({
          data: {
            event: { connect: [{ documentId: before.event.documentId, locale: before.event.locale }] },
            profile: seat.profile.documentId,
            state: seat.state,
          } as never,
        })) as { id: number }
      ).id;
    await strapi!.db.query(REGISTRATION).update({
      where: { id },
      data: { state: seat.state, createdAt: seat.createdAt, promotedAt: null, promotionMailedAt: null },
    });
  }
}

/** The one-shot message cookie a form's answer sets, as a Cookie header. */
const flashOf = (res: Response) => (setCookie(res, 'na_flash') as string).split(';')[0];

/** A page's HTML, fetched with a cookie header. */
async function html(route: string, cookie?: string) {
  const res = await fetch(`${base}${route}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  return { status: res.status, location: res.headers.get('location'), text: await res.text(), res };
}

describe('session and forms', () => {
  it('sends visitors without a session to the login page, keeping where they were going', async () => {
    const fr = await html(paths.space('fr', 'events'));
    expect(fr.status).toBe(303);
    expect(fr.location).toBe(`${paths.space('fr', 'login')}?next=${encodeURIComponent('/espace/agenda/')}`);
    const en = await html(paths.space('en', 'directory'));
    expect(en.location).toBe(`${paths.space('en', 'login')}?next=${encodeURIComponent('/en/space/directory/')}`);
    const file = await html(paths.spaceFiles.dataExport());
    expect(file.status).toBe(303);
    const login = await html(paths.space('fr', 'login'));
    expect(login.status).toBe(200);
    expect(login.text).toMatch(/<html lang="fr"/);
    expect(login.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(login.res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a form posted from another site (Origin check), before any handler runs', async () => {
    const res = await postForm(
      base,
      paths.space('fr', 'login'),
      { email: MEMBER, password: 'whatever' },
      { Origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(setCookie(res, 'na_session')).toBeUndefined();
    expect(setCookie(res, 'na_flash')).toBeUndefined();
  });

  it('keeps the JWT in an httpOnly, SameSite=Lax cookie only, never in the page', async () => {
    const res = await postForm(base, `${paths.space('en', 'login')}?next=/en/space/profile/`, {
      email: demoMembers.moderator.email,
      password: 'Energie-Commune-2026',
    });
    expect(res.status).toBe(303);
    // Not yet accepted: the welcome page first, then where the person was going.
    const cookie = setCookie(res, 'na_session') as string;
    expect(cookie).toMatch(/^na_session=[^;]+; .*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // the test site is http
    expect(res.headers.get('location')).toBe('/en/space/profile/');
    const jwt = decodeURIComponent(cookie.split(';')[0].slice('na_session='.length));
    const page = await html('/en/space/profile/', `na_session=${jwt}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/en/space/welcome/?next=${encodeURIComponent('/en/space/profile/')}`);
    const welcome = await html(page.location as string, `na_session=${jwt}`);
    expect(welcome.status).toBe(200);
    expect(welcome.text).toContain('/en/charte/');
    expect(welcome.text).toContain('/en/confidentialite/');
    expect(welcome.text).not.toContain(jwt);
    expect(welcome.text).not.toContain(jwt.split('.')[1]);
  });

  it('refuses a next that leaves the site', async () => {
    const res = await postForm(base, `${paths.space('fr', 'login')}?next=//evil.example/x`, {
      email: demoMembers.moderator.email,
      password: 'Energie-Commune-2026',
    });
    expect(res.headers.get('location')).toBe('/espace/');
  });

  it('says why a login failed, in the page language, linked to the field', async () => {
    const res = await postForm(base, paths.space('fr', 'login'), { email: 'personne@example.org', password: 'faux' });
    expect(res.status).toBe(303);
    const flash = (setCookie(res, 'na_flash') as string).split(';')[0];
    const page = await html(res.headers.get('location') as string, flash);
    expect(page.text).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(page.text).toMatch(/<input[^>]*id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="form-message"/);
    expect(page.text).toContain('value="personne@example.org"');
  });

  it('tells someone throttled how long to wait', async () => {
    // An address of its own, so that the throttle leaves the rest of the suite alone.
    const from = { 'X-Forwarded-For': '203.0.113.77' };
    let res: Response | undefined;
    for (let i = 0; i < 7; i++) {
      res = await postForm(base, paths.space('en', 'login'), { email: 'nobody@example.org', password: 'x' }, from);
    }
    const flash = (setCookie(res as Response, 'na_flash') as string).split(';')[0];
    const page = await html(paths.space('en', 'login'), flash);
    expect(page.text).toMatch(/Too many attempts\. Try again in (a minute|\d+ minutes)\./);
  });

  it('resets a forgotten password through the site’s pages and the e-mailed link', async () => {
    const email = demoMembers.moderator.email;
    const asked = await postForm(base, paths.space('fr', 'forgotPassword'), { email });
    expect(asked.status).toBe(303);
    expect((await html(asked.headers.get('location') as string, flashOf(asked))).text).toContain(
      'Si un compte correspond à cette adresse, un e-mail vient de lui être envoyé.',
    );
    const link = linkIn(await inbox!.waitFor(email), `${SITE_URL}${paths.space('fr', 'newPassword')}?code=`);
    const route = link.slice(SITE_URL.length);
    expect((await html(route)).status).toBe(200);

    const typo = await postForm(base, route, { password: DEMO_PASSWORD, passwordConfirmation: `${DEMO_PASSWORD}!` });
    expect(typo.headers.get('location')).toBe(route);
    const typoPage = await html(route, flashOf(typo));
    expect(typoPage.text).toContain('Les deux mots de passe ne sont pas identiques.');
    expect(typoPage.text).toMatch(
      /id="passwordConfirmation"[^>]*aria-invalid="true"[^>]*aria-describedby="form-message"/,
    );

    // The demo password again, so that the account is as the other suites expect it.
    const done = await postForm(base, route, { password: DEMO_PASSWORD, passwordConfirmation: DEMO_PASSWORD });
    expect(done.headers.get('location')).toBe(paths.space('fr', 'login'));
    expect((await html(paths.space('fr', 'login'), flashOf(done))).text).toContain('Votre mot de passe a été changé');
    // The code served once.
    const again = await postForm(base, route, { password: DEMO_PASSWORD, passwordConfirmation: DEMO_PASSWORD });
    expect((await html(route, flashOf(again))).text).toContain('Ce lien n’est plus valable');
    const login = await postForm(base, paths.space('fr', 'login'), { email, password: DEMO_PASSWORD });
    expect(setCookie(login, 'na_session')).toBeDefined();
  });
});

describeInBrowser('in the browser', () => {
  let browser: Browser;
  let member: BrowserContext;
  let lead: BrowserContext;
  let memberPage: Page;
  let memberCookie: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    member = await browser.newContext();
    lead = await browser.newContext();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('logs the member in, who accepts the charter and privacy notice first', async () => {
    memberPage = await logIn(member, base, MEMBER, paths.space('fr', 'login'));
    expect(new URL(memberPage.url()).pathname).toBe(paths.space('fr', 'welcome'));
    await acceptTexts(memberPage);
    expect(new URL(memberPage.url()).pathname).toBe(paths.space('fr', 'dashboard'));
    await expect(memberPage.locator('h1').textContent()).resolves.toBe('Mon espace');
    const cookie = (await member.cookies()).find((c) => c.name === 'na_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    memberCookie = `na_session=${cookie?.value}`;
    // No script on the page can read it.
    expect(
      await memberPage.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).not.toContain('na_session');
  });

  it('follows a collective', async () => {
    await memberPage.goto(`${base}${paths.space('fr', 'collectives')}`);
    const card = memberPage.locator('li', { has: memberPage.getByRole('heading', { name: FOLLOWED, exact: true }) });
    await card.getByRole('button', { name: new RegExp(`^Suivre ${FOLLOWED}`) }).click();
    await expect(memberPage.locator('.flash').textContent()).resolves.toContain('Vous suivez maintenant ce collectif.');
    undo.push(async () => {
      const me = await http(strapi!)
        .get('/api/space/collectives')
        .set('Authorization', `Bearer ${await tokenFor(strapi!, 'member')}`);
      const c = (me.body.data as { documentId: string; name: string }[]).find((x) => x.name === FOLLOWED);
      await http(strapi!)
        .delete(`/api/space/collectives/${c?.documentId}/follow`)
        .set('Authorization', `Bearer ${await tokenFor(strapi!, 'member')}`);
    });
    expect(await card.innerText()).toContain('Vous suivez ce collectif.');
  });

  it('registers for the full workshop and lands on the waiting list', async () => {
    const before = await workshopSeats();
    undo.push(() => restoreSeats(before));
    await memberPage.goto(`${base}${paths.space('fr', 'events')}`);
    const item = memberPage.locator('li.event', { has: memberPage.getByRole('heading', { name: WORKSHOP }) });
    expect(await item.innerText()).toContain('2 inscrit·es sur 2 places');
    await item.getByRole('button', { name: /^S’inscrire sur la liste d’attente/ }).click();
    expect(await memberPage.locator('.flash').innerText()).toContain('vous êtes sur la liste d’attente, en position 1');
    const state = memberPage
      .locator('li.event', { has: memberPage.getByRole('heading', { name: WORKSHOP }) })
      .locator('.state');
    expect(await state.getAttribute('data-state')).toBe('waiting');
    expect(await state.innerText()).toBe('Vous êtes sur la liste d’attente (position 1).');
  });

  it('is promoted when the lead unregisters, and told by e-mail', async () => {
    const leadPage = await logIn(lead, base, LEAD, paths.space('en', 'login'));
    if (new URL(leadPage.url()).pathname === paths.space('en', 'welcome')) await acceptTexts(leadPage);
    await leadPage.goto(`${base}${paths.space('en', 'events')}`);
    const item = leadPage.locator('li.event', { has: leadPage.getByRole('heading', { name: 'Full workshop' }) });
    expect(await item.locator('.state').getAttribute('data-state')).toBe('confirmed');
    await item.getByRole('button', { name: /^Cancel my registration/ }).click();
    expect(await leadPage.locator('.flash').innerText()).toContain('Your registration is cancelled.');

    await memberPage.reload();
    const state = memberPage
      .locator('li.event', { has: memberPage.getByRole('heading', { name: WORKSHOP }) })
      .locator('.state');
    expect(await state.getAttribute('data-state')).toBe('confirmed');
    expect(await state.innerText()).toBe('Vous êtes inscrit·e.');
    const mail = await inbox!.waitFor(MEMBER, (m) => (m.subject ?? '').includes(WORKSHOP));
    expect(mail.subject).toContain('Place confirmée');

    // The lead of its collective sees the attendee list, and downloads it as CSV.
    await leadPage.goto(`${base}${paths.space('en', 'events')}`);
    await leadPage
      .locator('li.event', { has: leadPage.getByRole('heading', { name: 'Full workshop' }) })
      .getByRole('link', { name: /^See the attendees/ })
      .click();
    expect(await leadPage.locator('table').innerText()).toContain(demoMembers.member.displayName);
    const [csv] = await Promise.all([
      leadPage.waitForEvent('download'),
      leadPage.getByRole('link', { name: /CSV/ }).click(),
    ]);
    expect(readFileSync((await csv.path()) as string, 'utf8')).toContain(demoMembers.member.displayName);
    // A plain member does not see it, in the page or as CSV.
    const attendees = new URL(leadPage.url()).pathname;
    const eventId = attendees.split('/').filter(Boolean).pop() as string;
    expect((await memberPage.goto(`${base}${attendees}`))?.status()).toBe(403);
    expect((await html(paths.spaceFiles.attendeesCsv(eventId), memberCookie)).status).toBe(404);
  });

  it('downloads my data as JSON', async () => {
    await memberPage.goto(`${base}${paths.space('fr', 'data')}`);
    expect(await memberPage.locator('main').innerText()).toContain('registre des parts sociales');
    const [download] = await Promise.all([
      memberPage.waitForEvent('download'),
      memberPage.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click(),
    ]);
    const data = readFileSync((await download.path()) as string, 'utf8');
    expect(data).toContain(MEMBER);
    expect(() => JSON.parse(data)).not.toThrow();
  });

  it('lets the board invite a member, who chooses a password from the e-mailed link, then erases their data', async () => {
    const email = `nouvelle.recrue.${Date.now()}@example.org`;
    const board = await browser.newContext();
    const page = await logIn(board, base, BOARD, paths.space('fr', 'login'));
    if (new URL(page.url()).pathname === paths.space('fr', 'welcome')) await acceptTexts(page);
    await page.goto(`${base}${paths.space('fr', 'invitations')}`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Nom', { exact: false }).first().fill('Nouvelle Recrue');
    await page.getByLabel('Collège').selectOption('consommateurs');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    expect(await page.locator('.flash').innerText()).toContain(`L’invitation est envoyée à ${email}.`);
    expect(await page.locator('main').innerText()).toContain(email);
    await board.close();

    const link = linkIn(await inbox!.waitFor(email), `${SITE_URL}${paths.space('fr', 'invitation')}?token=`);
    const newcomer = await browser.newContext();
    const welcome = await newcomer.newPage();
    await welcome.goto(`${base}${link.slice(SITE_URL.length)}`);
    expect(await welcome.locator('main').innerText()).toContain(`Bonjour Nouvelle Recrue, vous êtes invité·e`);
    await welcome.getByLabel(/^Nouveau mot de passe/).fill('Une-recrue-2026');
    await welcome.getByLabel(/^Le même/).fill('Une-recrue-2026');
    await welcome.getByRole('button', { name: 'Créer mon compte' }).click();
    // Erasure anonymises the account: it is found again by its id, to be removed afterwards.
    const user = (await strapi!.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email }, select: ['id'] })) as { id: number };
    const profile = (await strapi!.db
      .query('api::member-profile.member-profile')
      .findOne({ where: { user: { id: user.id } }, select: ['id'] })) as { id: number };
    undo.push(async () => {
      await strapi!.db.query('api::member-profile.member-profile').delete({ where: { id: profile.id } });
      await strapi!.db.query('plugin::users-permissions.user').delete({ where: { id: user.id } });
      await strapi!.db.query('api::invitation.invitation').deleteMany({ where: { email } });
    });
    // Signed in, and asked to accept the charter and privacy notice first.
    expect(new URL(welcome.url()).pathname).toBe(paths.space('fr', 'welcome'));
    await acceptTexts(welcome);
    expect(await welcome.locator('h1').innerText()).toBe('Mon espace');
    // The link served once.
    const used = await html(link.slice(SITE_URL.length));
    expect(used.status).toBe(410);
    expect(used.text).toContain('Cette invitation a expiré ou a déjà servi.');

    // The newcomer then erases their data: a wrong password is refused, the right one erases and logs out.
    await welcome.goto(`${base}${paths.space('fr', 'data')}`);
    await welcome.getByLabel(/^Votre mot de passe/).fill('pas-le-bon-mot-de-passe');
    await welcome.getByLabel(/^Je comprends/).check();
    await welcome.getByRole('button', { name: 'Effacer définitivement mes données' }).click();
    expect(await welcome.locator('.flash').innerText()).toContain('Mot de passe incorrect.');
    expect(await welcome.getByLabel(/^Votre mot de passe/).getAttribute('aria-describedby')).toBe('form-message');
    await welcome.getByLabel(/^Votre mot de passe/).fill('Une-recrue-2026');
    await welcome.getByLabel(/^Je comprends/).check();
    await welcome.getByRole('button', { name: 'Effacer définitivement mes données' }).click();
    expect(new URL(welcome.url()).pathname).toBe(paths.space('fr', 'login'));
    expect(await welcome.locator('.flash').innerText()).toContain('Vos données ont été effacées.');
    const login = await postForm(base, paths.space('fr', 'login'), { email, password: 'Une-recrue-2026' });
    expect(setCookie(login, 'na_session')).toBeUndefined();
    await newcomer.close();
  });

  it('fits a 375-pixel-wide phone screen without horizontal scrolling', async () => {
    const phone = await member.newPage();
    await phone.setViewportSize({ width: 375, height: 800 });
    for (const route of [paths.space('fr', 'dashboard'), paths.space('fr', 'events'), paths.space('en', 'directory')]) {
      await phone.goto(`${base}${route}`);
      const width = await phone.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      );
      expect({ route, width }).toEqual({ route, width: 375 });
    }
    await phone.close();
  });

  describe('accessibility (axe-core: no serious or critical violation)', () => {
    async function seriousViolations(context: BrowserContext, route: string) {
      const page = await context.newPage();
      try {
        await page.goto(`${base}${route}`);
        // The page itself, not the login page a lost session would lead to.
        expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(route);
        return await axeViolations(page);
      } finally {
        await page.close();
      }
    }

    const memberPages = [
      'dashboard',
      'collectives',
      'events',
      'documents',
      'directory',
      'profile',
      'data',
      'shares',
      'welcome',
    ] as const;
    const openPages = ['login', 'forgotPassword'] as const;

    it.each(['fr', 'en'] as const)('members’ pages in %s', async (locale) => {
      for (const page of memberPages) {
        expect({ page, violations: await seriousViolations(member, paths.space(locale, page)) }).toEqual({
          page,
          violations: [],
        });
      }
      const withError = `${paths.space(locale, 'directory')}?near=5`;
      expect(await seriousViolations(member, withError)).toEqual([]);
    });

    it.each(['fr', 'en'] as const)('lead’s and board’s pages in %s', async (locale) => {
      expect(await seriousViolations(lead, paths.space(locale, 'collectives'))).toEqual([]);
      const events = await http(strapi!)
        .get('/api/space/events')
        .set('Authorization', `Bearer ${await tokenFor(strapi!, 'lead')}`);
      const workshop = (events.body.data as { documentId: string; title: string }[]).find((x) => x.title === WORKSHOP);
      expect(await seriousViolations(lead, paths.spaceAttendees(locale, workshop!.documentId))).toEqual([]);
      const board = await browser.newContext();
      const page = await logIn(board, base, BOARD, paths.space(locale, 'login'));
      if (new URL(page.url()).pathname === paths.space(locale, 'welcome')) await acceptTexts(page);
      expect(await seriousViolations(board, paths.space(locale, 'invitations'))).toEqual([]);
      await board.close();
    });

    it.each(['fr', 'en'] as const)('open pages in %s', async (locale) => {
      const anonymous = await browser.newContext();
      for (const page of openPages) {
        expect({ page, violations: await seriousViolations(anonymous, paths.space(locale, page)) }).toEqual({
          page,
          violations: [],
        });
      }
      expect(await seriousViolations(anonymous, `${paths.space(locale, 'newPassword')}?code=abc`)).toEqual([]);
      expect(
        await seriousViolations(anonymous, `${paths.space(locale, 'invitation')}?token=unknown-token-123`),
      ).toEqual([]);
      await anonymous.close();
    });
  });

  it('switches language on the same page', async () => {
    await memberPage.goto(`${base}${paths.space('fr', 'events')}`);
    await memberPage.getByRole('link', { name: 'English' }).click();
    expect(new URL(memberPage.url()).pathname).toBe(paths.space('en', 'events'));
    await expect(memberPage.locator('h1').textContent()).resolves.toBe('Members’ events');
  });

  it('logs out, after which the old cookie opens nothing', async () => {
    await memberPage.goto(`${base}${paths.space('fr', 'dashboard')}`);
    await memberPage.getByRole('button', { name: 'Se déconnecter' }).click();
    expect(new URL(memberPage.url()).pathname).toBe(paths.space('fr', 'login'));
    expect(await memberPage.locator('.flash').innerText()).toContain('Vous êtes déconnecté·e.');
    expect((await member.cookies()).find((c) => c.name === 'na_session')).toBeUndefined();
    // A copy of the cookie taken before logging out is refused too: the CMS revoked the session.
    const again = await html(paths.space('fr', 'dashboard'), memberCookie);
    expect(again.status).toBe(303);
    expect(again.location).toMatch(/^\/espace\/connexion\/\?next=/);
  });
});
