import type { Core } from '@strapi/strapi';

/**
 * The public site is static: it is rebuilt (site/runner) when public content changes. This
 * Document Service middleware tells the runner after every write that changes what visitors see.
 *
 * It sends after `next()` resolved *and* after the surrounding transaction committed: the Document
 * Service wraps each action in its own transaction, which has committed when `next()` resolves,
 * but a caller may run several actions inside an outer `strapi.db.transaction`, and then `next()`
 * resolves before the commit: there, `onCommit` of the joined transaction sends at its commit (not
 * at all on rollback). Outside one, it sends at once, without opening an empty transaction.
 */

/** Content that is never on the public site, though it is an API content type. */
const notPublic = new Set(['api::member-profile.member-profile']);
const alwaysRebuild = new Set(['publish', 'unpublish', 'delete', 'discardDraft']);
const rebuildWhenPublished = new Set(['create', 'update']);

export const SECRET_HEADER = 'x-site-rebuild-secret';

export interface RebuildReason {
  uid: string;
  action: string;
  documentId: string | null;
  locale: string | null;
}

interface Settings {
  url: string;
  secret: string;
  timeoutMs: number;
}

interface DocumentContext {
  uid: string;
  action: string;
  contentType?: { options?: { draftAndPublish?: boolean } };
  params: { documentId?: string; locale?: string; status?: string };
}

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Whether this write changes what visitors see. */
export function changesPublicSite(ctx: DocumentContext): boolean {
  if (!ctx.uid.startsWith('api::') || notPublic.has(ctx.uid)) return false;
  if (alwaysRebuild.has(ctx.action)) return true;
  if (!rebuildWhenPublished.has(ctx.action)) return false;
  // Without draft and publish (categories, tags) every save is live; with it, only a published one.
  return ctx.contentType?.options?.draftAndPublish === false || ctx.params.status === 'published';
}

export function siteRebuild(strapi: Core.Strapi): DocumentMiddleware {
  return async (documentCtx, next) => {
    const result = await next();
    const settings = strapi.config.get<Settings>('custom.siteRebuild');
    const ctx = documentCtx as unknown as DocumentContext;
    if (!settings?.url || !changesPublicSite(ctx)) return result;

    const written = (result ?? {}) as { documentId?: string; locale?: string };
    const reason: RebuildReason = {
      uid: ctx.uid,
      action: ctx.action,
      documentId: ctx.params.documentId ?? written.documentId ?? null,
      locale: ctx.params.locale ?? written.locale ?? null,
    };
    const send = () => notify(strapi, settings, reason);
    // Inside a caller's transaction, wait for its commit; otherwise the write is already committed.
    if (strapi.db.inTransaction()) await strapi.db.transaction(({ onCommit }) => onCommit(send));
    else send();
    return result;
  };
}

/**
 * Fire and forget: the editor's save has succeeded whatever happens to the runner, so a runner
 * that is down or slow costs a warning in the log, never an error or a wait.
 */
function notify(strapi: Core.Strapi, settings: Settings, reason: RebuildReason): void {
  const { url, secret, timeoutMs } = settings;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers[SECRET_HEADER] = secret;
  fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(reason),
    signal: AbortSignal.timeout(timeoutMs),
  })
    .then(async (res) => {
      await res.body?.cancel();
      if (!res.ok) strapi.log.warn(`[site-rebuild] the runner answered ${res.status} to ${describe(reason)}`);
    })
    .catch((error: unknown) => {
      const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : error;
      strapi.log.warn(`[site-rebuild] could not reach the runner at ${url} for ${describe(reason)}: ${why}`);
    });
}

const describe = (r: RebuildReason) => `${r.action} ${r.uid} ${r.documentId ?? ''}`.trim();
