import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RebuildReason, SiteRunner } from './runner';

/** The header the CMS sends the shared secret in. */
export const SECRET_HEADER = 'x-site-rebuild-secret';
const MAX_BODY_BYTES = 16 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The runner's HTTP face: `POST /rebuild` (the CMS, with the shared secret) answers 202 at once,
 * `GET /status` tells what it is doing and how the last build went.
 */
export function createRunnerServer(runner: SiteRunner, secret: string): Server {
  if (!secret) throw new Error('The rebuild runner needs a secret (SITE_REBUILD_SECRET).');
  return createServer((req, res) => {
    handle(runner, secret, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      send(res, status, { error: message });
    });
  });
}

async function handle(runner: SiteRunner, secret: string, req: IncomingMessage, res: ServerResponse) {
  const route = new URL(req.url ?? '/', 'http://runner').pathname;
  if (route === '/status') {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET.');
    return send(res, 200, await runner.status());
  }
  if (route === '/rebuild') {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) throw new HttpError(401, 'Wrong or missing secret.');
    runner.request(reasonOf(await readJson(req)));
    return send(res, 202, { state: runner.state });
  }
  throw new HttpError(404, 'Not found.');
}

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Body too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body must be JSON.');
  }
}

/** Keeps only the expected fields, as short strings: the reason is logged and shown on /status. */
function reasonOf(body: unknown): RebuildReason {
  const o = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
  return {
    uid: text(o.uid) ?? undefined,
    action: text(o.action) ?? undefined,
    documentId: text(o.documentId),
    locale: text(o.locale),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
