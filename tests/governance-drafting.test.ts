/**
 * Co-drafting of an assembly over HTTP on the real CMS: versioned resolution texts, proposals
 * and amendments in the drafting window, supports and comments, the board's decisions, the
 * append-only ballot tables, and every co-drafting route for every role.
 */
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';

let strapi: Core.Strapi;
const API = '/api/governance';
const hour = 3600_000;
const day = 24 * hour;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const yesterday = () => new Date(Date.now() - day).toISOString().slice(0, 10);
const postgres = Boolean(process.env.DATABASE_URL);
const ASSEMBLY = 'plugin::governance.assembly';

const made: string[] = [];
let member: TestMember;
let other: TestMember;

const board = () => as(strapi, 'board');

/** An assembly whose drafting window is open now and whose vote opens in two hours. */
async function draftingAssembly(text = 'Article 1.\nLe conseil compte neuf membres.\nArticle 2.') {
  const res = await http(strapi)
    .post(`${API}/assemblies`)
    .set(await board())
    .send({
      title: 'Assemblée générale extraordinaire 2027',
      kind: 'extraordinary',
      date: iso(day),
      draftingOpensAt: iso(-hour),
      draftingClosesAt: iso(hour),
      votingOpensAt: iso(2 * hour),
      votingClosesAt: iso(3 * hour),
      recordDate: yesterday(),
    });
  if (res.status !== 201) throw new Error(`assembly: ${res.status} ${JSON.stringify(res.body)}`);
  const assembly = res.body.data.documentId as string;
  made.push(assembly);
  const added = await http(strapi)
    .post(`${API}/assemblies/${assembly}/resolutions`)
    .set(await board())
    .send({ title: 'Modification des statuts', text, kind: 'extraordinary' });
  if (added.status !== 201) throw new Error(`resolution: ${added.status} ${JSON.stringify(added.body)}`);
  return { assembly, resolution: added.body.data.documentId as string };
}

const moveWindow = (documentId: string, data: Record<string, string>) =>
  strapi.db.query(ASSEMBLY).update({ where: { documentId }, data: data as never });

const propose = (headers: Record<string, string>, assembly: string, body: object) =>
  http(strapi).post(`${API}/assemblies/${assembly}/proposals`).set(headers).send(body);

const amendment = (resolution: string, text: string) => ({
  kind: 'amendment',
  resolution,
  text,
  reason: 'Un conseil plus resserré',
});

beforeAll(async () => {
  strapi = await startStrapi();
  member = await createMember(strapi, { memberSince: '2020-01-01' }, 'draft');
  other = await createMember(strapi, { memberSince: '2020-01-01' }, 'draft');
});
afterAll(async () => {
  if (strapi) {
    const knex = strapi.db.connection;
    const proposals = knex('gov_proposals').whereIn('assembly', made).select('id');
    await knex('gov_supports').whereIn('proposal', proposals).delete();
    await knex('gov_comments').whereIn('proposal', proposals).delete();
    await knex('gov_proposals').whereIn('assembly', made).delete();
    const resolutions = (await strapi.db.query('plugin::governance.resolution').findMany({
      where: { assembly: { documentId: { $in: made } } },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    await knex('gov_versions')
      .whereIn(
        'resolution',
        resolutions.map((r) => r.documentId),
      )
      .delete();
    await knex('gov_voters').whereIn('assembly', made).delete();
    await strapi.db
      .query('plugin::governance.resolution')
      .deleteMany({ where: { assembly: { documentId: { $in: made } } } });
    await strapi.db.query(ASSEMBLY).deleteMany({ where: { documentId: { $in: made } } });
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
});

describe('versioned resolution text', () => {
  it('keeps every version with who, when, why and the line diff; fixed once the vote opens', async () => {
    const { assembly, resolution } = await draftingAssembly();
    const first = await http(strapi).get(`${API}/resolutions/${resolution}`).set(member.headers);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ version: 1, votedVersion: null, assembly });
    expect(first.body.data.versions[0]).toMatchObject({ number: 1, diff: null, amendment: null });
    expect(first.body.data.versions[0].by.displayName).toEqual(expect.any(String));

    const noReason = await http(strapi)
      .put(`${API}/resolutions/${resolution}`)
      .set(await board())
      .send({ text: 'Autre texte' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/Requête invalide.*reason is required/);

    const changed = await http(strapi)
      .put(`${API}/resolutions/${resolution}`)
      .set(await board())
      .send({ text: 'Article 1.\nLe conseil compte sept membres.\nArticle 2.', reason: 'Erreur matérielle' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ version: 2, text: expect.stringContaining('sept') });
    expect(changed.body.data.versions[1]).toMatchObject({
      number: 2,
      reason: 'Erreur matérielle',
      diff: [
        { op: ' ', line: 'Article 1.' },
        { op: '-', line: 'Le conseil compte neuf membres.' },
        { op: '+', line: 'Le conseil compte sept membres.' },
        { op: ' ', line: 'Article 2.' },
      ],
    });
    expect(Date.parse(changed.body.data.versions[1].at)).toBeGreaterThan(Date.now() - 60_000);

    await moveWindow(assembly, { votingOpensAt: iso(-hour), votingClosesAt: iso(hour) });
    const late = await http(strapi)
      .put(`${API}/resolutions/${resolution}`)
      .set(await board())
      .send({ text: 'Trop tard', reason: 'Changement' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/texts can no longer change/);
    const voted = await http(strapi).get(`${API}/resolutions/${resolution}`).set(member.headers);
    expect(voted.body.data).toMatchObject({ version: 2, votedVersion: 2 });
  });
});

describe('co-drafting', () => {
  it('an amendment is supported once per member, withdrawn, commented, then accepted into a new version', async () => {
    const { resolution, assembly } = await draftingAssembly();
    const proposed = await propose(
      member.headers,
      assembly,
      amendment(resolution, 'Article 1.\nLe conseil compte cinq membres.\nArticle 2.'),
    );
    expect(proposed.status).toBe(201);
    const id = proposed.body.data.id as string;
    expect(proposed.body.data).toMatchObject({ kind: 'amendment', state: 'open', baseVersion: 1, supports: 0 });
    expect(proposed.body.data.by).toEqual({ documentId: member.documentId, displayName: member.displayName });
    expect(proposed.body.data.diff).toContainEqual({ op: '+', line: 'Le conseil compte cinq membres.' });

    const supportOf = (m: TestMember) => http(strapi).post(`${API}/proposals/${id}/support`).set(m.headers);
    expect((await supportOf(other)).body.data).toMatchObject({ supports: 1, supported: true });
    const twice = await supportOf(other);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already support/);
    const supported = await supportOf(member);
    expect(supported.status).toBe(201);
    expect(supported.body.data.supporters).toEqual([
      { by: { documentId: other.documentId, displayName: other.displayName }, at: expect.any(String) },
      { by: { documentId: member.documentId, displayName: member.displayName }, at: expect.any(String) },
    ]);
    const withdrawn = await http(strapi).delete(`${API}/proposals/${id}/support`).set(other.headers);
    expect(withdrawn.body.data).toMatchObject({ supports: 1, supported: false });
    expect((await http(strapi).delete(`${API}/proposals/${id}/support`).set(other.headers)).status).toBe(409);

    const empty = await http(strapi).post(`${API}/proposals/${id}/comments`).set(other.headers).send({ text: ' ' });
    expect(empty.status).toBe(400);
    const commented = await http(strapi)
      .post(`${API}/proposals/${id}/comments`)
      .set(other.headers)
      .send({ text: '<b>Cinq</b> me semble peu.' });
    expect(commented.status).toBe(201);
    expect(commented.body.data.comments).toEqual([
      expect.objectContaining({
        text: '<b>Cinq</b> me semble peu.',
        by: expect.objectContaining({ documentId: other.documentId }),
      }),
    ]);

    // A second amendment to the same version: once the first is accepted, it no longer applies.
    const rival = await propose(other.headers, assembly, amendment(resolution, 'Article 1.\nSix membres.\nArticle 2.'));
    const accepted = await http(strapi)
      .post(`${API}/proposals/${id}/decision`)
      .set(await board())
      .send({ decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ state: 'accepted', decision: { outcome: 'version:2' } });
    expect(accepted.body.data.decision.by.displayName).toEqual(expect.any(String));
    const text = await http(strapi).get(`${API}/resolutions/${resolution}`).set(member.headers);
    expect(text.body.data.text).toContain('cinq membres');
    expect(text.body.data.versions[1]).toMatchObject({ number: 2, amendment: id, reason: 'Un conseil plus resserré' });
    expect(text.body.data.versions[1].diff).toContainEqual({ op: '-', line: 'Le conseil compte neuf membres.' });

    const stale = await http(strapi)
      .post(`${API}/proposals/${rival.body.data.id}/decision`)
      .set(await board())
      .send({ decision: 'accept' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/text changed since this amendment was proposed \(version 1 → 2\)/);
    const again = await http(strapi)
      .post(`${API}/proposals/${id}/decision`)
      .set(await board())
      .send({ decision: 'reject', reason: 'Finalement non' });
    expect(again.status).toBe(409);
    expect((await supportOf(other)).status).toBe(409);
  });

  it('a draft resolution is put to the vote as a new agenda item, or rejected with a reason', async () => {
    const { assembly } = await draftingAssembly();
    const draft = {
      kind: 'resolution',
      title: 'Création d’un fonds de solidarité',
      resolutionKind: 'ordinary',
      text: 'L’assemblée crée un fonds de solidarité.',
    };
    const proposed = await propose(member.headers, assembly, draft);
    expect(proposed.status).toBe(201);
    const refused = await http(strapi)
      .post(`${API}/proposals/${proposed.body.data.id}/decision`)
      .set(await board())
      .send({ decision: 'accept' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/put to the vote or rejected/);
    const put = await http(strapi)
      .post(`${API}/proposals/${proposed.body.data.id}/decision`)
      .set(await board())
      .send({ decision: 'put-to-vote' });
    expect(put.status).toBe(200);
    const item = (put.body.data.decision.outcome as string).replace(/^resolution:/, '');
    const agenda = await http(strapi).get(`${API}/assemblies/${assembly}`).set(member.headers);
    expect(agenda.body.data.resolutions.map((r: { documentId: string }) => r.documentId)).toEqual([
      expect.any(String),
      item,
    ]);
    const resolution = await http(strapi).get(`${API}/resolutions/${item}`).set(member.headers);
    expect(resolution.body.data).toMatchObject({ title: draft.title, kind: 'ordinary', position: 2 });
    expect(resolution.body.data.versions[0].by.documentId).toBe(member.documentId);

    const second = await propose(other.headers, assembly, { ...draft, title: 'Un autre fonds' });
    const noReason = await http(strapi)
      .post(`${API}/proposals/${second.body.data.id}/decision`)
      .set(await board())
      .send({ decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason is required to reject/);
    const rejected = await http(strapi)
      .post(`${API}/proposals/${second.body.data.id}/decision`)
      .set(await board())
      .send({ decision: 'reject', reason: 'Doublon de la résolution 2' });
    expect(rejected.body.data).toMatchObject({ state: 'rejected', decision: { reason: 'Doublon de la résolution 2' } });
    const listed = await http(strapi).get(`${API}/assemblies/${assembly}/proposals`).set(other.headers);
    expect(listed.body.data).toMatchObject({ drafting: 'open' });
    expect(listed.body.data.proposals.map((p: { state: string }) => p.state)).toEqual(['put-to-vote', 'rejected']);
  });

  it('refuses proposals, supports and comments outside the window with 409, fr and en', async () => {
    const { assembly, resolution } = await draftingAssembly();
    const open = await propose(member.headers, assembly, amendment(resolution, 'Texte nouveau'));
    await moveWindow(assembly, { draftingOpensAt: iso(-2 * hour), draftingClosesAt: iso(-1) });
    const late = await propose(member.headers, assembly, amendment(resolution, 'Autre texte'));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ name: 'DraftingClosed' });
    expect(late.body.error.message).toMatch(
      /^La rédaction collaborative est ouverte du .* \/ Co-drafting is open from .* only\.$/,
    );
    expect((await http(strapi).post(`${API}/proposals/${open.body.data.id}/support`).set(other.headers)).status).toBe(
      409,
    );
    const comment = await http(strapi)
      .post(`${API}/proposals/${open.body.data.id}/comments`)
      .set(other.headers)
      .send({ text: 'Trop tard ?' });
    expect(comment.status).toBe(409);
    await moveWindow(assembly, { draftingOpensAt: iso(hour), draftingClosesAt: iso(90 * 60_000) });
    expect((await propose(member.headers, assembly, amendment(resolution, 'Tôt'))).status).toBe(409);
  });

  it('refuses a member not on the voter list, and bad proposals with 400', async () => {
    const { assembly, resolution } = await draftingAssembly();
    const newcomer = await createMember(strapi, { memberSince: new Date().toISOString().slice(0, 10) }, 'draft');
    const refused = await propose(newcomer.headers, assembly, amendment(resolution, 'Texte'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/not on the voter list/);
    const cases: Array<[object, RegExp]> = [
      [{ kind: 'motion', text: 'x' }, /kind must be resolution or amendment/],
      [{ kind: 'amendment', text: 'Texte', reason: 'Parce que' }, /resolution .* is required for an amendment/],
      [{ kind: 'amendment', resolution, text: 'Texte' }, /reason is required for an amendment/],
      [{ kind: 'resolution', text: 'Texte', resolutionKind: 'ordinary' }, /title is required/],
      [{ kind: 'resolution', title: 'Un titre', text: 'Texte', resolutionKind: 'big' }, /resolutionKind must be/],
    ];
    for (const [body, message] of cases) {
      const res = await propose(member.headers, assembly, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Requête invalide/);
      expect(res.body.error.message).toMatch(message);
    }
    const unchanged = await propose(
      member.headers,
      assembly,
      amendment(resolution, 'Article 1.\nLe conseil compte neuf membres.\nArticle 2.'),
    );
    expect(unchanged.status).toBe(400);
    expect(unchanged.body.error.message).toMatch(/does not change the text/);
    expect((await http(strapi).get(`${API}/proposals/no-such-id`).set(member.headers)).status).toBe(404);
  });
});

describe('personal data', () => {
  it('a member’s data export lists what they proposed, supported and commented', async () => {
    const res = await http(strapi).get('/api/space/privacy/export').set(other.headers);
    expect(res.status).toBe(200);
    const related = JSON.parse(res.text).related;
    expect(related['governance.proposals'].length).toBeGreaterThan(0);
    expect(related['governance.comments']).toContainEqual(
      expect.objectContaining({ text: '<b>Cinq</b> me semble peu.' }),
    );
    expect(related['governance.supports']).toEqual(expect.any(Array));
  });
});

describe('ballots are append-only', () => {
  (postgres ? it : it.skip)('PostgreSQL itself refuses UPDATE and DELETE of ballots and participations', async () => {
    const db = strapi.db.connection;
    await db('gov_ballots').insert({ id: 'guard-test', subject: 'poll:guard', choice: '[0]', receipt_hash: 'x' });
    await expect(db.raw(`UPDATE gov_ballots SET choice = '[1]' WHERE id = 'guard-test'`)).rejects.toThrow(
      /UPDATE refused on gov_ballots: a ballot, once cast, is never changed nor deleted/,
    );
    await expect(db.raw(`DELETE FROM gov_ballots WHERE id = 'guard-test'`)).rejects.toThrow(/DELETE refused/);
    await db('gov_participations').insert({ subject: 'poll:guard', voter_id: 0, acted_by: 0 });
    await expect(db.raw(`UPDATE gov_participations SET acted_by = 1 WHERE subject = 'poll:guard'`)).rejects.toThrow(
      /UPDATE refused on gov_participations/,
    );
    expect((await db('gov_ballots').where({ id: 'guard-test' }).first('choice')).choice).toBe('[0]');
  });
});

describe('every co-drafting route × every role', () => {
  type Expect = Record<Viewer, number>;
  const forMembers = (ok: number): Expect => ({ anonymous: 401, member: ok, lead: ok, moderator: ok, board: ok });
  const forBoard = (ok: number): Expect => ({ anonymous: 401, member: 403, lead: 403, moderator: 403, board: ok });
  let ids: Record<string, string>;

  beforeAll(async () => {
    const { assembly, resolution } = await draftingAssembly();
    const proposal = await propose(member.headers, assembly, amendment(resolution, 'Un autre texte'));
    ids = { assembly, resolution, proposal: proposal.body.data.id };
  });

  // In order: a support is given before it is withdrawn.
  const cases: Array<[string, string, object | undefined, Expect]> = [
    ['GET', '/resolutions/:resolution', undefined, forMembers(200)],
    ['PUT', '/resolutions/:resolution', { text: 'Texte révisé', reason: 'Relecture' }, forBoard(200)],
    ['GET', '/assemblies/:assembly/proposals', undefined, forMembers(200)],
    [
      'POST',
      '/assemblies/:assembly/proposals',
      { kind: 'resolution', title: 'Projet', text: 'Texte', resolutionKind: 'ordinary' },
      forMembers(201),
    ],
    ['GET', '/proposals/:proposal', undefined, forMembers(200)],
    ['POST', '/proposals/:proposal/support', undefined, forMembers(201)],
    ['DELETE', '/proposals/:proposal/support', undefined, forMembers(200)],
    ['POST', '/proposals/:proposal/comments', { text: 'Un avis' }, forMembers(201)],
    ['POST', '/proposals/:proposal/decision', { decision: 'reject', reason: 'Hors sujet' }, forBoard(200)],
  ];

  it.each(cases)('%s %s', async (method, pattern, body, expected) => {
    const path = API + pattern.replace(/:(\w+)/g, (_m, key: string) => ids[key]);
    const got: Partial<Expect> = {};
    for (const viewer of viewers) {
      const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      const agent = http(strapi);
      const request = agent[verb](path).set(await as(strapi, viewer));
      got[viewer] = (await (body ? request.send(body) : request)).status;
    }
    expect(got).toEqual(expected);
  });
});
