/**
 * Every URL of the public site, in one place: routes, links, feeds, the sitemap, search results
 * and the tests all build paths with these functions, never by hand. French lives at the root,
 * English under /en/ with English path segments.
 */
import { defaultLocale, type Locale } from '@notre-asso/config';

const segments = {
  fr: {
    news: 'actualites',
    agenda: 'agenda',
    past: 'passes',
    documents: 'documents',
    category: 'categorie',
    tag: 'mot-cle',
    collectives: 'collectifs',
    search: 'recherche',
  },
  en: {
    news: 'news',
    agenda: 'events',
    past: 'past',
    documents: 'documents',
    category: 'category',
    tag: 'tag',
    collectives: 'collectives',
    search: 'search',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type Section = keyof (typeof segments)['fr'];

const prefix = (locale: Locale) => (locale === defaultLocale ? '' : `/${locale}`);

/** The path segment of a section in a locale (`news` → `actualites` in French). */
export const segment = (locale: Locale, section: Section): string => segments[locale][section];

/** Paths always end with a slash (directories in dist); files (feeds, indexes) do not. */
export const paths = {
  home: (locale: Locale) => `${prefix(locale)}/`,
  page: (locale: Locale, slug: string) => `${prefix(locale)}/${slug}/`,
  news: (locale: Locale, page = 1) => `${prefix(locale)}/${segment(locale, 'news')}/${page > 1 ? `${page}/` : ''}`,
  agenda: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'agenda')}/`,
  pastEvents: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'agenda')}/${segment(locale, 'past')}/`,
  event: (locale: Locale, documentId: string) => `${prefix(locale)}/${segment(locale, 'agenda')}/${documentId}/`,
  documents: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'documents')}/`,
  documentCategory: (locale: Locale, slug: string) =>
    `${prefix(locale)}/${segment(locale, 'documents')}/${segment(locale, 'category')}/${slug}/`,
  documentTag: (locale: Locale, tag: string) =>
    `${prefix(locale)}/${segment(locale, 'documents')}/${segment(locale, 'tag')}/${encodeURIComponent(tag)}/`,
  collectives: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'collectives')}/`,
  search: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'search')}/`,
  /** Site-wide feeds: iCalendar of public events, RSS of news. */
  agendaFeed: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'agenda')}.ics`,
  newsFeed: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'news')}.xml`,
  /** The search index of a locale (public pages, briefs, events, documents). */
  searchIndex: (locale: Locale) => `/search/${locale}.json`,

  /** A collective's mini-site. */
  collective: {
    home: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/`,
    page: (locale: Locale, slug: string, pageSlug: string) => `${prefix(locale)}/c/${slug}/${pageSlug}/`,
    news: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'news')}/`,
    agenda: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'agenda')}/`,
    documents: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'documents')}/`,
    search: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'search')}/`,
    agendaFeed: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'agenda')}.ics`,
    newsFeed: (locale: Locale, slug: string) => `${prefix(locale)}/c/${slug}/${segment(locale, 'news')}.xml`,
  },
};
