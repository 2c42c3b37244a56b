/**
 * The moderation plugin's tables in the members' export and erasure (the kit's personal-data
 * contract): what a member wrote is exported; on erasure their messages stay, signed by the
 * anonymised profile, and their earlier versions and report comments are emptied.
 */
import type { Core } from '@strapi/strapi';
import { ERASED_NAME } from '../cms/src/space/erasure';
import { DEMO_PASSWORD } from '../database/seed/demo-accounts';
import { http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
let lyon: string;
let me: TestMember;
let other: TestMember;
const mine: { thread?: number; reply?: number } = {};
let othersThread: number;

const api = (path: string) => `/api/moderation${path}`;
const post = (who: TestMember, path: string, body: object) => http(strapi).post(api(path)).set(who.headers).send(body);

beforeAll(async () => {
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  me = await createMember(strapi, { displayName: 'Plume Effacée' }, 'modpriv');
  other = await createMember(strapi, { displayName: 'Plume Restante' }, 'modpriv');
  for (const m of [me, other]) await join(strapi, m, lyon);

  const thread = await post(me, `/collectives/${lyon}/threads`, { title: 'Jardin partagé', body: 'Premier jet MOI' });
  mine.thread = thread.body.data.id;
  const edited = await http(strapi)
    .put(api(`/threads/${mine.thread}`))
    .set(me.headers)
    .send({ title: 'Jardin partagé (corrigé)', body: 'Version finale MOI' });
  expect(edited.status).toBe(200);
  othersThread = (await post(other, `/collectives/${lyon}/threads`, { title: 'Vélos', body: 'Texte AUTRE' })).body.data
    .id;
  mine.reply = (await post(me, `/threads/${othersThread}/replies`, { body: 'Réponse MOI' })).body.data.id;
  const myReport = await post(me, '/reports', {
    kind: 'thread',
    id: othersThread,
    article: '3',
    comment: 'Commentaire de signalement MOI',
  });
  expect(myReport.status).toBe(201);
  await post(other, '/reports', { kind: 'reply', id: mine.reply, article: '2', comment: 'Commentaire AUTRE' });
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('GET /api/space/privacy/export with discussions', () => {
  it('holds my threads, replies, earlier versions and reports with my comment, nothing of the other reporter', async () => {
    const res = await http(strapi).get('/api/space/privacy/export').set(me.headers);
    expect(res.status).toBe(200);
    const related = JSON.parse(res.text).related as Record<string, Array<Record<string, unknown>>>;
    expect(related['moderation.threads']).toEqual([
      expect.objectContaining({ id: mine.thread, title: 'Jardin partagé (corrigé)', body: 'Version finale MOI' }),
    ]);
    expect(related['moderation.replies']).toEqual([
      expect.objectContaining({ id: mine.reply, thread_id: othersThread, body: 'Réponse MOI' }),
    ]);
    expect(related['moderation.revisions']).toEqual([
      expect.objectContaining({ item_kind: 'thread', item_id: mine.thread, body: 'Premier jet MOI' }),
    ]);
    expect(related['moderation.reports']).toEqual([
      expect.objectContaining({
        item_kind: 'thread',
        item_id: othersThread,
        comment: 'Commentaire de signalement MOI',
      }),
    ]);
    expect(related['moderation.casesAboutMyMessages']).toEqual([
      expect.objectContaining({ item_kind: 'reply', item_id: mine.reply, state: 'pending' }),
    ]);
    for (const key of ['moderation.appeals', 'moderation.actionsLogged', 'governance.participations'])
      expect(related).toHaveProperty([key]);
    for (const foreign of ['Commentaire AUTRE', 'Texte AUTRE', other.email]) expect(res.text).not.toContain(foreign);
  });
});

describe('POST /api/space/privacy/erasure with discussions', () => {
  it('keeps my messages under the anonymised profile, empties my earlier versions and report comments', async () => {
    const res = await http(strapi).post('/api/space/privacy/erasure').set(me.headers).send({ password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const knex = strapi.db.connection;

    const thread = await http(strapi)
      .get(api(`/threads/${othersThread}`))
      .set(other.headers);
    expect(thread.status).toBe(200);
    expect(thread.body.data.replies).toEqual([
      expect.objectContaining({ id: mine.reply, author: { id: me.profileId, displayName: ERASED_NAME } }),
    ]);
    const myThread = await http(strapi)
      .get(api(`/threads/${mine.thread}`))
      .set(other.headers);
    expect(myThread.body.data).toMatchObject({
      author: { displayName: ERASED_NAME },
      title: 'Jardin partagé (corrigé)',
    });

    const revisions = await knex('mod_revisions').where({ item_kind: 'thread', item_id: mine.thread });
    expect(revisions).toHaveLength(1);
    expect(revisions.map((r: { body: string; title: string | null }) => [r.body, r.title])).toEqual([['', null]]);
    const reports = await knex('mod_reports').where({ reporter_id: me.profileId });
    expect(reports.map((r: { comment: string | null; article: string }) => [r.article, r.comment])).toEqual([
      ['3', null],
    ]);
    // The other member's report about my reply, and the case, stay as they were.
    expect(await knex('mod_reports').where({ reporter_id: other.profileId }).select('comment')).toEqual([
      { comment: 'Commentaire AUTRE' },
    ]);
    expect(await knex('mod_cases').where({ item_kind: 'reply', item_id: mine.reply }).select('author_id')).toEqual([
      { author_id: me.profileId },
    ]);
  });
});
