/**
 * A brief as an e-mail to one follower: the brief in their language (the default one when it has
 * no translation), its Markdown body in both parts from renderMail, the one-click unsubscribe links and headers
 * (RFC 8058), and a Message-ID derived from the outbox key, so that a mail sent again after a
 * crash carries the same one and receiving servers can recognise the duplicate.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { defaultLocale, organisation, type Locale } from '@notre-asso/config';
import { renderMail } from '../mail';
import { UID } from '../space/tables';
import { absoluteFileUrl, mailDomain } from './settings';
import { unsubscribeUrl } from './unsubscribe';

export interface BriefContent {
  documentId: string;
  title: string;
  body: string;
  collective: { documentId: string; slug: string; name: string };
  image: { url: string; alternativeText: string | null } | null;
  links: Array<{ label: string; url: string }> | null;
}

export type BriefVersions = Map<Locale, BriefContent>;

/** The published brief in each of its languages; empty when it is no longer published. */
export async function briefVersions(strapi: Core.Strapi, documentId: string): Promise<BriefVersions> {
  const rows = (await strapi.db.query(UID.brief).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['documentId', 'locale', 'title', 'body'],
    populate: {
      collective: { select: ['documentId', 'slug', 'name'] },
      image: { select: ['url', 'alternativeText'] },
      links: { select: ['label', 'url'] },
    },
  })) as Array<BriefContent & { locale: Locale; collective: BriefContent['collective'] | null }>;
  return new Map(rows.filter((r) => r.collective).map((r) => [r.locale, r as BriefContent]));
}

const wording = {
  fr: {
    subject: (collective: string, title: string) => `${collective} : ${title}`,
    read: 'Lire sur le site',
    stopCollective: (collective: string) => `Ne plus recevoir les nouvelles de ${collective} :`,
    stopAll: 'Ne plus recevoir aucun courriel de notre part :',
  },
  en: {
    subject: (collective: string, title: string) => `${collective}: ${title}`,
    read: 'Read on the site',
    stopCollective: (collective: string) => `Stop receiving news from ${collective}:`,
    stopAll: 'Stop receiving any e-mail from us:',
  },
} as const;

export interface Recipient {
  key: string;
  address: string;
  language: Locale;
  profileDocumentId: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export function messageIdOf(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${mailDomain()}>`;
}

export function briefMail(versions: BriefVersions, recipient: Recipient): OutgoingMail | null {
  const brief = versions.get(recipient.language) ?? versions.get(defaultLocale) ?? versions.values().next().value;
  if (!brief) return null;
  const locale = versions.has(recipient.language) ? recipient.language : (defaultLocale as Locale);
  const words = wording[locale];
  const site = organisation.siteUrl.replace(/\/+$/, '');
  const page = `${site}${locale === defaultLocale ? '' : `/${locale}`}/c/${brief.collective.slug}`;
  const stopCollective = unsubscribeUrl(
    { profile: recipient.profileDocumentId, scope: `collective:${brief.collective.documentId}` },
    locale,
  );
  const stopAll = unsubscribeUrl({ profile: recipient.profileDocumentId, scope: 'all' }, locale);
  const rendered = renderMail(locale, {
    subject: words.subject(brief.collective.name, brief.title),
    paragraphs: [brief.title],
    markdown: brief.body,
    image: brief.image ? { url: absoluteFileUrl(brief.image.url), alt: brief.image.alternativeText ?? '' } : undefined,
    references: brief.links ?? [],
    action: { label: words.read, url: page },
    links: [
      { label: words.stopCollective(brief.collective.name), url: stopCollective },
      { label: words.stopAll, url: stopAll },
    ],
  });
  return {
    to: recipient.address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdOf(recipient.key),
    headers: {
      'List-Unsubscribe': `<${stopCollective}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
