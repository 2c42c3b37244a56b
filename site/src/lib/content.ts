/**
 * Everything the public site shows, loaded once per build and per locale from anonymous REST reads:
 * what the public role may read is exactly what is built (published, public content). Every item
 * exists in every locale: a missing translation falls back to the default locale's version (or any
 * other), flagged `translated: false`, so that links and the language switcher never lead to a 404.
 * One item keeps one `documentId` in every locale.
 */
import { defaultLocale, locales, type Locale } from '@notre-asso/config';
import { cmsUrl, getAll, type Entry, type Page } from './cms';

/** A relation to a collective, as every localized item carries it. */
export interface CollectiveLink {
  documentId: string;
  slug: string;
}

/** An uploaded file, with an absolute URL on the CMS (downloads are served by the CMS). */
export interface MediaFile {
  url: string;
  name: string;
  mime: string;
  /** Kilobytes, as Strapi stores it. */
  size: number;
  alternativeText: string | null;
  width: number | null;
  height: number | null;
}

/** Fields every localized item has once resolved for a locale. */
export interface Localized {
  /** False when the item shown in the requested locale is another locale's version. */
  translated: boolean;
  /** The locales with their own translation of this item, default locale first. */
  translations: Locale[];
}

/**
 * The `lang` attribute of an item shown on a page: none when it is in the page's language, its own
 * locale when it is the French version standing in for a missing translation.
 */
export const langOf = (item: { translated: boolean; locale: Locale }): Locale | undefined =>
  item.translated ? undefined : item.locale;

export type CollectiveKind = 'national' | 'regional' | 'local' | 'thematic' | 'pole' | 'board';

export interface Collective extends Entry, Localized {
  name: string;
  slug: string;
  kind: CollectiveKind;
  /** Markdown. */
  description: string | null;
  city: string | null;
  postcode: string | null;
  visibility: 'public' | 'members';
  contactEmail: string | null;
  /** `#rrggbb`. */
  accentColor: string;
  logo: MediaFile | null;
  parent: CollectiveLink | null;
  children: CollectiveLink[];
}

export interface SitePageItem extends Page, Localized {}

/** A collective's news (brève). */
export interface Brief extends Entry, Localized {
  title: string;
  /** Markdown. */
  body: string;
  /** UTC ISO date-time. */
  publicationDate: string;
  collective: CollectiveLink | null;
  image: MediaFile | null;
  /** http(s) links shown under the text. */
  links: Array<{ label: string; url: string }>;
}

export interface Event extends Entry, Localized {
  title: string;
  /** Markdown. */
  description: string | null;
  /** UTC ISO date-times. */
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineLink: string | null;
  audience: 'public' | 'members';
  collective: CollectiveLink | null;
}

export interface Category extends Entry, Localized {
  name: string;
  slug: string;
}

export interface Tag {
  documentId: string;
  name: string;
}

export interface LibraryDocument extends Entry, Localized {
  title: string;
  summary: string | null;
  file: MediaFile | null;
  category: { slug: string; name: string } | null;
  tags: Tag[];
  accessLevel: 'public' | 'members' | 'collective' | 'board';
  /** `YYYY-MM-DD`. */
  date: string | null;
  versionLabel: string | null;
  collective: CollectiveLink | null;
}

export interface SiteContent {
  locale: Locale;
  /** Site-wide pages and collectives' pages (`collective` set), by title. */
  pages: SitePageItem[];
  /** Public collectives, by name. */
  collectives: Collective[];
  /** Newest first. */
  briefs: Brief[];
  /** Soonest first. */
  events: Event[];
  /** Newest first. */
  documents: LibraryDocument[];
  /** By name. */
  categories: Category[];
  /** By name. */
  tags: Tag[];
}

type Raw<T> = Omit<T, keyof Localized>;
type RawMedia = Partial<MediaFile> & { url: string };

const absoluteUrl = (url: string) => (/^https?:\/\//.test(url) ? url : `${cmsUrl()}${url}`);

function media(raw: RawMedia | null | undefined): MediaFile | null {
  if (!raw?.url) return null;
  return {
    url: absoluteUrl(raw.url),
    name: raw.name ?? raw.url.split('/').pop() ?? '',
    mime: raw.mime ?? 'application/octet-stream',
    size: raw.size ?? 0,
    alternativeText: raw.alternativeText ?? null,
    width: raw.width ?? null,
    height: raw.height ?? null,
  };
}

const link = (raw: CollectiveLink | null | undefined): CollectiveLink | null =>
  raw ? { documentId: raw.documentId, slug: raw.slug } : null;

const collectiveField = { 'populate[collective][fields][0]': 'slug' };
const fileFields = ['url', 'name', 'mime', 'size', 'alternativeText', 'width', 'height'];
const populateFields = (relation: string, fields: string[]) =>
  Object.fromEntries(fields.map((f, i) => [`populate[${relation}][fields][${i}]`, f]));

// A stable order keeps pagination from skipping or repeating entries (PostgreSQL has no implicit one).
const byId = { 'sort[0]': 'id:asc' };

/** One locale's raw entries of every type. Member profiles (leads) are never populated: the CMS refuses them to the public. */
async function fetchLocale(locale: Locale) {
  const [pages, collectives, briefs, events, documents, categories] = await Promise.all([
    getAll<Page>('/api/pages', { locale, ...byId, ...collectiveField }),
    getAll<Raw<Collective> & { logo: RawMedia | null }>('/api/collectives', {
      locale,
      ...byId,
      ...populateFields('parent', ['slug']),
      ...populateFields('children', ['slug']),
      ...populateFields('logo', fileFields),
    }),
    getAll<Raw<Brief> & { image: RawMedia | null }>('/api/briefs', {
      locale,
      ...byId,
      ...collectiveField,
      ...populateFields('image', fileFields),
      ...populateFields('links', ['label', 'url']),
    }),
    getAll<Raw<Event>>('/api/events', { locale, ...byId, ...collectiveField }),
    getAll<Raw<LibraryDocument> & { file: RawMedia | null }>('/api/documents', {
      locale,
      ...byId,
      ...collectiveField,
      ...populateFields('file', fileFields),
      ...populateFields('category', ['slug', 'name']),
      ...populateFields('tags', ['name']),
    }),
    getAll<Raw<Category>>('/api/categories', { locale, ...byId }),
  ]);
  return { pages, collectives, briefs, events, documents, categories };
}

type LocaleEntries = Awaited<ReturnType<typeof fetchLocale>>;

let everyLocale: Promise<Record<Locale, LocaleEntries>> | undefined;
let allTags: Promise<Tag[]> | undefined;

function fetchEveryLocale() {
  everyLocale ??= Promise.all(locales.map(fetchLocale)).then(
    (all) => Object.fromEntries(locales.map((l, i) => [l, all[i]])) as Record<Locale, LocaleEntries>,
  );
  return everyLocale;
}

/**
 * Each item in `locale`, or its fallback: the default locale's version, else any. Items are
 * matched across locales by `documentId`.
 */
function localize<T extends Entry>(byLocale: Record<Locale, T[]>, locale: Locale): (T & Localized)[] {
  const versions = new Map<string, Partial<Record<Locale, T>>>();
  for (const l of locales) {
    for (const item of byLocale[l]) versions.set(item.documentId, { ...versions.get(item.documentId), [l]: item });
  }
  const result: (T & Localized)[] = [];
  for (const byL of versions.values()) {
    const translations = locales.filter((l) => byL[l]);
    const item = byL[locale] ?? byL[defaultLocale] ?? byL[translations[0]];
    if (item) result.push({ ...item, translated: item.locale === locale, translations });
  }
  return result;
}

const pick = <K extends keyof LocaleEntries>(all: Record<Locale, LocaleEntries>, key: K) =>
  Object.fromEntries(locales.map((l) => [l, all[l][key]])) as Record<Locale, LocaleEntries[K]>;

async function build(locale: Locale): Promise<SiteContent> {
  allTags ??= getAll<Tag>('/api/tags', byId).then((tags) => tags.map(({ documentId, name }) => ({ documentId, name })));
  const [all, tags] = await Promise.all([fetchEveryLocale(), allTags]);
  const compare = (a: string, b: string) => a.localeCompare(b, locale);

  const collectives = localize(pick(all, 'collectives'), locale)
    // The CMS already hides members-only collectives from the public; this keeps it so if it ever did not.
    .filter((c) => c.visibility === 'public')
    .map((c) => ({
      ...c,
      logo: media(c.logo),
      parent: link(c.parent),
      children: (c.children ?? []).map((x) => link(x)!),
    }))
    .sort((a, b) => compare(a.name, b.name));
  const publicSlugs = new Set(collectives.map((c) => c.slug));
  for (const c of collectives) {
    if (c.parent && !publicSlugs.has(c.parent.slug)) c.parent = null;
    c.children = c.children.filter((x) => publicSlugs.has(x.slug));
  }
  // Content of a collective the public cannot see is not public either.
  const visible = <T extends { collective: CollectiveLink | null }>(item: T) =>
    !item.collective || publicSlugs.has(item.collective.slug);

  // Relations are stored per locale: an item belongs to a collective if any translation says so.
  const owners = new Map<string, CollectiveLink>();
  for (const l of locales) {
    for (const key of ['pages', 'briefs', 'events', 'documents'] as const) {
      for (const item of all[l][key]) if (item.collective) owners.set(item.documentId, link(item.collective)!);
    }
  }
  const owned = <T extends Entry & { collective: CollectiveLink | null }>(item: T): T => ({
    ...item,
    collective: owners.get(item.documentId) ?? null,
  });

  const pages = localize(pick(all, 'pages'), locale)
    .map(owned)
    .filter(visible)
    .sort((a, b) => compare(a.title, b.title));
  const briefs = localize(pick(all, 'briefs'), locale)
    .map(owned)
    .filter(visible)
    .map((b) => ({ ...b, image: media(b.image), links: b.links ?? [] }))
    .sort((a, b) => b.publicationDate.localeCompare(a.publicationDate));
  const events = localize(pick(all, 'events'), locale)
    .map(owned)
    .filter((e) => visible(e) && e.audience === 'public')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const categories = localize(pick(all, 'categories'), locale).sort((a, b) => compare(a.name, b.name));
  const categoryName = new Map(categories.map((c) => [c.slug, c.name]));
  const documents = localize(pick(all, 'documents'), locale)
    .map(owned)
    .filter((d) => visible(d) && d.accessLevel === 'public')
    .map((d) => ({
      ...d,
      file: media(d.file),
      category: d.category
        ? { slug: d.category.slug, name: categoryName.get(d.category.slug) ?? d.category.name }
        : null,
      tags: (d.tags ?? []).map(({ documentId, name }) => ({ documentId, name })),
    }))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || compare(a.title, b.title));

  return {
    locale,
    pages,
    collectives,
    briefs,
    events,
    documents,
    categories,
    tags: [...tags].sort((a, b) => compare(a.name, b.name)),
  };
}

const loaded = new Map<Locale, Promise<SiteContent>>();

/** Everything public in one locale, with fallbacks; loaded once per locale per build. */
export function loadContent(locale: Locale): Promise<SiteContent> {
  let content = loaded.get(locale);
  if (!content) {
    content = build(locale);
    loaded.set(locale, content);
  }
  return content;
}

/** Events not yet over at `now` (the build time), soonest first. */
export const upcoming = (events: Event[], now = new Date()) =>
  events.filter((e) => new Date(e.endsAt).getTime() >= now.getTime());

/** Events over at `now`, most recent first. */
export const past = (events: Event[], now = new Date()) =>
  events.filter((e) => new Date(e.endsAt).getTime() < now.getTime()).reverse();

/** Items of one collective. */
export const ofCollective = <T extends { collective: CollectiveLink | null }>(items: T[], slug: string) =>
  items.filter((i) => i.collective?.slug === slug);

/** Site-wide items only (no collective). */
export const siteWide = <T extends { collective: CollectiveLink | null }>(items: T[]) =>
  items.filter((i) => !i.collective);
