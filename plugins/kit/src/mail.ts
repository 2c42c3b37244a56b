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
  action?: { label: string; url: string };
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
