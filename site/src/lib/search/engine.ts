/**
 * The search engine, shared by the build (which writes the index), the browser island (which
 * queries it), the tests and the benchmark: one configuration of lunr, so that the words of the
 * index and the words of a query always go through the same pipeline.
 *
 * French: lunr-languages' trimmer, stop words and Snowball stemmer (plurals: « assemblées » and
 * « assemblée » share a stem), plus two functions of ours, registered for the index and the query:
 * elision (« d’électricité » → « électricité ») and diacritics folding (« energie » finds
 * « énergie »). English: lunr's default pipeline, with the same folding.
 */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import french from 'lunr-languages/lunr.fr.js';

export type SearchLocale = 'fr' | 'en';

/** What a result is; the island shows it as a label, the tests and the mini-sites filter on it. */
export type ResultType = 'page' | 'brief' | 'event' | 'document';

/** One searchable item, as the build indexes it. */
export interface SearchDocument {
  /** A short ref (base 36): the index repeats it in every posting, so its length is the index's size. */
  id: string;
  title: string;
  summary: string;
  body: string;
}

/** What a result shows, kept apart from the index (short keys: this ships to every visitor). */
export interface StoreEntry {
  /** documentId in the CMS */
  i: string;
  /** title */
  t: string;
  /** url, from site/src/i18n/routes.ts */
  u: string;
  /** type */
  k: ResultType;
  /** slug of the collective it belongs to, or null for site-wide content */
  c: string | null;
  /** short excerpt */
  x: string;
  /** ISO date (event start, brief publication, document date), or null */
  d: string | null;
}

/** The file served at `paths.searchIndex(locale)`. */
export interface SearchIndexFile {
  locale: SearchLocale;
  index: object;
  store: Record<string, StoreEntry>;
}

export interface SearchHit extends StoreEntry {
  ref: string;
  score: number;
}

/** « é » → « e », « Œ » stays: only combining marks are removed, after canonical decomposition. */
export const foldDiacritics = (term: string): string => term.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** French elided articles and pronouns glued to the next word by an apostrophe. */
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/i;

const fold: lunr.PipelineFunction = (token) => token.update((s) => foldDiacritics(s));
const elision: lunr.PipelineFunction = (token) => token.update((s) => s.replace(ELISION, ''));

let configured = false;

/** Loads the French support into lunr and registers our pipeline functions (once). */
export function configureLunr(): typeof lunr {
  if (configured) return lunr;
  stemmerSupport(lunr);
  french(lunr);
  // Labels are what a serialized index names its search pipeline with: loading needs them registered.
  lunr.Pipeline.registerFunction(fold, 'notre-asso-fold');
  lunr.Pipeline.registerFunction(elision, 'notre-asso-elision');
  configured = true;
  return lunr;
}

interface LunrFrench {
  fr: lunr.Builder.Plugin & { trimmer: lunr.PipelineFunction; stemmer: lunr.PipelineFunction };
  stopWordFilter: lunr.PipelineFunction;
}

/** The language of a builder: its index pipeline and the search pipeline saved with it. */
function useLanguage(builder: lunr.Builder, locale: SearchLocale): void {
  const l = configureLunr() as unknown as typeof lunr & LunrFrench;
  if (locale === 'fr') {
    builder.use(l.fr);
    for (const pipeline of [builder.pipeline, builder.searchPipeline]) {
      pipeline.before(l.fr.trimmer, elision);
      pipeline.before(l.fr.stemmer, fold);
    }
  } else {
    // Before lunr's trimmer, which takes accented letters for punctuation (« café » → « caf »).
    builder.pipeline.before(l.trimmer, fold);
    builder.searchPipeline.before(l.stemmer, fold);
  }
}

/** Builds the index of one locale: title weighs most, then the summary, then the body. */
export function buildIndex(locale: SearchLocale, documents: Iterable<SearchDocument>): lunr.Index {
  const l = configureLunr();
  return l(function () {
    useLanguage(this, locale);
    this.ref('id');
    this.field('title', { boost: 10 });
    this.field('summary', { boost: 3 });
    this.field('body');
    for (const doc of documents) this.add(doc);
  });
}

export function loadIndex(file: SearchIndexFile): lunr.Index {
  return configureLunr().Index.load(file.index);
}

/** The words of a query that can match: stop words of the locale never do (they are not indexed). */
function queryTerms(query: string, locale: SearchLocale): string[] {
  const l = configureLunr() as unknown as typeof lunr & { fr: { stopWordFilter: lunr.PipelineFunction } };
  const stop = locale === 'fr' ? l.fr.stopWordFilter : l.stopWordFilter;
  const words = query
    .toLowerCase()
    .split(/[\s\-–—.,;:!?«»"()[\]{}/\\+*~^]+/)
    .map((w) => w.replace(ELISION, ''))
    .filter(Boolean);
  return words.filter((w) => stop(new l.Token(w, {}), 0, []) !== undefined);
}

/**
 * Every item matching all the words of `query` (user input, not lunr's query syntax: a stray `:`
 * or `*` must not throw), best first, optionally only those of one collective.
 */
export function search(
  index: lunr.Index,
  file: SearchIndexFile,
  query: string,
  options: { collective?: string | null; limit?: number } = {},
): SearchHit[] {
  const terms = queryTerms(query, file.locale);
  if (terms.length === 0) return [];
  const l = configureLunr();
  const results = index.query((q) => {
    for (const term of terms) q.term(term, { presence: l.Query.presence.REQUIRED });
  });
  const hits: SearchHit[] = [];
  for (const { ref, score } of results) {
    const entry = file.store[ref];
    if (!entry || (options.collective && entry.c !== options.collective)) continue;
    hits.push({ ...entry, ref, score });
    if (options.limit && hits.length >= options.limit) break;
  }
  return hits;
}
