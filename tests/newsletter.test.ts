/**
 * The newsletter and its public subscribers, on the real database and a real SMTP server: the
 * double opt-in (a confirmation mail through the outbox, GET only asks, POST confirms, once), the
 * same answer for every sign-up, the rate limit per address, the purge of unconfirmed addresses,
 * the newsletter's publication to consenting members and confirmed subscribers (each address
 * once, in its language, one-click unsubscribe), Markdown in mails, and the sweep that queues a
 * publication whose queuing was lost.
 */
import type { Core } from '@strapi/strapi';
import type { ParsedMail } from 'mailparser';
import { markdownToText, renderMarkdown } from '@notre-asso/plugin-kit';
import { mailingSettings } from '../cms/src/mailing/settings';
import { purgeUnconfirmed } from '../cms/src/mailing/subscribers';
import { sweepUnqueued } from '../cms/src/mailing/sweep';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createFollowers, removeFollowers, type Follower } from './support/followers';
import { collectiveId } from './support/members';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';

process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

const NEWSLETTER = 'api::newsletter.newsletter';
const SUBSCRIBER = 'api::newsletter-subscriber.newsletter-subscriber';
const BRIEF = 'api::brief.brief';

let strapi: Core.Strapi;
let inbox: Inbox;
const everyone: Follower[] = [];
const newsletters: string[] = [];
const briefs: string[] = [];
const run = `${process.pid}-${Date.now()}`;
let addresses = 0;
const address = (label: string) => `${label}-${run}-${(addresses += 1)}@example.com`;

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
});
afterAll(async () => {
  if (strapi) {
    await removeFollowers(strapi, everyone);
    const db = strapi.db.connection;
    for (const [kind, ids] of [
      ['newsletter', newsletters],
      ['brief', briefs],
    ] as const)
      for (const documentId of ids) {
        await db('outbox').where('mailing_key', `${kind}:${documentId}`).delete();
        await db('mailings').where('key', `${kind}:${documentId}`).delete();
        await strapi.documents(kind === 'brief' ? BRIEF : NEWSLETTER).delete({ documentId, locale: '*' });
      }
    await db('outbox').where('mailing_key', 'like', 'confirmation:%').delete();
    await db('mailings').where('kind', 'confirmation').delete();
    await strapi.db.query(SUBSCRIBER).deleteMany({ where: { email: { $contains: run } } });
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

const drain = () => new OutboxWorker(strapi, { ...mailingSettings(), poolSize: 4, idleMs: 10 }).drain();
const subscriber = (email: string) =>
  strapi.db.query(SUBSCRIBER).findOne({ where: { email } }) as Promise<{
    id: number;
    documentId: string;
    confirmedAt: string | null;
    tokenHash: string | null;
  } | null>;
const signUp = (email: string, language = 'fr', headers: Record<string, string> = {}) =>
  http(strapi).post('/api/newsletter/subscribers').set(headers).send({ email, language, consent: true });
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const confirmLink = (mail: ParsedMail) => (mail.text ?? '').match(/http\S*\/api\/newsletter\/confirm\?\S+/)![0];
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim() ?? '';

/** Signs up and confirms through the mailed link, as a person would. */
async function confirmedSubscriber(email: string, language = 'fr') {
  expect((await signUp(email, language)).status).toBe(202);
  await drain();
  const link = confirmLink(await inbox.waitFor(email));
  expect((await http(strapi).post(pathOf(link))).status).toBe(200);
}

test('Markdown in mails: safe HTML (no raw HTML, links nofollow) and readable plain text', () => {
  const source =
    '# Titre\n\nDu **gras** et un [lien](https://example.org/a).\n\n- un\n- deux\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))';
  const html = renderMarkdown(source);
  expect(html).toContain('<strong>gras</strong>');
  expect(html).toContain('<a href="https://example.org/a" rel="nofollow ugc">lien</a>');
  expect(html).toContain('<h1>Titre</h1>');
  expect(html).not.toMatch(/<script|href="javascript/i);
  const text = markdownToText(source);
  expect(text).toBe(
    'Titre\n\nDu gras et un lien (https://example.org/a).\n\n- un\n- deux\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))',
  );
});

test('sign-up: bad input is refused with a message in French and English', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [
      { language: 'fr', consent: true },
      'Adresse électronique manquante ou invalide. / Missing or invalid e-mail address.',
    ],
    [
      { email: 'not-an-address', consent: true },
      'Adresse électronique manquante ou invalide. / Missing or invalid e-mail address.',
    ],
    [
      { email: address('noconsent'), consent: false },
      'Le consentement est nécessaire pour recevoir la lettre d’information. / Consent is needed to receive the newsletter.',
    ],
    [{ email: address('noconsent') }, 'Le consentement est nécessaire'],
    [
      { email: address('lang'), language: 'de', consent: true },
      'Langue inconnue : fr ou en. / Unknown language: fr or en.',
    ],
  ];
  for (const [body, message] of cases) {
    const res = await http(strapi).post('/api/newsletter/subscribers').send(body);
    expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    expect(res.body.error.message).toContain(message);
  }
  expect(await strapi.db.query(SUBSCRIBER).count({ where: { email: { $contains: 'noconsent' } } })).toBe(0);
});

test('double opt-in: a confirmation mail; GET only asks, POST confirms, once; the same answer for every sign-up; one mail per address a while', async () => {
  const email = address('optin');
  const first = await signUp(email, 'en');
  expect(first.status).toBe(202);
  expect(await subscriber(email)).toMatchObject({ confirmedAt: null });
  expect((await subscriber(email))!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  await drain();
  const mail = await inbox.waitFor(email);
  expect(mail.subject).toBe('Confirm your subscription to the newsletter');
  expect(mail.html).toContain('lang="en"');
  const link = confirmLink(mail);
  expect(mail.text).not.toContain((await subscriber(email))!.tokenHash!);

  // Asked again a moment later: the same answer, no second mail.
  const again = await signUp(email, 'en');
  expect([again.status, again.body]).toEqual([first.status, first.body]);
  await drain();
  expect(inbox.to(email)).toHaveLength(1);

  const shown = await http(strapi).get(pathOf(link));
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('<form method="post"');
  expect((await subscriber(email))!.confirmedAt).toBeNull();

  expect((await http(strapi).post(pathOf(link))).status).toBe(200);
  expect((await subscriber(email))!.confirmedAt).not.toBeNull();
  expect((await subscriber(email))!.tokenHash).toBeNull();
  // Single use.
  const reused = await http(strapi).post(pathOf(link));
  expect(reused.status).toBe(400);
  expect(reused.body.error.message).toContain('déjà servi. / This confirmation link');
  expect((await http(strapi).get(pathOf(link))).status).toBe(400);

  // Signing up a confirmed address reveals nothing and mails nothing.
  const known = await signUp(email.toUpperCase(), 'fr');
  expect([known.status, known.body]).toEqual([first.status, first.body]);
  await drain();
  expect(inbox.to(email)).toHaveLength(1);
  const forged = new URL(link);
  forged.searchParams.set('token', 'A'.repeat(43));
  expect((await http(strapi).post(pathOf(forged.toString()))).status).toBe(400);
});

test('the same address signed up at the same moment: the same answer for each, one subscriber, one confirmation', async () => {
  const email = address('race');
  const answers = await Promise.all(Array.from({ length: 6 }, () => signUp(email)));
  expect(answers.map((r) => r.status)).toEqual(Array(6).fill(202));
  expect(await strapi.db.query(SUBSCRIBER).count({ where: { email } })).toBe(1);
  expect(await strapi.db.connection('outbox').where('address', email)).toHaveLength(1);
});

test('unconfirmed addresses are purged after 7 days with their confirmation mails', async () => {
  const [old, recent] = [address('stale'), address('recent')];
  await signUp(old);
  await signUp(recent);
  await drain();
  const stale = (await subscriber(old))!;
  await strapi.db
    .query(SUBSCRIBER)
    .update({ where: { id: stale.id }, data: { requestedAt: new Date(Date.now() - 8 * 86400000) } });
  expect(await purgeUnconfirmed(strapi)).toBeGreaterThanOrEqual(1);
  expect(await subscriber(old)).toBeNull();
  expect(await subscriber(recent)).not.toBeNull();
  expect(await strapi.db.connection('outbox').where('address', old)).toHaveLength(0);
  expect(await strapi.db.connection('outbox').where('address', recent)).toHaveLength(1);
});

test('the sign-up and confirmation routes are public: the same for every role', async () => {
  for (const viewer of viewers) {
    const headers = await as(strapi, viewer);
    expect([viewer, (await signUp(address(`role-${viewer}`), 'fr', headers)).status]).toEqual([viewer, 202]);
    const bad = await http(strapi).get('/api/newsletter/confirm?token=nope').set(headers);
    expect([viewer, bad.status]).toEqual([viewer, 400]);
    expect([viewer, (await http(strapi).post('/api/newsletter/confirm?token=nope').set(headers)).status]).toEqual([
      viewer,
      400,
    ]);
  }
});

async function publishNewsletter(subject: string, body: string, english?: { subject: string; body: string }) {
  const letter = await strapi.documents(NEWSLETTER).create({
    data: { subject, body } as never,
    locale: 'fr',
    status: 'published',
  });
  newsletters.push(letter.documentId);
  if (english)
    await strapi.documents(NEWSLETTER).update({
      documentId: letter.documentId,
      locale: 'en',
      data: english as never,
      status: 'published',
    });
  return letter.documentId;
}

const mailingOf = async (key: string) =>
  (await strapi.db.connection('mailings').where('key', key).first()) as {
    state: string;
    recipients: number;
    sent: number;
    failed: number;
    skipped: number;
  };

test('a newsletter goes to consenting members and confirmed subscribers, each address once, in its language, with one-click unsubscribe', async () => {
  const solar = await collectiveId(strapi, 'solaire-citoyen');
  const members = await createFollowers(strapi, solar, 3, 'newsletter');
  everyone.push(...members);
  const [reader, quiet, both] = members as [Follower, Follower, Follower];
  await strapi.db.connection('member_profiles').where('id', quiet.profileId).update({ newsletter_consent: false });
  const [french, english, pending] = [address('sub-fr'), address('sub-en'), address('sub-pending')];
  await confirmedSubscriber(french, 'fr');
  await confirmedSubscriber(english, 'en');
  await confirmedSubscriber(both.email, 'en');
  await signUp(pending);

  const subject = `Lettre ${run}`;
  const documentId = await publishNewsletter(
    subject,
    'Bonjour, voici **la lettre**.\n\n[Notre site](https://example.org/) <b>brut</b>',
    { subject: `Letter ${run}`, body: 'Hello, here is **the letter**.' },
  );
  const mailing = await mailingOf(`newsletter:${documentId}`);
  expect(mailing.state).toBe('running');
  await drain();
  await strapi.documents(NEWSLETTER).publish({ documentId, locale: 'fr' });
  await drain();

  const about = inbox.mails.filter((m) => [subject, `Letter ${run}`].includes(m.subject ?? ''));
  const to = (m: ParsedMail) => [m.to].flat()[0]!.value[0]!.address!;
  const count = (email: string) => about.filter((m) => to(m) === email).length;
  expect(count(reader.email)).toBe(1);
  expect(count(both.email)).toBe(1);
  expect(count(french)).toBe(1);
  expect(count(english)).toBe(1);
  expect(count(quiet.email)).toBe(0);
  expect(count(pending)).toBe(0);
  expect(new Set(about.map(to)).size).toBe(about.length);
  expect(await mailingOf(`newsletter:${documentId}`)).toMatchObject({
    state: 'finished',
    recipients: about.length,
    sent: about.length,
  });

  const fr = about.find((m) => to(m) === french)!;
  const en = about.find((m) => to(m) === english)!;
  expect(fr.subject).toBe(subject);
  expect(fr.html).toContain('<strong>la lettre</strong>');
  expect(fr.html).toContain('rel="nofollow ugc"');
  expect(fr.html).not.toContain('<b>');
  expect(fr.text).toContain('voici la lettre.');
  expect(fr.text).toContain('Notre site (https://example.org/)');
  expect(fr.text).toContain('inscrit·e à la lettre d’information');
  expect(en.subject).toBe(`Letter ${run}`);
  expect(en.html).toContain('lang="en"');
  const member = about.find((m) => to(m) === reader.email)!;
  expect(member.text).toContain('en tant que membre');
  for (const mail of [fr, en, member]) {
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/^<http.*\/api\/mail\/unsubscribe\?/);
  }

  // One click: the subscriber is forgotten, the member no longer consents; neither gets the next one.
  for (const mail of [fr, member]) {
    const link = pathOf(rawHeader(mail, 'list-unsubscribe').slice(1, -1));
    expect((await http(strapi).get(link)).text).toContain('<form method="post"');
    for (let i = 0; i < 2; i += 1) expect((await http(strapi).post(link)).status).toBe(200);
  }
  expect(await subscriber(french)).toBeNull();
  const profile = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: reader.profileId } })) as { newsletterConsent: boolean };
  expect(profile.newsletterConsent).toBe(false);

  const next = `Suivante ${run}`;
  await publishNewsletter(next, 'La suivante.');
  await drain();
  const got = inbox.mails.filter((m) => m.subject === next).map(to);
  expect(got).toContain(english);
  expect(got).not.toContain(french);
  expect(got).not.toContain(reader.email);
});

test('a brief in Markdown; the sweep queues a brief published without its mailing, once', async () => {
  const lyon = await collectiveId(strapi, 'lyon');
  const [follower] = await createFollowers(strapi, lyon, 1, 'sweep');
  everyone.push(follower!);
  // A crash between the publication's commit and its queuing: the published row, no mailing.
  const documentId = `sweep${process.pid}${Date.now()}`.slice(0, 24);
  const title = `Balayage ${run}`;
  const collective = (await strapi.db.query('api::collective.collective').findOne({
    where: { documentId: lyon, locale: 'fr', publishedAt: { $notNull: true } },
    select: ['id'],
  })) as { id: number };
  await strapi.db.query(BRIEF).create({
    data: {
      documentId,
      locale: 'fr',
      title,
      body: 'Un **point** important.\n\n1. premier\n2. second',
      publicationDate: new Date(),
      publishedAt: new Date(),
      collective: collective.id,
    },
  });
  briefs.push(documentId);
  expect(await strapi.db.connection('mailings').where('key', `brief:${documentId}`)).toHaveLength(0);

  const queued = await sweepUnqueued(strapi);
  expect(queued.map((q) => q.key)).toContain(`brief:${documentId}`);
  expect((await sweepUnqueued(strapi)).map((q) => q.key)).not.toContain(`brief:${documentId}`);
  await drain();
  const mail = await inbox.waitFor(follower!.email, (m) => (m.subject ?? '').includes(title));
  expect(inbox.to(follower!.email).filter((m) => (m.subject ?? '').includes(title))).toHaveLength(1);
  expect(mail.html).toContain('<strong>point</strong>');
  expect(mail.html).toContain('<ol>');
  expect(mail.text).toContain('Un point important.\n\n1. premier\n2. second');
});
