import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { fullWorkshop, seedDemo } from '../database/seed';
import { collectiveBySlug } from '../database/seed/content/collectives';
import { demoMembers } from '../database/seed/demo-accounts';
import { startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;

interface Membership {
  profile: { id: number };
  collective: { slug: string };
}
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

const count = (uid: string, where: Record<string, unknown> = {}) => strapi.db.query(uid).count({ where });
const published = (uid: string, where: Record<string, unknown> = {}) =>
  count(uid, { ...where, locale: 'fr', publishedAt: { $notNull: true } });

describe('the demo cooperative "Énergie Commune"', () => {
  it('has its collectives: 3 regional, 8 local under them, 3 thematic, a board', async () => {
    const uid = 'api::collective.collective';
    expect(await published(uid, { kind: 'regional' })).toBe(3);
    expect(await published(uid, { kind: 'local' })).toBe(8);
    expect(await published(uid, { kind: 'thematic' })).toBe(3);
    expect(await published(uid, { kind: 'board' })).toBe(1);
    expect(await published(uid, { kind: 'local', parent: { kind: 'regional' } })).toBe(8);
    expect(await count(uid, { locale: 'en', publishedAt: { $notNull: true } })).toBe(15);
  });

  it('has 60 members across the 5 colleges, one profile per account', async () => {
    const uid = 'api::member-profile.member-profile';
    expect(await count(uid)).toBe(60);
    expect(await count('plugin::users-permissions.user')).toBe(60);
    for (const college of organisation.colleges) expect(await count(uid, { college: college.code })).toBe(12);
    expect(await count(uid, { user: { id: { $null: true } } })).toBe(0);
  });

  it('has one demo account per role', async () => {
    const types = { member: 'authenticated', lead: 'collective-lead', moderator: 'moderator', board: 'board' };
    for (const [role, account] of Object.entries(demoMembers)) {
      const user = await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { email: account.email }, populate: ['role'] });
      expect(user.role.type).toBe(types[role as keyof typeof types]);
    }
  });

  it('has 13 events, 20 documents at every access level, 11 translated pages, briefs', async () => {
    expect(await published('api::event.event')).toBe(13);
    expect(await published('api::document.document')).toBe(20);
    for (const level of ['public', 'members', 'collective', 'board']) {
      expect(await published('api::document.document', { accessLevel: level })).toBe(5);
    }
    const page = 'api::page.page';
    // 11 pages in both languages (the charter among them), plus one only in French and one draft never published.
    expect(await count(page, { locale: 'en', publishedAt: { $notNull: true } })).toBe(11);
    expect(await published(page)).toBe(12);
    expect(await count(page, { locale: 'fr', publishedAt: null })).toBe(13);
    expect(await published('api::brief.brief')).toBeGreaterThanOrEqual(20);
  });

  it('has active memberships along the tree: the demo member and the lead of Lyon belong to Lyon and its region', async () => {
    const slugsOf = async (email: string) => {
      const rows = await strapi.db.query('api::membership.membership').findMany({
        where: { profile: { user: { email } }, state: 'active' },
        populate: { collective: { select: ['slug'] } },
      });
      return rows.map((r: { collective: { slug: string } }) => r.collective.slug).sort();
    };
    expect(await slugsOf(demoMembers.member.email)).toEqual(['auvergne-rhone-alpes', 'lyon', 'saint-etienne']);
    expect(await slugsOf(demoMembers.lead.email)).toEqual(['auvergne-rhone-alpes', 'lyon', 'solaire-citoyen']);
    // Whoever belongs to a local group belongs to its region.
    const rows = await strapi.db.query('api::membership.membership').findMany({
      where: { state: 'active' },
      populate: { profile: { select: ['id'] }, collective: { select: ['slug'] } },
    });
    const held = new Set(rows.map((r: Membership) => `${r.profile.id}:${r.collective.slug}`));
    const locals = rows.filter((r: Membership) => collectiveBySlug.get(r.collective.slug)?.parent);
    expect(locals.length).toBeGreaterThanOrEqual(56);
    for (const r of locals as Membership[])
      expect(held.has(`${r.profile.id}:${collectiveBySlug.get(r.collective.slug)!.parent}`)).toBe(true);
  });

  it('has the full workshop: members only, its two seats taken by the lead and one member', async () => {
    const event = await strapi.db.query('api::event.event').findOne({
      where: { title: fullWorkshop.title.fr, locale: 'fr', publishedAt: { $notNull: true } },
    });
    expect(event).toMatchObject({ audience: 'members', capacity: 2, registrationOpen: true });
    expect(new Date(event.startsAt).getTime()).toBeGreaterThan(Date.now());
    const seats = await strapi.db.query('api::registration.registration').findMany({
      where: { event: { documentId: event.documentId } },
      populate: { profile: { populate: { user: { select: ['email'] } } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(seats.map((r: { state: string }) => r.state)).toEqual(['confirmed', 'confirmed']);
    const emails = seats.map((r: { profile: { user: { email: string } } }) => r.profile.user.email);
    expect(emails[0]).toBe(demoMembers.lead.email);
    expect(emails).not.toContain(demoMembers.member.email);
  });

  const seededTypes = [
    'api::page.page',
    'api::member-profile.member-profile',
    'api::event.event',
    'api::membership.membership',
    'api::registration.registration',
  ];

  it('seeding again changes nothing', async () => {
    const before = await Promise.all(seededTypes.map((uid) => count(uid)));
    const report = await seedDemo(strapi);
    expect(report.skipped).toBe(true);
    const after = await Promise.all(seededTypes.map((uid) => count(uid)));
    expect(after).toEqual(before);
  });
});
