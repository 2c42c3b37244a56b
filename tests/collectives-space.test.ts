import type { Core } from '@strapi/strapi';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import {
  bearer,
  collectiveId,
  createMembers,
  expectAnonymousRefused,
  removeMembers,
  type TestMember,
} from './support/members';

let strapi: Core.Strapi;
let inbox: Inbox;
let members: TestMember[];
const ids: Record<string, string> = {};

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  members = await createMembers(strapi, 'coll', 6);
  for (const slug of ['lyon', 'grenoble', 'auvergne-rhone-alpes', 'saint-etienne', 'rennes', 'brest', 'bretagne'])
    ids[slug] = await collectiveId(strapi, slug);
});
afterAll(async () => {
  if (members) await removeMembers(strapi, members);
  await stopStrapi(strapi);
  await inbox.stop();
});

interface Summary {
  documentId: string;
  slug: string;
  following: boolean;
  emailBriefs: boolean;
  membership: string | null;
  lead: boolean;
  members: number;
  followers: number;
  parent: string | null;
}

async function collectivesOf(headers: Record<string, string>, locale = 'fr'): Promise<Map<string, Summary>> {
  const res = await http(strapi).get(`/api/space/collectives?locale=${locale}`).set(headers);
  expect(res.status).toBe(200);
  return new Map((res.body.data as Summary[]).map((c) => [c.slug, c]));
}

async function membershipStates(member: TestMember): Promise<Record<string, string>> {
  const rows = await strapi.db.query('api::membership.membership').findMany({
    where: { profile: { id: member.profileId } },
    populate: { collective: { select: ['slug'] } },
  });
  return Object.fromEntries(
    rows.map((r: { state: string; collective: { slug: string } }) => [r.collective.slug, r.state]),
  );
}

describe('the list of collectives', () => {
  it('is for members only', async () => {
    expectAnonymousRefused((await http(strapi).get('/api/space/collectives')).status);
  });

  it('tells the demo member what they follow and belong to, and the lead what they lead', async () => {
    const mine = await collectivesOf(await as(strapi, 'member'));
    expect(mine.size).toBe(15);
    expect(mine.get('lyon')).toMatchObject({ following: true, membership: 'active', lead: false });
    expect(mine.get('auvergne-rhone-alpes')).toMatchObject({ membership: 'active', parent: null });
    expect(mine.get('lyon')?.parent).toBe(ids['auvergne-rhone-alpes']);
    expect(mine.get('brest')?.membership).toBeNull();
    expect(mine.get('lyon')!.members).toBeGreaterThanOrEqual(3);
    const lead = await collectivesOf(await as(strapi, 'lead'));
    expect(lead.get('lyon')).toMatchObject({ lead: true, membership: 'active' });
    expect(lead.get('grenoble')?.lead).toBe(false);
    const english = await collectivesOf(await as(strapi, 'member'), 'en');
    expect(english.size).toBe(15);
  });
});

describe('following', () => {
  it('follows with or without the briefs by e-mail, and unfollows', async () => {
    const [m] = members;
    const path = `/api/space/collectives/${ids.brest}/follow`;
    const before = (await collectivesOf(bearer(m))).get('brest')!.followers;
    const followed = await http(strapi).put(path).set(bearer(m)).send({ emailBriefs: true });
    expect(followed.status).toBe(200);
    let list = await collectivesOf(bearer(m));
    expect(list.get('brest')).toMatchObject({ following: true, emailBriefs: true, followers: before + 1 });
    await http(strapi).put(path).set(bearer(m)).send({ emailBriefs: false }).expect(200);
    list = await collectivesOf(bearer(m));
    expect(list.get('brest')).toMatchObject({ following: true, emailBriefs: false });
    await http(strapi).delete(path).set(bearer(m)).expect(200);
    list = await collectivesOf(bearer(m));
    expect(list.get('brest')).toMatchObject({ following: false, emailBriefs: false, followers: before });
  });

  it('refuses bad input and unknown collectives with a message; anonymous visitors are refused', async () => {
    const [m] = members;
    const bad = await http(strapi).put(`/api/space/collectives/${ids.brest}/follow`).set(bearer(m)).send({});
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/emailBriefs/);
    const unknown = await http(strapi)
      .put('/api/space/collectives/nope/follow')
      .set(bearer(m))
      .send({ emailBriefs: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/No such collective/);
    expectAnonymousRefused(
      (await http(strapi).put(`/api/space/collectives/${ids.brest}/follow`).send({ emailBriefs: true })).status,
    );
  });
});

describe('membership follows the tree', () => {
  it('joining a public local group makes one a member of its region; leaving the region leaves the group', async () => {
    const m = members[1];
    const res = await http(strapi).post(`/api/space/collectives/${ids.grenoble}/membership`).set(bearer(m));
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ state: 'active' });
    expect(await membershipStates(m)).toEqual({ grenoble: 'active', 'auvergne-rhone-alpes': 'active' });
    await http(strapi).post(`/api/space/collectives/${ids.lyon}/membership`).set(bearer(m)).expect(201);
    expect(await membershipStates(m)).toEqual({ grenoble: 'active', lyon: 'active', 'auvergne-rhone-alpes': 'active' });

    await http(strapi).delete(`/api/space/collectives/${ids.lyon}/membership`).set(bearer(m)).expect(200);
    expect(await membershipStates(m)).toEqual({ grenoble: 'active', 'auvergne-rhone-alpes': 'active' });
    await http(strapi)
      .delete(`/api/space/collectives/${ids['auvergne-rhone-alpes']}/membership`)
      .set(bearer(m))
      .expect(200);
    expect(await membershipStates(m)).toEqual({});
    const again = await http(strapi).delete(`/api/space/collectives/${ids.grenoble}/membership`).set(bearer(m));
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/No membership/);
  });

  it('only collectives one belongs to open their collective-level documents, following is not enough', async () => {
    const m = members[2];
    const rennesDocs = async () => {
      const res = await http(strapi)
        .get(`/api/documents?filters[accessLevel]=collective&filters[collective][documentId]=${ids.rennes}`)
        .set(bearer(m));
      expect(res.status).toBe(200);
      return res.body.data.length as number;
    };
    await http(strapi).put(`/api/space/collectives/${ids.rennes}/follow`).set(bearer(m)).send({ emailBriefs: false });
    expect(await rennesDocs()).toBe(0);
    await http(strapi).post(`/api/space/collectives/${ids.rennes}/membership`).set(bearer(m)).expect(201);
    expect(await rennesDocs()).toBeGreaterThan(0);
    await http(strapi).delete(`/api/space/collectives/${ids.bretagne}/membership`).set(bearer(m)).expect(200);
    expect(await rennesDocs()).toBe(0);
  });
});

describe('members-only collectives are joined on request', () => {
  const requests = `/api/space/collectives`;

  it('a request waits for a decision; the collective’s leads and the board decide, nobody else', async () => {
    const [, , , asker, other] = members;
    const res = await http(strapi).post(`${requests}/${ids['saint-etienne']}/membership`).set(bearer(asker));
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ state: 'requested' });
    expect((await collectivesOf(bearer(asker))).get('saint-etienne')?.membership).toBe('requested');
    expect(await membershipStates(asker)).toEqual({ 'saint-etienne': 'requested' });

    // Another member cannot see the roster nor decide; the lead of Lyon does not lead Saint-Étienne.
    expect((await http(strapi).get(`${requests}/${ids['saint-etienne']}/members`).set(bearer(other))).status).toBe(403);
    const lead = await http(strapi)
      .get(`${requests}/${ids['saint-etienne']}/members`)
      .set(await as(strapi, 'lead'));
    expect(lead.status).toBe(403);
    expect(lead.body.error.message).toMatch(/leads and the board/);
    const leadDecides = await http(strapi)
      .post(`${requests}/${ids['saint-etienne']}/requests/${asker.profileDocumentId}`)
      .set(await as(strapi, 'lead'))
      .send({ accept: true });
    expect(leadDecides.status).toBe(403);
    expectAnonymousRefused((await http(strapi).get(`${requests}/${ids['saint-etienne']}/members`)).status);

    const board = await http(strapi)
      .get(`${requests}/${ids['saint-etienne']}/members`)
      .set(await as(strapi, 'board'));
    expect(board.status).toBe(200);
    expect(board.body.data.requests.map((r: { documentId: string }) => r.documentId)).toEqual([
      asker.profileDocumentId,
    ]);

    const bad = await http(strapi)
      .post(`${requests}/${ids['saint-etienne']}/requests/${asker.profileDocumentId}`)
      .set(await as(strapi, 'board'))
      .send({ accept: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/accept/);

    const accepted = await http(strapi)
      .post(`${requests}/${ids['saint-etienne']}/requests/${asker.profileDocumentId}`)
      .set(await as(strapi, 'board'))
      .send({ accept: true });
    expect(accepted.status).toBe(200);
    expect(await membershipStates(asker)).toEqual({ 'saint-etienne': 'active', 'auvergne-rhone-alpes': 'active' });
    const mail = await inbox.waitFor(asker.email, (m) => /acceptée/.test(m.subject ?? ''));
    expect(mail.text).toContain('Saint-Étienne');
    const notifications = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { profile: { id: asker.profileId }, kind: 'membership.accepted' } });
    expect(notifications).toHaveLength(1);

    const twice = await http(strapi)
      .post(`${requests}/${ids['saint-etienne']}/requests/${asker.profileDocumentId}`)
      .set(await as(strapi, 'board'))
      .send({ accept: true });
    expect(twice.status).toBe(409);
  });

  it('a refused requester is told, and may ask again', async () => {
    const asker = members[4];
    await http(strapi).post(`${requests}/${ids['saint-etienne']}/membership`).set(bearer(asker)).expect(201);
    await http(strapi)
      .post(`${requests}/${ids['saint-etienne']}/requests/${asker.profileDocumentId}`)
      .set(await as(strapi, 'board'))
      .send({ accept: false })
      .expect(200);
    expect(await membershipStates(asker)).toEqual({ 'saint-etienne': 'refused' });
    await inbox.waitFor(asker.email, (m) => /pas été retenue/.test(m.subject ?? ''));
    const again = await http(strapi).post(`${requests}/${ids['saint-etienne']}/membership`).set(bearer(asker));
    expect(again.body.data).toEqual({ state: 'requested' });
  });
});

describe('leads manage their collective', () => {
  it('the lead of Lyon sees its members, requests and followers, and removes a member', async () => {
    const m = members[5];
    await http(strapi).post(`/api/space/collectives/${ids.lyon}/membership`).set(bearer(m)).expect(201);
    const res = await http(strapi)
      .get(`/api/space/collectives/${ids.lyon}/members`)
      .set(await as(strapi, 'lead'));
    expect(res.status).toBe(200);
    const names = res.body.data.members.map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['Camille Martin', 'Léa Bernard', m.displayName]));
    expect(res.body.data.followers.length).toBeGreaterThan(0);
    expect(Object.keys(res.body.data.members[0]).sort()).toEqual(['displayName', 'documentId', 'since']);

    expect(
      (
        await http(strapi)
          .delete(`/api/space/collectives/${ids.lyon}/members/${m.profileDocumentId}`)
          .set(bearer(members[0]))
      ).status,
    ).toBe(403);
    const removed = await http(strapi)
      .delete(`/api/space/collectives/${ids.lyon}/members/${m.profileDocumentId}`)
      .set(await as(strapi, 'lead'));
    expect(removed.status).toBe(200);
    expect(await membershipStates(m)).toEqual({ 'auvergne-rhone-alpes': 'active' });
    const foreign = await http(strapi)
      .delete(`/api/space/collectives/${ids.grenoble}/members/${m.profileDocumentId}`)
      .set(await as(strapi, 'lead'));
    expect(foreign.status).toBe(403);
  });
});
