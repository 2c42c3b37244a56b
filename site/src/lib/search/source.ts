/**
 * What the search indexes in one locale: the public pages, briefs, events and documents exactly as
 * the site shows them (lib/content.ts: anonymous reads, French fallback), each with the URL of the
 * page that shows it (i18n/routes.ts, lib/static-paths.ts).
 */
import type { Locale } from '@notre-asso/config';
import { paths } from '../../i18n/routes';
import { loadContent, type CollectiveLink, type LibraryDocument } from '../content';
import { briefPath, collectivePages } from '../static-paths';
import type { ResultType, SearchDocument, StoreEntry } from './engine';
import { excerpt, plainText } from './text';

export interface SearchItem {
  doc: SearchDocument;
  entry: StoreEntry;
}

interface Fields {
  title: string;
  summary: string;
  body: string;
  url: string;
  collective: CollectiveLink | null;
  date: string | null;
}

function item(type: ResultType, documentId: string, fields: Fields): SearchItem {
  return {
    doc: { id: '', title: fields.title, summary: fields.summary, body: fields.body },
    entry: {
      i: documentId,
      t: fields.title,
      u: fields.url,
      k: type,
      c: fields.collective?.slug ?? null,
      x: excerpt(fields.summary || fields.body),
      d: fields.date,
    },
  };
}

/** Documents have no page of their own: the link leads to the list that shows them. */
function documentPath(locale: Locale, d: LibraryDocument): string {
  const list = d.collective
    ? paths.collective.documents(locale, d.collective.slug)
    : d.category
      ? paths.documentCategory(locale, d.category.slug)
      : paths.documents(locale);
  return `${list}#${d.documentId}`;
}

/** Every public item of one locale that has a page to link to. */
export async function searchItems(locale: Locale): Promise<SearchItem[]> {
  const content = await loadContent(locale);
  const items: SearchItem[] = [];
  // A collective's page whose slug is one of the mini-site's sections has no route: not indexed.
  const routedPages = new Set(
    content.collectives.flatMap((c) => collectivePages(c, content.pages).map((p) => p.documentId)),
  );
  for (const p of content.pages) {
    if (p.collective && !routedPages.has(p.documentId)) continue;
    items.push(
      item('page', p.documentId, {
        title: p.title,
        summary: p.seoDescription ?? '',
        body: plainText(p.body),
        url: p.collective ? paths.collective.page(locale, p.collective.slug, p.slug) : paths.page(locale, p.slug),
        collective: p.collective,
        date: null,
      }),
    );
  }
  for (const b of content.briefs) {
    items.push(
      item('brief', b.documentId, {
        title: b.title,
        summary: '',
        body: plainText(b.body),
        url: briefPath(locale, b, content.briefs),
        collective: b.collective,
        date: b.publicationDate,
      }),
    );
  }
  for (const e of content.events) {
    items.push(
      item('event', e.documentId, {
        title: e.title,
        summary: e.place ?? '',
        body: plainText(e.description),
        url: paths.event(locale, e.documentId),
        collective: e.collective,
        date: e.startsAt,
      }),
    );
  }
  for (const d of content.documents) {
    items.push(
      item('document', d.documentId, {
        title: d.title,
        summary: d.summary ?? '',
        body: d.tags.map((t) => t.name).join(' '),
        url: documentPath(locale, d),
        collective: d.collective,
        date: d.date,
      }),
    );
  }
  return items;
}

/** `getStaticPaths` of a mini-site search route: one per public collective. */
export async function collectiveSearchPaths(locale: Locale) {
  const { collectives } = await loadContent(locale);
  return collectives.map((c) => ({ params: { slug: c.slug }, props: { collective: { slug: c.slug, name: c.name } } }));
}

export interface SearchCollective {
  slug: string;
  name: string;
}
