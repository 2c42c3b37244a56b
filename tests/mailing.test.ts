/**
 * Briefs by e-mail through the outbox, on the real database and a real SMTP server: once per
 * follower, idempotent publication, a worker process killed mid-send, pause and resume, retries of
 * temporary refusals, permanent failures, unsubscribing (RFC 8058) and who may control a mailing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { ParsedMail } from 'mailparser';
import { organisation } from '@notre-asso/config';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createFollowers, removeFollowers, type Follower, removeBriefs } from './support/followers';
import { collectiveId } from './support/members';
import { startSmtp, type Inbox, type Refusal } from './support/smtp';
import { as, cmsDir, http, startStrapi, stopStrapi, viewers } from './support/strapi';

// The tests drive the worker themselves (and as a child process): none inside the CMS here.
process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

const BRIEF = 'api::brief.brief';
const POOL = 4;

let strapi: Core.Strapi;
let inbox: Inbox;
let lyon: string;
let solar: string;
const refusals = new Map<string, Refusal[]>();
const everyone: Follower[] = [];
const briefs: string[] = [];

beforeAll(async () => {
  inbox = await startSmtp({ onRecipient: (address) => refusals.get(address)?.shift() });
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  solar = await collectiveId(strapi, 'solaire-citoyen');
});
afterAll(async () => {
  if (strapi) {
    await removeFollowers(strapi, everyone);
    await removeBriefs(strapi, briefs);
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

const worker = (overrides: Partial<ReturnType<typeof mailingSettings>> = {}) =>
  new OutboxWorker(strapi, { ...mailingSettings(), poolSize: POOL, retryBaseMs: 50, idleMs: 20, ...overrides });

async function followers(collective: string, count: number, label: string) {
  const made = await createFollowers(strapi, collective, count, label);
  everyone.push(...made);
  return made;
}

let titles = 0;
/** A brief saved straight as published, as an editor or a lead does; returns its documentId and title. */
async function publishBrief(collective: string, label: string) {
  titles += 1;
  const title = `${label} ${process.pid}-${titles}`;
  const brief = await strapi.documents(BRIEF).create({
    data: {
      title,
      body: `Premier paragraphe de « ${title} ».\n\nSecond paragraphe.`,
      collective,
      publicationDate: new Date().toISOString(),
    } as never,
    locale: 'fr',
    status: 'published',
  });
  briefs.push(brief.documentId);
  return { documentId: brief.documentId, title };
}

const mailing = async (documentId: string) =>
  (await strapi.db.connection('mailings').where('key', `brief:${documentId}`).first()) as
    | { state: string; recipients: number; sent: number; failed: number; skipped: number }
    | undefined;
const outboxOf = async (documentId: string) =>
  (await strapi.db.connection('outbox').where('mailing_key', `brief:${documentId}`).orderBy('id')) as Array<{
    address: string;
    state: string;
    attempts: number;
    last_error: string | null;
  }>;

const mailsAbout = (title: string) => inbox.mails.filter((m) => (m.subject ?? '').includes(title));
/** How many mails each address got about this brief. */
function perAddress(title: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mailsAbout(title)) {
    for (const to of [mail.to].flat())
      for (const v of to?.value ?? []) counts.set(v.address!, (counts.get(v.address!) ?? 0) + 1);
  }
  return counts;
}

/** Polls; not too often, since on SQLite every read of ours makes the worker's writes wait. */
async function until(test: () => Promise<boolean> | boolean, timeoutMs = 60000, what = 'condition', everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs a worker until the mailing is finished (retries included). */
async function sendAll(documentId: string, w = worker()) {
  try {
    await until(
      async () => {
        // Everything due now; retries come due at later polls.
        await w.drain();
        return (await mailing(documentId))?.state === 'finished';
      },
      60000,
      `mailing of ${documentId} to finish`,
    );
  } finally {
    await w.stop();
  }
}

test('a brief to 500 followers: 500 mails, each once; publishing it again sends nothing more', async () => {
  const people = await followers(lyon, 500, 'five-hundred');
  const { documentId, title } = await publishBrief(lyon, 'Cinq cents');
  await strapi.documents(BRIEF).publish({ documentId, locale: 'fr' });
  await strapi.documents(BRIEF).update({ documentId, locale: 'fr', data: { title } as never, status: 'published' });
  expect(await mailing(documentId)).toMatchObject({ state: 'running', recipients: 500 });
  expect(await outboxOf(documentId)).toHaveLength(500);

  await sendAll(documentId);
  const counts = perAddress(title);
  expect(counts.size).toBe(500);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(people.every((p) => counts.get(p.email) === 1)).toBe(true);
  expect(await mailing(documentId)).toMatchObject({ state: 'finished', sent: 500, failed: 0, skipped: 0 });

  await strapi.documents(BRIEF).publish({ documentId, locale: 'fr' });
  await worker().drain();
  expect(mailsAbout(title)).toHaveLength(500);
});

test('every mail: both parts, the recipient’s language, one-click unsubscribe headers, a stable Message-ID, only their address', async () => {
  const [french, english] = await followers(solar, 2, 'headers');
  await strapi.db.query('api::invitation.invitation').create({
    data: {
      email: english!.email,
      displayName: 'English reader',
      locale: 'en',
      tokenHash: `headers-${process.pid}-${Date.now()}`,
      expiresAt: new Date(Date.now() + 86400000),
      usedAt: new Date(),
    },
  });
  const { documentId, title } = await publishBrief(solar, 'Langues');
  await strapi.documents(BRIEF).update({
    documentId,
    locale: 'en',
    data: { title: `EN ${title}`, body: 'The English version.', publicationDate: new Date().toISOString() } as never,
    status: 'published',
  });
  await sendAll(documentId);

  const fr = await inbox.waitFor(french!.email, (m) => (m.subject ?? '').includes(title));
  const en = await inbox.waitFor(english!.email, (m) => (m.subject ?? '').includes(title));
  expect(fr.text).toContain('Second paragraphe.');
  expect(fr.html).toContain('lang="fr"');
  expect(fr.html).toContain('Premier paragraphe de « ');
  expect(fr.text).toContain('Ne plus recevoir les nouvelles de');
  expect(fr.text).toContain(organisation.address);
  expect(en.subject).toContain(`EN ${title}`);
  expect(en.text).toContain('The English version.');
  expect(en.html).toContain('lang="en"');
  expect(en.text).toContain('Stop receiving news from');
  for (const mail of [fr, en]) {
    expect([mail.to].flat().flatMap((t) => t!.value)).toHaveLength(1);
    expect(mail.cc).toBeUndefined();
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/^<http.*\/api\/mail\/unsubscribe\?/);
    expect(mail.messageId).toMatch(new RegExp(`^<[0-9a-f]{32}@${organisation.contactEmail.split('@')[1]}>$`));
  }
  expect(fr.messageId).not.toBe(en.messageId);
  expect(fr.html).toMatch(/<a href="http[^"]*\/api\/mail\/unsubscribe\?/);
});

/** A header as sent (mailparser turns List-* headers into objects). */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim() ?? '';

function unsubscribeLink(mail: ParsedMail): string {
  return rawHeader(mail, 'list-unsubscribe').slice(1, -1);
}
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const mailedCollectives = async (profileId: number) =>
  (await strapi.db.query('api::member-profile.member-profile').findOne({
    where: { id: profileId },
    populate: { mailedCollectives: { select: ['documentId'] } },
  })) as { newsletterConsent: boolean; mailedCollectives: Array<{ documentId: string }> };

test('unsubscribing: GET only asks, POST (one-click) stops and repeating it changes nothing; later briefs and mails already queued are not sent', async () => {
  const people = await followers(solar, 4, 'unsubscribe');
  const [a, b, c, d] = people as [Follower, Follower, Follower, Follower];
  const first = await publishBrief(solar, 'Avant désabonnement');
  await sendAll(first.documentId);
  const link = unsubscribeLink(await inbox.waitFor(a.email, (m) => (m.subject ?? '').includes(first.title)));

  const shown = await http(strapi).get(pathOf(link));
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('<form method="post"');
  expect((await mailedCollectives(a.profileId)).mailedCollectives.map((x) => x.documentId)).toContain(solar);

  for (let i = 0; i < 2; i += 1) {
    const res = await http(strapi).post(pathOf(link)).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
  }
  expect((await mailedCollectives(a.profileId)).mailedCollectives.map((x) => x.documentId)).not.toContain(solar);

  const forged = new URL(link);
  forged.searchParams.set('p', b.documentId);
  expect((await http(strapi).post(pathOf(forged.toString()))).status).toBe(400);
  expect((await http(strapi).get(pathOf(forged.toString()))).status).toBe(400);

  // From all mail: every collective and the newsletter.
  const all = (await inbox.waitFor(d.email, (m) => (m.subject ?? '').includes(first.title))).text!.match(
    /http\S*s=all\S*/,
  )![0];
  expect((await http(strapi).post(pathOf(all))).status).toBe(200);
  const dNow = await mailedCollectives(d.profileId);
  expect(dNow.mailedCollectives).toHaveLength(0);
  expect(dNow.newsletterConsent).toBe(false);

  // B unsubscribes after the second brief was queued, before it went out.
  const second = await publishBrief(solar, 'Après désabonnement');
  expect((await mailing(second.documentId))?.recipients).toBeGreaterThanOrEqual(2);
  const bLink = unsubscribeLink(await inbox.waitFor(b.email, (m) => (m.subject ?? '').includes(first.title)));
  expect((await http(strapi).post(pathOf(bLink))).status).toBe(200);
  await sendAll(second.documentId);
  const got = perAddress(second.title);
  expect(got.get(a.email)).toBeUndefined();
  expect(got.get(b.email)).toBeUndefined();
  expect(got.get(d.email)).toBeUndefined();
  expect(got.get(c.email)).toBe(1);
  const rows = await outboxOf(second.documentId);
  expect(rows.find((r) => r.address === b.email)?.state).toBe('skipped');
  expect(rows.find((r) => r.address === a.email)).toBeUndefined();
});

test('followers without e-mail receive nothing', async () => {
  const [quiet] = await followers(solar, 1, 'unconsented');
  await strapi.documents('api::member-profile.member-profile').update({
    documentId: quiet!.documentId,
    data: { mailedCollectives: { disconnect: [solar] } } as never,
  });
  const { documentId, title } = await publishBrief(solar, 'Sans courriel');
  await sendAll(documentId);
  expect((await outboxOf(documentId)).map((r) => r.address)).not.toContain(quiet!.email);
  expect(perAddress(title).get(quiet!.email)).toBeUndefined();
});

test('a temporary refusal (4xx) is retried and sent once; a permanent one (5xx) fails at once', async () => {
  const [later, never, fine] = (await followers(solar, 3, 'refusals')) as [Follower, Follower, Follower];
  refusals.set(later.email, [
    { code: 451, message: 'Try again later' },
    { code: 421, message: 'Busy' },
  ]);
  refusals.set(never.email, [{ code: 550, message: 'No such user' }]);
  const { documentId, title } = await publishBrief(solar, 'Refus');
  await sendAll(documentId);
  const rows = await outboxOf(documentId);
  expect(rows.find((r) => r.address === later.email)).toMatchObject({ state: 'sent', attempts: 3 });
  expect(rows.find((r) => r.address === never.email)).toMatchObject({ state: 'failed', attempts: 1 });
  expect(rows.find((r) => r.address === never.email)?.last_error).toContain('No such user');
  const counts = perAddress(title);
  expect(counts.get(later.email)).toBe(1);
  expect(counts.get(never.email)).toBeUndefined();
  expect(counts.get(fine.email)).toBe(1);
  expect(await mailing(documentId)).toMatchObject({ state: 'finished', failed: 1 });
});

test('pause at 500, change the rate, resume: nobody twice, finished only when everyone is accounted for', async () => {
  const people = await followers(solar, 1000, 'pause');
  const { documentId, title } = await publishBrief(solar, 'Pause');
  // The collective's earlier followers (other tests) get it as well.
  const total = (await mailing(documentId))!.recipients;
  expect(total).toBeGreaterThanOrEqual(1000);
  const board = await as(strapi, 'board');
  const w = worker({ idleMs: 10 });
  w.start();
  try {
    await until(() => mailsAbout(title).length >= 500, 60000, '500 mails');
    const paused = await http(strapi).post(`/api/space/briefs/${documentId}/mailing/pause`).set(board);
    expect(paused.status).toBe(200);
    expect(paused.body.data.state).toBe('paused');
    // The batch in hand finishes; then nothing more goes out.
    await new Promise((r) => setTimeout(r, 300));
    const atPause = mailsAbout(title).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsAbout(title).length).toBe(atPause);
    expect(atPause).toBeLessThan(total);
    const progress = (await http(strapi).get(`/api/space/briefs/${documentId}/mailing`).set(board)).body.data;
    expect(progress).toMatchObject({ state: 'paused', recipients: total });
    expect(progress.queued).toBe(total - atPause);

    const resumed = await http(strapi)
      .post(`/api/space/briefs/${documentId}/mailing/resume`)
      .set(board)
      .send({ ratePerSecond: 400 });
    expect(resumed.body.data).toMatchObject({ state: 'running', ratePerSecond: 400 });
    const startedAgain = Date.now();
    await until(async () => (await mailing(documentId))?.state === 'finished', 60000, 'the mailing to finish');
    // At 400 per second, what was left took at least (left / 400) seconds.
    expect(Date.now() - startedAgain).toBeGreaterThanOrEqual(((total - atPause) / 400) * 1000 - 200);
  } finally {
    await w.stop();
  }
  const counts = perAddress(title);
  expect(counts.size).toBe(total);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(people.every((p) => counts.get(p.email) === 1)).toBe(true);
  expect(await mailing(documentId)).toMatchObject({ state: 'finished', sent: total });
  const bad = await http(strapi)
    .post(`/api/space/briefs/${documentId}/mailing/resume`)
    .set(board)
    .send({ ratePerSecond: -1 });
  expect(bad.status).toBe(400);
  expect((await http(strapi).post(`/api/space/briefs/${documentId}/mailing/pause`).set(board)).status).toBe(409);
});

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, [path.join(cmsDir, 'dist', 'src', 'mailing', 'worker-main.js')], {
    env: {
      ...process.env,
      MAILING_WORKER: 'on',
      SMTP_POOL_SIZE: String(POOL),
      MAILING_LEASE_MS: '1000',
      MAILING_IDLE_MS: '50',
      LOG_LEVEL: process.env.MAILING_TEST_LOG ?? 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

test('the worker process killed (SIGKILL) mid-send and started again: all 2,000 receive it, duplicates within the in-flight bound', async () => {
  const people = await followers(lyon, 2000, 'kill');
  const { documentId, title } = await publishBrief(lyon, 'Coupure');
  let child = startWorkerProcess();
  await until(() => mailsAbout(title).length >= 600, 90000, '600 mails before the kill');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const inFlight = (await outboxOf(documentId)).filter((r) => r.state === 'sending').length;
  const deliveredAtKill = mailsAbout(title).length;
  expect(deliveredAtKill).toBeLessThan(2000);
  expect(inFlight).toBeLessThanOrEqual(POOL);

  child = startWorkerProcess();
  try {
    await until(async () => (await mailing(documentId))?.state === 'finished', 120000, 'the mailing to finish');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const counts = perAddress(title);
  const duplicates = mailsAbout(title).length - counts.size;
  console.error(
    `[mailing] kill test: ${deliveredAtKill} delivered at the kill, ${inFlight} in flight, ${duplicates} duplicates (bound ${POOL})`,
  );
  expect(people.every((p) => (counts.get(p.email) ?? 0) >= 1)).toBe(true);
  expect(duplicates).toBeLessThanOrEqual(POOL);
  expect(await mailing(documentId)).toMatchObject({ state: 'finished', sent: counts.size });
}, 240000);

test('a mailing’s progress and controls: its collective’s leads and the board only', async () => {
  const { documentId } = await publishBrief(lyon, 'Droits');
  const elsewhere = (await strapi.db.query('api::collective.collective').findOne({
    where: { documentId: { $notIn: [lyon, solar] }, publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as { documentId: string };
  const other = await publishBrief(elsewhere.documentId, 'Ailleurs');
  const expected = { anonymous: 401, member: 403, lead: 200, moderator: 403, board: 200 } as const;
  for (const viewer of viewers) {
    const headers = await as(strapi, viewer);
    expect([viewer, (await http(strapi).get(`/api/space/briefs/${documentId}/mailing`).set(headers)).status]).toEqual([
      viewer,
      expected[viewer],
    ]);
    expect([
      viewer,
      (await http(strapi).post(`/api/space/briefs/${documentId}/mailing/pause`).set(headers)).status,
    ]).toEqual([viewer, expected[viewer]]);
    expect([
      viewer,
      (await http(strapi).post(`/api/space/briefs/${documentId}/mailing/resume`).set(headers)).status,
    ]).toEqual([viewer, expected[viewer]]);
  }
  expect(
    (
      await http(strapi)
        .get(`/api/space/briefs/${other.documentId}/mailing`)
        .set(await as(strapi, 'lead'))
    ).status,
  ).toBe(403);
  expect(
    (
      await http(strapi)
        .get(`/api/space/briefs/${other.documentId}/mailing`)
        .set(await as(strapi, 'board'))
    ).status,
  ).toBe(200);
  expect(
    (
      await http(strapi)
        .get(`/api/space/briefs/nosuchbrief/mailing`)
        .set(await as(strapi, 'board'))
    ).status,
  ).toBe(404);
});
