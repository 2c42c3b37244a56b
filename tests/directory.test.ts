import type { Core } from '@strapi/strapi';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';

let strapi: Core.Strapi;
let inbox: Inbox;

/** A token only our members' names contain, so that the seeded members do not get in the way. */
const TOKEN = 'Qxzyw';
const LYON = { lat: 45.764, lon: 4.8357 };
const VILLEURBANNE = { lat: 45.7719, lon: 4.8902 };
const SAINT_ETIENNE = { lat: 45.4397, lon: 4.3872 };
const GRENOBLE = { lat: 45.1885, lon: 5.7245 };

/** Great-circle distance, written independently of the CMS's. */
function expectedKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const toRad = Math.PI / 180;
  const cosine =
    Math.sin(a.lat * toRad) * Math.sin(b.lat * toRad) +
    Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.cos((b.lon - a.lon) * toRad);
  return 6371 * Math.acos(Math.min(1, cosine));
}

let me: TestMember;
let nearby: TestMember;
let farther: TestMember;
let far: TestMember;
let hidden: TestMember;
let nowhere: TestMember;

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  me = await createMember(strapi, { displayName: `Agathe ${TOKEN}`, ...LYON, city: 'Lyon' }, 'me');
  nearby = await createMember(
    strapi,
    { displayName: `Zoé Éphémère ${TOKEN}`, ...VILLEURBANNE, city: 'Villeurbanne', skills: ['Électricité', 'vélo'] },
    'nearby',
  );
  farther = await createMember(
    strapi,
    { displayName: `Basile ${TOKEN}`, ...SAINT_ETIENNE, city: 'Saint-Étienne' },
    'st',
  );
  far = await createMember(strapi, { displayName: `Chloé ${TOKEN}`, ...GRENOBLE, city: 'Grenoble' }, 'far');
  hidden = await createMember(strapi, { displayName: `Denis ${TOKEN}`, ...LYON, directoryConsent: false }, 'hidden');
  nowhere = await createMember(strapi, { displayName: `Eve ${TOKEN}` }, 'nowhere');
  const grenoble = await strapi.db
    .query('api::collective.collective')
    .findOne({ where: { slug: 'grenoble', locale: 'fr', publishedAt: { $notNull: true } } });
  await strapi.db
    .query('api::membership.membership')
    .create({ data: { profile: nearby.profileId, collective: grenoble.id, state: 'active' } });
});
afterAll(async () => {
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
  await inbox.stop();
});

const search = (member: TestMember, query: string) =>
  http(strapi).get(`/api/space/directory?${query}`).set(member.headers);
const names = (res: { body: { data: Array<{ displayName: string }> } }) => res.body.data.map((e) => e.displayName);

describe('GET /api/space/directory', () => {
  it('refuses anonymous visitors with 401', async () => {
    expect((await http(strapi).get('/api/space/directory')).status).toBe(401);
  });

  it.each(viewers.filter((v) => v !== 'anonymous'))('answers %s with a page of members', async (viewer) => {
    const res = await http(strapi)
      .get('/api/space/directory')
      .set(await as(strapi, viewer));
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 24 });
    expect(res.body.data.length).toBeGreaterThan(0);
  });

  it('lists only members who consented, and only their directory fields', async () => {
    const res = await search(me, `q=${TOKEN}`);
    expect(res.status).toBe(200);
    const expected = ['Agathe', 'Basile', 'Chloé', 'Eve', 'Zoé Éphémère'].map((n) => `${n} ${TOKEN}`);
    expect(names(res)).toEqual(expected);
    for (const entry of res.body.data) {
      expect(Object.keys(entry).sort()).toEqual(['bio', 'city', 'collectives', 'displayName', 'documentId', 'skills']);
    }
    const text = JSON.stringify(res.body);
    for (const member of [me, nearby, farther, far, hidden, nowhere]) expect(text).not.toContain(member.email);
    expect(text).not.toMatch(/membershipNumber|"lat"|"lon"|email|45\.77/);
  });

  it('searches names without caring for accents or case, skills, cities and collectives', async () => {
    expect(names(await search(me, 'q=ZOE%20ephemere'))).toEqual([`Zoé Éphémère ${TOKEN}`]);
    expect(names(await search(me, `q=${TOKEN}&skill=electricite`))).toEqual([`Zoé Éphémère ${TOKEN}`]);
    expect(names(await search(me, `q=${TOKEN}&city=VILLEURBANNE`))).toEqual([`Zoé Éphémère ${TOKEN}`]);
    const byCollective = await search(me, `q=${TOKEN}&collective=grenoble`);
    expect(names(byCollective)).toEqual([`Zoé Éphémère ${TOKEN}`]);
    expect(byCollective.body.data[0].collectives).toEqual([expect.stringMatching(/Grenoble/)]);
    expect(names(await search(me, 'q=100%25'))).toEqual([]);
  });

  it('finds members near me, nearest first, with their distance', async () => {
    const res = await search(me, `q=${TOKEN}&near=60`);
    expect(res.status).toBe(200);
    const found = res.body.data as Array<{ displayName: string; distanceKm: number }>;
    expect(found.map((e) => e.displayName)).toEqual([`Agathe ${TOKEN}`, `Zoé Éphémère ${TOKEN}`, `Basile ${TOKEN}`]);
    expect(found[0]!.distanceKm).toBe(0);
    expect(found[1]!.distanceKm).toBeCloseTo(expectedKm(LYON, VILLEURBANNE), 0);
    expect(found[2]!.distanceKm).toBeCloseTo(expectedKm(LYON, SAINT_ETIENNE), 0);
    expect(found[2]!.distanceKm).toBeGreaterThan(45);
    expect(found[2]!.distanceKm).toBeLessThan(55);
    const wider = await search(me, `q=${TOKEN}&near=150`);
    expect(names(wider)).toContain(`Chloé ${TOKEN}`);
    expect(wider.body.meta.pagination.total).toBe(4);
  });

  it('refuses near-me without a position of mine, or with a bad distance, with 400 and a message', async () => {
    const noPosition = await search(nowhere, 'near=10');
    expect(noPosition.status).toBe(400);
    expect(noPosition.body.error.message).toMatch(/position/);
    for (const near of ['0', '-5', '501', 'abc', '']) {
      const res = await search(me, `near=${near}`);
      expect({ near, status: res.status }).toEqual({ near, status: 400 });
      expect(res.body.error.message).toMatch(/near/);
    }
    expect((await search(me, 'page=0')).status).toBe(400);
  });
});

describe('POST /api/space/directory/:documentId/contact', () => {
  const contact = (from: TestMember, to: string, body: unknown) =>
    http(strapi)
      .post(`/api/space/directory/${to}/contact`)
      .set(from.headers)
      .send(body as object);

  it('refuses anonymous visitors with 401', async () => {
    const res = await http(strapi)
      .post(`/api/space/directory/${nearby.documentId}/contact`)
      .send({ message: 'Bonjour' });
    expect(res.status).toBe(401);
  });

  it('mails the member my name and message, revealing neither address', async () => {
    const res = await contact(me, nearby.documentId, { message: 'Bonjour, on fait du vélo samedi ?' });
    expect(res.status).toBe(202);
    const mail = await inbox.waitFor(nearby.email);
    expect(mail.subject).toContain(`Agathe ${TOKEN}`);
    expect(mail.text).toContain('Bonjour, on fait du vélo samedi ?');
    expect(mail.text).toMatch(/annuaire/);
    const raw = JSON.stringify({ headers: [...mail.headers], text: mail.text, html: mail.html });
    expect(raw).not.toContain(me.email);
    expect(mail.replyTo?.text ?? '').not.toContain(me.email);
    expect(inbox.to(me.email)).toEqual([]);
  });

  it('answers 404 for members not in the directory, and unknown ones', async () => {
    expect((await contact(me, hidden.documentId, { message: 'Bonjour' })).status).toBe(404);
    expect((await contact(me, 'no-such-member', { message: 'Bonjour' })).status).toBe(404);
  });

  it('refuses an empty or too long message with 400 and a message', async () => {
    for (const body of [{}, { message: '   ' }, { message: 'x'.repeat(2001) }]) {
      const res = await contact(me, nearby.documentId, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/message/i);
    }
  });

  it('holds each sender to 10 contacts a day (429 after)', async () => {
    const sender = await createMember(strapi, { displayName: `Fanny ${TOKEN}` }, 'sender');
    for (let i = 0; i < 10; i += 1) {
      expect((await contact(sender, farther.documentId, { message: `Message ${i}` })).status).toBe(202);
    }
    const refused = await contact(sender, farther.documentId, { message: 'Un de trop' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/demain|tomorrow/);
    // Another sender is not held back by it.
    expect((await contact(me, farther.documentId, { message: 'Bonjour' })).status).toBe(202);
    for (let i = 0; i < 10; i += 1) await inbox.waitFor(farther.email, (m) => (m.text ?? '').includes(`Message ${i}`));
    expect(inbox.to(farther.email).some((m) => (m.text ?? '').includes('Un de trop'))).toBe(false);
  });
});
