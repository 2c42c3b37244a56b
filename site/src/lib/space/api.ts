/**
 * The members' space talks to the CMS from the server only, with the member's JWT taken from the
 * session cookie: the browser never calls the CMS and never sees the token.
 */
import { cmsUrl, fetchCms, type Pagination } from '../cms';

const REQUEST_TIMEOUT_MS = 15_000;

/** A refusal of the CMS, in Strapi's error shape, with what the person should be told. */
export interface ApiFailure {
  status: number;
  /** The CMS's message; for a validation error, one per problem (Strapi says only "2 errors occurred"). */
  messages: string[];
  /** Seconds to wait (429), from Retry-After or the error details. */
  retryAfter: number | null;
  /** The field the CMS blames, when it says (validation errors). */
  field: string | null;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; meta: { pagination?: Pagination } }
  | { ok: false; status: number; error: ApiFailure };

type Query = Record<string, string | number | undefined | null>;

export interface CallOptions {
  query?: Query;
  /** JSON, or a multipart form (a file passed on from a member's form). */
  body?: unknown;
  /** Extra headers (X-Forwarded-For on login). */
  headers?: Record<string, string>;
}

function urlOf(path: string, query: Query = {}): URL {
  const url = new URL(`${cmsUrl()}${path}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const text = await response.text();
  let message = '';
  let details: Record<string, unknown> = {};
  try {
    const error = (JSON.parse(text) as { error?: { message?: string; details?: Record<string, unknown> } }).error;
    message = error?.message ?? '';
    details = error?.details ?? {};
  } catch {
    // Not Strapi's error shape (a proxy's page): the status alone decides what the person reads.
  }
  const header = Number(response.headers.get('retry-after'));
  const fromDetails = Number(details.retryAfterSeconds ?? details.retryAfter);
  const errors = Array.isArray(details.errors) ? (details.errors as { path?: string[]; message?: string }[]) : [];
  const each = errors.map((e) => e.message).filter((m): m is string => Boolean(m));
  return {
    status: response.status,
    messages: each.length ? each : message ? [message] : [],
    retryAfter: header > 0 ? header : fromDetails > 0 ? fromDetails : null,
    field: errors[0]?.path?.[0] ?? (typeof details.field === 'string' ? details.field : null),
  };
}

/** Sends one request to the content API as the member holding `jwt` (anonymous without one). */
export async function call<T>(
  jwt: string | null,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const url = urlOf(path, options.query);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (jwt) headers.Authorization = `Bearer ${jwt}`;
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  const response = await fetchCms(url, {
    method,
    headers,
    body: multipart
      ? (options.body as FormData)
      : options.body === undefined
        ? undefined
        : JSON.stringify(options.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) return { ok: false, status: response.status, error: await failureOf(response) };
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as { data?: T; meta?: { pagination?: Pagination } };
  // Strapi wraps answers in `{ data, meta }`; users-permissions' login answers `{ jwt, user }` bare.
  const wrapped = json !== null && typeof json === 'object' && 'data' in json;
  return { ok: true, status: response.status, data: (wrapped ? json.data : json) as T, meta: json?.meta ?? {} };
}

/** A download from the CMS (a protected file, a CSV, the data export), passed through as is. */
async function download(jwt: string | null, path: string, query: Query = {}): Promise<Response> {
  const url = urlOf(path, query);
  return fetchCms(url, {
    headers: jwt ? { Authorization: `Bearer ${jwt}` } : {},
    signal: AbortSignal.timeout(60_000),
  });
}

/** The client of one request: the member's token is bound once, by the middleware. */
export function apiFor(jwt: string | null) {
  return {
    get: <T>(path: string, query?: Query) => call<T>(jwt, 'GET', path, { query }),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>(jwt, 'POST', path, { body: body ?? {}, headers }),
    put: <T>(path: string, body?: unknown) => call<T>(jwt, 'PUT', path, { body: body ?? {} }),
    del: <T>(path: string) => call<T>(jwt, 'DELETE', path),
    download: (path: string, query?: Query) => download(jwt, path, query),
  };
}

export type Api = ReturnType<typeof apiFor>;
