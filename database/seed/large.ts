/**
 * A large deterministic data set for benchmarks (`--members 40000 --seed 42`): French only, written
 * in bulk (seed/bulk.ts) because 40,000 Document Service calls would take far too long.
 * The same seed gives the same data; only documentIds and timestamps differ between runs.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Faker } from '@faker-js/faker';
import { hashSync } from 'bcryptjs';
import type { RoleKey } from '@notre-asso/config';
import { DEMO_PASSWORD, demoAdmins, demoMembers, type DemoRole } from './demo-accounts';
import { categories, tags } from './content/library';
import { localGroupName, type Place } from './content/collectives';
import { insertDocuments, linkDocuments, newDocumentId, type Bulk, type IdMap } from './bulk';
import { seedSpaceActivity } from './large-space';
import { makeMember, REFERENCE_DATE, seededFaker, slugify, userRow } from './members';
import { countReport, skipIfSeeded, UID, type SeedReport } from './report';
import { createAdmins, roleIds, type Data, type DocumentRef } from './strapi';

export interface LargeSeedOptions {
  members: number;
  seed: number;
  log?: (line: string) => void;
}

interface CollectivePlan {
  documentId: string;
  kind: 'regional' | 'local';
  name: string;
  place: Place;
  parent: string | null;
}

const DAY = 86_400_000;
const DEMO_ORDER: DemoRole[] = ['member', 'lead', 'moderator', 'board'];
const EVENT_KINDS = [
  'Réunion mensuelle',
  'Café énergie',
  'Atelier rénovation',
  'Permanence d’information',
  'Visite de centrale',
  'Balade à vélo',
];
const DOCUMENT_KINDS = ['Compte rendu', 'Rapport', 'Fiche pratique', 'Note', 'Étude'];
const ACCESS_LEVELS = ['public', 'members', 'collective', 'board'] as const;

const round5 = (n: number): number => Math.round(n * 1e5) / 1e5;

function randomPlace(faker: Faker): Place {
  return {
    city: faker.location.city(),
    postcode: faker.location.zipCode('#####'),
    lat: round5(faker.number.float({ min: 43, max: 50.5 })),
    lon: round5(faker.number.float({ min: -4, max: 7.5 })),
  };
}

/** ~1 collective per 400 members: one regional group per ten, the rest local groups under them. */
function planCollectives(faker: Faker, members: number): CollectivePlan[] {
  const total = Math.max(2, Math.round(members / 400));
  const regionalCount = Math.max(1, Math.round(total / 10));
  const plans: CollectivePlan[] = [];
  for (let i = 0; i < total; i += 1) {
    const place = randomPlace(faker);
    const regional = i < regionalCount;
    plans.push({
      documentId: newDocumentId(),
      kind: regional ? 'regional' : 'local',
      name: regional ? `Coordination ${place.city}` : localGroupName(place.city),
      place,
      parent: regional ? null : (plans[(i - regionalCount) % regionalCount] as CollectivePlan).documentId,
    });
  }
  return plans;
}

export async function seedLarge(strapi: Core.Strapi, options: LargeSeedOptions): Promise<SeedReport> {
  const startedAt = Date.now();
  const log = options.log ?? (() => undefined);
  const skipped = await skipIfSeeded(strapi, log, startedAt);
  if (skipped) return skipped;
  const faker = seededFaker(options.seed);
  const n = Math.max(DEMO_ORDER.length, options.members);
  const roleId = await roleIds(strapi);
  const password = hashSync(DEMO_PASSWORD, 10);

  // Outside the transaction, as in seedDemo: the admin user service fires queries it does not await.
  await createAdmins(strapi, Object.values(demoAdmins), DEMO_PASSWORD);
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const bulk: Bulk = { strapi, trx, now: new Date() };
    const step = (label: string): void => log(`${label} (${Math.round((Date.now() - startedAt) / 100) / 10} s)`);

    const plans = planCollectives(faker, n);
    const locals = plans.filter((p) => p.kind === 'local');
    const regionals = plans.filter((p) => p.kind === 'regional');

    // Members: who they are, where they live, what they follow.
    const users: Data[] = [];
    const profiles: Data[] = [];
    const follows: Array<[string, string]> = [];
    const profileIdByIndex: string[] = [];
    for (let index = 0; index < n; index += 1) {
      const demoRole = DEMO_ORDER[index];
      const local = locals[index % locals.length] as CollectivePlan;
      const seed = makeMember(faker, {
        index,
        total: n,
        place: local.place,
        identity: demoRole ? demoMembers[demoRole] : undefined,
      });
      const userDocumentId = newDocumentId();
      const profileDocumentId = newDocumentId();
      users.push({ documentId: userDocumentId, ...userRow(seed.account, password) });
      profiles.push({ ...seed.profile, documentId: profileDocumentId });
      profileIdByIndex.push(profileDocumentId);
      follows.push([profileDocumentId, local.documentId]);
      if (index % 3 === 0) {
        const other = faker.helpers.arrayElement(locals);
        if (other !== local) follows.push([profileDocumentId, other.documentId]);
      }
      if (index % 4 === 0 && local.parent) follows.push([profileDocumentId, local.parent]);
    }

    // One lead per collective, never a demo account but the lead demo account, who leads the first local group.
    const leads = new Map<string, string>();
    plans.forEach((plan, i) => {
      const index = DEMO_ORDER.length + ((i * 7919) % Math.max(1, n - DEMO_ORDER.length));
      leads.set(plan.documentId, profileIdByIndex[Math.min(index, n - 1)] as string);
    });
    if (locals[0]) leads.set(locals[0].documentId, profileIdByIndex[DEMO_ORDER.indexOf('lead')] as string);
    const leaders = new Set(leads.values());
    const roleOf = (index: number): RoleKey =>
      DEMO_ORDER[index] ?? (leaders.has(profileIdByIndex[index] as string) ? 'lead' : 'member');

    step(`users: ${n}`);
    const userIds = await insertDocuments(bulk, UID.user, users, null);
    const roleRows = (await strapi.db.query(UID.role).findMany({ select: ['id', 'documentId'] })) as DocumentRef[];
    const roleRowIds: IdMap = new Map(roleRows.map((r) => [r.documentId, { draft: null, published: r.id }]));
    const roleDocumentId = new Map(roleRows.map((r) => [r.id, r.documentId]));
    await linkDocuments(
      bulk,
      UID.user,
      'role',
      users.map((u, index) => [u.documentId as string, roleDocumentId.get(roleId[roleOf(index)]) as string]),
      userIds,
      roleRowIds,
    );

    step(`member profiles: ${n}`);
    const profileIds = await insertDocuments(bulk, UID.profile, profiles, null);
    const profileUser = profiles.map((p, i): [string, string] => [
      p.documentId as string,
      users[i]?.documentId as string,
    ]);
    await linkDocuments(bulk, UID.profile, 'user', profileUser, profileIds, userIds);

    step(`collectives: ${plans.length} (${regionals.length} regional, ${locals.length} local)`);
    const collectiveIds = await insertDocuments(
      bulk,
      UID.collective,
      plans.map((p, i) => ({
        documentId: p.documentId,
        name: p.name,
        slug: `${slugify(p.place.city)}-${i + 1}`,
        kind: p.kind,
        description: `${p.name} : sociétaires, projets et rendez-vous autour de ${p.place.city}.`,
        city: p.place.city,
        postcode: p.place.postcode,
        lat: p.place.lat,
        lon: p.place.lon,
        visibility: i % 10 === 9 ? 'members' : 'public',
        contactEmail: `groupe-${i + 1}@energie-commune.example`,
        accentColor: faker.color.rgb({ casing: 'lower' }),
      })),
      'fr',
    );
    await linkDocuments(
      bulk,
      UID.collective,
      'parent',
      plans.filter((p) => p.parent).map((p) => [p.documentId, p.parent as string]),
      collectiveIds,
      collectiveIds,
    );
    await linkDocuments(
      bulk,
      UID.collective,
      'leads',
      [...leads].map(([c, p]) => [c, p]),
      collectiveIds,
      profileIds,
    );
    await linkDocuments(bulk, UID.profile, 'followedCollectives', follows, profileIds, collectiveIds);

    step('categories and tags');
    // Picked from these arrays, in this order (documentIds are random, so never sort by them).
    const categoryDocs = categories.map(() => newDocumentId());
    const tagDocs = tags.map(() => newDocumentId());
    const categoryIds = await insertDocuments(
      bulk,
      UID.category,
      categories.map((c, i) => ({ documentId: categoryDocs[i], slug: c.slug, name: c.name.fr })),
      'fr',
    );
    const tagIds = await insertDocuments(
      bulk,
      UID.tag,
      tags.map((name, i) => ({ documentId: tagDocs[i], name })),
      null,
    );

    const eventCount = Math.round(n / 20);
    step(`events: ${eventCount}`);
    const events: Data[] = [];
    const eventCollective: Array<[string, string]> = [];
    for (let i = 0; i < eventCount; i += 1) {
      const collective = faker.helpers.arrayElement(plans);
      const startsAt = new Date(
        REFERENCE_DATE.getTime() + faker.number.int({ min: -365, max: 365 }) * DAY + 16.5 * 3_600_000,
      );
      const online = faker.datatype.boolean({ probability: 0.2 });
      const documentId = newDocumentId();
      events.push({
        documentId,
        title: `${faker.helpers.arrayElement(EVENT_KINDS)} à ${collective.place.city}`,
        description: `Rendez-vous proposé par : ${collective.name}. Ouvert à ${i % 3 === 0 ? 'tous les sociétaires' : 'toutes et tous'}.`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        place: online
          ? null
          : `${faker.location.streetAddress()}, ${collective.place.postcode} ${collective.place.city}`,
        onlineLink: online ? `https://visio.energie-commune.example/e${i + 1}` : null,
        capacity: i % 2 === 0 ? faker.number.int({ min: 10, max: 200 }) : null,
        registrationOpen: startsAt > REFERENCE_DATE,
        audience: i % 3 === 0 ? 'members' : 'public',
      });
      if (i % 10 !== 9) eventCollective.push([documentId, collective.documentId]);
    }
    const eventIds = await insertDocuments(bulk, UID.event, events, 'fr');
    await linkDocuments(bulk, UID.event, 'collective', eventCollective, eventIds, collectiveIds);

    const documentCount = Math.round(n / 20);
    step(`documents: ${documentCount}`);
    const docs: Data[] = [];
    const docCategory: Array<[string, string]> = [];
    const docTags: Array<[string, string]> = [];
    const docCollective: Array<[string, string]> = [];
    for (let i = 0; i < documentCount; i += 1) {
      const documentId = newDocumentId();
      const accessLevel = ACCESS_LEVELS[i % ACCESS_LEVELS.length] as (typeof ACCESS_LEVELS)[number];
      docs.push({
        documentId,
        title: `${faker.helpers.arrayElement(DOCUMENT_KINDS)} n° ${i + 1}`,
        summary: `Document de la coopérative, accès ${accessLevel}.`,
        accessLevel,
        date: faker.date.between({ from: '2019-01-01T00:00:00.000Z', to: REFERENCE_DATE }).toISOString().slice(0, 10),
        versionLabel: `v${faker.number.int({ min: 1, max: 5 })}`,
      });
      docCategory.push([documentId, faker.helpers.arrayElement(categoryDocs)]);
      for (const tag of faker.helpers.arrayElements(tagDocs, { min: 1, max: 3 })) docTags.push([documentId, tag]);
      if (accessLevel === 'collective' || i % 8 === 1)
        docCollective.push([documentId, faker.helpers.arrayElement(plans).documentId]);
    }
    const documentIds = await insertDocuments(bulk, UID.document, docs, 'fr');
    await linkDocuments(bulk, UID.document, 'category', docCategory, documentIds, categoryIds);
    await linkDocuments(bulk, UID.document, 'tags', docTags, documentIds, tagIds);
    await linkDocuments(bulk, UID.document, 'collective', docCollective, documentIds, collectiveIds);

    const briefCount = Math.round(n / 10);
    step(`briefs: ${briefCount}`);
    const briefs: Data[] = [];
    const briefCollective: Array<[string, string]> = [];
    const briefAuthor: Array<[string, string]> = [];
    for (let i = 0; i < briefCount; i += 1) {
      const collective = plans[i % plans.length] as CollectivePlan;
      const documentId = newDocumentId();
      const publicationDate = new Date(REFERENCE_DATE.getTime() - faker.number.int({ min: 1, max: 730 }) * DAY);
      briefs.push({
        documentId,
        title: `${collective.name} : nouvelles n° ${Math.floor(i / plans.length) + 1}`,
        body: `Les nouvelles du collectif ${collective.name} : réunions, projets et appels à bénévoles.`,
        publicationDate,
        // Published when dated: the mailing sweep (cms/src/mailing/sweep.ts) mails recent briefs
        // that have no mailing, and these were never meant to be mailed.
        publishedAt: publicationDate,
      });
      briefCollective.push([documentId, collective.documentId]);
      briefAuthor.push([documentId, leads.get(collective.documentId) as string]);
    }
    const briefIds = await insertDocuments(bulk, UID.brief, briefs, 'fr');
    await linkDocuments(bulk, UID.brief, 'collective', briefCollective, briefIds, collectiveIds);
    await linkDocuments(bulk, UID.brief, 'author', briefAuthor, briefIds, profileIds);

    step("members' space: memberships, registrations, notifications");
    const activity = await seedSpaceActivity(bulk, faker, {
      profiles: profileIdByIndex,
      localOf: (index) => (locals[index % locals.length] as CollectivePlan).documentId,
      profileIds,
      collectiveIds,
      events: events.map((e) => ({ documentId: e.documentId as string, startsAt: e.startsAt as Date })),
      eventIds,
    });
    step(`members' space: ${JSON.stringify(activity)}`);
  });
  return countReport(strapi, false, startedAt);
}
