import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { notify } from '../cms/src/notifications';
import { spaceIndexes } from '../cms/src/space/indexes';
import { as, cmsDir, http, startStrapi, stopStrapi, viewers } from './support/strapi';
import { demoMembers, type DemoRole } from '../database/seed/demo-accounts';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';

const DOCUMENT = 'api::document.document';
const COLLECTIVE = 'api::collective.collective';
const DAY = 86_400_000;

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
/** Briefs and events this suite wrote, removed after it with its members. */
const written: Array<[string, string]> = [];
afterAll(async () => {
  for (const [uid, documentId] of written)
    await strapi.documents(uid as 'api::brief.brief').delete({ documentId, locale: '*' });
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

const collectiveBySlug = async (slug: string) =>
  (await strapi.db.query(COLLECTIVE).findOne({ where: { slug, locale: 'fr', publishedAt: { $notNull: true } } })) as {
    id: number;
    documentId: string;
  };

/** Active member and follower of a collective: "my collectives" by either definition. */
async function joinCollective(member: TestMember, slug: string) {
  const collective = await collectiveBySlug(slug);
  await strapi.db.query('api::membership.membership').create({
    data: { profile: member.profileId, collective: collective.id, state: 'active' },
  });
  await strapi.documents('api::member-profile.member-profile').update({
    documentId: member.documentId,
    data: { followedCollectives: [collective.documentId] } as never,
  });
  return collective;
}

interface SeededDocument {
  documentId: string;
  accessLevel: string;
  file: { url: string; hash: string; ext: string };
}

async function seededDocument(where: Record<string, unknown>): Promise<SeededDocument> {
  const doc = (await strapi.db.query(DOCUMENT).findOne({
    where: { ...where, locale: 'fr', publishedAt: { $notNull: true } },
    populate: { file: true },
  })) as SeededDocument | null;
  if (!doc?.file) throw new Error(`no seeded document with a file for ${JSON.stringify(where)}`);
  return doc;
}

describe('GET /api/space/dashboard', () => {
  it('refuses anonymous visitors with 401', async () => {
    const res = await http(strapi).get('/api/space/dashboard');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('UnauthorizedError');
  });

  it.each(viewers.filter((v) => v !== 'anonymous'))('answers %s with the six blocks and who asks', async (viewer) => {
    const headers = await as(strapi, viewer);
    const res = await http(strapi).get('/api/space/dashboard?locale=fr').set(headers);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual([
      'briefs',
      'documents',
      'events',
      'me',
      'notifications',
      'unread',
      'votes',
    ]);
    // The same identity /api/space/me gives: the dashboard page makes no other call.
    const me = await http(strapi).get('/api/space/me?locale=fr').set(headers);
    expect(res.body.data.me).toEqual(me.body.data);
    expect(res.body.data.me.user.email).toBe(demoMembers[viewer as DemoRole].email);
    if (viewer !== 'board') {
      expect(res.body.data.documents.map((d: { accessLevel: string }) => d.accessLevel)).not.toContain('board');
    }
  });

  it('shows my collectives’ briefs and events, my registrations first, my notifications', async () => {
    const me = await createMember(strapi, {}, 'dash');
    const other = await createMember(strapi, {}, 'dash-other');
    const mine = await joinCollective(me, 'grenoble');
    const notMine = await collectiveBySlug('rennes');
    const soon = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const brief = async (collective: string, title: string, days: number) => {
      const created = await strapi.documents('api::brief.brief').create({
        locale: 'fr',
        status: 'published',
        data: { title, body: 'Texte.', collective, publicationDate: soon(days) } as never,
      });
      written.push(['api::brief.brief', created.documentId]);
    };
    await brief(mine.documentId, 'Brève de mon groupe', 0.5);
    await brief(notMine.documentId, 'Brève d’un autre groupe', 0.6);
    const event = async (collective: string, title: string, days: number) => {
      const created = await strapi.documents('api::event.event').create({
        locale: 'fr',
        status: 'published',
        data: {
          title,
          collective,
          startsAt: soon(days),
          endsAt: soon(days + 0.1),
          audience: 'members',
          place: 'Salle des fêtes',
        } as never,
      });
      written.push(['api::event.event', created.documentId]);
      return created;
    };
    await event(mine.documentId, 'Réunion de mon groupe', 3);
    const registered = await event(notMine.documentId, 'Atelier où je suis inscrit', 10);
    await event(notMine.documentId, 'Atelier d’un autre groupe', 4);
    const registeredRow = await strapi.db
      .query('api::event.event')
      .findOne({ where: { documentId: registered.documentId, publishedAt: { $notNull: true } } });
    await strapi.db
      .query('api::registration.registration')
      .create({ data: { profile: me.profileId, event: registeredRow.id, state: 'waiting' } });
    await notify(strapi, me.profileId, { kind: 'test.hello', title: 'Bienvenue', link: '/espace/' });
    await notify(strapi, other.profileId, { kind: 'test.hello', title: 'Pas pour moi' });

    const res = await http(strapi).get('/api/space/dashboard?locale=fr').set(me.headers);
    expect(res.status).toBe(200);
    const { briefs, events, notifications, unread } = res.body.data;
    expect(briefs[0]).toMatchObject({ title: 'Brève de mon groupe', collective: { slug: 'grenoble' } });
    expect(briefs.map((b: { title: string }) => b.title)).not.toContain('Brève d’un autre groupe');
    expect(events[0]).toMatchObject({ title: 'Atelier où je suis inscrit', state: 'waiting' });
    expect(events.map((e: { title: string }) => e.title)).toContain('Réunion de mon groupe');
    expect(events.map((e: { title: string }) => e.title)).not.toContain('Atelier d’un autre groupe');
    expect(notifications).toEqual([expect.objectContaining({ kind: 'test.hello', title: 'Bienvenue', readAt: null })]);
    expect(unread).toBe(1);
  });

  it('shows the latest documents the library shows me, by the same access rule', async () => {
    const me = await createMember(strapi, {}, 'dash-docs');
    const mine = await joinCollective(me, 'grenoble');
    const notMine = await collectiveBySlug('rennes');
    // The newest documents: one of my collective, one of another, one for the board.
    const document = async (title: string, accessLevel: string, collective?: string) => {
      const created = await strapi.documents(DOCUMENT).create({
        locale: 'fr',
        status: 'published',
        data: { title, accessLevel, collective } as never,
      });
      written.push([DOCUMENT, created.documentId]);
      return created.documentId;
    };
    const ofMine = await document('Compte rendu de mon groupe', 'collective', mine.documentId);
    const ofOther = await document('Compte rendu d’un autre groupe', 'collective', notMine.documentId);
    const forBoard = await document('Note au conseil', 'board');
    const ids = (docs: Array<{ documentId: string }>) => docs.map((d) => d.documentId);
    for (const headers of [me.headers, await as(strapi, 'member'), await as(strapi, 'board')]) {
      const dashboard = await http(strapi).get('/api/space/dashboard?locale=fr').set(headers);
      const library = await http(strapi).get('/api/space/documents?locale=fr').set(headers);
      expect(ids(dashboard.body.data.documents)).toEqual(ids(library.body.data).slice(0, 6));
    }
    const seen = ids((await http(strapi).get('/api/space/dashboard?locale=fr').set(me.headers)).body.data.documents);
    expect(seen).toContain(ofMine);
    expect(seen).not.toContain(ofOther);
    expect(seen).not.toContain(forBoard);
    const board = await http(strapi)
      .get('/api/space/dashboard?locale=fr')
      .set(await as(strapi, 'board'));
    expect(ids(board.body.data.documents).slice(0, 3)).toEqual([forBoard, ofOther, ofMine]);
  });
});

describe('POST /api/space/notifications/read', () => {
  it('refuses anonymous visitors with 401', async () => {
    expect((await http(strapi).post('/api/space/notifications/read').send({})).status).toBe(401);
  });

  it('marks only my notifications read, the given ones or all', async () => {
    const me = await createMember(strapi, {}, 'notif');
    const other = await createMember(strapi, {}, 'notif-other');
    for (const title of ['Un', 'Deux', 'Trois']) await notify(strapi, me.profileId, { kind: 'test', title });
    await notify(strapi, other.profileId, { kind: 'test', title: 'À l’autre' });
    const theirs = await strapi.db
      .query('api::notification.notification')
      .findOne({ where: { profile: { id: other.profileId } } });
    const dashboard = await http(strapi).get('/api/space/dashboard').set(me.headers);
    const [first] = dashboard.body.data.notifications as Array<{ id: number }>;

    const one = await http(strapi)
      .post('/api/space/notifications/read')
      .set(me.headers)
      .send({ ids: [first!.id, theirs.id] });
    expect(one.status).toBe(200);
    expect(one.body.data.unread).toBe(2);
    const all = await http(strapi).post('/api/space/notifications/read').set(me.headers).send({});
    expect(all.body.data.unread).toBe(0);
    const still = await http(strapi).get('/api/space/dashboard').set(other.headers);
    expect(still.body.data.unread).toBe(1);
  });

  it('refuses ids that are not numbers with 400 and a message', async () => {
    const res = await http(strapi)
      .post('/api/space/notifications/read')
      .set(await as(strapi, 'member'))
      .send({ ids: ['abc'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBeTruthy();
  });
});

describe('documents and their files', () => {
  it('the demo seed gives a file to documents of every access level', async () => {
    for (const accessLevel of ['public', 'members', 'collective', 'board']) {
      const doc = await seededDocument({ accessLevel });
      expect(doc.file.url).toMatch(/^\/uploads\/.+\.pdf$/);
    }
  });

  it('GET /api/space/documents lists what I may see, with the right file URL', async () => {
    expect((await http(strapi).get('/api/space/documents')).status).toBe(401);
    const member = await http(strapi)
      .get('/api/space/documents')
      .set(await as(strapi, 'member'));
    expect(member.status).toBe(200);
    const levels = new Set(member.body.data.map((d: { accessLevel: string }) => d.accessLevel));
    expect(levels.has('board')).toBe(false);
    expect(levels.has('members')).toBe(true);
    const board = await http(strapi)
      .get('/api/space/documents?q=budget')
      .set(await as(strapi, 'board'));
    expect(board.status).toBe(200);
    for (const doc of board.body.data as Array<{ documentId: string; accessLevel: string; fileUrl: string }>) {
      if (doc.accessLevel === 'public') expect(doc.fileUrl).toMatch(/^\/uploads\//);
      else expect(doc.fileUrl).toBe(`/api/space/documents/${doc.documentId}/file`);
    }
    expect(board.body.meta.pagination.total).toBeGreaterThan(0);
  });

  it('refuses a bad page with 400 and a message', async () => {
    const res = await http(strapi)
      .get('/api/space/documents?page=0')
      .set(await as(strapi, 'member'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/page/);
  });

  it('serves a public file at its public URL and through the endpoint', async () => {
    const doc = await seededDocument({ accessLevel: 'public' });
    expect((await http(strapi).get(doc.file.url)).status).toBe(200);
    const res = await http(strapi)
      .get(`/api/space/documents/${doc.documentId}/file`)
      .set(await as(strapi, 'member'));
    expect(res.status).toBe(200);
  });

  it.each(['members', 'collective', 'board'])('never serves a %s file at its public URL', async (accessLevel) => {
    const doc = await seededDocument({ accessLevel });
    // The file is there: only the guard stands between it and the public.
    expect(existsSync(path.join(cmsDir, 'public', doc.file.url))).toBe(true);
    const name = doc.file.url.slice('/uploads/'.length);
    for (const url of [
      doc.file.url,
      `/uploads/${encodeURIComponent(name).replace(/-/g, '%2D')}`,
      `/x/../uploads/${name}`,
      `/uploads/thumbnail_${name}`,
    ]) {
      expect({ url, status: (await http(strapi).get(url)).status }).toEqual({ url, status: 404 });
    }
    expect((await http(strapi).head(doc.file.url)).status).toBe(404);
  });

  it('serves a board file to the board only; others get 404 as if it did not exist', async () => {
    const doc = await seededDocument({ accessLevel: 'board' });
    const url = `/api/space/documents/${doc.documentId}/file`;
    expect((await http(strapi).get(url)).status).toBe(401);
    for (const viewer of ['member', 'lead', 'moderator'] as const) {
      const res = await http(strapi)
        .get(url)
        .set(await as(strapi, viewer));
      expect({ viewer, status: res.status }).toEqual({ viewer, status: 404 });
    }
    const board = await http(strapi)
      .get(url)
      .set(await as(strapi, 'board'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(board.status).toBe(200);
    expect(board.headers['content-type']).toBe('application/pdf');
    expect(board.headers['cache-control']).toBe('private, no-store');
    expect((board.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const unknown = await http(strapi)
      .get('/api/space/documents/no-such-document/file')
      .set(await as(strapi, 'board'));
    expect(unknown.status).toBe(404);
  });

  it('serves a collective’s file to its members, not to other members', async () => {
    const lyonDoc = await seededDocument({ accessLevel: 'collective', collective: { slug: 'lyon' } });
    const url = `/api/space/documents/${lyonDoc.documentId}/file`;
    const insider = await createMember(strapi, {}, 'lyon');
    await joinCollective(insider, 'lyon');
    const outsider = await createMember(strapi, {}, 'outsider');
    expect((await http(strapi).get(url).set(insider.headers)).status).toBe(200);
    expect((await http(strapi).get(url).set(outsider.headers)).status).toBe(404);
  });
});

describe('database indexes', () => {
  it('creates the members’ space indexes at start', async () => {
    const knex = strapi.db.connection;
    const names = process.env.DATABASE_URL
      ? ((await knex('pg_indexes').select('indexname as name')) as Array<{ name: string }>)
      : ((await knex('sqlite_master').where({ type: 'index' }).select('name')) as Array<{ name: string }>);
    const present = new Set(names.map((r) => r.name));
    for (const index of spaceIndexes(strapi)) expect(present.has(index.name)).toBe(true);
  });
});
