import type { Core } from '@strapi/strapi';

/**
 * Mail from a plugin, rendered like every mail of the CMS (cms/src/mail: both parts, the
 * recipient's language, the organisation's footer): a plugin cannot import the CMS, so the CMS
 * adds `sendRendered` to the email plugin's service at start.
 */
export interface RenderedMail {
  subject: string;
  /** Paragraphs of plain text; they are escaped in the HTML part. */
  paragraphs: string[];
  /** Safe Markdown after the paragraphs (an agenda, a text). */
  markdown?: string;
  action?: { label: string; url: string };
  /** Sentences ending with their address, after the action. */
  links?: Array<{ label: string; url: string }>;
}

export interface RenderedMailer {
  sendRendered(to: string, locale: 'fr' | 'en', content: RenderedMail): Promise<void>;
}

export async function sendRenderedMail(
  strapi: Core.Strapi,
  to: string,
  locale: 'fr' | 'en',
  content: RenderedMail,
): Promise<void> {
  const email = strapi.plugin('email').service('email') as Partial<RenderedMailer>;
  if (!email.sendRendered) throw new Error('The CMS has not offered sendRendered on the email service');
  await email.sendRendered(to, locale, content);
}

/** One member's mail queued in the CMS's durable outbox (cms/src/mailing). */
export interface OutboxRecipient {
  /** Unique per mail: queuing the same key again adds nothing. */
  key: string;
  email: string;
  profileId: number;
}

/** The outbox kinds a plugin queues; the CMS composes each kind's mail (cms/src/mailing/kinds.ts). */
export type PluginMailingKind = 'convocation';

export interface OutboxQueue {
  queueOutbox(
    kind: PluginMailingKind,
    item: string,
    recipients: OutboxRecipient[],
  ): Promise<{ recipients: number; created: boolean }>;
}

/**
 * Queues mails in the outbox, in the caller's transaction when there is one; the CMS adds
 * `queueOutbox` to the email plugin's service at start, as it does `sendRendered`, and sets each
 * mail's language from the member's.
 */
export async function queueOutbox(
  strapi: Core.Strapi,
  kind: PluginMailingKind,
  item: string,
  recipients: OutboxRecipient[],
) {
  const email = strapi.plugin('email').service('email') as Partial<OutboxQueue>;
  if (!email.queueOutbox) throw new Error('The CMS has not offered queueOutbox on the email service');
  return email.queueOutbox(kind, item, recipients);
}

/**
 * What a plugin offers, as its service named in `pluginMailComposers`, for the CMS's worker to
 * compose the mails of a kind it queued: the content of an item, read once per batch (null when
 * the item is gone), and the mail in one language (member-specific parts are not needed yet).
 */
export interface PluginMailComposer<C = unknown> {
  load(item: string): Promise<C | null>;
  compose(content: C, locale: 'fr' | 'en'): RenderedMail;
}

export const pluginMailComposers: Record<PluginMailingKind, { plugin: string; service: string }> = {
  convocation: { plugin: 'governance', service: 'convocationMail' },
};
