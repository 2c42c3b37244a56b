/**
 * What differs between the kinds of mailing the worker sends: what it reads once for the whole
 * mailing (the brief, the newsletter, the subscriber to confirm), and, just before sending a batch,
 * who still wants it and the mail each one gets. Someone who unsubscribed after the mailing
 * started receives nothing; an unconfirmed subscriber receives nothing but their confirmation.
 */
import type { Core } from '@strapi/strapi';
import type { Locale } from '@notre-asso/config';
import { columnOf, knexOf, linkOf, tableOf, UID } from '../space/tables';
import { briefMail, briefVersions, type BriefVersions, type OutgoingMail } from './compose';
import { periodOf, prepareDigests, type Period } from './digests';
import { newsletterMail, newsletterVersions, type NewsletterVersions } from './newsletter';
import { SUBSCRIBER, type MailingKind } from './store';
import { pluginKind } from './plugin-kinds';
import { confirmationMail, pendingSubscriber, type Subscriber } from './subscribers';

export interface Claimed {
  id: number;
  key: string;
  mailingKey: string;
  address: string;
  domain: string;
  language: Locale;
  attempts: number;
  profileId: number | null;
  profileDocumentId: string | null;
}

/** The mail to send to a row, or why it is skipped. */
export type Prepared = OutgoingMail | { skip: string };

interface Kind<C> {
  load(strapi: Core.Strapi, item: string): Promise<C>;
  prepare(strapi: Core.Strapi, rows: Claimed[], content: C): Promise<Prepared[]>;
}

const UNSUBSCRIBED = { skip: 'unsubscribed before sending' };

/** Profiles among these ids that are not erased and match the condition (a knex where). */
async function profilesStill(
  strapi: Core.Strapi,
  rows: Claimed[],
  query: (profiles: ReturnType<ReturnType<typeof knexOf>>) => unknown,
): Promise<Set<number>> {
  const ids = rows.flatMap((r) => (r.profileId === null ? [] : [r.profileId]));
  if (ids.length === 0) return new Set();
  const profiles = knexOf(strapi)(`${tableOf(strapi, UID.profile)} as p`)
    .whereNull('p.erased_at')
    .whereIn('p.id', ids);
  query(profiles);
  const found = (await profiles.distinct('p.id as id')) as Array<{ id: number }>;
  return new Set(found.map((f) => Number(f.id)));
}

const brief: Kind<BriefVersions> = {
  load: briefVersions,
  async prepare(strapi, rows, versions) {
    const collective = versions.values().next().value?.collective.documentId;
    if (!collective) return rows.map(() => ({ skip: 'the brief is no longer published' }));
    const mailed = linkOf(strapi, UID.profile, 'mailedCollectives');
    const frequency = columnOf(strapi, UID.profile, 'mailFrequency');
    const wanted = await profilesStill(strapi, rows, (profiles) =>
      profiles
        .join(`${mailed.table} as m`, `m.${mailed.source}`, 'p.id')
        .join(`${tableOf(strapi, UID.collective)} as c`, 'c.id', `m.${mailed.target}`)
        .where('c.document_id', collective)
        // Switched to a digest since: the brief is in it.
        .where((q) => q.whereNull(`p.${frequency}`).orWhere(`p.${frequency}`, 'each')),
    );
    return rows.map((row) =>
      row.profileId === null || !row.profileDocumentId || !wanted.has(row.profileId)
        ? UNSUBSCRIBED
        : (briefMail(versions, { ...row, profileDocumentId: row.profileDocumentId }) ?? {
            skip: 'the brief is no longer published',
          }),
    );
  },
};

const newsletter: Kind<NewsletterVersions> = {
  load: newsletterVersions,
  async prepare(strapi, rows, versions) {
    if (versions.size === 0) return rows.map(() => ({ skip: 'the newsletter is no longer published' }));
    const members = await profilesStill(strapi, rows, (profiles) => profiles.where('p.newsletter_consent', true));
    const subscribers = (await strapi.db.query(SUBSCRIBER).findMany({
      where: {
        email: { $in: rows.filter((r) => r.profileId === null).map((r) => r.address) },
        confirmedAt: { $notNull: true },
      },
      select: ['documentId', 'email'],
    })) as Array<{ documentId: string; email: string }>;
    const subscriberOf = new Map(subscribers.map((s) => [s.email, s.documentId]));
    return rows.map((row) => {
      const subscriber = subscriberOf.get(row.address);
      const unsubscribe =
        row.profileId !== null && row.profileDocumentId && members.has(row.profileId)
          ? { profile: row.profileDocumentId, scope: 'newsletter' as const }
          : row.profileId === null && subscriber
            ? { subscriber, scope: 'all' as const }
            : null;
      if (!unsubscribe) return UNSUBSCRIBED;
      return newsletterMail(versions, { ...row, unsubscribe }) ?? { skip: 'the newsletter is no longer published' };
    });
  },
};

const confirmation: Kind<Subscriber | null> = {
  load: pendingSubscriber,
  async prepare(_strapi, rows, subscriber) {
    return rows.map((row) =>
      subscriber ? confirmationMail(subscriber, row.key) : { skip: 'confirmed, forgotten or asked again since' },
    );
  },
};

const digest: Kind<Period | null> = {
  load: async (_strapi, item) => periodOf(item),
  prepare: prepareDigests,
};

export const kinds: Record<MailingKind, Kind<unknown>> = {
  digest: digest as Kind<unknown>,
  brief: brief as Kind<unknown>,
  newsletter: newsletter as Kind<unknown>,
  confirmation: confirmation as Kind<unknown>,
  convocation: pluginKind('convocation'),
};
