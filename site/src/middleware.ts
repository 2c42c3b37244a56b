/**
 * The members' space's gate, on every request to its pages and downloads (never while
 * prerendering the public site): the session cookie → `GET /api/space/me` (or the page's own call,
 * when it says who is asking) → `locals.space`.
 * No session → the login page (with `?next=`); charter or privacy notice not yet accepted → the
 * welcome page. Forms post to their own page; their handler runs here, then the person is sent
 * back with a GET and a one-shot message (POST-redirect-GET).
 *
 * CSRF: Astro's `security.checkOrigin` (astro.config.mjs) runs before this middleware and refuses
 * any form post whose Origin is not this site; the session cookie is SameSite=Lax, so a cross-site
 * post would not carry it anyway. Both stay on.
 */
import { defineMiddleware } from 'astro:middleware';
import { defaultLocale } from '@notre-asso/config';
import { isSpaceFile, paths, spaceRouteOf, type SpacePage } from './i18n/routes';
import { spaceTranslations } from './i18n/space';
import { actions } from './lib/space/actions';
import { apiFor, call, type ApiResult } from './lib/space/api';
import type { SpaceContext, SpaceRoute } from './lib/space/context';
import { closeSession, SESSION_COOKIE, setFlash, takeFlash } from './lib/space/session';
import type { Member } from './lib/space/types';

/** Pages whose one CMS call answers with the member (`me`) beside the page's data. */
const identifyingCalls: Partial<Record<SpacePage, string>> = { dashboard: '/api/space/dashboard' };

/** Pages for people who are not signed in. */
const openPages = new Set<SpacePage>(['login', 'forgotPassword', 'newPassword', 'invitation']);

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { pathname, search } = context.url;
  const file = isSpaceFile(pathname);
  const route: SpaceRoute | null =
    spaceRouteOf(pathname) ?? (file ? { page: 'dashboard', locale: defaultLocale } : null);
  if (!route) return next();

  const { locale } = route;
  const t = spaceTranslations(locale);
  const site = context.site;
  const jwt = context.cookies.get(SESSION_COOKIE)?.value ?? null;
  let member: Member | null = null;
  let pageData: ApiResult<unknown> | null = null;
  if (jwt) {
    // A page whose own CMS call says who is asking makes that call here, instead of /me then its own.
    const own = context.request.method === 'GET' && !file ? identifyingCalls[route.page] : undefined;
    const first = own ? await call<{ me: Member }>(jwt, 'GET', own, { query: { locale } }) : null;
    if (first?.ok) {
      member = first.data.me;
      pageData = first;
    } else {
      const me = first?.status === 401 ? first : await call<Member>(jwt, 'GET', '/api/space/me', { query: { locale } });
      if (me.ok) member = me.data;
      // Revoked, expired or forged: the cookie is useless, so it goes.
      else if (me.status === 401) closeSession(context.cookies, site);
      else throw new Error(`The CMS answered ${me.status} to /api/space/me: ${me.error.messages.join(' ')}`);
    }
  }

  const here = `${pathname}${search}`;
  const open = !file && openPages.has(route.page);
  if (!member && !open) {
    if (jwt) setFlash(context.cookies, site, { kind: 'error', text: t('error.session') });
    return context.redirect(`${paths.space(locale, 'login')}?next=${encodeURIComponent(here)}`, 303);
  }
  if (member && route.page === 'login' && context.request.method === 'GET') {
    return context.redirect(paths.space(locale, 'dashboard'), 303);
  }
  const pending = member && (member.pending.charter || member.pending.privacy);
  if (pending && !open && !file && route.page !== 'welcome' && route.page !== 'logout') {
    return context.redirect(`${paths.space(locale, 'welcome')}?next=${encodeURIComponent(here)}`, 303);
  }

  const space: SpaceContext = {
    route,
    locale,
    t,
    member,
    api: apiFor(member ? jwt : null),
    flash: null,
    pageData,
  };
  context.locals.space = space;

  if (context.request.method === 'POST') {
    const action = actions[route.page];
    if (!action || file) return new Response(null, { status: 405, headers: { Allow: 'GET' } });
    const form = await context.request.formData().catch(() => null);
    if (!form) return new Response(null, { status: 415 });
    const result = await action({
      ...space,
      form,
      url: context.url,
      cookies: context.cookies,
      site,
      clientAddress: context.clientAddress,
    });
    if (result.flash) setFlash(context.cookies, site, result.flash);
    return context.redirect(result.redirect ?? here, 303);
  }

  space.flash = takeFlash(context.cookies, site);
  const response = await next();
  // Personal pages: never kept by a shared cache, nor offered back by the browser's history cache.
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
