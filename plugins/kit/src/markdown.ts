/**
 * Safe Markdown, one renderer for everything people write (discussions, briefs, newsletters):
 * stored as text, rendered to sanitised HTML where it is shown and to readable plain text for the
 * text part of mails. Raw HTML is shown as text, only a few formatting tags survive, links keep
 * http(s) and mailto targets only and carry rel="nofollow ugc" (they must not pass on the
 * organisation's reputation). Headings are kept: newsletters have sections.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in the source stays text (html: false); no images: a message loads nothing from elsewhere.
const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true }).disable(['image']);

const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
  ],
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

const safeLink = /^(https?:|mailto:)/i;

/** A paragraph's inline content as text: links as « text (address) », breaks kept. */
function inlineText(tokens: Token[]): string {
  let text = '';
  const links: string[] = [];
  let linkStart = 0;
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n';
    else if (token.type === 'link_open') {
      links.push(token.attrGet('href') ?? '');
      linkStart = text.length;
    } else if (token.type === 'link_close') {
      const href = links.pop() ?? '';
      const label = text.slice(linkStart);
      if (safeLink.test(href) && label !== href && `mailto:${label}` !== href) text += ` (${href})`;
    }
  }
  return text;
}

/**
 * The same Markdown as readable plain text (the text part of a mail): paragraphs apart, list items
 * as « - » or « 1. », quotes as « > », headings and emphasis as their words.
 */
export function markdownToText(source: string): string {
  const blocks: Array<{ text: string; tight: boolean }> = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let quotes = 0;
  let bullet = '';
  const push = (text: string, tight: boolean) => {
    const indent = '  '.repeat(Math.max(0, lists.length - 1));
    const quoted = (line: string) => `${'> '.repeat(quotes)}${line}`;
    const lines = text
      .split('\n')
      .map((line, i) => quoted(i === 0 ? `${indent}${bullet}${line}` : `${indent}${' '.repeat(bullet.length)}${line}`));
    blocks.push({ text: lines.join('\n'), tight });
    bullet = '';
  };
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', n: Number(token.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1]!;
        list.n += 1;
        bullet = list.ordered ? `${list.n}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quotes += 1;
        break;
      case 'blockquote_close':
        quotes -= 1;
        break;
      case 'inline':
        push(inlineText(token.children ?? []), token.hidden || lists.length > 0);
        break;
      case 'code_block':
      case 'fence':
        push(token.content.replace(/\n+$/, ''), false);
        break;
      case 'hr':
        push('---', false);
        break;
    }
  }
  return blocks
    .map((block, i) => (i === 0 ? '' : block.tight && blocks[i - 1]!.tight ? '\n' : '\n\n') + block.text)
    .join('')
    .trim();
}
