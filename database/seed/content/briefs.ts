/** Two short news items per local or thematic group, written from templates. */
import type { CollectiveSeed, Translated } from './collectives';

export interface BriefSeed {
  title: Translated;
  body: Translated;
  /** Days before the reference date. */
  daysBefore: number;
}

export function briefsFor(collective: CollectiveSeed, position: number): BriefSeed[] {
  const { fr, en } = collective.name;
  return [
    {
      title: { fr: `${fr} : retour sur la dernière réunion`, en: `${en}: back from our last meeting` },
      body: {
        fr: `Merci aux sociétaires venus nombreux à la dernière réunion (${fr}).\n\nNous avons fait le point sur les projets en cours et réparti les prochaines permanences. Le compte rendu est dans la bibliothèque.`,
        en: `Thanks to the many members who came to our last meeting (${en}).\n\nWe reviewed ongoing projects and shared out the next information desks. The minutes are in the library.`,
      },
      daysBefore: 10 + position * 3,
    },
    {
      title: { fr: `${fr} : on cherche des bénévoles`, en: `${en}: volunteers wanted` },
      body: {
        fr: `Pour la rentrée, le collectif ${fr} cherche des volontaires : accueil des nouveaux, tenue de stand, relecture des documents.\n\nÉcrivez-nous, même pour une heure par mois.`,
        en: `For the autumn, ${en} is looking for volunteers: welcoming newcomers, staffing stands, proofreading documents.\n\nWrite to us, even for one hour a month.`,
      },
      daysBefore: 40 + position * 5,
    },
  ];
}
