/**
 * The assembly in the room over HTTP: the board records who is present and the room's totals per
 * resolution, after the remote vote; they join the remote ballots in the tally and the quorum,
 * never more votes than the members present or represented who did not vote remotely; every
 * recording kept with who made it; every new route for every role.
 */
import type { Core } from '@strapi/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';

const API = '/api/governance';
const hour = 3600_000;
const day = 24 * hour;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const yesterday = () => new Date(Date.now() - day).toISOString().slice(0, 10);

let strapi: Core.Strapi;
const assemblies: string[] = [];

async function board() {
  return as(strapi, 'board');
}

/** An assembly with one resolution, its remote vote open now. */
async function openAssembly() {
  const res = await http(strapi)
    .post(`${API}/assemblies`)
    .set(await board())
    .send({
      title: 'AG en salle',
      kind: 'ordinary',
      date: iso(day),
      votingOpensAt: iso(hour),
      votingClosesAt: iso(2 * hour),
      recordDate: yesterday(),
    });
  const documentId = res.body.data.documentId as string;
  assemblies.push(documentId);
  const added = await http(strapi)
    .post(`${API}/assemblies/${documentId}/resolutions`)
    .set(await board())
    .send({ title: 'Comptes', text: 'L’assemblée approuve les comptes.', kind: 'ordinary' });
  await moveWindow(documentId, -hour, hour);
  return { documentId, resolution: added.body.data.documentId as string };
}

async function moveWindow(documentId: string, opens: number, closes: number) {
  await strapi.db.query('plugin::governance.assembly').update({
    where: { documentId },
    data: { votingOpensAt: iso(opens), votingClosesAt: iso(closes) } as never,
  });
}

beforeAll(async () => {
  strapi = await startStrapi();
});

afterAll(async () => {
  if (strapi) {
    const knex = strapi.db.connection;
    await knex('gov_attendance').whereIn('assembly', assemblies).delete();
    await knex('gov_proxies').whereIn('assembly', assemblies).delete();
    await knex('gov_voters').whereIn('assembly', assemblies).delete();
    const resolutions = (await strapi.db
      .query('plugin::governance.resolution')
      .findMany({ where: { assembly: { documentId: { $in: assemblies } } }, select: ['documentId'] })) as Array<{
      documentId: string;
    }>;
    await knex('gov_room_counts')
      .whereIn(
        'subject',
        resolutions.map((r) => `resolution:${r.documentId}`),
      )
      .delete();
    await strapi.db
      .query('plugin::governance.resolution')
      .deleteMany({ where: { assembly: { documentId: { $in: assemblies } } } });
    await strapi.db.query('plugin::governance.assembly').deleteMany({ where: { documentId: { $in: assemblies } } });
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
});

describe('the room joins the remote vote', () => {
  let assembly: { documentId: string; resolution: string };
  let a: TestMember, b: TestMember, c: TestMember, d: TestMember;

  beforeAll(async () => {
    [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createMember(strapi, { memberSince: '2020-01-01' })));
    assembly = await openAssembly();
    const remote = await http(strapi)
      .post(`${API}/resolutions/${assembly.resolution}/ballots`)
      .set(a.headers)
      .send({ choice: 'for' });
    expect(remote.status).toBe(201);
    const proxy = await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/proxy`)
      .set(b.headers)
      .send({ holder: c.documentId });
    expect(proxy.status).toBe(201);
  });

  it('is refused while the remote vote is open: nobody votes twice', async () => {
    const res = await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/attendance`)
      .set(await board())
      .send({ members: [a.documentId] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/vote à distance n’est pas clos/);
    const count = await http(strapi)
      .put(`${API}/resolutions/${assembly.resolution}/room-count`)
      .set(await board())
      .send({ for: 1, against: 0, abstain: 0 });
    expect(count.status).toBe(409);
  });

  it('records who is present, each once, only from the voter list', async () => {
    await moveWindow(assembly.documentId, -2 * hour, -1);
    const late = await createMember(strapi, { memberSince: new Date().toISOString().slice(0, 10) });
    const refused = await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/attendance`)
      .set(await board())
      .send({ members: [late.documentId] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(late.documentId);
    const res = await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/attendance`)
      .set(await board())
      .send({ members: [a.documentId, c.documentId, d.documentId, d.documentId] });
    expect(res.status).toBe(201);
    expect(res.body.data.present).toHaveLength(3);
    expect(res.body.data.present[0].recordedBy).toEqual(expect.any(String));
  });

  it('refuses more room votes than members present or represented who did not vote remotely', async () => {
    // Present A (voted remotely), C and D; C holds B's proxy: B, C and D may vote in the room.
    const res = await http(strapi)
      .put(`${API}/resolutions/${assembly.resolution}/room-count`)
      .set(await board())
      .send({ for: 3, against: 1, abstain: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/seulement 3 membres/);
    const bad = await http(strapi)
      .put(`${API}/resolutions/${assembly.resolution}/room-count`)
      .set(await board())
      .send({ for: -1, against: 'many' });
    expect(bad.status).toBe(400);
  });

  it('counts the room with the remote ballots, exactly, in the tally and the quorum', async () => {
    const recorded = await http(strapi)
      .put(`${API}/resolutions/${assembly.resolution}/room-count`)
      .set(await board())
      .send({ for: 2, against: 1, abstain: 0 });
    expect(recorded.status).toBe(200);
    const results = await http(strapi).get(`${API}/assemblies/${assembly.documentId}/results`).set(a.headers);
    expect(results.status).toBe(200);
    expect(results.body.data.quorum).toMatchObject({ heads: 4, remote: 1, present: 3, represented: 1 });
    expect(results.body.data.resolutions[0]).toMatchObject({
      for: 3,
      against: 1,
      abstain: 0,
      cast: 4,
      inRoom: { for: 2, against: 1, abstain: 0 },
    });
  });

  it('a new recording replaces the totals, keeps the old one and who made it; the recount agrees', async () => {
    const again = await http(strapi)
      .put(`${API}/resolutions/${assembly.resolution}/room-count`)
      .set(await board())
      .send({ for: 1, against: 1, abstain: 1 });
    expect(again.status).toBe(200);
    expect(again.body.data.history).toHaveLength(2);
    expect(again.body.data.current).toMatchObject({
      revision: 2,
      recordedBy: expect.any(String),
      counts: [{ college: null, for: 1, against: 1, abstain: 1 }],
    });
    const results = await http(strapi).get(`${API}/assemblies/${assembly.documentId}/results`).set(a.headers);
    expect(results.body.data.resolutions[0]).toMatchObject({ for: 2, against: 1, abstain: 1 });
    const recount = await http(strapi)
      .get(`${API}/assemblies/${assembly.documentId}/recount`)
      .set(await board());
    expect(recount.body.data.matches).toBe(true);
  });

  it('with colleges, takes the room’s totals per college', async () => {
    const config = strapi.config.get('plugin::governance') as Record<string, unknown>;
    strapi.config.set('plugin::governance', { ...config, colleges: { salaries: 50, usagers: 50 } });
    try {
      const flat = await http(strapi)
        .put(`${API}/resolutions/${assembly.resolution}/room-count`)
        .set(await board())
        .send({ for: 1, against: 0, abstain: 0 });
      expect(flat.status).toBe(400);
      expect(flat.body.error.message).toMatch(/colleges/);
    } finally {
      strapi.config.set('plugin::governance', config);
    }
  });
});

describe('every room route × every role', () => {
  type Expect = Record<Viewer, number>;
  const forBoard = (ok: number): Expect => ({ anonymous: 401, member: 403, lead: 403, moderator: 403, board: ok });
  let assembly: { documentId: string; resolution: string };
  let present: TestMember;

  beforeAll(async () => {
    present = await createMember(strapi, { memberSince: '2020-01-01' });
    assembly = await openAssembly();
    await moveWindow(assembly.documentId, -2 * hour, -1);
  });

  it.each([
    ['POST', '/assemblies/:a/attendance', () => ({ members: [present.documentId] }), forBoard(201)],
    ['GET', '/assemblies/:a/attendance', () => undefined, forBoard(200)],
    ['PUT', '/resolutions/:r/room-count', () => ({ for: 1, against: 0, abstain: 0 }), forBoard(200)],
    ['GET', '/resolutions/:r/room-count', () => undefined, forBoard(200)],
  ] as Array<[string, string, () => object | undefined, Expect]>)(
    '%s %s',
    async (method, pattern, bodyOf, expected) => {
      const path = API + pattern.replace(':a', assembly.documentId).replace(':r', assembly.resolution);
      const got: Partial<Expect> = {};
      for (const viewer of viewers) {
        const verb = method.toLowerCase() as 'get' | 'post' | 'put';
        const agent = http(strapi);
        const req = agent[verb](path).set(await as(strapi, viewer));
        const body = bodyOf();
        got[viewer] = (await (body ? req.send(body) : req)).status;
      }
      expect(got).toEqual(expected);
    },
  );
});
