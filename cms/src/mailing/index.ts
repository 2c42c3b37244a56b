/**
 * Briefs and the newsletter by e-mail: a brief's first publication queues one mail per follower
 * who chose e-mail (queue.ts), a newsletter's one per member who consented and confirmed
 * subscriber (newsletter.ts); the outbox worker sends them (worker.ts), inside the CMS unless
 * MAILING_WORKER=off, and in as many separate processes as wanted (`npm run worker`).
 */
import type { Core } from '@strapi/strapi';
import { ensureBounceIndex } from './bounces';
import { queueNewsletter } from './newsletter';
import { queueBrief } from './queue';
import { mailingSettings } from './settings';
import { ensureOutboxIndexes, NEWSLETTER } from './store';
import { OutboxWorker } from './worker';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; status?: string };
}

const queues: Record<string, typeof queueBrief> = {
  'api::brief.brief': queueBrief,
  [NEWSLETTER]: queueNewsletter,
};

/** Whether this write publishes (publishing, or saving straight as published). */
const publishes = (ctx: DocumentContext) =>
  ctx.action === 'publish' || (['create', 'update'].includes(ctx.action) && ctx.params.status === 'published');

/**
 * Queues after the commit of the write that published a brief or a newsletter: awaited when it is
 * already committed (the request returns once every mail is safely queued), else at the commit.
 * Lost in a crash in between, it is queued by the worker's sweep (sweep.ts).
 */
export function publicationMailing(strapi: Core.Strapi): DocumentMiddleware {
  return async (documentCtx, next) => {
    const result = await next();
    const ctx = documentCtx as unknown as DocumentContext;
    const queueOf = queues[ctx.uid];
    if (!queueOf || !publishes(ctx)) return result;
    const documentId = ctx.params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const queue = () =>
      queueOf(strapi, documentId).catch((error: unknown) =>
        strapi.log.error(
          `[mailing] could not queue ${ctx.uid} ${documentId}: ${error instanceof Error ? error.message : error}`,
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
  await ensureBounceIndex(strapi);
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
