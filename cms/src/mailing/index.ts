/**
 * Briefs by e-mail: a brief's first publication queues one mail per follower who chose e-mail
 * (queue.ts); the outbox worker sends them (worker.ts), inside the CMS unless MAILING_WORKER=off,
 * and in as many separate processes as wanted (`npm run worker`).
 */
import type { Core } from '@strapi/strapi';
import { queueBrief } from './queue';
import { mailingSettings } from './settings';
import { ensureOutboxIndexes } from './store';
import { OutboxWorker } from './worker';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; status?: string };
}

/** Whether this write publishes a brief (publishing, or saving straight as published). */
function publishesBrief(ctx: DocumentContext): boolean {
  if (ctx.uid !== 'api::brief.brief') return false;
  return ctx.action === 'publish' || (['create', 'update'].includes(ctx.action) && ctx.params.status === 'published');
}

/**
 * Queues after the commit of the write that published the brief: awaited when it is already
 * committed (the lead's request returns once every mail is safely queued), else at the commit.
 */
export function briefMailing(strapi: Core.Strapi): DocumentMiddleware {
  return async (documentCtx, next) => {
    const result = await next();
    const ctx = documentCtx as unknown as DocumentContext;
    if (!publishesBrief(ctx)) return result;
    const documentId = ctx.params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const queue = () =>
      queueBrief(strapi, documentId).catch((error: unknown) =>
        strapi.log.error(
          `[mailing] could not queue brief ${documentId}: ${error instanceof Error ? error.message : error}`,
        ),
      );
    if (strapi.db.inTransaction()) await strapi.db.transaction(({ onCommit }) => onCommit(() => void queue()));
    else await queue();
    return result;
  };
}

let worker: OutboxWorker | null = null;

/** At every start: the outbox's indexes, then the worker unless it runs in processes of its own. */
export async function startMailing(strapi: Core.Strapi): Promise<void> {
  await ensureOutboxIndexes(strapi);
  const settings = mailingSettings();
  if (!settings.inProcess || worker) return;
  worker = new OutboxWorker(strapi, settings);
  worker.start();
}

export async function stopMailingWorker(): Promise<void> {
  const stopping = worker;
  worker = null;
  await stopping?.stop();
}
