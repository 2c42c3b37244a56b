/**
 * The newsletter (lettre d'information): an editor publishes it in the admin panel, and its first
 * publication queues one mail per address, in one transaction: members who consented
 * (newsletterConsent, the same choice the members' space shows) and public subscribers who
 * confirmed their address. An address that is both gets it once, as a member.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale, type Locale } from '@notre-asso/config';
import { renderMail } from '../mail';
import { knexOf, linkOf, tableOf, UID } from '../space/tables';
import { messageIdOf, type OutgoingMail } from './compose';
import {
  languagesOf,
  mailingKeyOf,
  messageKeyOf,
  queueMailing,
  type QueuedMailing,
  type QueuedRecipient,
} from './queue';
import { NEWSLETTER, SUBSCRIBER } from './store';
import { unsubscribeUrl, type UnsubscribeRequest } from './unsubscribe';

export interface NewsletterContent {
  subject: string;
  body: string;
}

export type NewsletterVersions = Map<Locale, NewsletterContent>;

/** The published newsletter in each of its languages; empty when it is no longer published. */
export async function newsletterVersions(strapi: Core.Strapi, documentId: string): Promise<NewsletterVersions> {
  const rows = (await strapi.db.query(NEWSLETTER).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['locale', 'subject', 'body'],
  })) as Array<NewsletterContent & { locale: Locale }>;
  return new Map(rows.map((r) => [r.locale, r]));
}

/** Members who consented to the newsletter, with a usable address. */
async function consentingMembers(strapi: Core.Strapi): Promise<Array<{ profileId: number; email: string }>> {
  const db = knexOf(strapi);
  const account = linkOf(strapi, UID.profile, 'user');
  return (await db(`${tableOf(strapi, UID.profile)} as p`)
    .join(`${account.table} as a`, `a.${account.source}`, 'p.id')
    .join(`${tableOf(strapi, UID.user)} as u`, 'u.id', `a.${account.target}`)
    .where('p.newsletter_consent', true)
    .whereNull('p.erased_at')
    .whereNotNull('u.email')
    .where((q) => q.where('u.blocked', false).orWhereNull('u.blocked'))
    .distinct('p.id as profileId', 'u.email as email')
    .orderBy('p.id')) as Array<{ profileId: number; email: string }>;
}

export const subscriberKeyOf = (mailingKey: string, subscriberId: number) => `${mailingKey}:s${subscriberId}`;

export async function queueNewsletter(strapi: Core.Strapi, documentId: string): Promise<QueuedMailing | null> {
  if ((await newsletterVersions(strapi, documentId)).size === 0) return null;
  const key = mailingKeyOf('newsletter', documentId);
  const [members, languages, subscribers] = await Promise.all([
    consentingMembers(strapi),
    languagesOf(strapi),
    strapi.db.query(SUBSCRIBER).findMany({
      where: { confirmedAt: { $notNull: true } },
      select: ['id', 'email', 'language'],
      orderBy: { id: 'asc' },
    }) as Promise<Array<{ id: number; email: string; language: Locale }>>,
  ]);
  const byAddress = new Map<string, QueuedRecipient>();
  for (const m of members) {
    const address = m.email.toLowerCase();
    if (!byAddress.has(address))
      byAddress.set(address, {
        key: messageKeyOf(key, m.profileId),
        email: m.email,
        language: languages.get(address) ?? defaultLocale,
        profileId: m.profileId,
      });
  }
  for (const s of subscribers) {
    if (!byAddress.has(s.email))
      byAddress.set(s.email, {
        key: subscriberKeyOf(key, s.id),
        email: s.email,
        language: s.language,
        profileId: null,
      });
  }
  return queueMailing(strapi, 'newsletter', documentId, [...byAddress.values()]);
}

const wording = {
  fr: { stop: 'Ne plus recevoir la lettre d’information :' },
  en: { stop: 'Stop receiving the newsletter:' },
} as const;

/** The newsletter to one recipient, in their language (the default one when it has no translation). */
export function newsletterMail(
  versions: NewsletterVersions,
  recipient: { key: string; address: string; language: Locale; unsubscribe: UnsubscribeRequest },
): OutgoingMail | null {
  const locale = versions.has(recipient.language) ? recipient.language : (defaultLocale as Locale);
  const letter = versions.get(locale) ?? versions.values().next().value;
  if (!letter) return null;
  const stop = unsubscribeUrl(recipient.unsubscribe, locale);
  const rendered = renderMail(locale, {
    subject: letter.subject,
    paragraphs: [],
    markdown: letter.body,
    links: [{ label: wording[locale].stop, url: stop }],
    audience: 'profile' in recipient.unsubscribe ? 'member' : 'subscriber',
  });
  return {
    to: recipient.address,
    ...rendered,
    messageId: messageIdOf(recipient.key),
    headers: { 'List-Unsubscribe': `<${stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
