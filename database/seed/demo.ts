/**
 * The demo data set of « Énergie Commune », written through the Document Service so that it goes
 * through the same validation, locales and draft/published rows as content typed in the admin panel.
 */
import type { Core } from '@strapi/strapi';
import { hashSync } from 'bcryptjs';
import { roles } from '@notre-asso/config';
import { DEMO_PASSWORD, demoAdmins, demoMembers, type DemoRole } from './demo-accounts';
import { briefsFor } from './content/briefs';
import { attachDocumentFiles } from './files';
import { collectiveBySlug, collectives, type CollectiveSeed, type Place } from './content/collectives';
import { events, fullWorkshop } from './content/events';
import { categories, documents as libraryDocuments, tags } from './content/library';
import { pages, singleLocalePages } from './content/pages';
import { makeMember, REFERENCE_DATE, seededFaker, userRow, type MemberSeed } from './members';
import { countReport, skipIfSeeded, UID, type SeedReport } from './report';
import { createAdmins, createTranslated, defined, documents, roleIds } from './strapi';

const DEMO_SEED = 2026;
const MEMBER_COUNT = 60;
const DEMO_ORDER: DemoRole[] = ['member', 'lead', 'moderator', 'board'];

export interface SeedOptions {
  /** Progress lines (the CLI writes them to stderr). */
  log?: (line: string) => void;
}

interface PlannedMember {
  seed: MemberSeed;
  role: DemoRole;
  follows: string[];
  /** Collectives they are an active member of (their parents are added: membership follows the tree). */
  joins: string[];
}

const locals = collectives.filter((c) => c.kind === 'local');
const thematics = collectives.filter((c) => c.kind === 'thematic');

const placeOf = (slug: string): Place => {
  const place = collectiveBySlug.get(slug)?.place;
  if (!place) throw new Error(`collective "${slug}" has no place`);
  return place;
};

/** Who follows what: the demo accounts are fixed, the others follow their local group and maybe more. */
function planMembers(): PlannedMember[] {
  const faker = seededFaker(DEMO_SEED);
  const demoFollows: Record<DemoRole, string[]> = {
    member: ['lyon', 'saint-etienne'],
    lead: ['lyon', 'solaire-citoyen'],
    moderator: ['grenoble'],
    board: ['conseil', 'lyon'],
  };
  const demoJoins: Record<DemoRole, string[]> = {
    member: ['lyon', 'saint-etienne'],
    lead: ['lyon', 'solaire-citoyen'],
    moderator: ['grenoble'],
    board: ['conseil', 'lyon'],
  };
  const planned: PlannedMember[] = [];
  for (let index = 0; index < MEMBER_COUNT; index += 1) {
    const demoRole = DEMO_ORDER[index];
    if (demoRole) {
      const follows = demoFollows[demoRole];
      const place = placeOf(follows.find((slug) => collectiveBySlug.get(slug)?.kind === 'local') ?? 'lyon');
      const seed = makeMember(faker, { index, total: MEMBER_COUNT, place, identity: demoMembers[demoRole] });
      planned.push({ seed, role: demoRole, follows, joins: demoJoins[demoRole] });
      continue;
    }
    const local = locals[(index - DEMO_ORDER.length) % locals.length] as CollectiveSeed;
    const follows = [local.slug];
    if (index % 2 === 0) follows.push((thematics[(index / 2) % thematics.length] as CollectiveSeed).slug);
    if (index % 5 === 0 && local.parent) follows.push(local.parent);
    const seed = makeMember(faker, { index, total: MEMBER_COUNT, place: placeOf(local.slug) });
    planned.push({ seed, role: 'member', follows, joins: follows.filter((slug) => slug !== local.parent) });
  }
  return planned;
}

/** Accounts first (one bcrypt hash for all), then their profiles; follows come once collectives exist. */
async function seedMembers(strapi: Core.Strapi, planned: PlannedMember[]): Promise<string[]> {
  const roleId = await roleIds(strapi);
  const password = hashSync(DEMO_PASSWORD, 10);
  const now = new Date();
  const profileIds: string[] = [];
  for (const { seed, role } of planned) {
    const user = (await strapi.db.query(UID.user).create({
      data: {
        ...userRow(seed.account, password),
        role: roleId[role],
        publishedAt: now,
      },
    })) as { documentId: string };
    const created = await documents(strapi, UID.profile).create({ data: { ...seed.profile, user: user.documentId } });
    profileIds.push(created.documentId);
  }
  return profileIds;
}

async function seedCollectives(strapi: Core.Strapi, leads: Map<string, string[]>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const c of collectives) {
    const parent = c.parent ? ids.get(c.parent) : undefined;
    const shared = defined({
      slug: c.slug,
      kind: c.kind,
      visibility: c.visibility,
      accentColor: c.accentColor,
      contactEmail: `${c.slug}@energie-commune.example`,
      city: c.place?.city,
      postcode: c.place?.postcode,
      lat: c.place?.lat,
      lon: c.place?.lon,
      parent,
      leads: leads.get(c.slug),
    });
    const documentId = await createTranslated(
      strapi,
      UID.collective,
      {
        fr: { ...shared, name: c.name.fr, description: c.description.fr },
        en: { ...shared, name: c.name.en, description: c.description.en },
      },
      'published',
    );
    ids.set(c.slug, documentId);
  }
  return ids;
}

function lookup(ids: Map<string, string>, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const id = ids.get(key);
  if (!id) throw new Error(`unknown reference "${key}"`);
  return id;
}

async function seedLibrary(strapi: Core.Strapi, collectiveIds: Map<string, string>): Promise<void> {
  const categoryIds = new Map<string, string>();
  for (const c of categories) {
    const id = await createTranslated(strapi, UID.category, {
      fr: { slug: c.slug, name: c.name.fr },
      en: { slug: c.slug, name: c.name.en },
    });
    categoryIds.set(c.slug, id);
  }
  const tagIds = new Map<string, string>();
  for (const name of tags) tagIds.set(name, (await documents(strapi, UID.tag).create({ data: { name } })).documentId);

  for (const d of libraryDocuments) {
    const shared = defined({
      accessLevel: d.accessLevel,
      date: d.date,
      versionLabel: d.versionLabel,
      category: lookup(categoryIds, d.category),
      tags: d.tags.map((t) => lookup(tagIds, t)),
      collective: lookup(collectiveIds, d.collective),
    });
    await createTranslated(
      strapi,
      UID.document,
      {
        fr: { ...shared, title: d.title.fr, summary: d.summary.fr },
        en: { ...shared, title: d.title.en, summary: d.summary.en },
      },
      'published',
    );
  }
}

/** Creates the events; returns their documentIds by French title. */
async function seedEvents(strapi: Core.Strapi, collectiveIds: Map<string, string>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const e of events) {
    const shared = defined({
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      audience: e.audience,
      place: e.place,
      onlineLink: e.onlineLink,
      capacity: e.capacity,
      registrationOpen: e.registrationOpen,
      collective: lookup(collectiveIds, e.collective),
    });
    const documentId = await createTranslated(
      strapi,
      UID.event,
      {
        fr: { ...shared, title: e.title.fr, description: e.description.fr },
        en: { ...shared, title: e.title.en, description: e.description.en },
      },
      'published',
    );
    ids.set(e.title.fr, documentId);
  }
  return ids;
}

/** A collective and its parents, up to the region: membership follows the tree. */
function withParents(slug: string): string[] {
  const parent = collectiveBySlug.get(slug)?.parent;
  return parent ? [slug, ...withParents(parent)] : [slug];
}

/** Active memberships; those of members-only collectives were accepted by the board. */
async function seedMemberships(
  strapi: Core.Strapi,
  planned: PlannedMember[],
  profileIds: string[],
  collectiveIds: Map<string, string>,
  decidedBy: string,
): Promise<void> {
  for (const [i, member] of planned.entries()) {
    for (const slug of new Set(member.joins.flatMap(withParents))) {
      const decided = collectiveBySlug.get(slug)?.visibility === 'members';
      await documents(strapi, UID.membership).create({
        data: defined({
          profile: profileIds[i],
          collective: lookup(collectiveIds, slug),
          state: 'active',
          decidedAt: decided ? REFERENCE_DATE.toISOString() : undefined,
          decidedBy: decided ? decidedBy : undefined,
        }),
      });
    }
  }
}

/** The full workshop's two seats: the lead demo account first, then the first generated member. */
async function seedRegistrations(strapi: Core.Strapi, eventIds: Map<string, string>, holders: string[]) {
  const event = lookup(eventIds, fullWorkshop.title.fr) as string;
  for (const profile of holders.slice(0, fullWorkshop.capacity)) {
    await documents(strapi, UID.registration).create({
      data: { event: { connect: [{ documentId: event, locale: 'fr' }] }, profile, state: 'confirmed' },
    });
  }
}

async function seedPages(strapi: Core.Strapi, collectiveIds: Map<string, string>): Promise<void> {
  for (const p of pages) {
    const shared = defined({ slug: p.slug, collective: lookup(collectiveIds, p.collective) });
    await createTranslated(
      strapi,
      UID.page,
      {
        fr: { ...shared, title: p.title.fr, body: p.body.fr, seoDescription: p.seoDescription.fr },
        en: { ...shared, title: p.title.en, body: p.body.en, seoDescription: p.seoDescription.en },
      },
      'published',
    );
  }
  for (const p of singleLocalePages) {
    const { status, ...data } = p;
    await createTranslated(strapi, UID.page, { fr: data }, status);
  }
}

async function seedBriefs(
  strapi: Core.Strapi,
  collectiveIds: Map<string, string>,
  authors: Map<string, string>,
): Promise<void> {
  const writers = collectives.filter((c) => c.kind === 'local' || c.kind === 'thematic');
  for (const [position, c] of writers.entries()) {
    const author = authors.get(c.slug);
    if (!author) throw new Error(`collective "${c.slug}" has neither lead nor follower to write its briefs`);
    for (const brief of briefsFor(c, position)) {
      const publicationDate = new Date(
        REFERENCE_DATE.getTime() - brief.daysBefore * 86_400_000 + 8 * 3_600_000,
      ).toISOString();
      const shared = { collective: lookup(collectiveIds, c.slug), author, publicationDate };
      await createTranslated(
        strapi,
        UID.brief,
        {
          fr: { ...shared, title: brief.title.fr, body: brief.body.fr },
          en: { ...shared, title: brief.title.en, body: brief.body.en },
        },
        'published',
      );
    }
  }
}

/**
 * Seeds the demo cooperative on an empty database; does nothing (and says so) when any collective
 * or member profile already exists. Everything is written in one transaction.
 */
export async function seedDemo(strapi: Core.Strapi, options: SeedOptions = {}): Promise<SeedReport> {
  const startedAt = Date.now();
  const log = options.log ?? (() => undefined);
  const skipped = await skipIfSeeded(strapi, log, startedAt);
  if (skipped) return skipped;
  // Before the transaction: the admin user service fires queries it does not wait for, which
  // would run on a finished transaction. Existing accounts are kept, so a re-run after a failure works.
  log('admin-panel accounts');
  await createAdmins(strapi, Object.values(demoAdmins), DEMO_PASSWORD);
  await strapi.db.transaction(async () => {
    const planned = planMembers();
    log(`members: ${planned.length} accounts and profiles`);
    const profileIds = await seedMembers(strapi, planned);
    const profileOf = (role: DemoRole): string => profileIds[DEMO_ORDER.indexOf(role)] as string;

    // Leads are only people whose role lets them act as such (the lead and board demo accounts).
    const leads = new Map<string, string[]>([
      ['lyon', [profileOf('lead')]],
      ['conseil', [profileOf('board')]],
    ]);
    log(`collectives: ${collectives.length}, in fr and en`);
    const collectiveIds = await seedCollectives(strapi, leads);

    const authors = new Map<string, string>();
    for (const [slug, [first]] of leads) if (first) authors.set(slug, first);
    for (const [i, member] of planned.entries()) {
      const followed = member.follows.map((slug) => lookup(collectiveIds, slug) as string);
      await documents(strapi, UID.profile).update({
        documentId: profileIds[i] as string,
        data: { followedCollectives: followed },
      });
      // Groups without a lead get their briefs from a follower, never from a demo account.
      if (i >= DEMO_ORDER.length)
        for (const slug of member.follows) if (!authors.has(slug)) authors.set(slug, profileIds[i] as string);
    }

    log('collective memberships');
    await seedMemberships(strapi, planned, profileIds, collectiveIds, profileOf('board'));

    log('library: categories, tags and documents');
    await seedLibrary(strapi, collectiveIds);
    log('events and the full workshop’s registrations');
    const eventIds = await seedEvents(strapi, collectiveIds);
    await seedRegistrations(strapi, eventIds, [profileOf('lead'), profileIds[DEMO_ORDER.length] as string]);
    log('pages');
    await seedPages(strapi, collectiveIds);
    log('briefs');
    await seedBriefs(strapi, collectiveIds, authors);
  });
  // After the commit: the files are written to disk, which a rollback would not undo.
  log(`document files: ${await attachDocumentFiles(strapi)}`);
  log(
    `demo accounts: ${Object.values(demoMembers)
      .map((m) => m.email)
      .join(', ')} (password ${DEMO_PASSWORD}); roles ${DEMO_ORDER.map((r) => roles[r].type).join(', ')}`,
  );
  return countReport(strapi, false, startedAt);
}
