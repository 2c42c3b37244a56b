/**
 * A collective's discussions and moderation as the site renders them against the running CMS:
 * a member starts a thread and edits it, another replies and reports it, the collective's lead
 * hides it from the members' queue, its author reads why and appeals once, a moderator overturns
 * the decision; in French and English, closed to whoever does not moderate, and accessible
 * (axe-core in Chromium).
 */
import type { Core } from '@strapi/strapi';
import type { Browser } from 'playwright-core';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { demoMembers, type DemoRole } from '../database/seed/demo-accounts';
import { seriousViolations } from './support/axe';
import { describeInBrowser, launchBrowser } from './support/browser';
import { collectiveId, createMember, removeCreatedMembers, type TestMember } from './support/members';
import { join, removeModerationRows } from './support/moderation';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { http, stopStrapi, tokenFor } from './support/strapi';

process.env.MAILING_WORKER = 'off';

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let browser: Browser | undefined;
let author: TestMember;
let reporter: TestMember;
const cookies: Partial<Record<DemoRole, string>> = {};
const accepted: number[] = [];
const started = new Date();
const discussions = '/espace/collectifs/lyon/discussions/';
const moderation = '/espace/collectifs/lyon/moderation/';
let threadPath: string;

const cookieOf = (who: TestMember | DemoRole) =>
  typeof who === 'string' ? (cookies[who] as string) : `na_session=${who.jwt}`;
const page = (who: TestMember | DemoRole, route: string, extra = '') =>
  readPage(site!.base, route, { Cookie: `${cookieOf(who)}${extra}` });
const post = (who: TestMember | DemoRole, route: string, fields: Record<string, string>) =>
  postForm(site!.base, route, fields, { Cookie: cookieOf(who) });
/** Posts a form, then reads where it led with the message it left. */
async function submit(who: TestMember | DemoRole, route: string, fields: Record<string, string>) {
  const posted = await post(who, route, fields);
  expect(posted.status).toBe(303);
  const location = (posted.headers.get('location') as string).replace(/#.*/, '');
  const flash = setCookie(posted, 'na_flash')?.split(';')[0];
  return { ...(await page(who, location, flash ? `; ${flash}` : '')), location };
}
const caseOf = async () =>
  (await strapi!.db.connection('mod_cases').where({ item_kind: 'thread' }).orderBy('id', 'desc').first()) as {
    id: number;
    version: number;
    state: string;
  };

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  const lyon = await collectiveId(strapi, 'lyon');
  author = await createMember(strapi, { displayName: 'Autrice du fil' }, 'modsite');
  reporter = await createMember(strapi, { displayName: 'Signaleur du fil' }, 'modsite');
  for (const m of [author, reporter]) {
    await join(strapi, m, lyon);
    await recordAcceptances(strapi, m.profileId);
    accepted.push(m.profileId);
  }
  for (const role of ['lead', 'moderator', 'member'] as const) {
    cookies[role] = `na_session=${await tokenFor(strapi, role)}`;
    const profile = (await strapi.db
      .query('api::member-profile.member-profile')
      .findOne({ where: { user: { email: demoMembers[role].email } }, select: ['id'] })) as { id: number };
    await recordAcceptances(strapi, profile.id);
    accepted.push(profile.id);
  }
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (strapi) {
    await strapi.db
      .query('api::acceptance.acceptance')
      .deleteMany({ where: { profile: { id: { $in: accepted } }, acceptedAt: { $gte: started } } });
    await removeModerationRows(strapi);
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

test('a member starts a thread from the collective’s discussions, and may edit it', async () => {
  const list = await page(author, discussions);
  expect(list.status).toBe(200);
  expect(list.text).toContain('Ouvrir un fil de discussion');
  const started = await submit(author, discussions, {
    intent: 'startThread',
    collective: await collectiveId(strapi!, 'lyon'),
    title: 'Atelier vélo samedi',
    body: 'Qui vient **réparer** ?',
  });
  expect(started.location).toMatch(/^\/espace\/collectifs\/lyon\/discussions\/\d+\/$/);
  threadPath = started.location;
  expect(started.text).toContain('Fil de discussion publié.');
  expect(started.text).toContain('<strong>réparer</strong>');
  expect(started.text).toContain('<summary>Modifier');
  const edited = await submit(author, threadPath, {
    intent: 'editMessage',
    kind: 'thread',
    item: /(\d+)\/$/.exec(threadPath)![1],
    title: 'Atelier vélo samedi 14 h',
    body: 'Qui vient **réparer** des vélos ?',
  });
  expect(edited.text).toContain('Message modifié.');
  expect(edited.text).toContain('Atelier vélo samedi 14 h');
  expect(edited.text).toContain(' · modifié');
  expect((await page(author, discussions)).text).toContain('Atelier vélo samedi 14 h');
});

test('another member replies and reports it with an article of the charter', async () => {
  const replied = await submit(reporter, threadPath, {
    intent: 'replyThread',
    thread: threadPath.split('/')[5],
    body: 'Moi !',
  });
  expect(replied.text).toContain('Réponse publiée.');
  expect(replied.text).toContain('<p>Moi !</p>');
  // No edit form on someone else's message, a report form instead.
  expect(replied.text).toContain('<summary>Signaler');
  const reported = await submit(reporter, threadPath, {
    intent: 'reportMessage',
    kind: 'thread',
    item: threadPath.split('/')[5],
    article: '3',
    comment: 'Publicité déguisée',
  });
  expect(reported.text).toContain('Signalement envoyé.');
  const again = await submit(reporter, threadPath, {
    intent: 'reportMessage',
    kind: 'thread',
    item: threadPath.split('/')[5],
    article: '3',
  });
  expect(again.text).toContain('Vous avez déjà signalé ce message.');
});

test('the moderation queue is the collective’s leads’ (and moderators’), nobody else’s', async () => {
  expect((await page(reporter, moderation)).status).toBe(403);
  expect((await page('member', moderation)).status).toBe(403);
  const queue = await page('lead', moderation);
  expect(queue.status).toBe(200);
  expect(queue.text).toContain('Publicité déguisée');
  expect(queue.text).toContain('Article 3');
  // The reporter is never named.
  expect(queue.text).not.toContain('Signaleur du fil');
  expect((await page('lead', discussions)).text).toContain('href="/espace/collectifs/lyon/moderation/"');
  expect((await page(author, discussions)).text).not.toContain('href="/espace/collectifs/lyon/moderation/"');
});

test('the lead hides it with a reason; the author reads why and appeals once; a moderator overturns', async () => {
  const pending = await caseOf();
  const decided = await submit('lead', moderation, {
    intent: 'decideCase',
    case: String(pending.id),
    version: String(pending.version),
    action: 'hide',
    reason: 'Annonce commerciale (article 3)',
  });
  expect(decided.text).toContain('Décision enregistrée.');
  // Acting again on the same version: already handled, never twice.
  const twice = await submit('lead', moderation, {
    intent: 'decideCase',
    case: String(pending.id),
    version: String(pending.version),
    action: 'warn',
    reason: 'encore',
  });
  expect(twice.text).toContain('déjà été traité');
  expect((await page(reporter, threadPath)).status).toBe(404);
  expect((await page(reporter, discussions)).text).not.toContain('Atelier vélo');

  const mine = await page(author, discussions);
  expect(mine.text).toContain('Mes messages modérés');
  expect(mine.text).toContain('Annonce commerciale (article 3)');
  const own = await page(author, threadPath);
  expect(own.status).toBe(200);
  expect(own.text).toContain('Ce message est masqué par la modération');
  const appealed = await submit(author, discussions, {
    intent: 'appealDecision',
    kind: 'thread',
    item: threadPath.split('/')[5],
    statement: 'C’est un atelier gratuit, pas une annonce.',
  });
  expect(appealed.text).toContain('Recours envoyé');
  expect(appealed.text).not.toContain('Faire un recours');

  const queue = await page('moderator', moderation);
  expect(queue.text).toContain('Recours à trancher');
  const appealedCase = await caseOf();
  expect(appealedCase.state).toBe('appealed');
  const overturned = await submit('moderator', moderation, {
    intent: 'decideCase',
    case: String(appealedCase.id),
    version: String(appealedCase.version),
    action: 'overturn',
    reason: 'Atelier gratuit',
  });
  expect(overturned.text).toContain('Décision enregistrée.');
  expect((await page(reporter, threadPath)).status).toBe(200);
});

test('in English under /en/space/, and a missing collective or thread is a 404', async () => {
  const en = await page(author, '/en/space/collectives/lyon/discussions/');
  expect(en.status).toBe(200);
  expect(en.text).toContain('Latest threads');
  expect(en.text).toContain('hreflang="fr"');
  expect((await page(author, '/espace/collectifs/no-such-collective/discussions/')).status).toBe(404);
  expect((await page(author, '/espace/collectifs/lyon/discussions/999999/')).status).toBe(404);
  // A thread under another collective's path is not shown there.
  expect((await page(author, threadPath.replace('/lyon/', '/grenoble/'))).status).toBe(404);
});

test('the exchange board: post an offer, read it in English, report another’s, withdraw mine', async () => {
  const board = '/espace/echanges/';
  const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const missing = await submit(author, board, {
    intent: 'postExchange',
    type: 'offer',
    category: 'skills',
    title: '',
    body: 'b',
    place: 'Lyon',
    expires,
  });
  expect(missing.text).toContain('Remplissez ce champ.');
  expect(missing.text).toMatch(/id="title"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="title"/);
  const posted = await submit(author, board, {
    intent: 'postExchange',
    type: 'offer',
    category: 'skills',
    title: 'Cours de soudure',
    body: 'Deux heures le *samedi*.',
    place: 'Vénissieux',
    expires,
  });
  expect(posted.text).toContain('Annonce publiée.');
  expect(posted.text).toContain('Cours de soudure');
  expect(posted.text).toContain('<em>samedi</em>');
  expect(posted.text).toContain('Retirer mon annonce');
  const id = String(
    ((await strapi!.db.connection('mod_exchange').where({ title: 'Cours de soudure' }).first()) as { id: number }).id,
  );
  const en = await page(reporter, '/en/space/exchange/?category=skills');
  expect(en.text).toContain('Exchange board');
  expect(en.text).toContain('Cours de soudure');
  expect((await page(reporter, '/espace/echanges/?category=equipment')).text).not.toContain('Cours de soudure');
  const reported = await submit(reporter, board, { intent: 'reportMessage', kind: 'exchange', item: id, article: '4' });
  expect(reported.text).toContain('Signalement envoyé.');
  const withdrawn = await submit(author, board, { intent: 'withdrawExchange', item: id });
  expect(withdrawn.text).toContain('Annonce retirée.');
  expect(withdrawn.text).not.toContain('Cours de soudure');
});

test('a member discusses an upcoming event of the collective from the agenda, in a thread about it', async () => {
  const lyon = await collectiveId(strapi!, 'lyon');
  const event = (await strapi!.db.query('api::event.event').findOne({
    where: {
      collective: { documentId: lyon },
      locale: 'fr',
      publishedAt: { $notNull: true },
      startsAt: { $gt: new Date() },
    },
    select: ['documentId', 'title'],
  })) as { documentId: string; title: string };
  const aboutPath = `${discussions}?about=event:${event.documentId}`;
  const agenda = await page(author, '/espace/agenda/');
  expect(agenda.text).toContain(`href="${aboutPath}"`);
  const list = await page(author, aboutPath);
  expect(list.status).toBe(200);
  expect(list.text).toContain('Les fils à propos de cet événement');
  expect(list.text).toContain(`name="about" value="event:${event.documentId}"`);
  const started = await submit(author, aboutPath, {
    intent: 'startThread',
    collective: lyon,
    about: `event:${event.documentId}`,
    title: 'Covoiturage pour l’événement',
    body: 'Départ de la gare à 9 h.',
  });
  expect(started.text).toContain('Fil de discussion publié.');
  const threadId = Number(started.location.split('/')[5]);
  const row = await strapi!.db.connection('mod_threads').where({ id: threadId }).first();
  expect(row.about).toBe(`event:${event.documentId}`);
  const about = await page(author, aboutPath);
  expect(about.text).toContain('Covoiturage pour l’événement');
  expect(about.text).not.toContain('Atelier vélo samedi');
  const all = await page(author, discussions);
  expect(all.text).toContain(`<a href="?about=event:${event.documentId}">À propos d’un événement</a>`);
  // The collective's documents offer the same, from the documents page.
  const library = await page(author, '/espace/documents/');
  expect(library.text).toMatch(/href="\/espace\/collectifs\/lyon\/discussions\/\?about=document:[a-z0-9]+"/);
  expect(library.text).toContain('En discuter avec le collectif');
});

test('offers leads and moderators a daily digest of reports on their profile page, not members', async () => {
  const member = await page('member', '/espace/profil/');
  expect(member.status).toBe(200);
  expect(member.text).not.toContain('name="moderationMail"');
  expect((await page('moderator', '/en/space/profile/')).text).toContain('Reports to review');
  const lead = await page('lead', '/espace/profil/');
  expect(lead.text).toContain('Signalements à examiner');
  const auth = { Authorization: `Bearer ${await tokenFor(strapi!, 'lead')}` };
  const me = (await http(strapi!).get('/api/member-profiles/me').set(auth)).body.data;
  const text = (v: unknown) => (v == null ? '' : String(v));
  const saved = await submit('lead', '/espace/profil/', {
    displayName: me.displayName,
    city: text(me.city),
    postcode: text(me.postcode),
    lat: text(me.lat),
    lon: text(me.lon),
    skills: (me.skills ?? []).join(', '),
    bio: text(me.bio),
    mailFrequency: me.mailFrequency ?? 'each',
    moderationMail: 'daily',
    ...(me.directoryConsent ? { directoryConsent: 'on' } : {}),
    ...(me.newsletterConsent ? { newsletterConsent: 'on' } : {}),
  });
  expect(saved.text).toContain('Votre profil est enregistré.');
  expect(saved.text).toMatch(/<select id="moderationMail"[^]*<option value="daily" selected>/);
  const after = (await http(strapi!).get('/api/member-profiles/me').set(auth)).body.data;
  expect(after.moderationMail).toBe('daily');
  expect(after.directoryConsent).toBe(me.directoryConsent);
  expect(after.city).toBe(me.city);
  await http(strapi!)
    .put('/api/member-profiles/me')
    .set(auth)
    .send({ data: { moderationMail: 'each' } });
});

describeInBrowser('accessibility (axe-core: no serious or critical violation)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    // A pending case, so that the queue shows its forms.
    const thread = threadPath.split('/')[5];
    const reply = await http(strapi!)
      .post(`/api/moderation/threads/${thread}/replies`)
      .set(author.headers)
      .send({ body: 'Rendez-vous au local à 14 h.' });
    expect(reply.status).toBe(201);
    const reported = await http(strapi!)
      .post('/api/moderation/reports')
      .set(reporter.headers)
      .send({ kind: 'reply', id: reply.body.data.id, article: '2', comment: 'Hors sujet' });
    expect(reported.status).toBe(201);
  });

  const pages: Array<[string, () => TestMember | DemoRole, () => string]> = [
    ['the discussions, as their author', () => author, () => discussions],
    ['a thread with its forms, as a member', () => reporter, () => threadPath],
    ['the moderation queue, as the lead', () => 'lead', () => moderation],
    ['the profile with the moderation mail choice, as the lead', () => 'lead', () => '/espace/profil/'],
    ['the exchange board, as a member', () => reporter, () => '/espace/echanges/'],
    [
      'a thread in English, as its author',
      () => author,
      () => threadPath.replace('/espace/collectifs/', '/en/space/collectives/'),
    ],
  ];

  it.each(pages)('%s', async (_name, who, route) => {
    const context = await browser!.newContext();
    const [name, value] = cookieOf(who()).split('=') as [string, string];
    await context.addCookies([{ name, value, url: site!.base }]);
    const tab = await context.newPage();
    await tab.goto(`${site!.base}${route()}`);
    expect(new URL(tab.url()).pathname).toBe(route());
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });
});
