/** The documents library of the demo: categories, tags and 20 documents, 5 at each access level. */
import type { Translated } from './collectives';

export interface CategorySeed {
  slug: string;
  name: Translated;
}

export const categories: CategorySeed[] = [
  { slug: 'statuts-et-reglements', name: { fr: 'Statuts et règlements', en: 'Statutes and rules' } },
  { slug: 'comptes-rendus', name: { fr: 'Comptes rendus', en: 'Minutes' } },
  { slug: 'rapports', name: { fr: 'Rapports', en: 'Reports' } },
  { slug: 'guides-pratiques', name: { fr: 'Guides pratiques', en: 'Practical guides' } },
  { slug: 'communication', name: { fr: 'Communication', en: 'Communication kit' } },
];

/** Tags are not localized: one name each. */
export const tags = [
  'assemblée générale',
  'budget',
  'solaire',
  'rénovation',
  'mobilité',
  'gouvernance',
  'formation',
  'juridique',
];

export type AccessLevel = 'public' | 'members' | 'collective' | 'board';

export interface DocumentSeed {
  title: Translated;
  summary: Translated;
  accessLevel: AccessLevel;
  category: string;
  tags: string[];
  /** Slug of the owning collective; required for `collective` access. */
  collective?: string;
  date: string;
  versionLabel: string;
}

const doc = (
  accessLevel: AccessLevel,
  category: string,
  tagNames: string[],
  date: string,
  versionLabel: string,
  title: Translated,
  summary: Translated,
  collective?: string,
): DocumentSeed => ({ accessLevel, category, tags: tagNames, date, versionLabel, title, summary, collective });

export const documents: DocumentSeed[] = [
  doc(
    'public',
    'statuts-et-reglements',
    ['juridique', 'gouvernance'],
    '2025-06-14',
    'v3',
    { fr: 'Statuts de la SCIC', en: 'Articles of association' },
    {
      fr: 'Les statuts en vigueur, adoptés par l’assemblée générale extraordinaire de juin 2025.',
      en: 'The articles in force, adopted by the extraordinary general assembly of June 2025.',
    },
  ),
  doc(
    'public',
    'rapports',
    ['assemblée générale', 'budget'],
    '2026-05-20',
    '2025',
    { fr: 'Rapport annuel 2025', en: 'Annual report 2025' },
    {
      fr: 'Activité, production des centrales et comptes de l’exercice 2025.',
      en: 'Activity, plant output and accounts for the 2025 financial year.',
    },
  ),
  doc(
    'public',
    'guides-pratiques',
    ['rénovation'],
    '2026-02-03',
    '1.2',
    { fr: 'Guide : réduire sa facture d’électricité', en: 'Guide: cutting your electricity bill' },
    {
      fr: 'Dix gestes simples et leur effet mesuré chez nos sociétaires.',
      en: 'Ten simple habits and their measured effect in our members’ homes.',
    },
  ),
  doc(
    'public',
    'communication',
    ['solaire'],
    '2026-03-11',
    '2026-03',
    { fr: 'Plaquette de présentation', en: 'Presentation leaflet' },
    {
      fr: 'La coopérative en quatre pages, à distribuer lors des permanences.',
      en: 'The cooperative in four pages, to hand out at information desks.',
    },
  ),
  doc(
    'public',
    'guides-pratiques',
    ['solaire', 'formation'],
    '2026-04-22',
    '1.0',
    { fr: 'Fiche : installer des panneaux sur son toit', en: 'Sheet: putting panels on your roof' },
    {
      fr: 'Étapes, démarches et ordres de grandeur pour une installation individuelle.',
      en: 'Steps, paperwork and ballpark figures for a home installation.',
    },
  ),
  doc(
    'members',
    'statuts-et-reglements',
    ['gouvernance', 'juridique'],
    '2025-06-14',
    'v2',
    { fr: 'Règlement intérieur', en: 'Internal rules' },
    {
      fr: 'Fonctionnement des collèges, des groupes locaux et des votes.',
      en: 'How the colleges, local groups and votes work.',
    },
  ),
  doc(
    'members',
    'comptes-rendus',
    ['assemblée générale'],
    '2026-06-20',
    'final',
    { fr: 'Procès-verbal de l’AG 2026', en: 'Minutes of the 2026 general assembly' },
    {
      fr: 'Résolutions adoptées, résultats des votes par collège.',
      en: 'Resolutions adopted, results of the votes by college.',
    },
  ),
  doc(
    'members',
    'rapports',
    ['budget'],
    '2026-01-15',
    '2026',
    { fr: 'Budget prévisionnel 2026', en: '2026 budget forecast' },
    {
      fr: 'Budget voté par le conseil et présenté à l’assemblée.',
      en: 'Budget adopted by the board and presented to the assembly.',
    },
  ),
  doc(
    'members',
    'guides-pratiques',
    ['formation', 'gouvernance'],
    '2026-02-28',
    '1.1',
    { fr: 'Guide de l’animateur de groupe local', en: 'Local group facilitator’s guide' },
    {
      fr: 'Animer une réunion, accueillir les nouveaux, tenir la page du groupe.',
      en: 'Running a meeting, welcoming newcomers, keeping the group page up to date.',
    },
  ),
  doc(
    'members',
    'communication',
    ['mobilité'],
    '2026-05-05',
    '2026-05',
    { fr: 'Kit de campagne autopartage', en: 'Car-sharing campaign kit' },
    {
      fr: 'Affiches, textes et visuels pour lancer l’autopartage dans votre commune.',
      en: 'Posters, texts and pictures to launch car sharing in your town.',
    },
  ),
  doc(
    'collective',
    'comptes-rendus',
    ['solaire'],
    '2026-04-08',
    'v1',
    { fr: 'Compte rendu : réunion du groupe de Lyon (avril)', en: 'Minutes: Lyon group meeting (April)' },
    {
      fr: 'Point sur les toitures de la Croix-Rousse et organisation du café énergie.',
      en: 'Update on the Croix-Rousse roofs and organisation of the energy café.',
    },
    'lyon',
  ),
  doc(
    'collective',
    'rapports',
    ['solaire', 'budget'],
    '2026-03-19',
    'v2',
    { fr: 'Étude de faisabilité : toiture du gymnase', en: 'Feasibility study: gymnasium roof' },
    {
      fr: 'Productible estimé, coûts et plan de financement participatif.',
      en: 'Estimated output, costs and crowdfunding plan.',
    },
    'solaire-citoyen',
  ),
  doc(
    'collective',
    'comptes-rendus',
    ['mobilité'],
    '2026-05-27',
    'v1',
    { fr: 'Compte rendu : réunion du groupe de Rennes (mai)', en: 'Minutes: Rennes group meeting (May)' },
    {
      fr: 'Bilan de la balade vélo et prochaines permanences.',
      en: 'Review of the bike ride and next information desks.',
    },
    'rennes',
  ),
  doc(
    'collective',
    'guides-pratiques',
    ['rénovation', 'formation'],
    '2026-01-30',
    '0.9',
    { fr: 'Annuaire des artisans RGE', en: 'Directory of certified craftspeople' },
    {
      fr: 'Artisans recommandés par les sociétaires, avec leurs avis.',
      en: 'Craftspeople recommended by members, with their reviews.',
    },
    'renovation-energetique',
  ),
  doc(
    'collective',
    'comptes-rendus',
    ['gouvernance'],
    '2026-06-02',
    'v1',
    { fr: 'Compte rendu : groupe de Saint-Étienne (juin)', en: 'Minutes: Saint-Étienne group (June)' },
    {
      fr: 'Réunion interne du groupe réservé aux sociétaires.',
      en: 'Internal meeting of the members-only group.',
    },
    'saint-etienne',
  ),
  doc(
    'board',
    'comptes-rendus',
    ['gouvernance'],
    '2026-03-03',
    'v1',
    { fr: 'Procès-verbal du conseil de mars', en: 'Board minutes, March' },
    {
      fr: 'Décisions du conseil coopératif, séance de mars.',
      en: 'Decisions of the cooperative board, March session.',
    },
    'conseil',
  ),
  doc(
    'board',
    'comptes-rendus',
    ['gouvernance', 'budget'],
    '2026-06-09',
    'v1',
    { fr: 'Procès-verbal du conseil de juin', en: 'Board minutes, June' },
    {
      fr: 'Préparation de l’assemblée générale et arrêté des comptes.',
      en: 'Preparing the general assembly and closing the accounts.',
    },
    'conseil',
  ),
  doc(
    'board',
    'rapports',
    ['budget'],
    '2026-07-01',
    'draft-2',
    { fr: 'Tableau de trésorerie', en: 'Cash-flow table' },
    {
      fr: 'Trésorerie mois par mois et besoins de financement.',
      en: 'Month-by-month cash flow and funding needs.',
    },
    'conseil',
  ),
  doc(
    'board',
    'statuts-et-reglements',
    ['juridique'],
    '2026-04-17',
    'v1',
    {
      fr: 'Note juridique : entrée d’une collectivité au capital',
      en: 'Legal note: a local authority joining the capital',
    },
    {
      fr: 'Conditions et plafonds de participation des collectivités territoriales.',
      en: 'Conditions and ceilings for local authorities’ holdings.',
    },
    'conseil',
  ),
  doc(
    'board',
    'rapports',
    ['gouvernance', 'formation'],
    '2026-05-12',
    'v1',
    { fr: 'Plan de formation des administrateurs', en: 'Board members’ training plan' },
    {
      fr: 'Formations prévues pour les administrateurs élus en 2026.',
      en: 'Training planned for the board members elected in 2026.',
    },
    'conseil',
  ),
];
