/**
 * Discussions and moderation over HTTP on the real database: who reads and writes which
 * collective's threads, reports up to the threshold (at the same moment), the queue with its
 * version check, and the log. Viewers: anonymous, a member, the lead of the item's collective,
 * the lead of another collective, a moderator and the board.
 */
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, createMembers, removeCreatedMembers, type TestMember } from './support/members';
import { join, makeLead, removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
const ids: Record<string, string> = {};
let author: TestMember;
let reporters: TestMember[];
let outsider: TestMember;
let otherLead: TestMember;
let undoLead: () => Promise<void>;

type Who = 'anonymous' | 'member' | 'lead' | 'otherLead' | 'moderator' | 'board';
const everyone: Who[] = ['anonymous', 'member', 'lead', 'otherLead', 'moderator', 'board'];

async function headers(who: Who | TestMember): Promise<Record<string, string>> {
  if (typeof who !== 'string') return who.headers;
  if (who === 'otherLead') return otherLead.headers;
  return as(strapi, who);
}

const api = (path: string) => `/api/moderation${path}`;
const get = async (who: Who | TestMember, path: string) =>
  http(strapi)
    .get(api(path))
    .set(await headers(who));
const post = async (who: Who | TestMember, path: string, body: object) =>
  http(strapi)
    .post(api(path))
    .set(await headers(who))
    .send(body);
const put = async (who: Who | TestMember, path: string, body: object) =>
  http(strapi)
    .put(api(path))
    .set(await headers(who))
    .send(body);

async function startThread(who: Who | TestMember, slug: string, title = 'Covoiturage samedi') {
  const res = await post(who, `/collectives/${ids[slug]}/threads`, { title, body: 'Qui part de **Lyon** ?' });
  expect(res.status).toBe(201);
  return res.body.data as { id: number; html: string; hidden: boolean };
}

const report = (who: TestMember | Who, kind: string, id: number, article = '3') =>
  post(who, '/reports', { kind, id, article, comment: 'Propos insultants' });

const logOf = (kind: string, id: number) =>
  strapi.db.connection('mod_log').where({ item_kind: kind, item_id: id }).orderBy('id') as Promise<
    Array<{ action: string; actor_id: number | null; reason: string }>
  >;

beforeAll(async () => {
  strapi = await startStrapi();
  for (const slug of ['lyon', 'saint-etienne', 'grenoble']) ids[slug] = await collectiveId(strapi, slug);
  author = await createMember(strapi, { displayName: 'Autrice Signalée' }, 'mod');
  reporters = await createMembers(strapi, 'Signaleur', 4);
  outsider = await createMember(strapi, { displayName: 'Hors collectif' }, 'mod');
  otherLead = await createMember(strapi, { displayName: 'Animatrice Grenoble' }, 'mod');
  for (const m of [author, ...reporters]) await join(strapi, m, ids.lyon as string);
  await join(strapi, otherLead, ids.grenoble as string);
  undoLead = await makeLead(strapi, otherLead, ids.grenoble as string);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await undoLead();
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('discussions: who reads and writes', () => {
  it('keeps a members-only collective’s threads to its members and those who moderate everything', async () => {
    await startThread('member', 'saint-etienne');
    const expected: Record<Who, number> = {
      anonymous: 401,
      member: 200,
      lead: 403,
      otherLead: 403,
      moderator: 200,
      board: 200,
    };
    for (const who of everyone) {
      const res = await get(who, `/collectives/${ids['saint-etienne']}/threads`);
      expect({ who, status: res.status }).toEqual({ who, status: expected[who] });
    }
    expect((await get(outsider, `/collectives/${ids['saint-etienne']}/threads`)).status).toBe(403);
    const listed = await get('member', `/collectives/${ids['saint-etienne']}/threads`);
    expect(listed.body.data[0]).toMatchObject({ title: 'Covoiturage samedi', hidden: false });
  });

  it('lets any member read a public collective, and only its members write there', async () => {
    const thread = await startThread(author, 'lyon');
    expect(thread.html).toBe('<p>Qui part de <strong>Lyon</strong> ?</p>');
    expect((await get(outsider, `/threads/${thread.id}`)).status).toBe(200);
    expect((await post(outsider, `/threads/${thread.id}/replies`, { body: 'Moi !' })).status).toBe(403);
    expect((await post(outsider, `/collectives/${ids.lyon}/threads`, { title: 't', body: 'b' })).status).toBe(403);
    const reply = await post(reporters[0] as TestMember, `/threads/${thread.id}/replies`, {
      body: 'Moi, avec 3 places.',
    });
    expect(reply.status).toBe(201);
    const read = await get('moderator', `/threads/${thread.id}`);
    expect(read.body.data).toMatchObject({ replyCount: 1, replies: [{ html: '<p>Moi, avec 3 places.</p>' }] });
    // The Markdown source goes to the author only.
    expect(read.body.data.body).toBeUndefined();
    expect((await get(author, `/threads/${thread.id}`)).body.data.body).toBe('Qui part de **Lyon** ?');
  });

  it('answers 400 with the missing fields, 404 for a collective or thread that does not exist', async () => {
    const res = await post(author, `/collectives/${ids.lyon}/threads`, { title: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/title is required.*body is required/);
    expect((await post(author, '/collectives/no-such-collective/threads', { title: 't', body: 'b' })).status).toBe(404);
    expect((await get(author, '/threads/999999')).status).toBe(404);
  });

  it('lets the author edit within 30 minutes, keeping the earlier text; nobody else, and not later', async () => {
    const thread = await startThread(author, 'lyon', 'Réunion');
    expect((await put(reporters[0] as TestMember, `/threads/${thread.id}`, { title: 'x', body: 'y' })).status).toBe(
      403,
    );
    const edited = await put(author, `/threads/${thread.id}`, { title: 'Réunion mardi', body: 'À *19 h*' });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ title: 'Réunion mardi', html: '<p>À <em>19 h</em></p>' });
    expect(edited.body.data.editedAt).not.toBeNull();
    const history = await strapi.db.connection('mod_revisions').where({ item_kind: 'thread', item_id: thread.id });
    expect(history).toMatchObject([{ title: 'Réunion', body: 'Qui part de **Lyon** ?' }]);
    await strapi.db
      .connection('mod_threads')
      .where({ id: thread.id })
      .update({ created_at: new Date(Date.now() - 31 * 60_000) });
    const late = await put(author, `/threads/${thread.id}`, { title: 'Réunion mercredi', body: 'b' });
    expect(late.status).toBe(409);
  });
});

describe('reports and the threshold', () => {
  it('hides an item exactly once when three members report it at the same moment', async () => {
    const thread = await startThread(author, 'lyon', 'Message litigieux');
    const three = reporters.slice(0, 3);
    const answers = await Promise.all(three.map((r) => report(r, 'thread', thread.id)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect((await logOf('thread', thread.id)).map((l) => [l.action, l.actor_id])).toEqual([['auto-hide', null]]);
    const told = await strapi.db.query('api::notification.notification').findMany({
      where: { profile: { id: author.profileId }, kind: 'moderation.hidden' },
    });
    expect(told).toHaveLength(1);
    // The author is never told who reported.
    for (const r of three) expect(told[0].title).not.toContain(r.displayName);

    // Hidden for everyone but its author and those who moderate the collective.
    const expected: Record<Who, number> = {
      anonymous: 401,
      member: 404,
      lead: 200,
      otherLead: 404,
      moderator: 200,
      board: 200,
    };
    for (const who of everyone) {
      const res = await get(who, `/threads/${thread.id}`);
      expect({ who, status: res.status }).toEqual({ who, status: expected[who] });
    }
    expect((await get(author, `/threads/${thread.id}`)).body.data.hidden).toBe(true);
    const listed = await get(reporters[0] as TestMember, `/collectives/${ids.lyon}/threads`);
    expect(listed.body.data.map((t: { id: number }) => t.id)).not.toContain(thread.id);
  });

  it('refuses a second report by the same member, one on one’s own message, and an unknown article', async () => {
    const thread = await startThread(author, 'lyon', 'Deux signalements');
    expect((await report(reporters[0] as TestMember, 'thread', thread.id)).status).toBe(201);
    const again = await report(reporters[0] as TestMember, 'thread', thread.id, '4');
    expect(again.status).toBe(409);
    expect(again.body.error.name).toBe('AlreadyReported');
    expect((await report(author, 'thread', thread.id)).status).toBe(403);
    expect((await report(reporters[1] as TestMember, 'thread', thread.id, '99')).status).toBe(400);
    expect((await report(outsider, 'thread', 999999)).status).toBe(404);
    // One report of two: still visible.
    expect((await get(outsider, `/threads/${thread.id}`)).status).toBe(200);
  });

  it('hides at the third distinct report, not before; replies too', async () => {
    const thread = await startThread(author, 'lyon', 'Fil');
    const reply = await post(author, `/threads/${thread.id}/replies`, { body: 'Réponse litigieuse' });
    const replyId = reply.body.data.id as number;
    for (const [i, r] of reporters.slice(0, 3).entries()) {
      expect((await report(r, 'reply', replyId)).status).toBe(201);
      const seen = await get(outsider, `/threads/${thread.id}`);
      expect(seen.body.data.replies.some((x: { id: number }) => x.id === replyId)).toBe(i < 2);
    }
  });
});

async function hiddenCase(title: string, by: TestMember | Who = author, slug = 'lyon') {
  const thread = await startThread(by, slug, title);
  for (const r of reporters.slice(0, 3)) expect((await report(r, 'thread', thread.id)).status).toBe(201);
  const row = await strapi.db.connection('mod_cases').where({ item_kind: 'thread', item_id: thread.id }).first();
  return { thread, caseId: row.id as number, version: row.version as number };
}

describe('the queue', () => {
  it('shows each moderator the cases they moderate, grouped by item', async () => {
    const { caseId, thread } = await hiddenCase('Pour la file');
    const expected: Record<Who, number> = {
      anonymous: 401,
      member: 403,
      lead: 200,
      otherLead: 200,
      moderator: 200,
      board: 200,
    };
    for (const who of everyone) {
      const res = await get(who, '/queue?state=pending');
      expect({ who, status: res.status }).toEqual({ who, status: expected[who] });
      const listed = res.status === 200 && res.body.data.some((c: { id: number }) => c.id === caseId);
      expect({ who, listed }).toEqual({ who, listed: ['lead', 'moderator', 'board'].includes(who) });
    }
    expect((await get('otherLead', `/queue?collective=${ids.lyon}`)).status).toBe(403);
    expect((await get('otherLead', `/queue/${caseId}`)).status).toBe(404);
    const one = await get('lead', `/queue/${caseId}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({
      state: 'pending',
      reportCount: 3,
      content: { title: 'Pour la file', hidden: true, body: 'Qui part de **Lyon** ?' },
    });
    expect(one.body.data.reports).toHaveLength(3);
    expect(JSON.stringify(one.body.data.reports)).not.toMatch(/reporter/);
    expect(thread.id).toBe(one.body.data.item.id);
  });

  it('applies one of two simultaneous decisions; the second is told it was already handled', async () => {
    const { caseId, version, thread } = await hiddenCase('Deux modérateurs');
    const decision = { action: 'restore', version, reason: 'Propos vifs mais dans la charte' };
    const [a, b] = await Promise.all([
      post('moderator', `/queue/${caseId}/decisions`, decision),
      post('lead', `/queue/${caseId}/decisions`, decision),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.error.message).toMatch(/already handled/);
    expect((await logOf('thread', thread.id)).map((l) => l.action)).toEqual(['auto-hide', 'restore']);
    expect((await get(outsider, `/threads/${thread.id}`)).status).toBe(200);
    const mine = await get(reporters[0] as TestMember, '/reports/mine');
    expect(mine.body.data.find((r: { id: number }) => r.id === thread.id)).toMatchObject({ outcome: 'dismissed' });
  });

  it('hides and warns with a reason, each logged with who acted and why', async () => {
    const { caseId, version, thread } = await hiddenCase('À masquer');
    const hide = await post('board', `/queue/${caseId}/decisions`, { action: 'hide', version, reason: 'Article 3' });
    expect(hide.status).toBe(201);
    expect(hide.body.data).toMatchObject({ state: 'upheld', version: version + 1 });
    const warn = await post('lead', `/queue/${caseId}/decisions`, {
      action: 'warn',
      version: version + 1,
      reason: 'Rappel',
    });
    expect(warn.status).toBe(201);
    const log = await logOf('thread', thread.id);
    const board = await strapi.db.query('api::member-profile.member-profile').findOne({
      where: { user: { email: 'bureau@energie-commune.example' } },
    });
    expect(log.map((l) => [l.action, l.reason])).toEqual([
      ['auto-hide', '3 signalements distincts / 3 distinct reports'],
      ['hide', 'Article 3'],
      ['warn', 'Rappel'],
    ]);
    expect(log[1]?.actor_id).toBe(board.id);
    expect((await get(outsider, `/threads/${thread.id}`)).status).toBe(404);
    const kinds = await strapi.db.query('api::notification.notification').findMany({
      where: { profile: { id: author.profileId }, kind: { $in: ['moderation.hide', 'moderation.warn'] } },
    });
    expect(kinds).toHaveLength(2);
    const logged = await get('moderator', '/log');
    expect(logged.body.data.filter((l: { item: { id: number } }) => l.item.id === thread.id)).toHaveLength(3);
    expect((await get('member', '/log')).status).toBe(403);
    const other = await get('otherLead', '/log');
    expect(other.body.data.every((l: { collective: string }) => l.collective === ids.grenoble)).toBe(true);
  });

  it('refuses a moderator acting on their own message; the board may', async () => {
    const { caseId, version } = await hiddenCase('Message du modérateur', 'moderator', 'grenoble');
    expect((await get('moderator', `/queue/${caseId}`)).status).toBe(403);
    const own = await post('moderator', `/queue/${caseId}/decisions`, { action: 'restore', version, reason: 'ok' });
    expect(own.status).toBe(403);
    expect(own.body.error.name).toBe('OwnContent');
    const listed = await get('moderator', '/queue');
    expect(listed.body.data.some((c: { id: number }) => c.id === caseId)).toBe(false);
    const byBoard = await post('board', `/queue/${caseId}/decisions`, { action: 'hide', version, reason: 'Art. 3' });
    expect(byBoard.status).toBe(201);
  });

  it('takes one appeal per decision, within 14 days, settled by another moderator who sees the original', async () => {
    const { caseId, version, thread } = await hiddenCase('Recours');
    const hide = { action: 'hide', version, reason: 'Article 3' };
    expect((await post('moderator', `/queue/${caseId}/decisions`, hide)).status).toBe(201);
    const statement = { kind: 'thread', id: thread.id, statement: 'Je citais un article de presse.' };
    expect((await post(reporters[0] as TestMember, '/appeals', statement)).status).toBe(404);
    // The author is told why, and that the one appeal is open; nobody else learns of the case.
    const told = (await get(author, '/cases/mine')).body.data.find((c: { case: number }) => c.case === caseId);
    expect(told).toMatchObject({
      kind: 'thread',
      id: thread.id,
      thread: thread.id,
      hidden: true,
      decision: { action: 'hide', reason: 'Article 3' },
      appeal: null,
      appealable: true,
    });
    expect(JSON.stringify((await get(reporters[0] as TestMember, '/cases/mine')).body.data)).not.toContain(
      `"case":${caseId},`,
    );
    expect((await post(author, '/appeals', statement)).status).toBe(201);
    const after = (await get(author, '/cases/mine')).body.data.find((c: { case: number }) => c.case === caseId);
    expect(after).toMatchObject({ state: 'appealed', appealable: false, appeal: { outcome: null } });
    expect((await post(author, '/appeals', statement)).status).toBe(409);
    const appealed = await get('lead', `/queue/${caseId}`);
    expect(appealed.body.data).toMatchObject({ state: 'appealed', content: { hidden: true, title: 'Recours' } });
    const settle = { action: 'overturn', version: appealed.body.data.version, reason: 'Citation admise' };
    expect((await post('lead', `/queue/${caseId}/decisions`, { ...settle, action: 'hide' })).status).toBe(400);
    const same = await post('moderator', `/queue/${caseId}/decisions`, settle);
    expect(same.status).toBe(403);
    expect(same.body.error.name).toBe('SameModerator');
    const other = await post('lead', `/queue/${caseId}/decisions`, settle);
    expect(other.status).toBe(201);
    expect(other.body.data.state).toBe('overturned');
    expect((await get(outsider, `/threads/${thread.id}`)).status).toBe(200);
    expect((await logOf('thread', thread.id)).map((l) => l.action)).toEqual([
      'auto-hide',
      'hide',
      'appeal',
      'overturn',
    ]);
  });

  it('refuses an appeal after 14 days', async () => {
    const { caseId, version, thread } = await hiddenCase('Recours tardif');
    await post('moderator', `/queue/${caseId}/decisions`, { action: 'warn', version, reason: 'Rappel' });
    await strapi.db
      .connection('mod_log')
      .where({ case_id: caseId })
      .update({ created_at: new Date(Date.now() - 15 * 86_400_000) });
    const late = await post(author, '/appeals', { kind: 'thread', id: thread.id, statement: 'Trop tard ?' });
    expect(late.status).toBe(409);
    expect(late.body.error.name).toBe('NotAppealable');
  });

  it('has no route that changes the log', async () => {
    const routes = strapi.server.api('content-api').listRoutes();
    const logRoutes = routes.filter((r) => r.path.startsWith('/api/moderation/log'));
    expect(logRoutes.map((r) => r.methods.filter((m: string) => m !== 'HEAD'))).toEqual([['GET']]);
  });
});

describe('every endpoint × role', () => {
  it('answers each viewer as the matrix and the row rules say', async () => {
    const thread = await startThread(author, 'lyon', 'Table des rôles');
    const reply = (await post(author, `/threads/${thread.id}/replies`, { body: 'r' })).body.data.id as number;
    const { caseId } = await hiddenCase('Cas de la table');
    const lyonThreads = `/collectives/${ids.lyon}/threads`;
    const post201 = { anonymous: 401, member: 201, lead: 201, otherLead: 403, moderator: 403, board: 201 };
    const table: Array<[string, string, object | null, Record<Who, number>]> = [
      [
        'GET',
        lyonThreads,
        null,
        { anonymous: 401, member: 200, lead: 200, otherLead: 200, moderator: 200, board: 200 },
      ],
      ['POST', lyonThreads, { title: 't', body: 'b' }, post201],
      [
        'GET',
        `/threads/${thread.id}`,
        null,
        { anonymous: 401, member: 200, lead: 200, otherLead: 200, moderator: 200, board: 200 },
      ],
      [
        'PUT',
        `/threads/${thread.id}`,
        { title: 't', body: 'b' },
        { anonymous: 401, member: 403, lead: 403, otherLead: 403, moderator: 403, board: 403 },
      ],
      ['POST', `/threads/${thread.id}/replies`, { body: 'b' }, post201],
      [
        'PUT',
        `/replies/${reply}`,
        { body: 'b' },
        { anonymous: 401, member: 403, lead: 403, otherLead: 403, moderator: 403, board: 403 },
      ],
      ['POST', '/reports', {}, { anonymous: 401, member: 400, lead: 400, otherLead: 400, moderator: 400, board: 400 }],
      ['POST', '/appeals', {}, { anonymous: 401, member: 400, lead: 400, otherLead: 400, moderator: 400, board: 400 }],
      [
        'GET',
        '/reports/mine',
        null,
        { anonymous: 401, member: 200, lead: 200, otherLead: 200, moderator: 200, board: 200 },
      ],
      [
        'GET',
        '/cases/mine',
        null,
        { anonymous: 401, member: 200, lead: 200, otherLead: 200, moderator: 200, board: 200 },
      ],
      ['GET', '/queue', null, { anonymous: 401, member: 403, lead: 200, otherLead: 200, moderator: 200, board: 200 }],
      [
        'GET',
        `/queue/${caseId}`,
        null,
        { anonymous: 401, member: 403, lead: 200, otherLead: 404, moderator: 200, board: 200 },
      ],
      [
        'POST',
        `/queue/${caseId}/decisions`,
        {},
        { anonymous: 401, member: 403, lead: 400, otherLead: 404, moderator: 400, board: 400 },
      ],
      ['GET', '/log', null, { anonymous: 401, member: 403, lead: 200, otherLead: 200, moderator: 200, board: 200 }],
    ];
    const wrong: string[] = [];
    for (const [method, path, body, expected] of table) {
      for (const who of everyone) {
        const res =
          method === 'GET'
            ? await get(who, path)
            : method === 'PUT'
              ? await put(who, path, body ?? {})
              : await post(who, path, body ?? {});
        if (res.status !== expected[who])
          wrong.push(`${who} ${method} ${path}: ${res.status}, expected ${expected[who]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
