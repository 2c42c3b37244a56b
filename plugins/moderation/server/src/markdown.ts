/**
 * Messages are written in a safe subset of Markdown and stored as text; the HTML is rendered once,
 * when the text is written, and sanitised: raw HTML is shown as text, only a few formatting tags
 * survive, links keep http(s) and mailto targets only and carry rel="nofollow ugc" (they are
 * user-generated, and must not pass on the organisation's reputation).
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in the source stays text (html: false); no images: a message loads nothing from elsewhere.
const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true }).disable(['image']);

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
  return sanitizeHtml(markdown.render(source), policy).trim();
}
