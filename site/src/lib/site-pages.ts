/**
 * Which site-wide pages the site has, in which locale, with which content. Pages that belong to
 * a collective are left to the collectives' mini-sites.
 */
import { defaultLocale, locales, type Locale } from '@notre-asso/config';
import { fetchPages, type Page } from './cms';

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
 * translation shows the default locale's version (or, failing that, any) with a notice, so that
 * links and the language switcher never lead to a 404.
 */
export async function sitePages(locale: Locale): Promise<SitePage[]> {
  const all = (await Promise.all(locales.map(fetchPages))).flat();
  // Relations are stored per locale in Strapi 5: a page belongs to a collective if any of its
  // translations does, so that a translation whose relation was forgotten is not published here.
  const ofCollectives = new Set(all.filter((p) => p.collective).map((p) => p.documentId));
  const versions = new Map<string, Partial<Record<Locale, Page>>>();
  for (const page of all) {
    if (!ofCollectives.has(page.documentId)) {
      versions.set(page.documentId, { ...versions.get(page.documentId), [page.locale]: page });
    }
  }

  const result: SitePage[] = [];
  for (const byLocale of versions.values()) {
    const translations = locales.filter((l) => byLocale[l]);
    const page = byLocale[locale] ?? byLocale[defaultLocale] ?? byLocale[translations[0]];
    if (!page) continue;
    result.push({ slug: page.slug, locale, page, translated: page.locale === locale, translations });
  }
  return result.sort((a, b) => a.page.title.localeCompare(b.page.title, locale));
}

/** `getStaticPaths` of the page route of one locale: one path per site-wide page. */
export async function pagePaths(locale: Locale) {
  return (await sitePages(locale)).map((entry) => ({ params: { slug: entry.slug }, props: { entry } }));
}
