/**
 * Exports of the votes over HTTP: a ranked-choice poll's ballots in the BLT format (exact file,
 * no voter in it, only after close), and an assembly's draft minutes as Markdown and PDF
 * (attendance, quorum, proxies used, each resolution's exact counts, remote and in the room);
 * every new route for every role.
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
const polls: string[] = [];
const assemblies: string[] = [];

function binary(res: { on(event: string, cb: (chunk?: Buffer) => void): void }, done: (e: null, b: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function newPoll(overrides: Record<string, unknown>) {
  const res = await http(strapi)
    .post(`${API}/polls`)
    .set(await as(strapi, 'board'))
    .send({ opensAt: iso(-hour), closesAt: iso(hour), ...overrides });
  if (res.status !== 201) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
  polls.push(res.body.data.documentId);
  return res.body.data.documentId as string;
}

const closePoll = (documentId: string) =>
  strapi.db.query('plugin::governance.poll').update({ where: { documentId }, data: { closesAt: iso(-1) } as never });

async function newAssembly(titles: string[]) {
  const res = await http(strapi)
    .post(`${API}/assemblies`)
    .set(await as(strapi, 'board'))
    .send({
      title: 'AG des comptes',
      kind: 'ordinary',
      date: iso(day),
      place: 'Lyon',
      votingOpensAt: iso(hour),
      votingClosesAt: iso(2 * hour),
      recordDate: yesterday(),
    });
  const documentId = res.body.data.documentId as string;
  assemblies.push(documentId);
  const resolutions: string[] = [];
  for (const title of titles) {
    const added = await http(strapi)
      .post(`${API}/assemblies/${documentId}/resolutions`)
      .set(await as(strapi, 'board'))
      .send({ title, text: `L’assemblée décide : ${title}.`, kind: 'ordinary' });
    resolutions.push(added.body.data.documentId);
  }
  await moveWindow(documentId, -hour, hour);
  return { documentId, resolutions };
}

const moveWindow = (documentId: string, opens: number, closes: number) =>
  strapi.db.query('plugin::governance.assembly').update({
    where: { documentId },
    data: { votingOpensAt: iso(opens), votingClosesAt: iso(closes) } as never,
  });

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
    await strapi.db.query('plugin::governance.poll').deleteMany({ where: { documentId: { $in: polls } } });
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
});

describe('BLT export of a ranked-choice poll', () => {
  let poll: string;
  let voters: TestMember[];
  const question = 'Qui pour animer le "collectif" ?';

  beforeAll(async () => {
    poll = await newPoll({ question, options: ['Alice', 'Bob', 'Chloé'], method: 'ranked' });
    voters = await Promise.all([1, 2, 3, 4].map(() => createMember(strapi)));
    const rankings = [[0, 1, 2], [2], [0, 1, 2], [1, 0]];
    for (const [i, choices] of rankings.entries())
      await http(strapi).post(`${API}/polls/${poll}/ballots`).set(voters[i].headers).send({ choices }).expect(201);
  });

  it('is refused before the close, and for a poll that is not ranked', async () => {
    const early = await http(strapi).get(`${API}/polls/${poll}/ballots.blt`).set(voters[0].headers);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/à la clôture/);
    const single = await newPoll({ question: 'Oui ou non ?', options: ['Oui', 'Non'], method: 'single' });
    await closePoll(single);
    const refused = await http(strapi).get(`${API}/polls/${single}/ballots.blt`).set(voters[0].headers);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/BLT/);
  });

  it('writes the standard file after close: identical rankings weighted, no voter, no arrival order', async () => {
    await closePoll(poll);
    const res = await http(strapi).get(`${API}/polls/${poll}/ballots.blt`).set(voters[0].headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="poll-${poll}.blt"`);
    expect(res.text).toBe(
      [
        '3 1',
        '2 1 2 3 0',
        '1 2 1 0',
        '1 3 0',
        '0',
        '"Alice"',
        '"Bob"',
        '"Chloé"',
        `"Qui pour animer le ''collectif'' ?"`,
        '',
      ].join('\n'),
    );
    for (const v of voters) expect(res.text).not.toContain(v.documentId);
  });
});

describe('the draft minutes of an assembly', () => {
  let assembly: { documentId: string; resolutions: string[] };
  let a: TestMember, b: TestMember, c: TestMember, d: TestMember;

  beforeAll(async () => {
    [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createMember(strapi, { memberSince: '2020-01-01' })));
    assembly = await newAssembly(['Approbation des comptes', 'Affectation du résultat']);
    const [first, second] = assembly.resolutions;
    await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/proxy`)
      .set(b.headers)
      .send({ holder: a.documentId })
      .expect(201);
    await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/proxy`)
      .set(d.headers)
      .send({ holder: c.documentId })
      .expect(201);
    const vote = (m: TestMember, resolution: string, choice: string, onBehalfOf?: string) =>
      http(strapi)
        .post(`${API}/resolutions/${resolution}/ballots`)
        .set(m.headers)
        .send({ choice, onBehalfOf })
        .expect(201);
    await vote(a, first, 'for');
    await vote(a, first, 'against', b.documentId);
    await vote(a, second, 'abstain');
    await moveWindow(assembly.documentId, -2 * hour, -1);
    await http(strapi)
      .post(`${API}/assemblies/${assembly.documentId}/attendance`)
      .set(await as(strapi, 'board'))
      .send({ members: [c.documentId] })
      .expect(201);
    // C votes in the room for themselves and, with D's proxy, for D.
    await http(strapi)
      .put(`${API}/resolutions/${first}/room-count`)
      .set(await as(strapi, 'board'))
      .send({ for: 2, against: 0, abstain: 0 })
      .expect(200);
  });

  it('gives the attendance, the quorum, the proxies and each resolution’s exact counts, in Markdown', async () => {
    const results = await http(strapi)
      .get(`${API}/assemblies/${assembly.documentId}/results`)
      .set(await as(strapi, 'board'));
    const q = results.body.data.quorum;
    const res = await http(strapi)
      .get(`${API}/assemblies/${assembly.documentId}/minutes.md`)
      .set(await as(strapi, 'board'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const md = res.text;
    expect(md).toMatch(/^# Procès-verbal de l’assemblée générale ordinaire du .* \(projet\)\n/);
    expect(md).toContain(`Membres inscrits sur la liste des votants : ${q.voters}.`);
    expect(md).toContain(
      'Présents : 1 ; représentés : 1 ; votants à distance : 2 ; soit 4 membres comptés une fois chacun.',
    );
    expect(md).toContain(`Quorum requis : ${q.required} membres — ${q.reached ? 'atteint' : 'non atteint'}`);
    expect(md).toContain(`${b.displayName} a donné pouvoir à ${a.displayName} (utilisé).`);
    expect(md).toContain(`${d.displayName} a donné pouvoir à ${c.displayName} (non utilisé).`);
    expect(md).toContain('## Résolution 1 : Approbation des comptes (ordinaire)');
    expect(md).toContain('L’assemblée décide : Approbation des comptes.');
    expect(md).toContain('Pour : 3 ; contre : 1 ; abstentions : 0 ; suffrages exprimés : 4.');
    expect(md).toContain('Dont en salle : pour 2, contre 0, abstentions 0.');
    expect(md).toContain('Part des voix pour : 75.00 % (majorité requise : plus de 1/2 des suffrages exprimés).');
    expect(md).toContain('Pour : 0 ; contre : 0 ; abstentions : 1 ; suffrages exprimés : 0.');
    expect(md).toContain(q.reached ? 'La résolution est adoptée.' : 'La résolution est rejetée.');
    const english = await http(strapi)
      .get(`${API}/assemblies/${assembly.documentId}/minutes.md?locale=en`)
      .set(await as(strapi, 'board'));
    expect(english.text).toContain('Minutes of the ordinary general assembly');
    expect(english.text).toContain('For: 3; against: 1; abstentions: 0; votes cast: 4.');
  });

  it('prints the same minutes as PDF', async () => {
    const res = await http(strapi)
      .get(`${API}/assemblies/${assembly.documentId}/minutes.pdf`)
      .set(await as(strapi, 'board'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is refused before the close', async () => {
    const open = await newAssembly(['Une résolution']);
    const res = await http(strapi)
      .get(`${API}/assemblies/${open.documentId}/minutes.md`)
      .set(await as(strapi, 'board'));
    expect(res.status).toBe(403);
  });
});

describe('every export route × every role', () => {
  type Expect = Record<Viewer, number>;
  const forMembers: Expect = { anonymous: 401, member: 200, lead: 200, moderator: 200, board: 200 };
  const forBoard: Expect = { anonymous: 401, member: 403, lead: 403, moderator: 403, board: 200 };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.poll = await newPoll({ question: 'Classement ?', options: ['A', 'B'], method: 'ranked' });
    await closePoll(ids.poll);
    const closed = await newAssembly(['Comptes']);
    await moveWindow(closed.documentId, -2 * hour, -1);
    ids.assembly = closed.documentId;
  });

  it.each([
    ['/polls/:poll/ballots.blt', forMembers],
    ['/assemblies/:assembly/minutes.md', forBoard],
    ['/assemblies/:assembly/minutes.pdf', forBoard],
  ] as Array<[string, Expect]>)('GET %s', async (pattern, expected) => {
    const path = API + pattern.replace(/:(\w+)/, (_m, key: string) => ids[key]);
    const got: Partial<Expect> = {};
    for (const viewer of viewers)
      got[viewer] = (
        await http(strapi)
          .get(path)
          .set(await as(strapi, viewer))
      ).status;
    expect(got).toEqual(expected);
  });
});
