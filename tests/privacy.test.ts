import type { Core } from '@strapi/strapi';
import { looksLikeReference, personalDataProviders } from '@notre-asso/plugin-kit';
import { BOUNCE, recordPermanentFailure } from '../cms/src/mailing/bounces';
import { notify } from '../cms/src/notifications';
import { ERASED_NAME, relationPolicy } from '../cms/src/space/erasure';
import { personalRelations } from '../cms/src/space/personal-data';
import { DEMO_PASSWORD } from '../database/seed/demo-accounts';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';

const PROFILE = 'api::member-profile.member-profile';
let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(async () => {
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

/** A member with something in every table of the members' space. */
async function activeMember(label: string): Promise<TestMember> {
  const member = await createMember(
    strapi,
    {
      displayName: `Personne ${label}`,
      city: 'Lyon',
      lat: 45.76,
      lon: 4.83,
      skills: ['juridique'],
      bio: `Bio ${label}`,
    },
    label,
  );
  const lyon = await strapi.db
    .query('api::collective.collective')
    .findOne({ where: { slug: 'lyon', locale: 'fr', publishedAt: { $notNull: true } } });
  await strapi.documents(PROFILE).update({
    documentId: member.documentId,
    data: { followedCollectives: [lyon.documentId] } as never,
  });
  await strapi.db
    .query('api::membership.membership')
    .create({ data: { profile: member.profileId, collective: lyon.id, state: 'active' } });
  const event = await strapi.db
    .query('api::event.event')
    .findOne({ where: { locale: 'fr', publishedAt: { $notNull: true } } });
  await strapi.db
    .query('api::registration.registration')
    .create({ data: { profile: member.profileId, event: event.id, state: 'confirmed' } });
  await notify(strapi, member.profileId, { kind: 'test.privacy', title: `Notification ${label}` });
  await recordPermanentFailure(strapi, member.email, `550 mailbox of ${label} unknown`);
  return member;
}

describe('what the erasure and the export know about', () => {
  it('classifies every relation to a member profile or an account for erasure', () => {
    const classified = new Set([...relationPolicy.erase, ...relationPolicy.keep]);
    const unclassified = personalRelations(strapi)
      .map((r) => `${r.uid}.${r.attribute}`)
      .filter((key) => !classified.has(key));
    expect(unclassified).toEqual([]);
  });

  it('asks the plugins that keep members’ data in their own tables: moderation and governance', () => {
    expect(personalDataProviders(strapi).map((p) => p.plugin)).toEqual(
      expect.arrayContaining(['moderation', 'governance']),
    );
  });

  it('classifies every column of a plugin table that may hold a profile id, and only existing ones', async () => {
    const knex = strapi.db.connection;
    const unclassified: string[] = [];
    const unknown: string[] = [];
    for (const { provider } of personalDataProviders(strapi)) {
      const declared = new Set([...Object.keys(provider.profileColumns), ...provider.otherReferences]);
      const existing = new Set<string>();
      for (const table of provider.tables)
        for (const column of Object.keys(await knex(table).columnInfo())) {
          existing.add(`${table}.${column}`);
          if (looksLikeReference(column) && !declared.has(`${table}.${column}`))
            unclassified.push(`${table}.${column}`);
        }
      unknown.push(...[...declared].filter((key) => !existing.has(key)));
    }
    expect({ unclassified, unknown }).toEqual({ unclassified: [], unknown: [] });
  });

  it('finds the members’ space tables among them', () => {
    const keys = personalRelations(strapi).map((r) => `${r.uid}.${r.attribute}`);
    for (const key of [
      'api::membership.membership.profile',
      'api::registration.registration.profile',
      'api::notification.notification.profile',
      'api::collective.collective.followers',
    ]) {
      expect(keys).toContain(key);
    }
  });
});

describe('GET /api/space/privacy/export', () => {
  it('refuses anonymous visitors with 401', async () => {
    expect((await http(strapi).get('/api/space/privacy/export')).status).toBe(401);
  });

  it.each(viewers.filter((v) => v !== 'anonymous'))('gives %s their data', async (viewer) => {
    const res = await http(strapi)
      .get('/api/space/privacy/export')
      .set(await as(strapi, viewer));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-.*\.json"/);
  });

  it('holds everything about me, no secret, and nothing about anyone else', async () => {
    const me = await activeMember('export-me');
    const other = await activeMember('export-other');
    const res = await http(strapi).get('/api/space/privacy/export').set(me.headers);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.text);
    expect(data.account).toMatchObject({ id: me.userId, email: me.email, blocked: false });
    for (const secret of ['password', 'resetPasswordToken', 'confirmationToken'])
      expect(data.account).not.toHaveProperty(secret);
    expect(data.profile).toMatchObject({ displayName: 'Personne export-me', city: 'Lyon', skills: ['juridique'] });
    expect(data.profile).not.toHaveProperty('calendarToken');
    expect(data.profile.followedCollectives.map((c: { slug: string }) => c.slug)).toContain('lyon');
    const related = data.related as Record<string, Array<Record<string, unknown>>>;
    for (const key of personalRelations(strapi).map((r) => `${r.uid}.${r.attribute}`))
      expect(related).toHaveProperty([key]);
    expect(related['api::membership.membership.profile']).toEqual([
      expect.objectContaining({ state: 'active', collective: expect.objectContaining({ slug: 'lyon' }) }),
    ]);
    expect(related['api::registration.registration.profile']).toHaveLength(1);
    expect(related[`${BOUNCE}.address`]).toEqual([
      expect.objectContaining({ address: me.email.toLowerCase(), lastError: '550 mailbox of export-me unknown' }),
    ]);
    expect(related['api::notification.notification.profile']).toEqual([
      expect.objectContaining({ title: 'Notification export-me' }),
    ]);
    for (const foreign of [other.email, 'Personne export-other', 'Notification export-other', 'Bio export-other']) {
      expect(res.text).not.toContain(foreign);
    }
  });
});

describe('POST /api/space/privacy/erasure', () => {
  it('refuses anonymous visitors with 401', async () => {
    expect((await http(strapi).post('/api/space/privacy/erasure').send({ password: 'x' })).status).toBe(401);
  });

  it('refuses a missing or wrong password with 400 and a message, and erases nothing', async () => {
    const me = await activeMember('erase-wrong');
    for (const body of [{}, { password: 'not-my-password' }]) {
      const res = await http(strapi).post('/api/space/privacy/erasure').set(me.headers).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/password/i);
    }
    const profile = await strapi.db.query(PROFILE).findOne({ where: { id: me.profileId } });
    expect(profile.erasedAt).toBeNull();
  });

  it('anonymises me in one go: account, profile, follows, memberships, registrations, notifications', async () => {
    const me = await activeMember('erase-me');
    const other = await activeMember('erase-other');
    const before = await strapi.db.query(PROFILE).findOne({ where: { id: me.profileId } });
    const res = await http(strapi).post('/api/space/privacy/erasure').set(me.headers).send({ password: DEMO_PASSWORD });
    expect(res.status).toBe(200);

    const profile = await strapi.db.query(PROFILE).findOne({
      where: { id: me.profileId },
      populate: ['followedCollectives', 'ledCollectives', 'mailedCollectives'],
    });
    expect(profile).toMatchObject({
      displayName: ERASED_NAME,
      membershipNumber: before.membershipNumber,
      city: null,
      postcode: null,
      lat: null,
      lon: null,
      skills: null,
      bio: null,
      directoryConsent: false,
      newsletterConsent: false,
      followedCollectives: [],
      ledCollectives: [],
      mailedCollectives: [],
    });
    expect(profile.erasedAt).not.toBeNull();
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: me.userId } });
    expect(await strapi.db.query(BOUNCE).count({ where: { address: me.email.toLowerCase() } })).toBe(0);
    expect(await strapi.db.query(BOUNCE).count({ where: { address: other.email.toLowerCase() } })).toBe(1);
    expect(user.email).not.toBe(me.email);
    expect(user.email).not.toContain('erase-me');
    expect(user.username).not.toContain('erase-me');
    expect(user.blocked).toBe(true);
    for (const uid of [
      'api::membership.membership',
      'api::registration.registration',
      'api::notification.notification',
    ]) {
      expect({ uid, mine: await strapi.db.query(uid).count({ where: { profile: { id: me.profileId } } }) }).toEqual({
        uid,
        mine: 0,
      });
      expect(await strapi.db.query(uid).count({ where: { profile: { id: other.profileId } } })).toBe(1);
    }

    // The session no longer works, the password no longer logs in, the directory forgets me.
    expect((await http(strapi).get('/api/space/dashboard').set(me.headers)).status).toBe(401);
    const login = await http(strapi).post('/api/auth/local').send({ identifier: me.email, password: DEMO_PASSWORD });
    expect(login.status).toBe(400);
    const directory = (q: string) => http(strapi).get(`/api/space/directory?q=${q}`).set(other.headers);
    expect((await directory('Personne%20erase-me')).body.data).toEqual([]);
    expect((await directory(encodeURIComponent(ERASED_NAME))).body.data).toEqual([]);
    expect((await directory('Personne%20erase-other')).body.data).toHaveLength(1);
  });
});
