/**
 * The admin panel's own pages, over HTTP with admin JWTs: the moderation queue (plugins/moderation,
 * under /moderation) and recent mailings (cms/src/mailing, under /mailings). Members' tokens and
 * anonymous requests get 401; an admin user without the pages' permissions 403; the seeded editor
 * lists, filters and acts; a decision on an outdated version is "already handled".
 */
import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD, demoAdmins } from '../database/seed/demo-accounts';
import { tables } from '../cms/src/mailing/store';
import {
  adminHeaders,
  bouncedAddress,
  failedMailing,
  removeBounces,
  REPORTED,
  removeMailing,
  reportedThread,
} from './support/admin-pages';
import { collectiveId, createMember, removeCreatedMembers } from './support/members';
import { removeModerationRows } from './support/moderation';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';

// The retried mails stay queued for the test to see: no worker claims them.
process.env.MAILING_WORKER = 'off';

let strapi: Core.Strapi;
let editor: Record<string, string>;
let board: Record<string, string>;
/** An invalid address whose member is named, and one nobody has. */
let bounced: { member: string; stranger: string; memberRow: string; strangerRow: string };
let outsider: Record<string, string>;
let author: Record<string, string>;
const outsiderEmail = `sans-droits-${process.pid}@energie-commune.example`;
let caseId: number;
let threadId: number;
const ITEM = `admin-pages-${process.pid}`;
let mailingKey: string;

beforeAll(async () => {
  strapi = await startStrapi();
  ({ caseId, threadId, author } = await reportedThread(strapi));
  // An admin user whose role (Author, Strapi's default) has none of these pages' permissions.
  const authorRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
  await strapi.service('admin::user').create({
    email: outsiderEmail,
    firstname: 'Sans',
    lastname: 'Droits',
    password: DEMO_PASSWORD,
    isActive: true,
    roles: [authorRole.id],
  });
  // Logged in once each: the admin login route allows a few attempts per address and account.
  outsider = await adminHeaders(strapi, outsiderEmail);
  editor = await adminHeaders(strapi, demoAdmins.editor.email);
  board = await adminHeaders(strapi, demoAdmins.board.email);
  mailingKey = await failedMailing(strapi, ITEM);
  const member = await createMember(strapi, { displayName: 'Rebond Admin' }, 'rebond');
  const stranger = `inconnu-${process.pid}@example.org`;
  bounced = {
    member: member.email,
    stranger,
    memberRow: await bouncedAddress(strapi, member.email),
    strangerRow: await bouncedAddress(strapi, stranger),
  };
});

afterAll(async () => {
  if (bounced) await removeBounces(strapi, [bounced.member, bounced.stranger]);
  await removeMailing(strapi, mailingKey);
  const user = await strapi.db.query('admin::user').findOne({ where: { email: outsiderEmail } });
  if (user) await strapi.service('admin::user').deleteById(user.id);
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

// Every row has its three values: a shorter row would make jest pass its `done` callback as the body.
const routes: Array<[string, string, object | null]> = [
  ['get', '/moderation/queue/filters', null],
  ['get', '/moderation/queue', null],
  ['get', '/moderation/queue/1', null],
  ['post', '/moderation/queue/1/decisions', { action: 'hide', version: 1, reason: 'x' }],
  ['get', '/mailings', null],
  ['post', '/mailings/1/retry', {}],
  ['get', '/mailings/invalid-addresses', null],
  ['delete', '/mailings/invalid-addresses/nosuchaddress', null],
];

const send = (method: string, path: string, headers: Record<string, string>, body: object | null) => {
  const req =
    method === 'get'
      ? http(strapi).get(path)
      : method === 'delete'
        ? http(strapi).delete(path)
        : http(strapi)
            .post(path)
            .send(body ?? {});
  return req.set(headers);
};

describe('who reaches the admin pages', () => {
  it.each(routes)('%s %s: 401 for anonymous and every member’s token', async (method, path, body) => {
    for (const viewer of viewers) {
      const res = await send(method, path, await as(strapi, viewer), body);
      expect({ viewer, status: res.status }).toEqual({ viewer, status: 401 });
    }
  });

  it.each(routes)('%s %s: 403 for an admin user without the permission', async (method, path, body) => {
    const res = await send(method, path, outsider, body);
    expect(res.status).toBe(403);
  });

  it('editors and the board hold the pages’ permissions (config/src/roles.ts)', async () => {
    for (const code of ['notre-asso-editor', 'notre-asso-board']) {
      const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: ['permissions'] });
      const actions = (role.permissions as Array<{ action: string }>).map((p) => p.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'plugin::moderation.queue.read',
          'plugin::moderation.queue.act',
          'api::mailings.read',
          'api::mailings.retry',
        ]),
      );
    }
  });
});

describe('the moderation queue page', () => {
  it('lists the case with its collective, the articles cited and the message', async () => {
    const res = await http(strapi).get('/moderation/queue').set(editor);
    expect(res.status).toBe(200);
    const item = (res.body.data as Array<{ id: number }>).find((c) => c.id === caseId);
    expect(item).toMatchObject({
      item: { kind: 'thread', id: threadId },
      state: 'pending',
      collectiveName: 'Groupe local de Lyon',
      articles: [
        { article: '3', count: 2 },
        { article: '5', count: 1 },
      ],
    });
    expect((item as unknown as { excerpt: string }).excerpt).toContain(REPORTED.title);
  });

  it('filters by state, collective, article and age', async () => {
    const ids = async (query: string) =>
      ((await http(strapi).get(`/moderation/queue?${query}`).set(editor)).body.data as Array<{ id: number }>).map(
        (c) => c.id,
      );
    const lyon = await collectiveId(strapi, 'lyon');
    const grenoble = await collectiveId(strapi, 'grenoble');
    expect(await ids(`collective=${lyon}`)).toContain(caseId);
    expect(await ids(`collective=${grenoble}`)).not.toContain(caseId);
    expect(await ids('article=5')).toContain(caseId);
    expect(await ids('article=7')).not.toContain(caseId);
    expect(await ids('olderThanHours=0')).toContain(caseId);
    expect(await ids('olderThanHours=48')).not.toContain(caseId);
    expect(await ids('state=dismissed')).not.toContain(caseId);
    const bad = await http(strapi).get('/moderation/queue?olderThanHours=soon').set(editor);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('olderThanHours');
    const filters = await http(strapi).get('/moderation/queue/filters').set(editor);
    expect(filters.body.data.articles).toContain('5');
    expect(filters.body.data.collectives).toContainEqual({ documentId: lyon, name: 'Groupe local de Lyon' });
  });

  it('restores the item once; the same version again is "already handled"; the log names the admin', async () => {
    const open = await http(strapi).get(`/moderation/queue/${caseId}`).set(editor);
    expect(open.status).toBe(200);
    expect(open.body.data.content).toMatchObject({ hidden: true, body: REPORTED.body });
    const version = open.body.data.version;
    const missing = await http(strapi).post(`/moderation/queue/${caseId}/decisions`).set(editor).send({ version });
    expect(missing.status).toBe(400);
    const decision = { action: 'restore', version, reason: 'Annonce entre membres, admise par la charte.' };
    const first = await http(strapi).post(`/moderation/queue/${caseId}/decisions`).set(editor).send(decision);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ state: 'dismissed', version: version + 1 });
    const second = await http(strapi).post(`/moderation/queue/${caseId}/decisions`).set(editor).send(decision);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('already handled');
    const editorId = (await strapi.db.query('admin::user').findOne({ where: { email: demoAdmins.editor.email } })).id;
    const log = await strapi.db.connection('mod_log').where({ case_id: caseId, action: 'restore' });
    expect(log).toEqual([expect.objectContaining({ actor_id: null, admin_actor_id: editorId })]);
    const thread = await http(strapi).get(`/api/moderation/threads/${threadId}`).set(author);
    expect(thread.body.data.hidden).toBe(false);
  });
});

describe('the mailings page', () => {
  it('lists recent mailings with their counts and the failed recipients’ last errors', async () => {
    const res = await http(strapi).get('/mailings?failures=1').set(editor);
    expect(res.status).toBe(200);
    const mailing = (res.body.data as Array<{ item: string }>).find((m) => m.item === ITEM);
    expect(mailing).toMatchObject({
      kind: 'newsletter',
      state: 'finished',
      recipients: 3,
      sent: 1,
      failed: 2,
      queued: 0,
      failures: [
        { address: 'b@example.org', attempts: 1, lastError: '550 5.1.1 mailbox unavailable' },
        { address: 'c@example.org', attempts: 5, lastError: '421 try again later' },
      ],
    });
    expect((await http(strapi).get('/mailings?kind=postcard').set(editor)).status).toBe(400);
  });

  it('puts the failed mails back in the queue, once', async () => {
    const t = tables(strapi);
    const { id } = await t.db(t.mailings).where(t.m.key, mailingKey).first('id');
    const res = await http(strapi).post(`/mailings/${id}/retry`).set(editor);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ retried: 2, state: 'running', failed: 0, queued: 2, sent: 1 });
    const rows = await t.db(t.outbox).where(t.o.mailingKey, mailingKey).orderBy(t.o.address);
    expect(rows.map((r) => [r[t.o.state], Number(r[t.o.attempts])])).toEqual([
      ['sent', 1],
      ['queued', 0],
      ['queued', 0],
    ]);
    const again = await http(strapi).post(`/mailings/${id}/retry`).set(editor);
    expect(again.status).toBe(409);
    expect((await http(strapi).post('/mailings/999999/retry').set(editor)).status).toBe(404);
  });
});

describe('the mailings page’s invalid addresses', () => {
  it('the board’s admin role only: editors get 403 (config/src/roles.ts)', async () => {
    expect((await http(strapi).get('/mailings/invalid-addresses').set(editor)).status).toBe(403);
    expect((await http(strapi).delete(`/mailings/invalid-addresses/${bounced.strangerRow}`).set(editor)).status).toBe(
      403,
    );
  });

  it('lists them with the member’s name, searches by address or name, and clears one', async () => {
    const list = async (query = '') => {
      const res = await http(strapi).get(`/mailings/invalid-addresses${query}`).set(board);
      expect(res.status).toBe(200);
      return res.body as { data: Array<{ address: string; member: { displayName: string } | null }> };
    };
    const all = await list();
    expect(all.data.find((a) => a.address === bounced.member.toLowerCase())).toMatchObject({
      failures: 3,
      lastError: '550 5.1.1 mailbox unavailable',
      member: { displayName: 'Rebond Admin' },
    });
    expect(all.data.find((a) => a.address === bounced.stranger)).toMatchObject({ member: null });
    expect((await list('?q=rebond%20ADMIN')).data.map((a) => a.address)).toEqual([bounced.member.toLowerCase()]);
    expect((await list(`?q=inconnu-${process.pid}`)).data.map((a) => a.address)).toEqual([bounced.stranger]);
    expect((await list('?q=100%25_sure')).data).toEqual([]);
    const bad = await http(strapi).get('/mailings/invalid-addresses?page=0').set(board);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('page');

    const cleared = await http(strapi).delete(`/mailings/invalid-addresses/${bounced.strangerRow}`).set(board);
    expect(cleared.status).toBe(200);
    expect((await list()).data.map((a) => a.address)).not.toContain(bounced.stranger);
    expect((await http(strapi).delete(`/mailings/invalid-addresses/${bounced.strangerRow}`).set(board)).status).toBe(
      404,
    );
  });
});
