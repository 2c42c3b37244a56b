/**
 * The strings of the members' space, in each locale (space-fr.ts, space-en.ts). `{name}`
 * placeholders are filled by the translator. Kept apart from ui.ts: these pages are rendered on
 * demand and the public pages never need them.
 */
import type { Locale } from '@notre-asso/config';
import { en } from './space-en';
import { fr } from './space-fr';

type Key = keyof typeof fr;

const strings: Record<Locale, Record<Key, string>> = { fr, en };

export type SpaceKey = Key;
export interface Translate {
  (key: Key, values?: Record<string, string | number>): string;
  locale: Locale;
}

/** The translator of the members' space for one locale: `t('events.waiting', { n: 3 })`. */
export function spaceTranslations(locale: Locale): Translate {
  const t = (key: Key, values: Record<string, string | number> = {}) =>
    strings[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  return Object.assign(t, { locale });
}
