import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Its own instance: options set here cannot leak into, or be changed by, other users of `marked`.
const marked = new Marked({ gfm: true, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    '*': ['lang', 'id'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // The page title is the only h1: a `# heading` in the body becomes a section heading.
  transformTags: { h1: 'h2' },
};

/**
 * Markdown written in the CMS, as HTML safe to insert into a page: editors are trusted with
 * formatting, not with scripts, event handlers or `javascript:` links.
 */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return sanitizeHtml(marked.parse(markdown) as string, allowed);
}
