import { hashSync } from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { charter, organisation, privacyNotice, spacePath } from '@notre-asso/config';
import { DEMO_PASSWORD, demoMembers } from '../database/seed/demo-accounts';
import { revokeSession } from '../cms/src/sessions';
import { LoginThrottle } from '../cms/src/sessions/throttle';
import { linkIn, startSmtp, type Inbox } from './support/smtp';
import { as, freshTokenFor, http, startStrapi, stopStrapi, viewers } from './support/strapi';

let strapi: Core.Strapi;
let inbox: Inbox;
/** Seeded accounts that are not demo accounts: tests may lock, reset or log them out freely. */
let others: string[];

const USER = 'plugin::users-permissions.user';
const site = organisation.siteUrl.replace(/\/+$/, '');

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  const demo = Object.values(demoMembers).map((m) => m.email);
  const rows = (await strapi.db
    .query(USER)
    .findMany({ where: { email: { $notIn: demo } }, orderBy: { id: 'asc' }, limit: 6, select: ['email'] })) as Array<{
    email: string;
  }>;
  others = rows.map((r) => r.email);
});
/** The suites share one database: leave it as seeded (accounts, passwords, acceptances). */
async function restoreSeed() {
  const invited = (await strapi.db.query('api::invitation.invitation').findMany({ select: ['email'] })) as Array<{
    email: string;
  }>;
  for (const { email } of invited) {
    const user = await strapi.db.query(USER).findOne({ where: { email }, select: ['id'] });
    if (!user) continue;
    await strapi.db.query('api::member-profile.member-profile').deleteMany({ where: { user: { id: user.id } } });
    await strapi.db.query(USER).delete({ where: { id: user.id } });
  }
  await strapi.db.query('api::invitation.invitation').deleteMany({});
  await strapi.db.query('api::acceptance.acceptance').deleteMany({});
  // The query engine, not the user service: its change events would still be running at shutdown.
  await strapi.db
    .query(USER)
    .updateMany({ where: { email: { $in: [others[3], others[4]] } }, data: { password: hashSync(DEMO_PASSWORD, 10) } });
}

afterAll(async () => {
  if (strapi) await restoreSeed();
  await stopStrapi(strapi);
  await inbox.stop();
});

const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

function login(identifier: string, password: string, address?: string) {
  const request = http(strapi).post('/api/auth/local');
  if (address) request.set('X-Forwarded-For', address);
  return request.send({ identifier, password });
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));
}

describe('sessions', () => {
  it('every token carries a session id (the users-permissions extension is loaded)', async () => {
    const claims = claimsOf(await freshTokenFor(strapi, 'member'));
    expect(typeof claims.sid).toBe('string');
    expect(typeof claims.iatMs).toBe('number');
  });

  it('logout ends that session only: its token gets 401 everywhere, another session goes on', async () => {
    const jwt = await freshTokenFor(strapi, 'member');
    const other = await freshTokenFor(strapi, 'member');
    expect((await http(strapi).get('/api/space/me').set(bearer(jwt))).status).toBe(200);
    expect((await http(strapi).post('/api/space/logout').set(bearer(jwt))).status).toBe(204);
    for (const path of ['/api/space/me', '/api/member-profiles/me', '/api/pages']) {
      const res = await http(strapi).get(path).set(bearer(jwt));
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
    expect((await http(strapi).get('/api/space/me').set(bearer(other))).status).toBe(200);
  });

  it('a blocked account, or an unconfirmed one while confirmation is required, gets 401 at once', async () => {
    const email = others[5] as string;
    const jwt = (await login(email, DEMO_PASSWORD)).body.jwt as string;
    const status = async () => (await http(strapi).get('/api/space/me').set(bearer(jwt))).status;
    const users = strapi.db.query(USER);
    const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
    expect(await status()).toBe(200);
    try {
      await users.update({ where: { email }, data: { blocked: true } });
      expect(await status()).toBe(401);
      await users.update({ where: { email }, data: { blocked: false, confirmed: false } });
      expect(await status()).toBe(200);
      // The settings are remembered, and forgotten when the admin panel writes them.
      await store.set({ key: 'advanced', value: { ...advanced, email_confirmation: true } });
      expect(await status()).toBe(401);
    } finally {
      await store.set({ key: 'advanced', value: advanced });
      await users.update({ where: { email }, data: { blocked: false, confirmed: true } });
    }
    expect(await status()).toBe(200);
  });

  it('an API token from the admin panel still reads the content API; a token signed with another key does not', async () => {
    const tokens = strapi.service('admin::api-token-content-api') as {
      create(attributes: object): Promise<{ id: number; accessKey: string }>;
      revoke(id: number): Promise<unknown>;
    };
    const token = await tokens.create({ name: 'account test', type: 'read-only', lifespan: null, kind: 'content-api' });
    try {
      expect((await http(strapi).get('/api/pages').set(bearer(token.accessKey))).status).toBe(200);
      expect((await http(strapi).post('/api/space/logout').set(bearer(token.accessKey))).status).toBe(403);
    } finally {
      await tokens.revoke(token.id);
    }
    const [header, payload] = (await freshTokenFor(strapi, 'member')).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await http(strapi).get('/api/space/me').set(bearer(forged))).status).toBe(401);
  });

  it('logout needs a session', async () => {
    const res = await http(strapi).post('/api/space/logout');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('UnauthorizedError');
  });
});

describe('session revocations', () => {
  it('a password change keeps only the session it hands back', async () => {
    const email = others[4] as string;
    const first = (await login(email, DEMO_PASSWORD)).body.jwt as string;
    const second = (await login(email, DEMO_PASSWORD)).body.jwt as string;
    const changed = await http(strapi)
      .post('/api/auth/change-password')
      .set(bearer(first))
      .send({ currentPassword: DEMO_PASSWORD, password: 'Change-2026-ok', passwordConfirmation: 'Change-2026-ok' });
    expect(changed.status).toBe(200);
    expect((await http(strapi).get('/api/space/me').set(bearer(first))).status).toBe(401);
    expect((await http(strapi).get('/api/space/me').set(bearer(second))).status).toBe(401);
    expect((await http(strapi).get('/api/space/me').set(bearer(changed.body.jwt))).status).toBe(200);
  });

  it('are pruned once the tokens they stop have expired', async () => {
    const table = strapi.db.query('api::session-revocation.session-revocation');
    await table.create({ data: { sessionId: 'long-gone', userId: 1, expiresAt: new Date(Date.now() - 1000) } });
    await revokeSession(strapi, { id: 1, sid: 'just-ended', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(await table.count({ where: { sessionId: 'long-gone' } })).toBe(0);
    expect(await table.count({ where: { sessionId: 'just-ended' } })).toBe(1);
  });
});

describe('login throttle', () => {
  it('locks for a window that grows with each further failure, up to 15 minutes', () => {
    let now = 0;
    const throttle = new LoginThrottle({}, () => now);
    const keys = ['address:192.0.2.1'];
    const minute = 60_000;
    for (let i = 0; i < 4; i += 1) throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(0);
    const locks = [];
    for (let i = 0; i < 6; i += 1) {
      throttle.recordFailure(keys);
      locks.push(throttle.waitMs(keys) / minute);
      now += throttle.waitMs(keys);
    }
    expect(locks).toEqual([1, 2, 4, 8, 15, 15]);
    // Failures older than 15 minutes no longer count.
    now += 16 * minute;
    throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(0);
  });

  it('answers 429 after 5 failures from one address, for that address and that account', async () => {
    const [target, bystander] = others as [string, string];
    for (let i = 0; i < 5; i += 1) {
      const res = await login(target, 'not-the-password', '203.0.113.7');
      expect(res.status).toBe(400);
    }
    const locked = await login(target, DEMO_PASSWORD, '203.0.113.7');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ data: null, error: { status: 429, name: 'RateLimitError' } });
    expect(locked.body.error.message).toMatch(
      /^Trop de tentatives de connexion échouées.*Too many failed login attempts/,
    );
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The account is locked from any address, the address for any account…
    expect((await login(target, DEMO_PASSWORD, '198.51.100.20')).status).toBe(429);
    expect((await login(bystander, DEMO_PASSWORD, '203.0.113.7')).status).toBe(429);
    // …and another address still logs in to another account.
    expect((await login(bystander, DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('a successful login clears the account’s counter', async () => {
    const account = others[2] as string;
    for (const round of [1, 2]) {
      for (let i = 0; i < 4; i += 1)
        expect((await login(account, 'wrong', `192.0.2.${round * 10 + i}`)).status).toBe(400);
      expect((await login(account, DEMO_PASSWORD, '192.0.2.99')).status).toBe(200);
    }
  });
});

describe('GET /api/space/me', () => {
  it('is refused to anonymous visitors with 401', async () => {
    const res = await http(strapi).get('/api/space/me');
    expect(res.status).toBe(401);
    expect(res.body.data).toBeNull();
  });

  it.each(viewers.filter((v) => v !== 'anonymous'))('tells %s who they are', async (viewer) => {
    const res = await http(strapi)
      .get('/api/space/me')
      .set(await as(strapi, viewer));
    expect(res.status).toBe(200);
    const me = res.body.data;
    expect(me.user.email).toBe(demoMembers[viewer as keyof typeof demoMembers].email);
    expect(me.role).toBe(viewer);
    expect(me.profile).toMatchObject({ displayName: demoMembers[viewer as keyof typeof demoMembers].displayName });
    expect(me.profile.membershipNumber).toMatch(/^EC-\d{4}$/);
    const led = me.led.map((c: { slug: string }) => c.slug).sort();
    expect(led).toEqual({ member: [], lead: ['lyon'], moderator: [], board: ['conseil'] }[viewer]);
    expect(me.pending).toEqual({ charter: { version: charter.version }, privacy: { version: privacyNotice.version } });
  });

  it('names led collectives in the requested language; an unknown one is a 400', async () => {
    const board = await as(strapi, 'board');
    const en = await http(strapi).get('/api/space/me?locale=en').set(board);
    expect(en.status).toBe(200);
    expect(en.body.data.led[0].name).toBeTruthy();
    const bad = await http(strapi).get('/api/space/me?locale=de').set(board);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Unknown locale/);
  });
});

describe('POST /api/space/acceptances', () => {
  const versions = { charterVersion: charter.version, privacyVersion: privacyNotice.version };

  it('is refused to anonymous visitors with 401', async () => {
    expect((await http(strapi).post('/api/space/acceptances').send(versions)).status).toBe(401);
  });

  it('refuses a missing or outdated version with a message', async () => {
    const moderator = await as(strapi, 'moderator');
    const missing = await http(strapi)
      .post('/api/space/acceptances')
      .set(moderator)
      .send({ charterVersion: charter.version });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/La version de la politique de confidentialité manque/);
    const outdated = await http(strapi)
      .post('/api/space/acceptances')
      .set(moderator)
      .send({ ...versions, charterVersion: '1999-01' });
    expect(outdated.status).toBe(400);
    expect(outdated.body.error.message).toMatch(/pas la version en vigueur de la charte/);
  });

  it('records date and version once; nothing is pending afterwards', async () => {
    const moderator = await as(strapi, 'moderator');
    const res = await http(strapi).post('/api/space/acceptances').set(moderator).send(versions);
    expect(res.status).toBe(200);
    expect(res.body.data.charter.version).toBe(charter.version);
    expect(Date.now() - Date.parse(res.body.data.privacy.acceptedAt)).toBeLessThan(60_000);
    const again = await http(strapi).post('/api/space/acceptances').set(moderator).send(versions);
    expect(again.body.data).toEqual(res.body.data);
    const me = await http(strapi).get('/api/space/me').set(moderator);
    expect(me.body.data.pending).toEqual({ charter: null, privacy: null });
    // Other suites' members accept too: count only the moderator's rows.
    const recorded = await strapi.db
      .query('api::acceptance.acceptance')
      .count({ where: { profile: { user: { email: demoMembers.moderator.email } } } });
    expect(recorded).toBe(2);
  });

  it('the charter and the privacy notice are pages in French and English', async () => {
    for (const slug of [charter.pageSlug, privacyNotice.pageSlug]) {
      for (const locale of ['fr', 'en']) {
        const res = await http(strapi).get(`/api/pages?locale=${locale}&filters[slug]=${slug}`);
        expect({ slug, locale, found: res.body.data.length }).toEqual({ slug, locale, found: 1 });
      }
    }
    const privacy = await http(strapi).get(`/api/pages?locale=fr&filters[slug]=${privacyNotice.pageSlug}`);
    expect(privacy.body.data[0].body).toMatch(/registre des parts sociales/);
  });
});

describe('password reset (users-permissions flow, the site’s pages)', () => {
  it('mails a link to the site with a code; the reset ends the other sessions', async () => {
    const email = others[3] as string;
    const before = (await login(email, DEMO_PASSWORD)).body.jwt as string;
    const asked = await http(strapi).post('/api/auth/forgot-password').send({ email });
    expect(asked.status).toBe(200);
    const mail = await inbox.waitFor(email);
    expect(mail.subject).toMatch(/Nouveau mot de passe/);
    expect(mail.from?.text).toContain(organisation.contactEmail);
    expect(mail.text).toContain(`${site}${spacePath('en', 'newPassword')}?code=`);
    const link = new URL(linkIn(mail, `${site}${spacePath('fr', 'newPassword')}?code=`));
    const code = link.searchParams.get('code') as string;

    const mismatch = await http(strapi)
      .post('/api/auth/reset-password')
      .send({ code, password: 'Nouveau-secret-2026', passwordConfirmation: 'autre' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toBeTruthy();

    const reset = await http(strapi)
      .post('/api/auth/reset-password')
      .send({ code, password: 'Nouveau-secret-2026', passwordConfirmation: 'Nouveau-secret-2026' });
    expect(reset.status).toBe(200);
    expect((await http(strapi).get('/api/space/me').set(bearer(before))).status).toBe(401);
    expect((await http(strapi).get('/api/space/me').set(bearer(reset.body.jwt))).status).toBe(200);
    expect((await login(email, 'Nouveau-secret-2026')).status).toBe(200);
    expect((await login(email, DEMO_PASSWORD)).status).toBe(400);

    const reused = await http(strapi)
      .post('/api/auth/reset-password')
      .send({ code, password: 'Encore-autre-2026', passwordConfirmation: 'Encore-autre-2026' });
    expect(reused.status).toBe(400);
  });
});

describe('invitations', () => {
  const invitee = { email: 'Nora.Nouvelle@example.org', displayName: 'Nora Nouvelle', college: 'consommateurs' };
  const address = invitee.email.toLowerCase();

  async function invite(body: Record<string, unknown>) {
    return http(strapi)
      .post('/api/space/invitations')
      .set(await as(strapi, 'board'))
      .send(body);
  }

  const tokenIn = (url: string) => new URL(url).searchParams.get('token') as string;

  it('only the board invites and lists: anonymous 401, member 403', async () => {
    expect((await http(strapi).post('/api/space/invitations').send(invitee)).status).toBe(401);
    expect((await http(strapi).get('/api/space/invitations')).status).toBe(401);
    for (const viewer of ['member', 'lead', 'moderator'] as const) {
      const auth = await as(strapi, viewer);
      expect((await http(strapi).post('/api/space/invitations').set(auth).send(invitee)).status).toBe(403);
      expect((await http(strapi).get('/api/space/invitations').set(auth)).status).toBe(403);
    }
  });

  it('refuses bad input with a message', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ displayName: 'X' }, /L’adresse e-mail manque/],
      [{ email: 'pas-une-adresse', displayName: 'X' }, /n’est pas valide/],
      [{ email: 'x@example.org' }, /Le nom manque/],
      [{ email: 'x@example.org', displayName: 'X', college: 'astronautes' }, /Collège inconnu/],
      [{ email: 'x@example.org', displayName: 'X', locale: 'de' }, /fr ou en/],
      [{ email: 'x@example.org', displayName: 'X', role: 'board' }, /Champ inconnu/],
    ];
    for (const [body, message] of cases) {
      const res = await invite(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('refuses the address of an existing account with 409', async () => {
    const res = await invite({ email: demoMembers.member.email, displayName: 'Camille' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ name: 'AccountExists', message: expect.stringMatching(/existe déjà/) });
  });

  it('end to end: mail, preview, accept once, log in; a second use is 410', async () => {
    const created = await invite(invitee);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ email: address, state: 'pending', invitedBy: 'Inès Robert' });
    expect(JSON.stringify(created.body)).not.toMatch(/token/i);
    const expires = Date.parse(created.body.data.expiresAt) - Date.now();
    expect(Math.abs(expires - 7 * 24 * 3600 * 1000)).toBeLessThan(60_000);

    const mail = await inbox.waitFor(address);
    expect(mail.subject).toMatch(/Invitation/);
    expect(mail.text).toContain('Inès Robert vous invite');
    const token = tokenIn(linkIn(mail, `${site}${spacePath('fr', 'invitation')}?token=`));
    const stored = await strapi.db.query('api::invitation.invitation').findOne({ where: { email: address } });
    expect(stored.tokenHash).not.toBe(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const preview = await http(strapi).get(`/api/space/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ email: address, displayName: invitee.displayName });

    const weak = await http(strapi).post(`/api/space/invitations/${token}/accept`).send({ password: 'court' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/au moins 10 caractères/);

    const accepted = await http(strapi)
      .post(`/api/space/invitations/${token}/accept`)
      .send({ password: 'Bienvenue-Nora-2026' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.email).toBe(address);
    const me = await http(strapi).get('/api/space/me').set(bearer(accepted.body.jwt));
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      role: 'member',
      profile: { displayName: invitee.displayName, college: 'consommateurs', membershipNumber: 'EC-0061' },
    });
    const profile = await strapi.db
      .query('api::member-profile.member-profile')
      .findOne({ where: { user: { id: accepted.body.user.id } } });
    expect(profile.memberSince).toBe(new Date().toISOString().slice(0, 10));
    const user = await strapi.db.query(USER).findOne({ where: { email: address } });
    expect(user.confirmed).toBe(true);

    expect((await login(address, 'Bienvenue-Nora-2026')).status).toBe(200);

    const second = await http(strapi)
      .post(`/api/space/invitations/${token}/accept`)
      .send({ password: 'Bienvenue-Nora-2026' });
    expect(second.status).toBe(410);
    expect(second.body.error).toMatchObject({ name: 'InvitationGone', details: { reason: 'used' } });
    expect(second.body.error.message).toMatch(/a déjà servi/);
    expect((await http(strapi).get(`/api/space/invitations/${token}`)).status).toBe(410);

    const list = await http(strapi)
      .get('/api/space/invitations')
      .set(await as(strapi, 'board'));
    expect(list.status).toBe(200);
    expect(list.body.data.find((i: { email: string }) => i.email === address)).toMatchObject({ state: 'used' });
  });

  it('an expired invitation is 410; an unknown token is 404; the English mail links to the English page', async () => {
    const email = 'late.comer@example.org';
    expect((await invite({ email, displayName: 'Late Comer', locale: 'en' })).status).toBe(201);
    const mail = await inbox.waitFor(email);
    expect(mail.text).toContain('invites you to join');
    const token = tokenIn(linkIn(mail, `${site}${spacePath('en', 'invitation')}?token=`));
    await strapi.db
      .query('api::invitation.invitation')
      .update({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await http(strapi).post(`/api/space/invitations/${token}/accept`).send({ password: 'Trop-tard-2026' });
    expect(res.status).toBe(410);
    expect(res.body.error.details).toEqual({ reason: 'expired' });
    expect(res.body.error.message).toMatch(/a expiré/);
    expect(await strapi.db.query(USER).count({ where: { email } })).toBe(0);

    const unknown = await http(strapi).get('/api/space/invitations/not-a-token');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/n’existe pas/);
  });
});
