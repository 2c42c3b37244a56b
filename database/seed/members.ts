/** Fictional members, generated deterministically from a seed (French names, places, skills). */
import { base, en, Faker, fr } from '@faker-js/faker';
import { organisation } from '@notre-asso/config';
import type { Place } from './content/collectives';

/** The date the demo is written around: events before it are past, after it upcoming. */
export const REFERENCE_DATE = new Date('2026-09-01T00:00:00.000Z');

export interface AccountSeed {
  username: string;
  email: string;
}

/** The fields of a member profile (api::member-profile.member-profile). */
export interface ProfileSeed {
  displayName: string;
  college: string;
  membershipNumber: string;
  memberSince: string;
  city: string;
  postcode: string;
  lat: number | null;
  lon: number | null;
  skills: string[];
  bio: string;
  directoryConsent: boolean;
  newsletterConsent: boolean;
}

export interface MemberSeed {
  account: AccountSeed;
  profile: ProfileSeed;
}

const SKILLS = [
  'comptabilité',
  'électricité',
  'photovoltaïque',
  'communication',
  'animation de réunion',
  'juridique',
  'menuiserie',
  'graphisme',
  'rédaction',
  'informatique',
  'urbanisme',
  'pédagogie',
  'mécanique vélo',
  'thermique du bâtiment',
];

const INTERESTS = [
  'Je m’intéresse surtout aux toitures solaires de mon quartier.',
  'J’aide à tenir les permanences d’information.',
  'J’ai rénové ma maison et je partage volontiers mon expérience.',
  'Je suis là pour les cafés énergie et les balades à vélo.',
  'Je suis les comptes de près et j’aime les expliquer.',
  'Je découvre la coopérative et j’ai envie de m’impliquer.',
];

export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [fr, en, base] });
  faker.seed(seed);
  return faker;
}

/** ASCII, lower case, dash-separated: for usernames and e-mail addresses. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const membershipNumber = (index: number, total: number): string =>
  `${organisation.membershipNumberPrefix}-${String(index + 1).padStart(Math.max(4, String(total).length), '0')}`;

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export interface MemberOptions {
  index: number;
  total: number;
  place: Place;
  /** Given for demo accounts, generated otherwise. */
  identity?: { username: string; email: string; displayName: string };
}

/** One member; every value comes from `faker`, so the same seed and call order give the same member. */
export function makeMember(faker: Faker, { index, total, place, identity }: MemberOptions): MemberSeed {
  const colleges = organisation.colleges;
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const username = identity?.username ?? `${slugify(firstName)}.${slugify(lastName)}.${index + 1}`;
  const since = faker.date.between({ from: '2019-01-01T00:00:00.000Z', to: REFERENCE_DATE });
  const hasPosition = index % 7 !== 6;
  const jitter = (): number => Math.round(faker.number.float({ min: -0.03, max: 0.03 }) * 1e5) / 1e5;
  const lat = hasPosition ? Math.round((place.lat + jitter()) * 1e5) / 1e5 : null;
  const lon = hasPosition ? Math.round((place.lon + jitter()) * 1e5) / 1e5 : null;
  const skills = faker.helpers.arrayElements(SKILLS, { min: 1, max: 4 });
  const interest = faker.helpers.arrayElement(INTERESTS);
  const account = { username, email: identity?.email ?? `${username}@example.net` };
  const profile: ProfileSeed = {
    displayName: identity?.displayName ?? `${firstName} ${lastName}`,
    college: colleges[index % colleges.length]?.code ?? '',
    membershipNumber: membershipNumber(index, total),
    memberSince: isoDate(since),
    city: place.city,
    postcode: place.postcode,
    lat,
    lon,
    skills,
    bio: `Sociétaire à ${place.city} depuis ${since.getUTCFullYear()}. ${interest}`,
    directoryConsent: index % 3 !== 2,
    newsletterConsent: faker.datatype.boolean({ probability: 0.6 }),
  };
  return { account, profile };
}

/** The users-permissions row of a seeded account: e-mail login, confirmed, with a pre-computed hash. */
export const userRow = (account: AccountSeed, passwordHash: string) => ({
  username: account.username,
  email: account.email,
  provider: 'local',
  password: passwordHash,
  confirmed: true,
  blocked: false,
});
