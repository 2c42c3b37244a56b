/**
 * The 13 events of the demo, dated around the fixed reference date (seed/reference.ts): 6 before
 * it, 7 after it. Upcoming ones sit well after it so that they still look upcoming for a while.
 * Times are UTC (Paris is UTC+1 in winter, UTC+2 in summer).
 */
import type { Translated } from './collectives';

export interface EventSeed {
  title: Translated;
  description: Translated;
  startsAt: string;
  endsAt: string;
  audience: 'public' | 'members';
  place?: string;
  onlineLink?: string;
  capacity?: number;
  registrationOpen: boolean;
  collective?: string;
}

/**
 * The members-only workshop in Lyon whose two seats the seed gives to the lead demo account and one
 * generated member, so that the member demo account lands on its waiting list (the members' space
 * end-to-end test registers there, then sees the promotion when the lead unregisters).
 */
export const fullWorkshop = {
  title: { fr: 'Atelier complet', en: 'Full workshop' },
  capacity: 2,
} as const;

export const events: EventSeed[] = [
  {
    title: { fr: 'Assemblée générale 2026', en: '2026 general assembly' },
    description: {
      fr: "L'assemblée générale annuelle : rapport d'activité, comptes, élection du conseil. Vote par collège, sur place ou à distance.",
      en: 'The annual general assembly: activity report, accounts, board election. Voting by college, on site or remotely.',
    },
    startsAt: '2026-06-20T07:30:00.000Z',
    endsAt: '2026-06-20T15:00:00.000Z',
    audience: 'members',
    place: 'Salle des fêtes de la Guillotière, 69007 Lyon',
    onlineLink: 'https://visio.energie-commune.example/ag-2026',
    registrationOpen: false,
  },
  {
    title: { fr: 'Café énergie à Lyon', en: 'Energy café in Lyon' },
    description: {
      fr: 'Un café pour découvrir la coopérative et poser toutes vos questions sur la production citoyenne.',
      en: 'A coffee to discover the cooperative and ask all your questions about community energy.',
    },
    startsAt: '2026-04-14T16:30:00.000Z',
    endsAt: '2026-04-14T18:30:00.000Z',
    audience: 'public',
    place: 'Café des Pentes, 69001 Lyon',
    registrationOpen: false,
    collective: 'lyon',
  },
  {
    title: { fr: 'Balade vélo et énergie à Rennes', en: 'Bike and energy ride in Rennes' },
    description: {
      fr: 'Une balade à vélo de toiture solaire en toiture solaire, commentée par les sociétaires.',
      en: 'A bike ride from solar roof to solar roof, with members telling the story.',
    },
    startsAt: '2026-05-16T08:00:00.000Z',
    endsAt: '2026-05-16T11:00:00.000Z',
    audience: 'public',
    place: 'Place de la Mairie, 35000 Rennes',
    capacity: 30,
    registrationOpen: false,
    collective: 'rennes',
  },
  {
    title: { fr: "Fête de l'énergie citoyenne à Montpellier", en: 'Community energy fair in Montpellier' },
    description: {
      fr: 'Stands, ateliers pour enfants et concert solaire : la fête annuelle du groupe de Montpellier.',
      en: 'Stands, workshops for children and a solar-powered concert: the Montpellier group’s yearly fair.',
    },
    startsAt: '2026-06-06T12:00:00.000Z',
    endsAt: '2026-06-06T19:00:00.000Z',
    audience: 'public',
    place: 'Parc Montcalm, 34000 Montpellier',
    registrationOpen: false,
    collective: 'montpellier',
  },
  {
    title: { fr: 'Réunion du groupe de Saint-Étienne', en: 'Saint-Étienne group meeting' },
    description: {
      fr: 'Réunion mensuelle du groupe, réservée aux sociétaires.',
      en: 'Monthly group meeting, for members only.',
    },
    startsAt: '2026-07-07T16:30:00.000Z',
    endsAt: '2026-07-07T18:30:00.000Z',
    audience: 'members',
    place: 'Maison des associations, 42000 Saint-Étienne',
    registrationOpen: false,
    collective: 'saint-etienne',
  },
  {
    title: { fr: 'Atelier : lire sa facture d’électricité', en: 'Workshop: reading your electricity bill' },
    description: {
      fr: 'Apportez une facture, repartez en sachant ce que vous payez et comment le réduire.',
      en: 'Bring a bill, leave knowing what you pay for and how to cut it.',
    },
    startsAt: '2026-03-21T09:00:00.000Z',
    endsAt: '2026-03-21T11:00:00.000Z',
    audience: 'public',
    place: 'Médiathèque José Cabanis, 31000 Toulouse',
    capacity: 20,
    registrationOpen: false,
    collective: 'toulouse',
  },
  {
    title: { fr: 'Réunion du conseil coopératif', en: 'Cooperative board meeting' },
    description: {
      fr: 'Séance du conseil : suivi des projets solaires et préparation du budget 2027.',
      en: 'Board session: solar projects follow-up and 2027 budget preparation.',
    },
    startsAt: '2027-01-12T17:00:00.000Z',
    endsAt: '2027-01-12T19:30:00.000Z',
    audience: 'members',
    onlineLink: 'https://visio.energie-commune.example/conseil',
    registrationOpen: true,
    collective: 'conseil',
  },
  {
    title: { fr: 'Atelier rénovation : isoler ses combles', en: 'Renovation workshop: insulating your loft' },
    description: {
      fr: 'Démonstration par un artisan, matériaux biosourcés et aides disponibles.',
      en: 'A demonstration by a craftsperson, bio-based materials and available grants.',
    },
    startsAt: '2027-02-06T09:30:00.000Z',
    endsAt: '2027-02-06T12:00:00.000Z',
    audience: 'public',
    place: 'Maison de l’habitat, 38000 Grenoble',
    capacity: 20,
    registrationOpen: true,
    collective: 'renovation-energetique',
  },
  {
    title: { fr: 'Webinaire : devenir sociétaire', en: 'Webinar: becoming a member' },
    description: {
      fr: 'Une heure pour comprendre la SCIC, les collèges et la souscription de parts sociales.',
      en: 'One hour to understand the cooperative, its colleges and how to buy shares.',
    },
    startsAt: '2027-03-04T18:00:00.000Z',
    endsAt: '2027-03-04T19:00:00.000Z',
    audience: 'public',
    onlineLink: 'https://visio.energie-commune.example/decouverte',
    capacity: 100,
    registrationOpen: true,
  },
  {
    title: { fr: 'Visite de la centrale solaire de Saint-Priest', en: 'Visit of the Saint-Priest solar plant' },
    description: {
      fr: 'Visite guidée de la première centrale citoyenne de la coopérative, 250 kWc en toiture.',
      en: 'A guided tour of the cooperative’s first community plant, 250 kWp on a roof.',
    },
    startsAt: '2027-04-17T08:00:00.000Z',
    endsAt: '2027-04-17T10:00:00.000Z',
    audience: 'public',
    place: 'Zone d’activités des Perches, 69800 Saint-Priest',
    capacity: 25,
    registrationOpen: true,
    collective: 'solaire-citoyen',
  },
  {
    title: { fr: 'Formation des animateurs de groupes locaux', en: 'Training for local group facilitators' },
    description: {
      fr: 'Une journée pour les animatrices et animateurs : faciliter, accueillir, publier.',
      en: 'A day for facilitators: running meetings, welcoming newcomers, publishing.',
    },
    startsAt: '2027-05-22T07:30:00.000Z',
    endsAt: '2027-05-22T15:30:00.000Z',
    audience: 'members',
    place: 'Maison de la coopération, 69002 Lyon',
    capacity: 24,
    registrationOpen: true,
    collective: 'auvergne-rhone-alpes',
  },
  {
    title: { fr: 'Lancement de l’autopartage à Brest', en: 'Car-sharing launch in Brest' },
    description: {
      fr: 'Présentation des deux premières voitures électriques partagées et inscription au service.',
      en: 'Presenting the first two shared electric cars and signing up for the service.',
    },
    startsAt: '2027-06-12T08:30:00.000Z',
    endsAt: '2027-06-12T11:30:00.000Z',
    audience: 'public',
    place: 'Place de la Liberté, 29200 Brest',
    registrationOpen: true,
    collective: 'mobilite-partagee',
  },
  {
    title: { ...fullWorkshop.title },
    description: {
      fr: 'Atelier pratique en petit groupe : lire sa facture d’électricité et repérer les économies possibles. Deux places seulement.',
      en: 'A hands-on workshop in a small group: reading one’s electricity bill and spotting savings. Two seats only.',
    },
    startsAt: '2027-02-20T09:00:00.000Z',
    endsAt: '2027-02-20T11:00:00.000Z',
    audience: 'members',
    place: 'Local du groupe, 69001 Lyon',
    capacity: fullWorkshop.capacity,
    registrationOpen: true,
    collective: 'lyon',
  },
];
