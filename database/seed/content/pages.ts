/** Pages of the demo: 7 site-wide (the charter among them) and 4 of collectives in fr and en, 1 in fr only, 1 draft. */
import type { Translated } from './collectives';

export interface PageSeed {
  slug: string;
  title: Translated;
  body: Translated;
  seoDescription: Translated;
  collective?: string;
}

/** A page that exists in one locale only, or is never published. */
export interface SingleLocalePageSeed {
  slug: string;
  title: string;
  body: string;
  seoDescription: string;
  status: 'published' | 'draft';
}

export const pages: PageSeed[] = [
  {
    slug: 'a-propos',
    title: { fr: 'À propos', en: 'About us' },
    seoDescription: {
      fr: 'Énergie Commune, société coopérative d’intérêt collectif pour une énergie renouvelable et citoyenne.',
      en: 'Énergie Commune, a multi-stakeholder cooperative for renewable, community-owned energy.',
    },
    body: {
      fr: `## Une coopérative pour produire ensemble\n\nÉnergie Commune est une **SCIC** : salariés, producteurs, consommateurs, collectivités et soutiens en sont sociétaires et décident ensemble.\n\nNous finançons et exploitons des centrales solaires citoyennes, accompagnons la rénovation des logements et développons des mobilités sobres.\n\n## Nos valeurs\n\n- une personne, une voix dans son collège ;\n- la transparence des comptes ;\n- l’ancrage local, par nos groupes locaux.`,
      en: `## A cooperative to produce together\n\nÉnergie Commune is a **multi-stakeholder cooperative**: employees, producers, consumers, local authorities and supporters own it and decide together.\n\nWe fund and run community solar plants, help people renovate their homes and develop low-energy mobility.\n\n## Our values\n\n- one person, one vote within their college;\n- open accounts;\n- local roots, through our local groups.`,
    },
  },
  {
    slug: 'adherer',
    title: { fr: 'Adhérer', en: 'Join us' },
    seoDescription: {
      fr: 'Devenir sociétaire d’Énergie Commune : parts sociales, collèges, démarches.',
      en: 'Becoming a member of Énergie Commune: shares, colleges, how to.',
    },
    body: {
      fr: `## Devenir sociétaire\n\nUne part sociale coûte **50 €**. Vous choisissez votre collège selon votre situation : consommateur, producteur, salarié, collectivité ou soutien.\n\n## Comment faire\n\n1. Remplissez le bulletin de souscription.\n2. Réglez vos parts par virement.\n3. Recevez votre numéro de sociétaire et vos accès à l’espace membres.`,
      en: `## Becoming a member\n\nOne share costs **€50**. You choose your college according to your situation: consumer, producer, employee, local authority or supporter.\n\n## How to\n\n1. Fill in the subscription form.\n2. Pay for your shares by bank transfer.\n3. Receive your membership number and access to the members’ area.`,
    },
  },
  {
    slug: 'contact',
    title: { fr: 'Contact', en: 'Contact' },
    seoDescription: { fr: 'Écrire ou rendre visite à Énergie Commune.', en: 'Write to or visit Énergie Commune.' },
    body: {
      fr: `## Nous écrire\n\nÉcrivez-nous à contact@energie-commune.example : nous répondons sous une semaine.\n\n## Nous rendre visite\n\n12 rue des Coopératives, 69001 Lyon. Permanence le mercredi de 14 h à 18 h.\n\nPour une question sur un groupe local, écrivez directement à son adresse, indiquée sur sa page.`,
      en: `## Write to us\n\nWrite to contact@energie-commune.example: we answer within a week.\n\n## Visit us\n\n12 rue des Coopératives, 69001 Lyon. Open on Wednesdays from 2 pm to 6 pm.\n\nFor a question about a local group, write to its own address, shown on its page.`,
    },
  },
  {
    slug: 'mentions-legales',
    title: { fr: 'Mentions légales', en: 'Legal notice' },
    seoDescription: {
      fr: 'Éditeur, hébergeur et responsable de publication du site.',
      en: 'Publisher, host and editor of the site.',
    },
    body: {
      fr: `## Éditeur\n\nÉnergie Commune, SCIC SA à capital variable, 12 rue des Coopératives, 69001 Lyon.\n\n## Responsable de la publication\n\nLa présidente du conseil coopératif.\n\n## Hébergement\n\nLe site est hébergé sur les serveurs de la coopérative.`,
      en: `## Publisher\n\nÉnergie Commune, multi-stakeholder cooperative with variable capital, 12 rue des Coopératives, 69001 Lyon.\n\n## Editor\n\nThe chair of the cooperative board.\n\n## Hosting\n\nThe site is hosted on the cooperative’s own servers.`,
    },
  },
  {
    // The privacy notice members accept (config/src/charter.ts holds its version).
    slug: 'confidentialite',
    title: { fr: 'Politique de confidentialité', en: 'Privacy notice' },
    seoDescription: {
      fr: 'Quelles données personnelles nous gardons, pourquoi, combien de temps, et vos droits.',
      en: 'Which personal data we keep, why, for how long, and your rights.',
    },
    body: {
      fr: `## Qui est responsable\n\nÉnergie Commune, SCIC, 12 rue des Coopératives, 69001 Lyon, est responsable du traitement de vos données. Écrivez-nous à contact@energie-commune.example pour toute question.\n\n## Les données que nous gardons, et pourquoi\n\n- **Votre compte** : adresse e-mail et mot de passe (chiffré, illisible par nous), pour vous connecter à l’espace membres.\n- **Votre fiche de sociétaire** : nom, numéro de sociétaire, collège, date d’entrée, pour tenir la liste des sociétaires que la loi nous impose.\n- **Le registre des parts sociales** et **les votes que vous exprimez** en assemblée : obligations légales de la coopérative.\n- **Ce que vous choisissez de donner** : ville, position approximative, compétences, présentation, pour l’annuaire (seulement si vous y consentez), vos groupes suivis, vos inscriptions aux événements.\n- **Vos acceptations** de la charte et de cette politique (version et date), pour prouver votre accord.\n- **Les sessions** : pour vous déconnecter vraiment, nous gardons l’identifiant des sessions fermées jusqu’à leur expiration (7 jours).\n\n## Combien de temps\n\nTant que vous êtes sociétaire, puis le temps que la loi exige pour le registre des parts et les procès-verbaux d’assemblée. Une invitation non utilisée expire au bout de 7 jours.\n\n## Ce que l’effacement garde\n\nSi vous demandez l’effacement de vos données, nous effaçons ou anonymisons votre compte, votre fiche, votre présence dans l’annuaire, vos groupes et vos inscriptions, et fermons toutes vos sessions. Nous gardons, **sans votre identité quand c’est possible**, ce que la loi nous oblige à conserver : le registre des parts sociales (mouvements de parts, remboursements) et les votes exprimés en assemblée, pour que les décisions prises restent vérifiables.\n\n## L’annuaire\n\nVous n’apparaissez dans l’annuaire des sociétaires que si vous l’avez accepté, et pouvez changer d’avis à tout moment dans votre profil. Les autres membres peuvent vous écrire par un formulaire : votre adresse ne leur est jamais montrée.\n\n## Vos droits\n\nVous pouvez à tout moment consulter et corriger vos données dans votre profil, **télécharger toutes vos données** (page « Mes données »), demander leur effacement, vous opposer à un traitement ou en demander la limitation. Écrivez à contact@energie-commune.example ; vous pouvez aussi saisir la CNIL (cnil.fr).`,
      en: `## Who is responsible\n\nÉnergie Commune, a multi-stakeholder cooperative, 12 rue des Coopératives, 69001 Lyon, is responsible for your data. Write to contact@energie-commune.example with any question.\n\n## The data we keep, and why\n\n- **Your account**: e-mail address and password (hashed, unreadable by us), to log in to the members’ space.\n- **Your member record**: name, membership number, college, joining date, for the list of members the law requires.\n- **The shares register** and **the votes you cast** in assemblies: legal obligations of the cooperative.\n- **What you choose to give**: city, approximate position, skills, bio, for the directory (only if you agree), the groups you follow, your event registrations.\n- **Your acceptances** of the charter and of this notice (version and date), as proof of your agreement.\n- **Sessions**: to really log you out, we keep the id of ended sessions until they expire (7 days).\n\n## For how long\n\nAs long as you are a member, then as long as the law requires for the shares register and assembly minutes. An unused invitation expires after 7 days.\n\n## What erasure keeps\n\nIf you ask us to erase your data, we erase or anonymise your account, your record, your directory entry, your groups and registrations, and end all your sessions. We keep, **without your identity where possible**, what the law obliges us to keep: the shares register (share movements, repayments) and the votes cast in assemblies, so that decisions taken remain verifiable.\n\n## The directory\n\nYou appear in the members’ directory only if you agreed to, and may change your mind at any time in your profile. Other members can write to you through a form: your address is never shown to them.\n\n## Your rights\n\nAt any time you may see and correct your data in your profile, **download all your data** (“My data” page), ask for its erasure, object to a processing or ask for it to be restricted. Write to contact@energie-commune.example; you may also complain to the CNIL (cnil.fr), the French data protection authority.`,
    },
  },
  {
    // The charter members accept (config/src/charter.ts holds its version).
    slug: 'charte',
    title: { fr: 'Charte des membres', en: 'Members’ charter' },
    seoDescription: {
      fr: 'Ce à quoi s’engagent les membres d’Énergie Commune entre eux.',
      en: 'What members of Énergie Commune commit to towards each other.',
    },
    body: {
      fr: `## Nos engagements\n\n- **Respect** : nous débattons des idées, jamais des personnes ; pas d’insulte, de harcèlement ni de discrimination.\n- **Bienveillance** : chacun a sa place, quelle que soit son expérience ; nous aidons les nouveaux venus.\n- **Confidentialité** : ce qui est partagé dans l’espace membres y reste ; les coordonnées des autres membres ne servent qu’à la vie de la coopérative.\n- **Loyauté** : nous votons et décidons selon nos statuts, une personne, une voix dans son collège.\n\n## Modération\n\nLes modérateurs peuvent masquer un contenu contraire à cette charte ; le conseil coopératif décide des suites en cas de manquement grave.`,
      en: `## Our commitments\n\n- **Respect**: we debate ideas, never people; no insults, harassment or discrimination.\n- **Kindness**: everyone has a place, whatever their experience; we help newcomers.\n- **Confidentiality**: what is shared in the members’ space stays there; other members’ contact details only serve the cooperative’s life.\n- **Loyalty**: we vote and decide according to our articles, one person, one vote within their college.\n\n## Moderation\n\nModerators may hide content contrary to this charter; the cooperative board decides what follows a serious breach.`,
    },
  },
  {
    slug: 'gouvernance',
    title: { fr: 'Gouvernance', en: 'Governance' },
    seoDescription: {
      fr: 'Collèges, assemblée générale et conseil coopératif.',
      en: 'Colleges, general assembly and cooperative board.',
    },
    body: {
      fr: `## Cinq collèges\n\nSalariés, producteurs, consommateurs, collectivités locales et soutiens : chaque collège pèse pour une part fixée par les statuts.\n\n## L’assemblée générale\n\nElle approuve les comptes, élit le conseil et vote les grandes orientations, une fois par an au moins.\n\n## Le conseil coopératif\n\nÉlu pour trois ans, il se réunit chaque mois et rend compte aux sociétaires.`,
      en: `## Five colleges\n\nEmployees, producers, consumers, local authorities and supporters: each college weighs a share set by the articles.\n\n## The general assembly\n\nIt approves the accounts, elects the board and votes on the main orientations, at least once a year.\n\n## The cooperative board\n\nElected for three years, it meets every month and reports to the members.`,
    },
  },
  {
    slug: 'lyon-nos-actions',
    collective: 'lyon',
    title: { fr: 'Le groupe de Lyon en actions', en: 'The Lyon group in action' },
    seoDescription: {
      fr: 'Toitures solaires, cafés énergie et permanences du groupe de Lyon.',
      en: 'Solar roofs, energy cafés and information desks of the Lyon group.',
    },
    body: {
      fr: `## Nos projets\n\nTrois toitures solaires en projet sur les Pentes de la Croix-Rousse, dont l’école Doret.\n\n## Nous rejoindre\n\nCafé énergie chaque mois, permanence le samedi matin au marché.`,
      en: `## Our projects\n\nThree solar roofs planned on the Croix-Rousse slopes, including the Doret school.\n\n## Join us\n\nAn energy café every month, an information desk at the Saturday market.`,
    },
  },
  {
    slug: 'rennes-nos-actions',
    collective: 'rennes',
    title: { fr: 'Le groupe de Rennes en actions', en: 'The Rennes group in action' },
    seoDescription: {
      fr: 'Vélo, solaire et sobriété avec le groupe de Rennes.',
      en: 'Cycling, solar and energy saving with the Rennes group.',
    },
    body: {
      fr: `## Ce que nous faisons\n\nBalades à vélo commentées, défis sobriété entre voisins et repérage de toitures.\n\n## Rendez-vous\n\nLe premier mardi du mois à la Maison de quartier.`,
      en: `## What we do\n\nGuided bike rides, neighbourhood energy-saving challenges and roof scouting.\n\n## Meet us\n\nOn the first Tuesday of the month at the community centre.`,
    },
  },
  {
    slug: 'solaire-citoyen-projets',
    collective: 'solaire-citoyen',
    title: { fr: 'Nos centrales solaires', en: 'Our solar plants' },
    seoDescription: {
      fr: 'Les centrales solaires citoyennes en service et en projet.',
      en: 'Community solar plants in service and planned.',
    },
    body: {
      fr: `## En service\n\nSaint-Priest (250 kWc), Albi (36 kWc), Brest (9 kWc).\n\n## En projet\n\nGymnase de Villeurbanne et écoles de la Croix-Rousse : participez au financement !`,
      en: `## In service\n\nSaint-Priest (250 kWp), Albi (36 kWp), Brest (9 kWp).\n\n## Planned\n\nVilleurbanne gymnasium and Croix-Rousse schools: help fund them!`,
    },
  },
  {
    slug: 'conseil-fonctionnement',
    collective: 'conseil',
    title: { fr: 'Fonctionnement du conseil', en: 'How the board works' },
    seoDescription: {
      fr: 'Calendrier, mandats et comptes rendus du conseil coopératif.',
      en: 'Calendar, terms and minutes of the cooperative board.',
    },
    body: {
      fr: `## Calendrier\n\nLe conseil se réunit le deuxième mardi de chaque mois, en visioconférence.\n\n## Comptes rendus\n\nLes procès-verbaux sont déposés dans la bibliothèque, réservés au conseil.`,
      en: `## Calendar\n\nThe board meets on the second Tuesday of each month, by video call.\n\n## Minutes\n\nThe minutes are filed in the library, for board members only.`,
    },
  },
];

export const singleLocalePages: SingleLocalePageSeed[] = [
  {
    slug: 'histoire',
    status: 'published',
    title: 'Notre histoire',
    seoDescription: 'De la première toiture solaire à la coopérative régionale.',
    body: `## 2014 : une toiture\n\nTout commence par une toiture d’école à Lyon et quarante habitants qui achètent des parts.\n\n## 2019 : la SCIC\n\nLes collectivités entrent au capital : l’association devient société coopérative d’intérêt collectif.\n\n## Aujourd’hui\n\nTrois régions, huit groupes locaux et des centaines de sociétaires.`,
  },
  {
    slug: 'brouillon-projet',
    status: 'draft',
    title: 'Projet de page (brouillon)',
    seoDescription: 'Brouillon non publié.',
    body: `## À rédiger\n\nCette page est un brouillon : elle ne doit apparaître ni sur le site ni dans l’API publique.`,
  },
];
