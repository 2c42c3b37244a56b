import { defaultLocale, locales, localeNames, type Locale } from '@notre-asso/config';

export { defaultLocale, locales, localeNames, type Locale };

/** Every string of the site's own interface (content comes from the CMS), in each locale. */
export const ui = {
  fr: {
    'skip.content': 'Aller au contenu',
    'nav.label': 'Navigation principale',
    'nav.home': 'Accueil',
    'lang.label': 'Langue',
    'home.title': 'Accueil',
    'home.pages': 'Pages',
    'home.empty': 'Aucune page publiée pour le moment.',
    'page.fallback': 'Cette page n’est pas encore traduite ; voici la version anglaise.',
    'page.inOtherLanguage': '(en anglais)',
    'footer.contact': 'Contact\u00a0:',
    'footer.status': 'État du service',
    'status.title': 'État du service',
    'status.time': 'Heure du serveur',
    'status.cms': 'Gestion de contenu',
    'status.up': 'répond',
    'status.down': 'ne répond pas',
  },
  en: {
    'skip.content': 'Skip to content',
    'nav.label': 'Main navigation',
    'nav.home': 'Home',
    'lang.label': 'Language',
    'home.title': 'Home',
    'home.pages': 'Pages',
    'home.empty': 'No page has been published yet.',
    'page.fallback': 'This page is not yet translated; here is the French version.',
    'page.inOtherLanguage': '(in French)',
    'footer.contact': 'Contact:',
    'footer.status': 'Service status',
    'status.title': 'Service status',
    'status.time': 'Server time',
    'status.cms': 'Content management',
    'status.up': 'answers',
    'status.down': 'does not answer',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type UiKey = keyof (typeof ui)[typeof defaultLocale];

/** The translator for one locale: `t('nav.home')`. */
export function useTranslations(locale: Locale) {
  return (key: UiKey): string => ui[locale][key];
}

export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

/** The path of a site page in a locale: `/a-propos/`, `/en/a-propos/`; no slug is the home. */
export function localePath(locale: Locale, slug?: string): string {
  const prefix = locale === defaultLocale ? '/' : `/${locale}/`;
  return slug ? `${prefix}${slug}/` : prefix;
}

/** Open Graph wants a territory with the language. */
export const ogLocale: Record<Locale, string> = { fr: 'fr_FR', en: 'en_GB' };
