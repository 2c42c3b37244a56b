/** The strings of the search (page, form, results), in each locale; `{n}` and `{q}` are filled in. */
import type { Locale } from '@notre-asso/config';
import type { ResultType } from '../lib/search/engine';

export interface SearchMessages {
  title: string;
  collectiveTitle: string;
  label: string;
  submit: string;
  loading: string;
  none: string;
  one: string;
  many: string;
  error: string;
  noscript: string;
  types: Record<ResultType, string>;
}

export const searchMessages: Record<Locale, SearchMessages> = {
  fr: {
    title: 'Rechercher',
    collectiveTitle: 'Rechercher dans {name}',
    label: 'Mots recherchés',
    submit: 'Rechercher',
    loading: 'Recherche en cours…',
    none: 'Aucun résultat pour « {q} ».',
    one: '1 résultat pour « {q} ».',
    many: '{n} résultats pour « {q} ».',
    error: 'La recherche n’a pas pu être chargée. Réessayez plus tard.',
    noscript: 'La recherche fonctionne dans votre navigateur : activez JavaScript pour l’utiliser.',
    types: { page: 'Page', brief: 'Brève', event: 'Événement', document: 'Document' },
  },
  en: {
    title: 'Search',
    collectiveTitle: 'Search {name}',
    label: 'Search for',
    submit: 'Search',
    loading: 'Searching…',
    none: 'No results for “{q}”.',
    one: '1 result for “{q}”.',
    many: '{n} results for “{q}”.',
    error: 'The search could not be loaded. Please try again later.',
    noscript: 'Search runs in your browser: turn JavaScript on to use it.',
    types: { page: 'Page', brief: 'News', event: 'Event', document: 'Document' },
  },
};

/** Fills `{name}`, `{n}`, `{q}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
