/**
 * Discussions about an event or a document: a thread of the collective that names one of its
 * published events or documents (`about`), listed beside it with `?about=`; an event or document
 * of another collective, a missing one or a malformed `about` refused in words.
 */
import type { Core } from '@strapi/strapi';
import { http, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMember, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';

let strapi: Core.Strapi;
let lyon: string;
let rennes: string;
let member: TestMember;
const api = (path: string) => `/api/moderation${path}`;

/** A published event or document of a collective, from the seed. */
async function publishedOf(uid: 'api::event.event' | 'api::document.document', collective: string) {
  const row = (await strapi.db.query(uid).findOne({
    where: { collective: { documentId: collective }, publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as { documentId: string } | null;
  if (!row) throw new Error(`the seed has no published ${uid} in ${collective}`);
  return row.documentId;
}

const start = (body: Record<string, unknown>, collective = lyon) =>
  http(strapi)
    .post(api(`/collectives/${collective}/threads`))
    .set(member.headers)
    .send(body);

beforeAll(async () => {
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  rennes = await collectiveId(strapi, 'rennes');
  member = await createMember(strapi, { displayName: 'Membre qui discute' }, 'subjects');
  await join(strapi, member, lyon);
});

afterAll(async () => {
  await removeModerationRows(strapi);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('threads about an event or a document', () => {
  it('are the collective’s threads, listed beside what they are about', async () => {
    const event = await publishedOf('api::event.event', lyon);
    const document = await publishedOf('api::document.document', lyon);
    const plain = await start({ title: 'Sans objet', body: 'Un fil ordinaire.' });
    expect(plain.status).toBe(201);
    expect(plain.body.data.about).toBeNull();
    const aboutEvent = await start({ title: 'Covoiturage', body: 'Qui part de la gare ?', about: `event:${event}` });
    expect(aboutEvent.status).toBe(201);
    expect(aboutEvent.body.data.about).toEqual({ kind: 'event', documentId: event });
    const aboutDocument = await start({ title: 'Une coquille', body: 'Page 3.', about: `document:${document}` });
    expect(aboutDocument.status).toBe(201);

    const list = (about?: string) =>
      http(strapi)
        .get(api(`/collectives/${lyon}/threads`))
        .query(about ? { about } : {})
        .set(member.headers);
    const ofEvent = await list(`event:${event}`);
    expect(ofEvent.status).toBe(200);
    expect(ofEvent.body.data.map((t: { id: number }) => t.id)).toEqual([aboutEvent.body.data.id]);
    const ofDocument = await list(`document:${document}`);
    expect(ofDocument.body.data.map((t: { id: number }) => t.id)).toEqual([aboutDocument.body.data.id]);
    // The collective's list holds all three.
    const all = (await list()).body.data.map((t: { id: number }) => t.id);
    expect(all).toEqual(
      expect.arrayContaining([plain.body.data.id, aboutEvent.body.data.id, aboutDocument.body.data.id]),
    );
  });

  it('refuses an event of another collective, a missing one and a malformed about, in words', async () => {
    const elsewhere = await start({
      title: 'Ailleurs',
      body: 'Un événement de Rennes.',
      about: `event:${await publishedOf('api::event.event', rennes)}`,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/pas celui de ce collectif.*not this collective’s/s);
    expect(elsewhere.body.error.details).toMatchObject({ field: 'about' });
    const missing = await start({ title: 'Nulle part', body: 'Aucun.', about: 'event:nosuchevent000' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Cet événement n’existe pas/);
    for (const about of ['meeting:abc', 'event:', 'event:ABC DEF', 42]) {
      const bad = await start({ title: 'Mal formé', body: 'Mal formé.', about });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/about doit être event:<documentId> ou document:<documentId>/);
    }
    const badQuery = await http(strapi)
      .get(api(`/collectives/${lyon}/threads`))
      .query({ about: 'poll:1' })
      .set(member.headers);
    expect(badQuery.status).toBe(400);
    const threads = await strapi.db.connection('mod_threads').where({ author_id: member.profileId });
    expect(threads.map((t: { title: string }) => t.title).sort()).toEqual([
      'Covoiturage',
      'Sans objet',
      'Une coquille',
    ]);
  });
});
