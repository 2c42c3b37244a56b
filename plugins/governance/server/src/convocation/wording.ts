/**
 * What a convocation says, in French or English, shared by its e-mail and its printed page: the
 * assembly (kind, convocation, date, place, link, remote-voting window), the agenda with the
 * resolutions' texts, the documents and the assembly's page in the members' space.
 */
import { defaultLocale, organisation, spacePath, timeZone, type Locale } from '@notre-asso/config';

export interface ConvocationContent {
  assembly: {
    documentId: string;
    title: string;
    kind: 'ordinary' | 'extraordinary';
    convocation: 'first' | 'second';
    date: string;
    place: string | null;
    link: string | null;
    votingOpensAt: string;
    votingClosesAt: string;
  };
  resolutions: Array<{ position: number; title: string; text: string; kind: 'ordinary' | 'extraordinary' }>;
  /** Each document's title per language (the default language's when it has no translation). */
  documents: Array<{ documentId: string; titles: Partial<Record<Locale, string>> }>;
}

export interface ConvocationText {
  subject: string;
  paragraphs: string[];
  agendaTitle: string;
  agenda: Array<{ heading: string; text: string }>;
  documentsTitle: string;
  documents: Array<{ label: string; url: string }>;
  page: { label: string; url: string };
}

const words = {
  fr: {
    subject: (title: string) => `Convocation : ${title}`,
    kind: { ordinary: 'ordinaire', extraordinary: 'extraordinaire' },
    convocation: { first: 'première convocation', second: 'deuxième convocation' },
    intro: (kind: string, convocation: string, title: string) =>
      `Vous êtes convoqué·e à l’assemblée générale ${kind} de ${organisation.name} (${convocation}) : ${title}.`,
    when: (date: string) => `Elle se tiendra le ${date}.`,
    place: (place: string) => `Lieu : ${place}.`,
    link: (link: string) => `En ligne : ${link}`,
    remote: (opens: string, closes: string) =>
      `Vous pouvez voter à distance du ${opens} au ${closes}, ou donner pouvoir à un autre membre, depuis la page de l’assemblée.`,
    agenda: 'Ordre du jour',
    resolution: (n: number, title: string, kind: string) => `Résolution ${n} : ${title} (${kind})`,
    resolutionKind: { ordinary: 'ordinaire', extraordinary: 'extraordinaire' },
    documents: 'Documents',
    page: 'Page de l’assemblée',
  },
  en: {
    subject: (title: string) => `Convocation: ${title}`,
    kind: { ordinary: 'ordinary', extraordinary: 'extraordinary' },
    convocation: { first: 'first convocation', second: 'second convocation' },
    intro: (kind: string, convocation: string, title: string) =>
      `You are convened to the ${kind} general assembly of ${organisation.name} (${convocation}): ${title}.`,
    when: (date: string) => `It will be held on ${date}.`,
    place: (place: string) => `Place: ${place}.`,
    link: (link: string) => `Online: ${link}`,
    remote: (opens: string, closes: string) =>
      `You may vote remotely from ${opens} to ${closes}, or give a proxy to another member, on the assembly's page.`,
    agenda: 'Agenda',
    resolution: (n: number, title: string, kind: string) => `Resolution ${n}: ${title} (${kind})`,
    resolutionKind: { ordinary: 'ordinary', extraordinary: 'extraordinary' },
    documents: 'Documents',
    page: 'The assembly’s page',
  },
} as const;

/** The language a request asks for (`?locale=en`), French otherwise. */
export const localeIn = (value: unknown): Locale => (value === 'en' ? 'en' : defaultLocale);

export function when(locale: Locale, date: string | Date): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(date));
}

const site = () => organisation.siteUrl.replace(/\/+$/, '');

export function convocationText(content: ConvocationContent, locale: Locale): ConvocationText {
  const w = words[locale];
  const a = content.assembly;
  const paragraphs = [
    w.intro(w.kind[a.kind], w.convocation[a.convocation], a.title),
    w.when(when(locale, a.date)),
    ...(a.place ? [w.place(a.place)] : []),
    ...(a.link ? [w.link(a.link)] : []),
    w.remote(when(locale, a.votingOpensAt), when(locale, a.votingClosesAt)),
  ];
  return {
    subject: w.subject(a.title),
    paragraphs,
    agendaTitle: w.agenda,
    agenda: content.resolutions.map((r) => ({
      heading: w.resolution(r.position, r.title, w.resolutionKind[r.kind]),
      text: r.text,
    })),
    documentsTitle: w.documents,
    documents: content.documents.map((d) => ({
      label: d.titles[locale] ?? Object.values(d.titles)[0] ?? d.documentId,
      url: `${site()}/espace/documents/${d.documentId}/fichier`,
    })),
    page: { label: w.page, url: `${site()}${spacePath(locale, 'votes')}ag/${a.documentId}/` },
  };
}
