/**
 * Votes over HTTP on the real CMS: polls and assemblies, secret ballots, proxies, the frozen voter
 * list, timing computed at each request, and every governance route for every role.
 */
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';

let strapi: Core.Strapi;
const API = '/api/governance';
const hour = 3600_000;
const day = 24 * hour;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - day).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const made = { polls: [] as string[], assemblies: [] as string[] };

async function board() {
  return as(strapi, 'board');
}

async function newPoll(overrides: Record<string, unknown> = {}) {
  const res = await http(strapi)
    .post(`${API}/polls`)
    .set(await board())
    .send({
      question: 'Quelle couleur pour le local ?',
      options: ['Vert', 'Bleu', 'Jaune'],
      method: 'single',
      opensAt: iso(-hour),
      closesAt: iso(hour),
      resultsVisibility: 'live',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
  made.polls.push(res.body.data.documentId);
  return res.body.data.documentId as string;
}

async function newAssembly(overrides: Record<string, unknown> = {}, resolutions = [{ kind: 'ordinary' }]) {
  // Resolutions go in before the vote opens; the window is then moved as the test needs.
  const { votingOpensAt, votingClosesAt, ...rest } = overrides;
  const res = await http(strapi)
    .post(`${API}/assemblies`)
    .set(await board())
    .send({
      title: 'Assemblée générale ordinaire 2026',
      kind: 'ordinary',
      date: iso(day),
      place: 'Lyon',
      votingOpensAt: iso(hour),
      votingClosesAt: iso(2 * hour),
      recordDate: yesterday(),
      ...rest,
    });
  if (res.status !== 201) throw new Error(`assembly: ${res.status} ${JSON.stringify(res.body)}`);
  const documentId = res.body.data.documentId as string;
  made.assemblies.push(documentId);
  const ids: string[] = [];
  for (const [i, r] of resolutions.entries()) {
    const added = await http(strapi)
      .post(`${API}/assemblies/${documentId}/resolutions`)
      .set(await board())
      .send({ title: `Résolution ${i + 1}`, text: 'L’assemblée approuve les comptes.', ...r });
    if (added.status !== 201) throw new Error(`resolution: ${added.status} ${JSON.stringify(added.body)}`);
    ids.push(added.body.data.documentId);
  }
  await strapi.db.query('plugin::governance.assembly').update({
    where: { documentId },
    data: { votingOpensAt: votingOpensAt ?? iso(-hour), votingClosesAt: votingClosesAt ?? iso(hour) } as never,
  });
  return { documentId, resolutions: ids };
}

async function removeGovernanceData() {
  const knex = strapi.db.connection;
  // Ballots and participations stay: those tables are append-only (PostgreSQL refuses to delete from them).
  await knex('gov_proxies').whereIn('assembly', made.assemblies).delete();
  await knex('gov_voters').whereIn('assembly', made.assemblies).delete();
  await strapi.db
    .query('plugin::governance.resolution')
    .deleteMany({ where: { assembly: { documentId: { $in: made.assemblies } } } });
  await strapi.db.query('plugin::governance.assembly').deleteMany({ where: { documentId: { $in: made.assemblies } } });
  await strapi.db.query('plugin::governance.poll').deleteMany({ where: { documentId: { $in: made.polls } } });
}

beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(async () => {
  if (strapi) {
    await removeGovernanceData();
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
});

describe('secret ballots', () => {
  it('the ballots table has no voter column, no timestamp and no sequential id', async () => {
    const columns = Object.keys(await strapi.db.connection('gov_ballots').columnInfo()).sort();
    expect(columns).toEqual(['choice', 'college', 'id', 'receipt_hash', 'subject']);
  });

  it('50 concurrent submissions by one member give exactly one ballot', async () => {
    const poll = await newPoll();
    const member = await createMember(strapi);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        http(strapi)
          .post(`${API}/polls/${poll}/ballots`)
          .set(member.headers)
          .send({ choices: [1] }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.find((a) => a.status === 409)?.body.error.message).toMatch(/one ballot per member/);
    const ballots = await strapi.db
      .connection('gov_ballots')
      .where({ subject: `poll:${poll}` })
      .count({ n: '*' });
    expect(Number(ballots[0].n)).toBe(1);
    const participations = await strapi.db
      .connection('gov_participations')
      .where({ subject: `poll:${poll}` })
      .select('voter_id');
    expect(participations).toEqual([{ voter_id: member.profileId }]);
  });

  it('gives a receipt whose hash is published after close', async () => {
    const poll = await newPoll({ closesAt: iso(hour), resultsVisibility: 'after-close' });
    const member = await createMember(strapi);
    const vote = await http(strapi)
      .post(`${API}/polls/${poll}/ballots`)
      .set(member.headers)
      .send({ choices: [2] });
    expect(vote.status).toBe(201);
    const early = await http(strapi).get(`${API}/polls/${poll}/results`).set(member.headers);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/when voting closes/);
    // The hour passes (moved in the database: a slow machine must not close the poll before the first read).
    await strapi.db
      .query('plugin::governance.poll')
      .update({ where: { documentId: poll }, data: { closesAt: new Date(Date.now() - 1) } });
    const results = await http(strapi).get(`${API}/polls/${poll}/results`).set(member.headers);
    expect(results.status).toBe(200);
    expect(results.body.data.result.options.map((o: { votes: number }) => o.votes)).toEqual([0, 0, 1]);
    const { createHash } = await import('node:crypto');
    expect(results.body.data.receipts).toEqual([createHash('sha256').update(vote.body.data.receipt).digest('hex')]);
    const recount = await http(strapi)
      .get(`${API}/polls/${poll}/recount`)
      .set(await board());
    expect(recount.status).toBe(200);
    expect(recount.body.data.matches).toBe(true);
  });
});

describe('timing, computed at each request', () => {
  it('refuses a ballot after close with a clear message, even one loaded while open', async () => {
    const poll = await newPoll({ closesAt: iso(800) });
    const member = await createMember(strapi);
    const page = await http(strapi).get(`${API}/polls/${poll}`).set(member.headers);
    expect(page.body.data.state).toBe('open');
    await sleep(900);
    const late = await http(strapi)
      .post(`${API}/polls/${poll}/ballots`)
      .set(member.headers)
      .send({ choices: [0] });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ name: 'VotingClosed' });
    expect(late.body.error.message).toMatch(/Voting closed at .*: this ballot was not accepted/);
  });

  it('refuses a ballot before opening', async () => {
    const poll = await newPoll({ opensAt: iso(hour), closesAt: iso(2 * hour) });
    const res = await http(strapi)
      .post(`${API}/polls/${poll}/ballots`)
      .set(await as(strapi, 'member'))
      .send({ choices: [0] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/not open yet/);
  });
});

describe('polls', () => {
  it('refuses a ballot the method does not allow, and bad polls', async () => {
    const poll = await newPoll({ method: 'multiple', maxChoices: 2 });
    const res = await http(strapi)
      .post(`${API}/polls/${poll}/ballots`)
      .set(await as(strapi, 'member'))
      .send({ choices: [0, 1, 2] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/at most 2 options/);
    const bad = await http(strapi)
      .post(`${API}/polls`)
      .set(await board())
      .send({ question: 'Q?', options: ['seul'], method: 'vote' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/options/);
  });

  it('results visibility can be tightened once open, never relaxed; nothing else changes', async () => {
    const poll = await newPoll({ resultsVisibility: 'after-vote' });
    const relax = await http(strapi)
      .put(`${API}/polls/${poll}`)
      .set(await board())
      .send({ resultsVisibility: 'live' });
    expect(relax.status).toBe(409);
    expect(relax.body.error.message).toMatch(/never relaxed/);
    const reword = await http(strapi)
      .put(`${API}/polls/${poll}`)
      .set(await board())
      .send({ question: 'Autre question ?' });
    expect(reword.status).toBe(409);
    const tighten = await http(strapi)
      .put(`${API}/polls/${poll}`)
      .set(await board())
      .send({ resultsVisibility: 'after-close' });
    expect(tighten.status).toBe(200);
    expect(tighten.body.data.resultsVisibility).toBe('after-close');
  });

  it('shows results after voting to those who voted, when so set', async () => {
    const poll = await newPoll({ resultsVisibility: 'after-vote', method: 'ranked' });
    const [voter, other] = await createMembers(strapi, 'sondage', 2);
    expect((await http(strapi).get(`${API}/polls/${poll}/results`).set(voter.headers)).status).toBe(403);
    await http(strapi)
      .post(`${API}/polls/${poll}/ballots`)
      .set(voter.headers)
      .send({ choices: [2, 0] })
      .expect(201);
    const mine = await http(strapi).get(`${API}/polls/${poll}/results`).set(voter.headers);
    expect(mine.status).toBe(200);
    expect(mine.body.data.result.rounds[0].votes).toEqual([0, 0, 1]);
    expect((await http(strapi).get(`${API}/polls/${poll}/results`).set(other.headers)).status).toBe(403);
  });

  it('a board-only poll is out of members’ reach', async () => {
    const poll = await newPoll({ audience: 'board' });
    const member = await as(strapi, 'member');
    expect((await http(strapi).get(`${API}/polls/${poll}`).set(member)).status).toBe(404);
    expect(
      (
        await http(strapi)
          .post(`${API}/polls/${poll}/ballots`)
          .set(member)
          .send({ choices: [0] })
      ).status,
    ).toBe(404);
    const listed = await http(strapi).get(`${API}/polls`).set(member);
    expect(listed.body.data.map((p: { documentId: string }) => p.documentId)).not.toContain(poll);
    expect(
      (
        await http(strapi)
          .get(`${API}/polls/${poll}`)
          .set(await board())
      ).status,
    ).toBe(200);
  });
});

describe('secret or public polls', () => {
  it('a public poll shows who voted what to those who may see its results; a secret one never', async () => {
    const open = await newPoll({ secret: false, resultsVisibility: 'after-vote' });
    const secret = await newPoll({ secret: true, resultsVisibility: 'live' });
    const [voter, other] = await createMembers(strapi, 'public', 2);
    for (const poll of [open, secret])
      await http(strapi)
        .post(`${API}/polls/${poll}/ballots`)
        .set(voter.headers)
        .send({ choices: [1] })
        .expect(201);
    // Results after voting only: a member who has not voted sees neither the counts nor the names.
    expect((await http(strapi).get(`${API}/polls/${open}/results`).set(other.headers)).status).toBe(403);
    const shown = await http(strapi).get(`${API}/polls/${open}/results`).set(voter.headers);
    expect(shown.body.data.votes).toEqual([
      { voter: { documentId: voter.documentId, displayName: voter.displayName }, choices: [1] },
    ]);
    const hidden = await http(strapi).get(`${API}/polls/${secret}/results`).set(other.headers);
    expect(hidden.status).toBe(200);
    expect(hidden.body.data.result.options[1].votes).toBe(1);
    expect(hidden.body.data.votes).toBeNull();
    expect(hidden.text).not.toContain(voter.documentId);
    const secretRow = await strapi.db
      .connection('gov_participations')
      .where({ subject: `poll:${secret}` })
      .first('public_choice');
    expect(secretRow.public_choice).toBeNull();
  });
});

describe('assemblies', () => {
  it('refuses a member admitted after the record date; lets one admitted before vote', async () => {
    const { documentId, resolutions } = await newAssembly();
    const late = await createMember(strapi, { memberSince: today() });
    const early = await createMember(strapi, { memberSince: '2020-03-01' });
    const standing = await http(strapi).get(`${API}/assemblies/${documentId}/standing`).set(late.headers);
    expect(standing.body.data).toMatchObject({ onList: false, frozen: true });
    const refused = await http(strapi)
      .post(`${API}/resolutions/${resolutions[0]}/ballots`)
      .set(late.headers)
      .send({ choice: 'for' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/not on the voter list/);
    expect(
      (await http(strapi).get(`${API}/assemblies/${documentId}/standing`).set(early.headers)).body.data.onList,
    ).toBe(true);
    const ok = await http(strapi)
      .post(`${API}/resolutions/${resolutions[0]}/ballots`)
      .set(early.headers)
      .send({ choice: 'for' });
    expect(ok.status).toBe(201);
    expect(ok.body.data.receipt).toEqual(expect.any(String));
  });

  it('a member can check before the record date that they will be on the list', async () => {
    const { documentId } = await newAssembly({
      recordDate: iso(7 * day).slice(0, 10),
      votingOpensAt: iso(8 * day),
      votingClosesAt: iso(9 * day),
    });
    const member = await createMember(strapi, { memberSince: '2021-05-01' });
    const res = await http(strapi).get(`${API}/assemblies/${documentId}/standing`).set(member.headers);
    expect(res.body.data).toMatchObject({ onList: true, frozen: false });
  });

  it('counts by heads after close: quorum, majority, a stored result the recount confirms', async () => {
    const { documentId, resolutions } = await newAssembly({ kind: 'extraordinary' }, [
      { kind: 'extraordinary' },
      { kind: 'ordinary' },
    ]);
    const members = await createMembers(strapi, 'ag', 4);
    const choices = ['for', 'for', 'against', 'abstain'];
    for (const [i, m] of members.entries()) {
      await http(strapi)
        .post(`${API}/resolutions/${resolutions[0]}/ballots`)
        .set(m.headers)
        .send({ choice: choices[i] })
        .expect(201);
      await http(strapi)
        .post(`${API}/resolutions/${resolutions[1]}/ballots`)
        .set(m.headers)
        .send({ choice: 'against' })
        .expect(201);
    }
    expect((await http(strapi).get(`${API}/assemblies/${documentId}/results`).set(members[0].headers)).status).toBe(
      403,
    );
    await strapi.db
      .query('plugin::governance.assembly')
      .update({ where: { documentId }, data: { votingClosesAt: iso(-1) } as never });
    const res = await http(strapi).get(`${API}/assemblies/${documentId}/results`).set(members[0].headers);
    expect(res.status).toBe(200);
    const voters = res.body.data.quorum.voters as number;
    expect(res.body.data.quorum).toMatchObject({ heads: 4, reached: 4 * 4 >= voters });
    expect(res.body.data.resolutions[0]).toMatchObject({
      for: 2,
      against: 1,
      abstain: 1,
      cast: 3,
      forPercent: '66.67',
    });
    expect(res.body.data.resolutions[0].adopted).toBe(res.body.data.quorum.reached);
    expect(res.body.data.resolutions[1]).toMatchObject({ for: 0, against: 4, adopted: false });
    expect(res.body.data.receipts[resolutions[0]]).toHaveLength(4);
    const recount = await http(strapi)
      .get(`${API}/assemblies/${documentId}/recount`)
      .set(await board());
    expect(recount.body.data).toMatchObject({ matches: true });
    const stored = (await strapi.db.query('plugin::governance.assembly').findOne({ where: { documentId } })) as {
      result: unknown;
    };
    expect(stored.result).toEqual(recount.body.data.stored);
  });

  it('refuses agenda changes once the vote is open', async () => {
    const { documentId } = await newAssembly();
    const res = await http(strapi)
      .post(`${API}/assemblies/${documentId}/resolutions`)
      .set(await board())
      .send({ title: 'Tardive', text: 'Texte', kind: 'ordinary' });
    expect(res.status).toBe(409);
  });
});

describe('proxies (pouvoirs)', () => {
  let members: TestMember[];
  let assembly: { documentId: string; resolutions: string[] };
  // 100 members admitted in 1990, the only ones on this assembly's list: the cap is 100 / 20 = 5.
  beforeAll(async () => {
    members = [];
    for (let i = 0; i < 100; i += 1) members.push(await createMember(strapi, { memberSince: '1990-01-01' }, 'proxy'));
    assembly = await newAssembly({ recordDate: '1990-12-31' });
  });
  const proxyTo = (giver: TestMember, holder: TestMember) =>
    http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/proxy`)
      .set(giver.headers)
      .send({ holder: holder.documentId });

  it('refuses the 6th proxy to one holder of a 100-member assembly', async () => {
    const holder = members[0];
    for (let i = 1; i <= 5; i += 1) expect((await proxyTo(members[i], holder)).status).toBe(201);
    const sixth = await proxyTo(members[6], holder);
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.message).toMatch(/already holds 5 proxies/);
    const again = await proxyTo(members[1], members[7]);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already given a proxy/);
  });

  it('the holder votes for a giver, logged with who acted; a proxy cannot be revoked after the holder voted', async () => {
    const [holder, giver, otherGiver, otherHolder] = [members[10], members[11], members[12], members[13]];
    await proxyTo(giver, holder).expect(201);
    await proxyTo(otherGiver, otherHolder).expect(201);
    const standing = await http(strapi).get(`${API}/assemblies/${assembly.documentId}/standing`).set(holder.headers);
    expect(standing.body.data.proxies.held).toEqual([{ documentId: giver.documentId, displayName: giver.displayName }]);
    const byProxy = await http(strapi)
      .post(`${API}/resolutions/${assembly.resolutions[0]}/ballots`)
      .set(holder.headers)
      .send({ choice: 'against', onBehalfOf: giver.documentId });
    expect(byProxy.status).toBe(201);
    expect(byProxy.body.data.byProxy).toBe(true);
    const row = await strapi.db
      .connection('gov_participations')
      .where({ subject: `resolution:${assembly.resolutions[0]}`, voter_id: giver.profileId })
      .first('acted_by');
    expect(row.acted_by).toBe(holder.profileId);
    const revoke = await http(strapi).delete(`${API}/assemblies/${assembly.documentId}/proxy`).set(giver.headers);
    expect(revoke.status).toBe(409);
    expect(revoke.body.error.message).toMatch(/holder has already voted/);
    // The other holder has not voted: that proxy can still be revoked, and then not used.
    expect(
      (await http(strapi).delete(`${API}/assemblies/${assembly.documentId}/proxy`).set(otherGiver.headers)).status,
    ).toBe(200);
    const unused = await http(strapi)
      .post(`${API}/resolutions/${assembly.resolutions[0]}/ballots`)
      .set(otherHolder.headers)
      .send({ choice: 'for', onBehalfOf: otherGiver.documentId });
    expect(unused.status).toBe(409);
    expect(unused.body.error.message).toMatch(/has not given you a proxy/);
  });

  it('the giver’s data export lists the vote cast for them and the proxy, never a choice', async () => {
    const [holder, giver] = [members[10], members[11]];
    const res = await http(strapi).get('/api/space/privacy/export').set(giver.headers);
    expect(res.status).toBe(200);
    const related = JSON.parse(res.text).related;
    expect(related['governance.participations']).toEqual([
      {
        subject: `resolution:${assembly.resolutions[0]}`,
        assembly: assembly.documentId,
        voter_id: giver.profileId,
        acted_by: holder.profileId,
        public_choice: null,
      },
    ]);
    expect(related['governance.proxies']).toMatchObject([{ giver_id: giver.profileId, holder_id: holder.profileId }]);
    expect(related['governance.voterLists']).toEqual([{ assembly: assembly.documentId, college: null }]);
    expect(res.text).not.toContain('against');
  });

  it('refuses a vote on behalf of someone without their proxy', async () => {
    const res = await http(strapi)
      .post(`${API}/resolutions/${assembly.resolutions[0]}/ballots`)
      .set(members[20].headers)
      .send({ choice: 'for', onBehalfOf: members[21].documentId });
    expect(res.status).toBe(409);
  });
});

describe('every governance route × every role', () => {
  type Expect = Record<Viewer, number>;
  const forMembers = (ok: number): Expect => ({ anonymous: 401, member: ok, lead: ok, moderator: ok, board: ok });
  const forBoard = (ok: number): Expect => ({ anonymous: 401, member: 403, lead: 403, moderator: 403, board: ok });
  let ids: Record<string, string>;
  let holders: Record<Viewer, TestMember>;

  beforeAll(async () => {
    const open = await newAssembly();
    const closed = await newAssembly({ votingOpensAt: iso(-2 * hour), votingClosesAt: iso(-hour) });
    const upcoming = await newAssembly({ votingOpensAt: iso(hour), votingClosesAt: iso(2 * hour) });
    await strapi.db.query('plugin::governance.assembly').update({
      where: { documentId: upcoming.documentId },
      data: { votingOpensAt: iso(hour), votingClosesAt: iso(2 * hour) } as never,
    });
    ids = {
      open: await newPoll(),
      closed: await newPoll({ opensAt: iso(-2 * hour), closesAt: iso(-hour) }),
      upcoming: await newPoll({ opensAt: iso(hour), closesAt: iso(2 * hour) }),
      assembly: open.documentId,
      resolution: open.resolutions[0],
      closedAssembly: closed.documentId,
      upcomingAssembly: upcoming.documentId,
    };
    holders = Object.fromEntries(
      await Promise.all(viewers.map(async (v) => [v, await createMember(strapi, { memberSince: '2020-01-01' })])),
    );
  });

  const pollBody = {
    question: 'Une question ?',
    options: ['Oui', 'Non'],
    method: 'single',
    opensAt: iso(hour),
    closesAt: iso(2 * hour),
  };
  const assemblyBody = {
    title: 'AGE',
    kind: 'extraordinary',
    date: iso(day),
    votingOpensAt: iso(hour),
    votingClosesAt: iso(2 * hour),
    recordDate: yesterday(),
  };
  // In order: a proxy is given before it is revoked.
  const cases: Array<[string, string, (v: Viewer) => object | undefined, Expect]> = [
    ['GET', '/polls', () => undefined, forMembers(200)],
    ['GET', '/polls/:open', () => undefined, forMembers(200)],
    ['POST', '/polls', () => pollBody, forBoard(201)],
    ['PUT', '/polls/:upcoming', () => ({ question: 'Une question reformulée ?' }), forBoard(200)],
    ['POST', '/polls/:open/ballots', () => ({ choices: [0] }), forMembers(201)],
    ['GET', '/polls/:open/results', () => undefined, forMembers(200)],
    ['GET', '/polls/:closed/recount', () => undefined, forBoard(200)],
    ['GET', '/assemblies', () => undefined, forMembers(200)],
    ['GET', '/assemblies/:assembly', () => undefined, forMembers(200)],
    ['POST', '/assemblies', () => assemblyBody, forBoard(201)],
    [
      'POST',
      '/assemblies/:upcomingAssembly/resolutions',
      () => ({ title: 'Comptes', text: 'Approuve', kind: 'ordinary' }),
      forBoard(201),
    ],
    ['GET', '/assemblies/:assembly/standing', () => undefined, forMembers(200)],
    ['GET', '/assemblies/:assembly/proxy-holders', () => undefined, forMembers(200)],
    ['POST', '/assemblies/:assembly/proxy', (v) => ({ holder: holders[v].documentId }), forMembers(201)],
    ['DELETE', '/assemblies/:assembly/proxy', () => undefined, forMembers(200)],
    ['POST', '/resolutions/:resolution/ballots', () => ({ choice: 'abstain' }), forMembers(201)],
    ['GET', '/assemblies/:closedAssembly/results', () => undefined, forMembers(200)],
    ['GET', '/assemblies/:closedAssembly/recount', () => undefined, forBoard(200)],
  ];

  it.each(cases)('%s %s', async (method, pattern, bodyFor, expected) => {
    const path = API + pattern.replace(/:(\w+)/g, (_m, key: string) => ids[key]);
    const got: Partial<Expect> = {};
    for (const viewer of viewers) {
      const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      const agent = http(strapi);
      const request = agent[verb](path).set(await as(strapi, viewer));
      const body = bodyFor(viewer);
      const res = await (body ? request.send(body) : request);
      got[viewer] = res.status;
      if (method === 'POST' && res.status === 201 && pattern === '/polls') made.polls.push(res.body.data.documentId);
      if (method === 'POST' && res.status === 201 && pattern === '/assemblies')
        made.assemblies.push(res.body.data.documentId);
    }
    expect(got).toEqual(expected);
  });
});
