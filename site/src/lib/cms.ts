/**
 * Typed, anonymous reads of the Strapi 5 REST API. The site never sends a token at build time:
 * what it builds is exactly what the public role may see (published, public content).
 */
import type { Locale } from '@notre-asso/config';

export const DEFAULT_CMS_URL = 'http://127.0.0.1:1337';

/** Read at call time, not at import: the standalone server gets its environment when it starts. */
export function cmsUrl(): string {
  return (process.env.CMS_URL || DEFAULT_CMS_URL).replace(/\/+$/, '');
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** Strapi 5 answers `{ data, meta }`; entries are flat objects (no v4 `attributes`). */
export interface CollectionResponse<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export interface Entry {
  id: number;
  documentId: string;
  locale: Locale;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface CollectiveRef {
  id: number;
  documentId: string;
  slug: string;
}

/** api::page.page, with its collective reduced to the slug (null for a site-wide page). */
export interface Page extends Entry {
  title: string;
  slug: string;
  /** Markdown. */
  body: string | null;
  seoDescription: string | null;
  collective: CollectiveRef | null;
}

/** The CMS did not answer at all: the message says where the site looked and what to do. */
export class CmsUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    super(
      `The CMS at ${new URL(url).origin} does not answer (${reason}). Start it (npm run start:cms) ` +
        `or point CMS_URL at a running one.`,
      { cause },
    );
    this.name = 'CmsUnreachableError';
  }
}

/**
 * Fetches from the CMS. A kept-alive connection the CMS closes just as the site reuses it fails at
 * once with a reset (seen on a loaded machine); a read is safe to send again, so it is, once.
 */
export async function fetchCms(url: URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } } | null)?.cause?.code ?? '';
    const read = (init.method ?? 'GET').toUpperCase() === 'GET';
    if (!read || !['ECONNRESET', 'UND_ERR_SOCKET'].includes(code)) throw new CmsUnreachableError(url.href, error);
    try {
      return await fetch(url, init);
    } catch (again) {
      throw new CmsUnreachableError(url.href, again);
    }
  }
}

/** The CMS answered with an error; Strapi's `{ error: { message } }` is kept in the message. */
export class CmsResponseError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`The CMS answered ${status} to ${url}: ${detail}`);
    this.name = 'CmsResponseError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

type Params = Record<string, string | number>;

/** GET a JSON document from the content API, e.g. `getJson('/api/pages', { locale: 'fr' })`. */
export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const url = new URL(`${cmsUrl()}${path}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  const response = await fetchCms(url, {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) {
    const text = await response.text();
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? detail;
    } catch {
      // Not JSON (a proxy's error page): the raw start of the body says enough.
    }
    throw new CmsResponseError(url.href, response.status, detail);
  }
  return (await response.json()) as T;
}

const PAGE_SIZE = 100;

/** Every entry of a collection, following Strapi's pagination to the last page. */
export async function getAll<T>(path: string, params: Params = {}): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { data, meta } = await getJson<CollectionResponse<T>>(path, {
      ...params,
      'pagination[page]': page,
      'pagination[pageSize]': PAGE_SIZE,
    });
    all.push(...data);
    if (page >= meta.pagination.pageCount) return all;
  }
}

/** The published pages of one locale that the public may read (site-wide and public collectives'). */
export function fetchPages(locale: Locale): Promise<Page[]> {
  // A stable order keeps pagination from skipping or repeating entries (PostgreSQL has no implicit one).
  return getAll<Page>('/api/pages', { locale, 'sort[0]': 'id:asc', 'populate[collective][fields][0]': 'slug' });
}

/** True when the CMS answers its health check (204) within `timeoutMs`. */
export async function cmsIsHealthy(timeoutMs = 3_000): Promise<boolean> {
  try {
    const response = await fetch(`${cmsUrl()}/_health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.status === 204;
  } catch {
    return false;
  }
}
