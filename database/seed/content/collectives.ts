/** The collectives of the demo cooperative « Énergie Commune »: 3 regions, 8 local groups, 3 themes, the board. */

export type CollectiveKind = 'regional' | 'local' | 'thematic' | 'board';

export interface Translated {
  fr: string;
  en: string;
}

export interface Place {
  city: string;
  postcode: string;
  lat: number;
  lon: number;
}

export interface CollectiveSeed {
  slug: string;
  kind: CollectiveKind;
  name: Translated;
  description: Translated;
  visibility: 'public' | 'members';
  accentColor: string;
  /** Slug of the regional group (local groups only). */
  parent?: string;
  place?: Place;
}

const regional = (slug: string, fr: string, en: string, accentColor: string, place: Place): CollectiveSeed => ({
  slug,
  kind: 'regional',
  name: { fr: `Énergie Commune ${fr}`, en: `Énergie Commune ${en}` },
  description: {
    fr: `La coordination régionale ${fr} relie les groupes locaux de la région, mutualise les projets de production citoyenne et représente la coopérative auprès de la Région.\n\nElle se réunit chaque trimestre, à tour de rôle dans chaque groupe local.`,
    en: `The ${en} regional coordination links the region's local groups, pools community energy projects and represents the cooperative to the regional council.\n\nIt meets every quarter, in each local group in turn.`,
  },
  visibility: 'public',
  accentColor,
  place,
});

/** « Groupe local de Lyon », « Groupe local d’Albi ». */
export const localGroupName = (city: string): string =>
  `Groupe local ${/^[aeiouyhâàéèêëîïôöûü]/i.test(city) ? 'd’' : 'de '}${city}`;

const local = (
  slug: string,
  parent: string,
  accentColor: string,
  place: Place,
  visibility: 'public' | 'members' = 'public',
): CollectiveSeed => ({
  slug,
  kind: 'local',
  parent,
  name: { fr: localGroupName(place.city), en: `${place.city} local group` },
  description: {
    fr: `Le ${localGroupName(place.city).replace('Groupe', 'groupe')} réunit les sociétaires du bassin de vie : permanences d'information, ateliers de sobriété, suivi des toitures solaires du quartier.\n\n**Réunion** le premier mardi du mois, ouverte à toutes et tous.`,
    en: `The ${place.city} local group brings together the members of the area: information desks, energy-saving workshops, follow-up of the neighbourhood's solar roofs.\n\n**Meeting** on the first Tuesday of the month, open to all.`,
  },
  visibility,
  accentColor,
  place,
});

const thematic = (slug: string, name: Translated, description: Translated, accentColor: string): CollectiveSeed => ({
  slug,
  kind: 'thematic',
  name,
  description,
  visibility: 'public',
  accentColor,
});

export const collectives: CollectiveSeed[] = [
  regional('auvergne-rhone-alpes', 'Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes', '#1d6b4f', {
    city: 'Lyon',
    postcode: '69007',
    lat: 45.7457,
    lon: 4.8422,
  }),
  regional('occitanie', 'Occitanie', 'Occitania', '#b5452b', {
    city: 'Toulouse',
    postcode: '31000',
    lat: 43.6047,
    lon: 1.4442,
  }),
  regional('bretagne', 'Bretagne', 'Brittany', '#1f4e8c', {
    city: 'Rennes',
    postcode: '35000',
    lat: 48.1173,
    lon: -1.6778,
  }),
  local('lyon', 'auvergne-rhone-alpes', '#2e8b57', { city: 'Lyon', postcode: '69001', lat: 45.7676, lon: 4.8344 }),
  local('grenoble', 'auvergne-rhone-alpes', '#3a7d44', {
    city: 'Grenoble',
    postcode: '38000',
    lat: 45.1885,
    lon: 5.7245,
  }),
  local(
    'saint-etienne',
    'auvergne-rhone-alpes',
    '#5b6b2f',
    { city: 'Saint-Étienne', postcode: '42000', lat: 45.4397, lon: 4.3872 },
    'members',
  ),
  local('toulouse', 'occitanie', '#c0603f', { city: 'Toulouse', postcode: '31000', lat: 43.6045, lon: 1.444 }),
  local('montpellier', 'occitanie', '#d0803a', { city: 'Montpellier', postcode: '34000', lat: 43.6108, lon: 3.8767 }),
  local('albi', 'occitanie', '#a34a5e', { city: 'Albi', postcode: '81000', lat: 43.9289, lon: 2.1464 }),
  local('rennes', 'bretagne', '#2b6cb0', { city: 'Rennes', postcode: '35000', lat: 48.1113, lon: -1.68 }),
  local('brest', 'bretagne', '#285e61', { city: 'Brest', postcode: '29200', lat: 48.3904, lon: -4.4861 }),
  thematic(
    'renovation-energetique',
    { fr: 'Rénovation énergétique', en: 'Energy renovation' },
    {
      fr: "Le groupe thématique accompagne les sociétaires qui isolent leur logement : visites, retours d'expérience, liste d'artisans recommandés.",
      en: 'This thematic group helps members who insulate their homes: visits, lessons learned, a list of recommended craftspeople.',
    },
    '#8a5a00',
  ),
  thematic(
    'solaire-citoyen',
    { fr: 'Solaire citoyen', en: 'Community solar' },
    {
      fr: 'Repérer des toitures, monter les dossiers de raccordement, suivre la production : le groupe fait avancer les centrales solaires citoyennes.',
      en: 'Finding roofs, preparing grid-connection files, monitoring output: the group moves community solar plants forward.',
    },
    '#c79a00',
  ),
  thematic(
    'mobilite-partagee',
    { fr: 'Mobilité partagée', en: 'Shared mobility' },
    {
      fr: 'Autopartage de véhicules électriques, vélos cargos, covoiturage : le groupe expérimente des mobilités sobres avec les collectivités.',
      en: 'Electric car sharing, cargo bikes, car pooling: the group tries out low-energy mobility with local authorities.',
    },
    '#4a5fa8',
  ),
  {
    slug: 'conseil',
    kind: 'board',
    name: { fr: 'Conseil coopératif', en: 'Cooperative board' },
    description: {
      fr: "Le conseil coopératif élu par l'assemblée générale : il prépare les décisions, suit les comptes et anime la vie des collèges.",
      en: 'The cooperative board elected by the general assembly: it prepares decisions, oversees the accounts and runs the colleges.',
    },
    visibility: 'members',
    accentColor: '#3d3d3d',
  },
];

export const collectiveBySlug = new Map(collectives.map((c) => [c.slug, c]));
