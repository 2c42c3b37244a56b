/**
 * A large deterministic data set for the public site (the site-build benchmark): many collectives,
 * pages, events and public documents, with real French sentences so that a search index has words
 * to hold. French for everything, English for a quarter of it (the rest falls back to French).
 * Written in bulk (seed/bulk.ts), like seed/large.ts; no member accounts: the site reads anonymously.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Faker } from '@faker-js/faker';
import { categories, tags } from './content/library';
import { localGroupName } from './content/collectives';
import { insertDocuments, linkDocuments, newDocumentId, type Bulk, type IdMap } from './bulk';
import { REFERENCE_DATE, seededFaker, slugify } from './members';
import { countReport, skipIfSeeded, UID, type SeedReport } from './report';
import type { Data } from './strapi';

export interface SiteLargeSeedOptions {
  collectives: number;
  pages: number;
  events: number;
  /** Public documents; as many again in every other access level are added, never to be shown. */
  documents: number;
  seed: number;
  log?: (line: string) => void;
}

export const siteLargeDefaults: Omit<SiteLargeSeedOptions, 'log'> = {
  collectives: 200,
  pages: 2000,
  events: 5000,
  documents: 10000,
  seed: 42,
};

const DAY = 86_400_000;
const SITE_WIDE_PAGES = 40;

const SENTENCES = [
  'La coopérative produit une énergie renouvelable et locale avec ses sociétaires.',
  'Les assemblées générales se tiennent chaque année au printemps, ouvertes à tous les sociétaires.',
  'Nos bénévoles animent des permanences d’information sur la rénovation énergétique.',
  'Les centrales photovoltaïques citoyennes couvrent les toits des écoles et des gymnases.',
  'Le compte rendu de la réunion est disponible dans la bibliothèque de documents.',
  'Un atelier pratique sur l’isolation des combles et les économies de chauffage.',
  'Le projet éolien participatif a reçu le soutien des collectivités locales.',
  'Chaque sociétaire dispose d’une voix, quel que soit le nombre de parts sociales détenues.',
  'Les habitants du quartier ont visité la chaufferie bois et le réseau de chaleur.',
  'Nous cherchons des volontaires pour tenir le stand lors de la fête de l’énergie.',
  'La facture d’électricité expliquée ligne par ligne, avec des conseils de sobriété.',
  'Le conseil coopératif a validé le budget et les investissements de l’exercice.',
];
const PAGE_TOPICS = [
  'Nos projets',
  'Devenir sociétaire',
  'Le réseau de chaleur',
  'Les centrales solaires',
  'Rénovation énergétique',
  'Sobriété et économies',
  'Gouvernance partagée',
  'Mobilité douce',
];
const EVENT_KINDS = [
  'Réunion mensuelle',
  'Café énergie',
  'Atelier rénovation',
  'Permanence d’information',
  'Visite de centrale',
  'Assemblée locale',
];
const DOCUMENT_KINDS = ['Compte rendu', 'Rapport d’activité', 'Fiche pratique', 'Note', 'Étude'];

const sentences = (faker: Faker, min: number, max: number): string =>
  faker.helpers.arrayElements(SENTENCES, { min, max }).join(' ');

/** English for one document in four: the rest of the English site shows French. */
const translated = (i: number): boolean => i % 4 === 0;

interface Planned {
  documentId: string;
  fr: Data;
  en: Data | null;
}

/** Inserts the French rows, then the English ones of the same documents; returns both id maps. */
async function insertTranslated(bulk: Bulk, uid: string, planned: Planned[]): Promise<{ fr: IdMap; en: IdMap }> {
  const fr = await insertDocuments(
    bulk,
    uid,
    planned.map((p) => ({ documentId: p.documentId, ...p.fr })),
    'fr',
  );
  const english = planned.filter((p) => p.en);
  const en = english.length
    ? await insertDocuments(
        bulk,
        uid,
        english.map((p) => ({ documentId: p.documentId, ...p.en })),
        'en',
      )
    : new Map();
  return { fr, en };
}

/** Links a relation in each locale that has rows on both sides (relations are stored per locale). */
async function linkTranslated(
  bulk: Bulk,
  uid: string,
  attribute: string,
  pairs: Array<[string, string]>,
  source: { fr: IdMap; en: IdMap },
  target: { fr: IdMap; en: IdMap } | IdMap,
): Promise<void> {
  for (const locale of ['fr', 'en'] as const) {
    const targets = target instanceof Map ? target : target[locale];
    const kept = pairs.filter(([s, t]) => source[locale].has(s) && targets.has(t));
    if (kept.length) await linkDocuments(bulk, uid, attribute, kept, source[locale], targets);
  }
}

export async function seedSiteLarge(strapi: Core.Strapi, options: SiteLargeSeedOptions): Promise<SeedReport> {
  const startedAt = Date.now();
  const log = options.log ?? (() => undefined);
  const skipped = await skipIfSeeded(strapi, log, startedAt);
  if (skipped) return skipped;
  const faker = seededFaker(options.seed);
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const bulk: Bulk = { strapi, trx, now: new Date() };
    const step = (label: string): void => log(`${label} (${Math.round((Date.now() - startedAt) / 100) / 10} s)`);

    step(`collectives: ${options.collectives}`);
    const collectives: Planned[] = [];
    const cities: string[] = [];
    const publicCollectives: string[] = [];
    for (let i = 0; i < options.collectives; i += 1) {
      const city = faker.location.city();
      const name = localGroupName(city);
      const documentId = newDocumentId();
      const shared = {
        slug: `${slugify(city)}-${i + 1}`,
        kind: 'local',
        city,
        visibility: i % 10 === 9 ? 'members' : 'public',
        accentColor: faker.color.rgb({ casing: 'lower' }),
      };
      cities.push(city);
      if (shared.visibility === 'public') publicCollectives.push(documentId);
      collectives.push({
        documentId,
        fr: { ...shared, name, description: `${name} : ${sentences(faker, 2, 4)}` },
        en: { ...shared, name: `${city} group`, description: `The local group of ${city}.` },
      });
    }
    const collectiveIds = await insertTranslated(bulk, UID.collective, collectives);
    const collectiveOf = (i: number): Planned => collectives[i % collectives.length] as Planned;

    step('categories and tags');
    const categoryDocs = categories.map(() => newDocumentId());
    const categoryIds = await insertTranslated(
      bulk,
      UID.category,
      categories.map((c, i) => ({
        documentId: categoryDocs[i] as string,
        fr: { slug: c.slug, name: c.name.fr },
        en: { slug: c.slug, name: c.name.en },
      })),
    );
    const tagDocs = tags.map(() => newDocumentId());
    const tagIds = await insertDocuments(
      bulk,
      UID.tag,
      tags.map((name, i) => ({ documentId: tagDocs[i], name })),
      null,
    );

    step(`pages: ${options.pages} (${SITE_WIDE_PAGES} site-wide)`);
    const pages: Planned[] = [];
    const pageCollective: Array<[string, string]> = [];
    for (let i = 0; i < options.pages; i += 1) {
      const documentId = newDocumentId();
      const topic = PAGE_TOPICS[i % PAGE_TOPICS.length] as string;
      const siteWide = i < SITE_WIDE_PAGES;
      const where = siteWide ? '' : ` à ${cities[i % cities.length]}`;
      const title = `${topic}${where} (${i + 1})`;
      const body = `## ${topic}\n\n${sentences(faker, 3, 6)}\n\n${sentences(faker, 2, 4)}`;
      const shared = { slug: `${slugify(title)}` };
      pages.push({
        documentId,
        fr: { ...shared, title, body, seoDescription: sentences(faker, 1, 1) },
        en: translated(i) ? { ...shared, title: `${topic} – page ${i + 1}`, body: 'This page in English.' } : null,
      });
      if (!siteWide) pageCollective.push([documentId, collectiveOf(i).documentId]);
    }
    const pageIds = await insertTranslated(bulk, UID.page, pages);
    await linkTranslated(bulk, UID.page, 'collective', pageCollective, pageIds, collectiveIds);

    step(`events: ${options.events} public, ${Math.round(options.events / 10)} for members`);
    const events: Planned[] = [];
    const eventCollective: Array<[string, string]> = [];
    const eventTotal = options.events + Math.round(options.events / 10);
    for (let i = 0; i < eventTotal; i += 1) {
      const documentId = newDocumentId();
      const collective = collectiveOf(i * 7);
      const city = collective.fr.city as string;
      const startsAt = new Date(
        REFERENCE_DATE.getTime() + faker.number.int({ min: -365, max: 365 }) * DAY + 16.5 * 3_600_000,
      );
      const kind = faker.helpers.arrayElement(EVENT_KINDS);
      const shared = {
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        place: `${faker.location.streetAddress()}, ${city}`,
        registrationOpen: startsAt > REFERENCE_DATE,
        audience: i < options.events ? 'public' : 'members',
      };
      events.push({
        documentId,
        fr: { ...shared, title: `${kind} à ${city}`, description: sentences(faker, 1, 3) },
        en: translated(i) ? { ...shared, title: `Meeting in ${city}`, description: 'An event of the group.' } : null,
      });
      if (i % 10 !== 9) eventCollective.push([documentId, collective.documentId]);
    }
    const eventIds = await insertTranslated(bulk, UID.event, events);
    await linkTranslated(bulk, UID.event, 'collective', eventCollective, eventIds, collectiveIds);

    const hidden = Math.round(options.documents / 10);
    step(`documents: ${options.documents} public, ${hidden} of other access levels`);
    const docs: Planned[] = [];
    const docCategory: Array<[string, string]> = [];
    const docTags: Array<[string, string]> = [];
    const docCollective: Array<[string, string]> = [];
    const levels = ['members', 'collective', 'board'];
    for (let i = 0; i < options.documents + hidden; i += 1) {
      const documentId = newDocumentId();
      const accessLevel = i < options.documents ? 'public' : (levels[i % levels.length] as string);
      const kind = faker.helpers.arrayElement(DOCUMENT_KINDS);
      const shared = {
        accessLevel,
        date: faker.date.between({ from: '2019-01-01T00:00:00.000Z', to: REFERENCE_DATE }).toISOString().slice(0, 10),
        versionLabel: `v${faker.number.int({ min: 1, max: 5 })}`,
      };
      docs.push({
        documentId,
        fr: { ...shared, title: `${kind} n° ${i + 1}`, summary: sentences(faker, 1, 2) },
        en: translated(i)
          ? { ...shared, title: `Document no. ${i + 1}`, summary: 'A document of the cooperative.' }
          : null,
      });
      docCategory.push([documentId, faker.helpers.arrayElement(categoryDocs) as string]);
      for (const tag of faker.helpers.arrayElements(tagDocs, { min: 1, max: 3 })) docTags.push([documentId, tag]);
      if (accessLevel === 'collective' || i % 5 === 1) docCollective.push([documentId, collectiveOf(i * 3).documentId]);
    }
    const documentIds = await insertTranslated(bulk, UID.document, docs);
    await linkTranslated(bulk, UID.document, 'category', docCategory, documentIds, categoryIds);
    await linkTranslated(bulk, UID.document, 'tags', docTags, documentIds, tagIds);
    await linkTranslated(bulk, UID.document, 'collective', docCollective, documentIds, collectiveIds);

    const briefCount = publicCollectives.length * 5;
    step(`briefs: ${briefCount}`);
    const briefs: Planned[] = [];
    const briefCollective: Array<[string, string]> = [];
    for (let i = 0; i < briefCount; i += 1) {
      const collective = collectiveOf(i);
      const documentId = newDocumentId();
      const publicationDate = new Date(REFERENCE_DATE.getTime() - faker.number.int({ min: 1, max: 730 }) * DAY);
      // Published when dated, as in large.ts: the mailing sweep leaves past briefs alone.
      const shared = { publicationDate, publishedAt: publicationDate };
      briefs.push({
        documentId,
        fr: {
          ...shared,
          title: `${collective.fr.name as string} : nouvelles n° ${i + 1}`,
          body: sentences(faker, 2, 4),
        },
        en: null,
      });
      briefCollective.push([documentId, collective.documentId]);
    }
    const briefIds = await insertTranslated(bulk, UID.brief, briefs);
    await linkTranslated(bulk, UID.brief, 'collective', briefCollective, briefIds, collectiveIds);
  });
  return countReport(strapi, false, startedAt);
}
