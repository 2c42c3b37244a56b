/** French first: content is written in French, English is a translation that may be missing. */
export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'fr';
export const localeNames: Record<Locale, string> = { fr: 'Français', en: 'English' };
/** Times are stored in UTC and shown in the organisation's time zone. */
export const timeZone = 'Europe/Paris';
