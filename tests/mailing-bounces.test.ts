/**
 * Bounces, with the real SMTP server refusing recipients for good (5xx): the third permanent
 * refusal in a row makes an address invalid; every mail to it is then skipped, the ones already
 * queued included, until the board clears it; a delivery in between starts the count again.
 */
import type { Core } from '@strapi/strapi';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createFollowers, removeFollowers, type Follower, removeBriefs } from './support/followers';
import { collectiveId } from './support/members';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';

process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

const BRIEF = 'api::brief.brief';

let strapi: Core.Strapi;
let inbox: Inbox;
let solar: string;
/** Addresses the SMTP server refuses for good, for as long as they are in this set. */
const refused = new Set<string>();
const people: Follower[] = [];
const briefs: string[] = [];

beforeAll(async () => {
  inbox = await startSmtp({
    onRecipient: (address) => (refused.has(address) ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined),
  });
  strapi = await startStrapi();
  solar = await collectiveId(strapi, 'solaire-citoyen');
});
afterAll(async () => {
  if (strapi) {
    await strapi.db
      .connection('mail_bounces')
      .whereIn(
        'address',
        people.map((p) => p.email.toLowerCase()),
      )
      .delete();
    await removeFollowers(strapi, people);
    await removeBriefs(strapi, briefs);
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

let titles = 0;
async function publishBrief(label: string) {
  titles += 1;
  const title = `${label} ${process.pid}-${titles}`;
  const brief = await strapi.documents(BRIEF).create({
    data: { title, body: 'Texte.', collective: solar, publicationDate: new Date().toISOString() } as never,
    locale: 'fr',
    status: 'published',
  });
  briefs.push(brief.documentId);
  return { documentId: brief.documentId, title };
}

const drain = async () => {
  const worker = new OutboxWorker(strapi, { ...mailingSettings(), poolSize: 4, idleMs: 10 });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
};

const rowFor = async (documentId: string, address: string) =>
  (await strapi.db
    .connection('outbox')
    .where({ mailing_key: `brief:${documentId}`, address })
    .first()) as { state: string; last_error: string | null };
const mailsAbout = (title: string, address: string) =>
  inbox.to(address).filter((m) => (m.subject ?? '').includes(title));

async function invalidList(viewer: 'board' | 'member' = 'board', query = '') {
  return http(strapi)
    .get(`/api/space/mail/invalid-addresses${query}`)
    .set(await as(strapi, viewer));
}

test('three permanent refusals make an address invalid: queued and later mails skipped, the board sees it and clears it', async () => {
  const [bouncing, flaky, fine] = (await createFollowers(strapi, solar, 3, 'bounce')) as [Follower, Follower, Follower];
  people.push(bouncing, flaky, fine);
  refused.add(bouncing.email);
  refused.add(flaky.email);

  // Two refusals each.
  for (const label of ['Refus un', 'Refus deux']) {
    const { documentId } = await publishBrief(label);
    await drain();
    expect((await rowFor(documentId, bouncing.email)).state).toBe('failed');
  }
  // The flaky address takes the next one: its count starts again.
  refused.delete(flaky.email);

  // The third brief goes out while a fourth, already queued, waits (paused).
  const third = await publishBrief('Refus trois');
  const fourth = await publishBrief('Déjà en file');
  const board = await as(strapi, 'board');
  expect((await http(strapi).post(`/api/space/briefs/${fourth.documentId}/mailing/pause`).set(board)).status).toBe(200);
  await drain();
  expect((await rowFor(third.documentId, bouncing.email)).state).toBe('failed');
  expect(mailsAbout(third.title, flaky.email)).toHaveLength(1);
  expect(
    await strapi.db.connection('mail_bounces').where('address', flaky.email.toLowerCase()).first(),
  ).toBeUndefined();

  const listed = await invalidList();
  expect(listed.status).toBe(200);
  const entry = listed.body.data.find((a: { address: string }) => a.address === bouncing.email.toLowerCase());
  expect(entry).toMatchObject({ failures: 3, member: { documentId: bouncing.documentId } });
  expect(entry.lastError).toContain('Mailbox unavailable');
  expect(Date.now() - Date.parse(entry.invalidSince)).toBeLessThan(60_000);
  expect(entry.lastFailedAt).toBe(entry.invalidSince);
  expect(listed.body.data.map((a: { address: string }) => a.address)).not.toContain(flaky.email.toLowerCase());
  expect(listed.body.meta.pagination).toMatchObject({ page: 1, total: expect.any(Number) });
  // Searched by part of the address or of the member's name, any case.
  const found = async (q: string) =>
    ((await invalidList('board', `?q=${encodeURIComponent(q)}`)).body.data as Array<{ address: string }>).map(
      (a) => a.address,
    );
  expect(await found(bouncing.email.slice(0, 12).toUpperCase())).toContain(bouncing.email.toLowerCase());
  expect(await found(entry.member.displayName ?? '')).toContain(bouncing.email.toLowerCase());
  expect(await found('personne-de-ce-nom')).toEqual([]);

  // Queued before it became invalid, sent after: skipped, not attempted.
  refused.delete(bouncing.email);
  expect((await http(strapi).post(`/api/space/briefs/${fourth.documentId}/mailing/resume`).set(board)).status).toBe(
    200,
  );
  await drain();
  expect(await rowFor(fourth.documentId, bouncing.email)).toMatchObject({ state: 'skipped' });
  expect((await rowFor(fourth.documentId, bouncing.email)).last_error).toContain('invalid address');
  expect(mailsAbout(fourth.title, bouncing.email)).toHaveLength(0);
  expect(mailsAbout(fourth.title, fine.email)).toHaveLength(1);

  // A later mailing skips it too, and counts it as skipped.
  const fifth = await publishBrief('Plus tard');
  await drain();
  expect((await rowFor(fifth.documentId, bouncing.email)).state).toBe('skipped');
  const progress = await http(strapi).get(`/api/space/briefs/${fifth.documentId}/mailing`).set(board);
  expect(progress.body.data).toMatchObject({ state: 'finished', queued: 0 });
  expect(progress.body.data.skipped).toBeGreaterThanOrEqual(1);

  // The member fixed their mailbox: the board clears the address, and mail reaches it again.
  const cleared = await http(strapi).delete(`/api/space/mail/invalid-addresses/${entry.documentId}`).set(board);
  expect(cleared.status).toBe(200);
  expect((await http(strapi).delete(`/api/space/mail/invalid-addresses/${entry.documentId}`).set(board)).status).toBe(
    404,
  );
  const sixth = await publishBrief('Rétablie');
  await drain();
  expect(mailsAbout(sixth.title, bouncing.email)).toHaveLength(1);
  expect((await invalidList()).body.data.map((a: { address: string }) => a.address)).not.toContain(
    bouncing.email.toLowerCase(),
  );
});

test('invalid addresses: the board only; a bad page is a 400', async () => {
  const expected = { anonymous: 401, member: 403, lead: 403, moderator: 403, board: 200 } as const;
  for (const viewer of viewers) {
    const headers = await as(strapi, viewer);
    const list = await http(strapi).get('/api/space/mail/invalid-addresses').set(headers);
    const clear = await http(strapi).delete('/api/space/mail/invalid-addresses/nosuchaddress').set(headers);
    expect([viewer, list.status, clear.status]).toEqual([
      viewer,
      expected[viewer],
      viewer === 'board' ? 404 : expected[viewer],
    ]);
  }
  const bad = await invalidList('board', '?page=zero');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('page');
});
