/**
 * The member's session and the one-shot messages shown after a form, both in cookies.
 *
 * The Strapi JWT lives only in `na_session`: httpOnly (no script can read it), SameSite=Lax (a
 * cross-site form post does not carry it), Secure when the site is served over https. Pages
 * read it on the server and call the CMS with it; it never reaches the HTML.
 */
import type { AstroCookies } from 'astro';

export const SESSION_COOKIE = 'na_session';
const FLASH_COOKIE = 'na_flash';

/** When the CMS does not say how long its token lasts, the cookie lasts a day. */
const DEFAULT_MAX_AGE_S = 24 * 3600;

/** The cookie does not outlive the token: the seconds left until the JWT's `exp`. */
function secondsLeft(jwt: string): number {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return payload.exp ? Math.max(0, payload.exp - Math.floor(Date.now() / 1000)) : DEFAULT_MAX_AGE_S;
  } catch {
    return DEFAULT_MAX_AGE_S;
  }
}

const secureFor = (site: URL | undefined) => site?.protocol === 'https:';

export function openSession(cookies: AstroCookies, site: URL | undefined, jwt: string) {
  cookies.set(SESSION_COOKIE, jwt, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureFor(site),
    path: '/',
    maxAge: secondsLeft(jwt),
  });
}

export function closeSession(cookies: AstroCookies, site: URL | undefined) {
  cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureFor(site), path: '/' });
}

/** What the next page shows once, after a form was handled (POST-redirect-GET). */
export interface Flash {
  kind: 'success' | 'error';
  text: string;
  /** The form field the error is about: the page links them (aria-describedby). */
  field?: string;
  /** What the person typed, given back so that an error does not make them type it again. */
  values?: Record<string, string>;
}

export function setFlash(cookies: AstroCookies, site: URL | undefined, flash: Flash) {
  cookies.set(FLASH_COOKIE, JSON.stringify(flash), {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureFor(site),
    path: '/',
    maxAge: 60,
  });
}

/** Reads the message of the previous form once, and forgets it. */
export function takeFlash(cookies: AstroCookies, site: URL | undefined): Flash | null {
  const raw = cookies.get(FLASH_COOKIE)?.value;
  if (!raw) return null;
  cookies.delete(FLASH_COOKIE, { path: '/', secure: secureFor(site), httpOnly: true, sameSite: 'lax' });
  try {
    const flash = JSON.parse(raw) as Flash;
    return flash.kind === 'success' || flash.kind === 'error' ? flash : null;
  } catch {
    return null;
  }
}

/** `next` must stay on this site: a local absolute path, never `//host` or a scheme. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, 'http://local.invalid');
    return url.origin === 'http://local.invalid' ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}
