/**
 * Every URL of the public site, in one place: routes, links, feeds, the sitemap, search results
 * and the tests all build paths with these functions, never by hand. French lives at the root,
 * English under /en/ with English path segments.
 */
import { defaultLocale, locales, spacePath, spacePages, type Locale, type SpacePage } from '@notre-asso/config';

export type { SpacePage };

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
    subscribe: 'souscrire',
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
    subscribe: 'subscribe',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The pages of one collective in the space: the leads' brief desk, its discussions, its moderation queue. */
const collectiveSegments = {
  fr: { briefs: 'breves', discussions: 'discussions', moderation: 'moderation' },
  en: { briefs: 'briefs', discussions: 'discussions', moderation: 'moderation' },
} as const satisfies Record<Locale, Record<string, string>>;
export type CollectiveTab = keyof (typeof collectiveSegments)['fr'];
const collectiveTabs = Object.keys(collectiveSegments.fr) as CollectiveTab[];

export type Section = keyof (typeof segments)['fr'];

/** Which page of the members' space a path is, in which language; null outside the space. */
export interface SpaceRouteParts {
  page: SpacePage;
  locale: Locale;
  eventId?: string;
  assemblyId?: string;
  collectiveSlug?: string;
  collectiveTab?: CollectiveTab;
  threadId?: string;
}

export function spaceRouteOf(pathname: string): SpaceRouteParts | null {
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  for (const locale of locales) {
    for (const page of spacePages) {
      if (path === spacePath(locale, page)) return { page, locale };
    }
    const attendees = new RegExp(`^${spacePath(locale, 'events')}([A-Za-z0-9]+)/$`).exec(path);
    if (attendees) return { page: 'events', locale, eventId: attendees[1] };
    const assembly = new RegExp(`^${spacePath(locale, 'votes')}ag/([A-Za-z0-9]+)/$`).exec(path);
    if (assembly) return { page: 'votes', locale, assemblyId: assembly[1] };
    for (const tab of collectiveTabs) {
      const sub = new RegExp(
        `^${spacePath(locale, 'collectives')}([a-z0-9-]+)/${collectiveSegments[locale][tab]}/(?:([1-9][0-9]{0,9})/)?$`,
      ).exec(path);
      if (sub && (!sub[2] || tab === 'discussions'))
        return { page: 'collectives', locale, collectiveSlug: sub[1], collectiveTab: tab, threadId: sub[2] };
    }
  }
  return null;
}

/**
 * A link into the space in the reader's language: the CMS writes its notifications' links in
 * French, the site shows them on the English pages as the same page in English.
 */
export function spaceLinkIn(locale: Locale, link: string): string {
  const url = new URL(link, 'http://site');
  const route = spaceRouteOf(url.pathname);
  if (!route) return link;
  return `${spaceRoutePath(locale, route)}${url.search}${url.hash}`;
}

/** The path of a page of the space (with its event, assembly, collective or thread) in a language. */
export function spaceRoutePath(locale: Locale, route: Omit<SpaceRouteParts, 'locale'>): string {
  if (route.eventId) return paths.spaceAttendees(locale, route.eventId);
  if (route.assemblyId) return paths.spaceAssembly(locale, route.assemblyId);
  if (route.collectiveSlug && route.collectiveTab) {
    const base = `${spacePath(locale, 'collectives')}${route.collectiveSlug}/${collectiveSegments[locale][route.collectiveTab]}/`;
    return route.threadId ? `${base}${route.threadId}/` : base;
  }
  return spacePath(locale, route.page);
}

/** The downloads of the space (served with the member's session), one path for every language. */
export const isSpaceFile = (pathname: string) =>
  /^\/espace\/(documents\/[A-Za-z0-9]+\/fichier|agenda\/[A-Za-z0-9]+\/participants\.csv|votes\/ag\/[A-Za-z0-9]+\/convocation\.pdf|votes\/sondage\/[A-Za-z0-9]+\/bulletins\.blt|mes-donnees\/export\.json|parts\/(attestation|releve-\d{4})\.pdf|breves\/[A-Za-z0-9]+\/envoi\.json)$/.test(
    pathname,
  );

const collectiveRoute = (slug: string, tab: CollectiveTab) =>
  ({ page: 'collectives', collectiveSlug: slug, collectiveTab: tab }) as const;

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
  /** The public subscription form (bulletin de souscription de parts sociales), rendered on demand. */
  subscribe: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'subscribe')}/`,
  /** Site-wide feeds: iCalendar of public events, RSS of news. */
  agendaFeed: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'agenda')}.ics`,
  newsFeed: (locale: Locale) => `${prefix(locale)}/${segment(locale, 'news')}.xml`,
  /** The search index of a locale (public pages, briefs, events, documents). */
  searchIndex: (locale: Locale) => `/search/${locale}.json`,

  /** A page of the members' space: `/espace/agenda/`, `/en/space/events/`; the dashboard is `/espace/`. */
  space: spacePath,
  /** The attendees of an event, for its organiser and the leads of its collective. */
  spaceAttendees: (locale: Locale, eventId: string) => `${spacePath(locale, 'events')}${eventId}/`,
  /** A general assembly's page: agenda, my standing, my ballots and proxies, co-drafting. */
  spaceAssembly: (locale: Locale, assemblyId: string) => `${spacePath(locale, 'votes')}ag/${assemblyId}/`,
  /** The brief desk of a collective, for its leads and the board. */
  spaceBriefs: (locale: Locale, slug: string) => spaceRoutePath(locale, collectiveRoute(slug, 'briefs')),
  /** A collective's discussions (its threads), and one thread with its replies. */
  spaceDiscussions: (locale: Locale, slug: string) => spaceRoutePath(locale, collectiveRoute(slug, 'discussions')),
  spaceThread: (locale: Locale, slug: string, threadId: number | string) =>
    spaceRoutePath(locale, { ...collectiveRoute(slug, 'discussions'), threadId: String(threadId) }),
  /** The moderation queue of a collective, for its leads (and moderators and the board). */
  spaceModeration: (locale: Locale, slug: string) => spaceRoutePath(locale, collectiveRoute(slug, 'moderation')),
  /** Files served through the site with the member's session: one path for every language. */
  spaceFiles: {
    document: (documentId: string) => `/espace/documents/${documentId}/fichier`,
    attendeesCsv: (eventId: string) => `/espace/agenda/${eventId}/participants.csv`,
    pollBallots: (pollId: string) => `/espace/votes/sondage/${pollId}/bulletins.blt`,
    convocation: (assemblyId: string, locale: Locale) =>
      `/espace/votes/ag/${assemblyId}/convocation.pdf${locale === defaultLocale ? '' : `?locale=${locale}`}`,
    dataExport: () => '/espace/mes-donnees/export.json',
    /** My certificate of shares held, today or at `?date=`. */
    sharesCertificate: () => '/espace/parts/attestation.pdf',
    /** My yearly statement of amounts subscribed and paid, for the tax return. */
    sharesStatement: (year: number) => `/espace/parts/releve-${year}.pdf`,
  },

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
