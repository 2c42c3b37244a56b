/**
 * The `getStaticPaths` of every public route, per locale: the route files of each locale are thin
 * and share these, so French and English always build the same set of pages.
 */
import { locales, type Locale } from '@notre-asso/config';
import { paths, segment } from '../i18n/routes';
import { loadContent, ofCollective, type Brief, type Collective, type SitePageItem } from './content';

export const NEWS_PAGE_SIZE = 20;

/** This route in every locale, for the language switcher and hreflang. */
export const alternatesOf = (path: (locale: Locale) => string) => locales.map((l) => ({ locale: l, path: path(l) }));

/** Where a brief is read: its collective's news page, or the page of the site-wide news listing it. */
export function briefPath(locale: Locale, brief: Brief, allBriefs: Brief[]): string {
  if (brief.collective) return `${paths.collective.news(locale, brief.collective.slug)}#${brief.documentId}`;
  const index = allBriefs.findIndex((b) => b.documentId === brief.documentId);
  return `${paths.news(locale, Math.floor(Math.max(index, 0) / NEWS_PAGE_SIZE) + 1)}#${brief.documentId}`;
}

export async function newsPaths(locale: Locale) {
  const { briefs } = await loadContent(locale);
  const pageCount = Math.max(1, Math.ceil(briefs.length / NEWS_PAGE_SIZE));
  return Array.from({ length: pageCount }, (_, i) => ({
    params: { page: i === 0 ? undefined : String(i + 1) },
    props: {
      locale,
      page: i + 1,
      pageCount,
      briefs: briefs.slice(i * NEWS_PAGE_SIZE, (i + 1) * NEWS_PAGE_SIZE),
    },
  }));
}

export async function eventPaths(locale: Locale) {
  const { events } = await loadContent(locale);
  return events.map((event) => ({ params: { id: event.documentId }, props: { locale, event } }));
}

export async function categoryPaths(locale: Locale) {
  const { categories, documents } = await loadContent(locale);
  return categories.map((category) => ({
    params: { slug: category.slug },
    props: { locale, category, documents: documents.filter((d) => d.category?.slug === category.slug) },
  }));
}

export async function tagPaths(locale: Locale) {
  const { tags, documents } = await loadContent(locale);
  return tags.map((tag) => ({
    params: { tag: tag.name },
    props: { locale, tag, documents: documents.filter((d) => d.tags.some((t) => t.documentId === tag.documentId)) },
  }));
}

export async function collectivePaths(locale: Locale) {
  const { collectives } = await loadContent(locale);
  return collectives.map((collective) => ({ params: { slug: collective.slug }, props: { locale, collective } }));
}

/** Page slugs a collective's page cannot take: they are the mini-site's own sections. */
const reserved = (locale: Locale) =>
  new Set((['news', 'agenda', 'documents', 'search'] as const).map((s) => segment(locale, s)));

/** A collective's pages that get a route in every locale (no clash with a section of either). */
export function collectivePages(collective: Collective, pages: SitePageItem[]) {
  return ofCollective(pages, collective.slug).filter((p) => locales.every((l) => !reserved(l).has(p.slug)));
}

export async function collectivePagePaths(locale: Locale) {
  const { collectives, pages } = await loadContent(locale);
  return collectives.flatMap((collective) =>
    collectivePages(collective, pages).map((page) => ({
      params: { slug: collective.slug, page: page.slug },
      props: { locale, collective, page },
    })),
  );
}
