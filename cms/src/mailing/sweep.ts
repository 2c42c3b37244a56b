/**
 * The worker loop's housekeeping. A publication queues its mailing just after its commit; a crash
 * in between would leave a published brief or newsletter that nobody receives. The sweep finds
 * the recent ones without a mailing and queues them (queuing is idempotent, so a sweep racing the
 * publication's own queuing adds nothing). It also forgets unconfirmed subscribers after a week,
 * publishes the scheduled briefs now due (cms/src/briefs/schedule.ts), queues the digests due
 * (digests.ts) and sends the moderators' daily digests (plugins/moderation).
 */
import type { Core } from '@strapi/strapi';
import { publishDue } from '../briefs/schedule';
import { knexOf, tableOf, UID } from '../space/tables';
import { queueDueDigests } from './digests';
import { queueNewsletter } from './newsletter';
import { queueBrief, type QueuedMailing } from './queue';
import { mailingSettings } from './settings';
import { NEWSLETTER, tables } from './store';
import { purgeUnconfirmed } from './subscribers';

const publications = [
  { kind: 'brief', uid: UID.brief, queue: queueBrief },
  { kind: 'newsletter', uid: NEWSLETTER, queue: queueNewsletter },
] as const;

/** Queues the publications of the sweep window that have no mailing; returns what was queued. */
export async function sweepUnqueued(strapi: Core.Strapi, now = new Date()): Promise<QueuedMailing[]> {
  const t = tables(strapi);
  const since = new Date(now.getTime() - mailingSettings().sweepWindowMs);
  const queued: QueuedMailing[] = [];
  for (const { kind, uid, queue } of publications) {
    const missing = (await knexOf(strapi)(tableOf(strapi, uid))
      .whereNotNull('published_at')
      .where('published_at', '>=', since)
      .whereNotIn('document_id', t.db(t.mailings).select(t.m.item).where(t.m.kind, kind))
      .distinct('document_id as documentId')) as Array<{ documentId: string }>;
    for (const { documentId } of missing) {
      const mailing = await queue(strapi, documentId);
      if (mailing?.created) {
        strapi.log.warn(`[mailing] ${kind} ${documentId} was published but not queued: queued now`);
        queued.push(mailing);
      }
    }
  }
  return queued;
}

export async function housekeeping(strapi: Core.Strapi): Promise<void> {
  await publishDue(strapi);
  await sweepUnqueued(strapi);
  await purgeUnconfirmed(strapi);
  await queueDueDigests(strapi);
  await strapi.plugin('moderation').service('signals').sendDueDigests();
}
