/** The search index file of one locale, as the build writes it at `paths.searchIndex(locale)`. */
import type { Locale } from '@notre-asso/config';
import { buildIndex, type SearchIndexFile, type StoreEntry } from './engine';
import { searchItems } from './source';

export async function buildSearchIndexFile(locale: Locale): Promise<SearchIndexFile> {
  const items = await searchItems(locale);
  const store: Record<string, StoreEntry> = {};
  const docs = items.map(({ doc, entry }, n) => {
    const ref = n.toString(36);
    store[ref] = entry;
    return { ...doc, id: ref };
  });
  const index = buildIndex(locale, docs);
  return { locale, index: index.toJSON(), store };
}
