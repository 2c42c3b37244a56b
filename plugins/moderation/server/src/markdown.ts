/**
 * Messages are written in a safe subset of Markdown and stored as text; the HTML is rendered once,
 * when the text is written, and sanitised: raw HTML is shown as text, only a few formatting tags
 * survive, links keep http(s) and mailto targets only and carry rel="nofollow ugc" (they are
 * user-generated, and must not pass on the organisation's reputation).
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML in the source is text, never markup.
    html: ({ text }) => escape(text),
    // No images: a member's message loads nothing from elsewhere.
    image: ({ text }) => escape(text),
  },
});

const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow ugc' },
    }),
  },
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source, { async: false }) as string, policy);
}
