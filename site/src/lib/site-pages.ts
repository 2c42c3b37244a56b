/**
 * Which site-wide pages the site has, in which locale, with which content. Pages that belong to
 * a collective are left to the collectives' mini-sites.
 */
import type { Locale } from '@notre-asso/config';
import type { Page } from './cms';
import { loadContent, siteWide } from './content';

export interface SitePage {
  slug: string;
  /** The locale of the route and of the interface around the content. */
  locale: Locale;
  /** The content shown: the translation in `locale`, or the version it falls back to. */
  page: Page;
  /** False when `page` is in another locale than the route (the translation is missing). */
  translated: boolean;
  /** The locales this page has its own translation in, default locale first. */
  translations: Locale[];
}

/**
 * Every site-wide page, for the routes of one locale. A page is built in every locale: a missing
 * translation shows the default locale's version (or, failing that, any) with a notice.
 */
export async function sitePages(locale: Locale): Promise<SitePage[]> {
  const { pages } = await loadContent(locale);
  return siteWide(pages).map((page) => ({
    slug: page.slug,
    locale,
    page,
    translated: page.translated,
    translations: page.translations,
  }));
}

/** `getStaticPaths` of the page route of one locale: one path per site-wide page. */
export async function pagePaths(locale: Locale) {
  return (await sitePages(locale)).map((entry) => ({ params: { slug: entry.slug }, props: { entry } }));
}
