/**
 * Scheduled briefs: a draft with a `scheduledAt` is published once it is due, checked at request
 * time (the leads' desk) and by the mailing worker's housekeeping loop, with no cron. Two checks
 * may race: each claims a brief by clearing its `scheduledAt` in the transaction that publishes
 * it, and only the check whose claim changed a row publishes (the other's update finds nothing
 * once the first commits: the row lock on PostgreSQL, the single writer on SQLite).
 */
import type { Core } from '@strapi/strapi';

const BRIEF = 'api::brief.brief';

interface DueRow {
  documentId: string;
  locale: string;
}

/** Publishes every scheduled brief due at `now`; returns the documentIds it published. */
export async function publishDue(strapi: Core.Strapi, now = new Date()): Promise<string[]> {
  const due = (await strapi.db.query(BRIEF).findMany({
    where: { publishedAt: null, scheduledAt: { $notNull: true, $lte: now } },
    select: ['documentId', 'locale'],
  })) as DueRow[];
  const published: string[] = [];
  for (const { documentId, locale } of due) {
    const claimed = await strapi.db.transaction(async () => {
      const { count } = await strapi.db.query(BRIEF).updateMany({
        where: { documentId, locale, publishedAt: null, scheduledAt: { $notNull: true, $lte: now } },
        data: { scheduledAt: null },
      });
      if (count === 0) return false;
      await strapi.documents(BRIEF).publish({ documentId, locale });
      return true;
    });
    if (claimed) published.push(documentId);
  }
  return published;
}
