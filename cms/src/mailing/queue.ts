/**
 * Queuing a brief's mails: one outbox row per follower who asked for e-mail, all inserted in one
 * transaction with the mailing that counts them. The keys (kind + item + recipient) are unique, so
 * publishing the same brief again, or two publications racing, queue nothing more.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale, locales, type Locale } from '@notre-asso/config';
import { columnOf, knexOf, linkOf, tableOf, UID } from '../space/tables';
import { mailingSettings } from './settings';
import { strapiRowColumns, tables, type MailingKind } from './store';

export interface QueuedMailing {
  key: string;
  recipients: number;
  /** False when this brief had been queued before: nothing was added. */
  created: boolean;
}

export const mailingKeyOf = (kind: MailingKind, item: string) => `${kind}:${item}`;
export const messageKeyOf = (mailingKey: string, profileId: number) => `${mailingKey}:${profileId}`;

interface Recipient {
  profileId: number;
  email: string;
}

/** One outbox row to insert: a member (linked to their profile) or a public subscriber. */
export interface QueuedRecipient {
  key: string;
  email: string;
  language: Locale;
  profileId: number | null;
}

/** Members who follow this collective by e-mail, with a usable address. */
export async function followersByMail(strapi: Core.Strapi, collectiveDocumentId: string): Promise<Recipient[]> {
  const db = knexOf(strapi);
  const mailed = linkOf(strapi, UID.profile, 'mailedCollectives');
  const account = linkOf(strapi, UID.profile, 'user');
  const rows = (await db(`${tableOf(strapi, UID.profile)} as p`)
    .join(`${mailed.table} as m`, `m.${mailed.source}`, 'p.id')
    .join(`${tableOf(strapi, UID.collective)} as c`, 'c.id', `m.${mailed.target}`)
    .join(`${account.table} as a`, `a.${account.source}`, 'p.id')
    .join(`${tableOf(strapi, UID.user)} as u`, 'u.id', `a.${account.target}`)
    .where('c.document_id', collectiveDocumentId)
    // Members on a daily or weekly digest get the brief in it instead.
    .where((q) =>
      q
        .whereNull(`p.${columnOf(strapi, UID.profile, 'mailFrequency')}`)
        .orWhere(`p.${columnOf(strapi, UID.profile, 'mailFrequency')}`, 'each'),
    )
    .whereNull('p.erased_at')
    .whereNotNull('u.email')
    .where((q) => q.where('u.blocked', false).orWhereNull('u.blocked'))
    .distinct('p.id as profileId', 'u.email as email')
    .orderBy('p.id')) as Recipient[];
  return rows;
}

/** Each address's language: the one of the invitation the member accepted, French otherwise. */
export async function languagesOf(strapi: Core.Strapi): Promise<Map<string, Locale>> {
  const rows = (await strapi.db.query('api::invitation.invitation').findMany({
    where: { usedAt: { $notNull: true } },
    select: ['email', 'locale'],
  })) as Array<{ email: string; locale: string }>;
  return new Map(
    rows
      .filter((r) => (locales as readonly string[]).includes(r.locale))
      .map((r) => [r.email.toLowerCase(), r.locale as Locale]),
  );
}

/** Rows per INSERT: below SQLite's limit on bound variables. */
const CHUNK = 500;

export async function queueBrief(strapi: Core.Strapi, briefDocumentId: string): Promise<QueuedMailing | null> {
  const brief = (await strapi.db.query(UID.brief).findOne({
    where: { documentId: briefDocumentId, publishedAt: { $notNull: true } },
    select: ['documentId'],
    populate: { collective: { select: ['documentId'] } },
  })) as { documentId: string; collective: { documentId: string } | null } | null;
  if (!brief?.collective) return null;
  const key = mailingKeyOf('brief', briefDocumentId);
  const [followers, languages] = await Promise.all([
    followersByMail(strapi, brief.collective.documentId),
    languagesOf(strapi),
  ]);
  return queueMailing(
    strapi,
    'brief',
    briefDocumentId,
    followers.map((r) => ({
      key: messageKeyOf(key, r.profileId),
      email: r.email,
      language: languages.get(r.email.toLowerCase()) ?? defaultLocale,
      profileId: r.profileId,
    })),
  );
}

/**
 * A mailing and its outbox rows, in one transaction. Queuing the same item again adds nothing:
 * the mailing's key is unique, and so is each row's.
 */
export async function queueMailing(
  strapi: Core.Strapi,
  kind: MailingKind,
  item: string,
  recipients: QueuedRecipient[],
): Promise<QueuedMailing> {
  const key = mailingKeyOf(kind, item);
  const t = tables(strapi);
  const now = new Date();

  return strapi.db.transaction(async ({ trx }) => {
    const inserted = await t
      .db(t.mailings)
      .transacting(trx)
      .insert({
        ...strapiRowColumns(now),
        [t.m.key]: key,
        [t.m.kind]: kind,
        [t.m.item]: item,
        [t.m.state]: recipients.length === 0 ? 'finished' : 'running',
        [t.m.recipients]: recipients.length,
        [t.m.sent]: 0,
        [t.m.failed]: 0,
        [t.m.skipped]: 0,
        [t.m.ratePerSecond]: kind === 'confirmation' ? 0 : mailingSettings().defaultRate,
      })
      .onConflict(t.m.key)
      .ignore()
      .returning('id');
    if (inserted.length === 0) {
      const existing = await t.db(t.mailings).transacting(trx).where(t.m.key, key).first(t.m.recipients);
      return { key, recipients: Number(existing?.[t.m.recipients] ?? 0), created: false };
    }

    for (let i = 0; i < recipients.length; i += CHUNK) {
      const chunk = recipients.slice(i, i + CHUNK);
      const rows = (await t
        .db(t.outbox)
        .transacting(trx)
        .insert(
          chunk.map((r) => ({
            ...strapiRowColumns(now),
            [t.o.key]: r.key,
            [t.o.mailingKey]: key,
            [t.o.address]: r.email,
            [t.o.domain]: r.email.split('@').pop()!.toLowerCase(),
            [t.o.language]: r.language,
            [t.o.state]: 'queued',
            [t.o.attempts]: 0,
            [t.o.nextAttemptAt]: now,
          })),
        )
        .onConflict(t.o.key)
        .ignore()
        .returning(['id', t.o.key])) as Array<Record<string, string | number>>;
      const profileOf = new Map(chunk.map((r) => [r.key, r.profileId]));
      const links = rows.flatMap((row) => {
        const profileId = profileOf.get(String(row[t.o.key]));
        return profileId ? [{ [t.recipient.source]: row.id, [t.recipient.target]: profileId }] : [];
      });
      if (links.length) await t.db(t.recipient.table).transacting(trx).insert(links);
    }
    return { key, recipients: recipients.length, created: true };
  });
}
