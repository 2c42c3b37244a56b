import type { Locale } from './locales';

/**
 * The members' space, rendered on demand by the site: French under /espace/, English under
 * /en/space/. A page id names the same page in both languages. Declared here because the CMS
 * links to these pages too (mails, notifications): site and CMS build the paths from one table.
 */
export const spaceSegments = {
  fr: {
    dashboard: '',
    login: 'connexion',
    logout: 'deconnexion',
    forgotPassword: 'mot-de-passe-oublie',
    newPassword: 'mot-de-passe/nouveau',
    invitation: 'invitation',
    welcome: 'bienvenue',
    collectives: 'collectifs',
    events: 'agenda',
    documents: 'documents',
    directory: 'annuaire',
    profile: 'profil',
    data: 'mes-donnees',
    invitations: 'invitations',
    votes: 'votes',
    shares: 'parts',
    exchange: 'echanges',
    invalidAddresses: 'adresses-invalides',
  },
  en: {
    dashboard: '',
    login: 'login',
    logout: 'logout',
    forgotPassword: 'forgot-password',
    newPassword: 'password/new',
    invitation: 'invitation',
    welcome: 'welcome',
    collectives: 'collectives',
    events: 'events',
    documents: 'documents',
    directory: 'directory',
    profile: 'profile',
    data: 'my-data',
    invitations: 'invitations',
    votes: 'votes',
    shares: 'shares',
    exchange: 'exchange',
    invalidAddresses: 'invalid-addresses',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type SpacePage = keyof (typeof spaceSegments)['fr'];

export const spaceRoot: Record<Locale, string> = { fr: '/espace', en: '/en/space' };

/** The path of a page of the members' space: `/espace/agenda/`, `/en/space/events/`, `/espace/`. */
export function spacePath(locale: Locale, page: SpacePage): string {
  const segment = spaceSegments[locale][page];
  return `${spaceRoot[locale]}/${segment ? `${segment}/` : ''}`;
}

export const spacePages = Object.keys(spaceSegments.fr) as SpacePage[];
