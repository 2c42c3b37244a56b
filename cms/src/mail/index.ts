import type { Core } from '@strapi/strapi';
import { organisation, type Locale } from '@notre-asso/config';
import { markdownToText, renderMarkdown, type RenderedMailer } from '@notre-asso/plugin-kit';

/**
 * Every mail the CMS sends is built here: plain text and HTML from the same parts, in the
 * recipient's language, with the organisation's address in the footer.
 */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text; they are escaped in the HTML part. */
  paragraphs: string[];
  /** An image after the paragraphs, by absolute URL, with its text alternative. */
  image?: { url: string; alt: string };
  /** Safe Markdown after the paragraphs (a brief's or a newsletter's body). */
  markdown?: string;
  /** Links that belong to the content (a brief's), listed after it. */
  references?: Array<{ label: string; url: string }>;
  /** The one thing the reader is asked to do, as a link. */
  action?: { label: string; url: string };
  /** Sentences ending with their address, after the action (unsubscribe links). */
  links?: Array<{ label: string; url: string }>;
  /** Why they receive it: as a member (the default), or as a newsletter subscriber. */
  audience?: 'member' | 'subscriber';
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  replyTo?: string;
}

const footer: Record<'member' | 'subscriber', Record<Locale, string>> = {
  member: {
    fr: 'Vous recevez ce message en tant que membre de',
    en: 'You receive this message as a member of',
  },
  subscriber: {
    fr: 'Vous recevez ce message car vous êtes inscrit·e à la lettre d’information de',
    en: 'You receive this message because you subscribed to the newsletter of',
  },
};

export function renderMail(locale: Locale, content: MailContent): Omit<Mail, 'to'> {
  const foot = `${footer[content.audience ?? 'member'][locale]} ${organisation.name} — ${organisation.address}`;
  const textParts = [...content.paragraphs];
  if (content.markdown) textParts.push(markdownToText(content.markdown));
  if (content.references?.length)
    textParts.push(content.references.map((r) => `- ${r.label}${locale === 'fr' ? ' :' : ':'} ${r.url}`).join('\n'));
  if (content.action) textParts.push(`${content.action.label}${locale === 'fr' ? ' :' : ':'} ${content.action.url}`);
  for (const link of content.links ?? []) textParts.push(`${link.label} ${link.url}`);
  const text = [...textParts, '--', foot].join('\n\n');
  const htmlParts = content.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  if (content.image)
    htmlParts.push(
      `<p><img src="${escapeHtml(content.image.url)}" alt="${escapeHtml(content.image.alt)}" style="max-width:100%;height:auto"></p>`,
    );
  if (content.markdown) htmlParts.push(renderMarkdown(content.markdown));
  if (content.references?.length)
    htmlParts.push(
      `<ul>${content.references.map((r) => `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.label)}</a></li>`).join('')}</ul>`,
    );
  if (content.action) {
    htmlParts.push(`<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`);
  }
  for (const link of content.links ?? [])
    htmlParts.push(`<p>${escapeHtml(link.label)} <a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p>`);
  const html = `<!doctype html><html lang="${locale}"><body>${htmlParts.join('')}<hr><p><small>${escapeHtml(foot)}</small></p></body></html>`;
  return { subject: content.subject, text, html };
}

/** Sends through the email plugin (SMTP_HOST). */
export async function sendMail(strapi: Core.Strapi, mail: Mail): Promise<void> {
  await strapi.plugin('email').service('email').send(mail);
}

/** Plugins send mail rendered here through the email plugin's service (plugins/kit/src/mail.ts). */
export function offerRenderedMail(strapi: Core.Strapi): void {
  const email = strapi.plugin('email').service('email') as RenderedMailer;
  email.sendRendered = (to, locale, content) => sendMail(strapi, { to, ...renderMail(locale, content) });
}

/**
 * Without an SMTP server (the demo) every mail, users-permissions' own included, is written to
 * the log instead, so that the links in it can still be followed.
 */
export function logMailsWithoutSmtp(strapi: Core.Strapi): void {
  if (process.env.SMTP_HOST) return;
  const email = strapi.plugin('email').service('email') as { send(mail: Partial<Mail>): Promise<unknown> };
  email.send = async (mail) => {
    strapi.log.info(`mail not sent (no SMTP_HOST) to ${mail.to}: ${mail.subject}\n${mail.text ?? mail.html}`);
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
