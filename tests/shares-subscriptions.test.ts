/**
 * Subscription requests and payments (libération) over HTTP on the real CMS, database and SMTP:
 * who may do what, the states and their history, two board members at once, issue into the
 * ledger in one transaction, a visitor who becomes a member, paid never above subscribed, the
 * overdue balances.
 */
import type { Core } from '@strapi/strapi';
import { organisation, spacePath } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { linkIn, startSmtp, type Inbox } from './support/smtp';

const SUBSCRIPTION = 'plugin::shares.subscription';
const PROFILE = 'api::member-profile.member-profile';
const site = organisation.siteUrl.replace(/\/+$/, '');

let strapi: Core.Strapi;
let inbox: Inbox;
let board: Record<string, string>;
let alice: TestMember;
let bob: TestMember;

const api = (path: string) => `/api/shares${path}`;
const post = (path: string, body: object, headers: Record<string, string> = board) =>
  http(strapi).post(api(path)).set(headers).send(body);
const get = (path: string, headers: Record<string, string> = board) => http(strapi).get(api(path)).set(headers);

/** SA: 50 € a share, at least 2 and at most 40 per member. */
const ask = (headers: Record<string, string>, quantity = 4, extra: object = {}) =>
  post('/subscriptions', { shareClass: 'SA', quantity, paymentMethod: 'transfer', ...extra }, headers);
const decideOn = (id: string, to: string, version: number) => post(`/subscriptions/${id}/decision`, { to, version });
const pay = (id: string, amountCents: number) =>
  post(`/subscriptions/${id}/payments`, { amountCents, date: '2026-01-15', method: 'cheque', reference: 'Chq 42' });

const visitor = {
  name: 'Jeanne Souscriptrice',
  email: 'Jeanne.Souscriptrice@example.org',
  address: '3 rue des Lilas',
  postcode: '69003',
  city: 'Lyon',
  consent: true,
};

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  alice = await createMember(strapi, {}, 'subscriber');
  bob = await createMember(strapi, {}, 'subscriber');
  const created = await post('/classes', {
    code: 'SA',
    name: 'Souscripteurs',
    nominalCents: 5_000,
    minimumShares: 2,
    maxPerMember: 40,
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await strapi.db.query(SUBSCRIPTION).deleteMany({});
  const welcomed = await strapi.db.query(PROFILE).findOne({ where: { displayName: visitor.name }, populate: ['user'] });
  if (welcomed) {
    await strapi.db.query('api::invitation.invitation').deleteMany({ where: { profile: { id: welcomed.id } } });
    await strapi.db.query(PROFILE).delete({ where: { id: welcomed.id } });
    if (welcomed.user)
      await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: welcomed.user.id } });
  }
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
  await inbox.stop();
});

describe('every endpoint × role', () => {
  const boardOnly: Array<[string, string]> = [
    ['get', '/subscriptions'],
    ['post', '/subscriptions/x/decision'],
    ['post', '/subscriptions/x/payments'],
    ['get', '/overdue'],
  ];
  const membersOnly: Array<[string, string]> = [
    ['get', '/subscriptions/mine'],
    ['post', '/subscriptions/x/cancellation'],
  ];
  const send = async (viewer: Viewer, method: string, path: string) => {
    const agent = http(strapi);
    const request = agent[method as 'get' | 'post'](api(path)).set(await as(strapi, viewer));
    return method === 'get' ? request : request.send({});
  };
  it.each(viewers)('as %s', async (viewer) => {
    for (const [method, path] of boardOnly) {
      const res = await send(viewer, method, path);
      const expected = viewer === 'anonymous' ? [401] : viewer === 'board' ? [200, 400] : [403];
      expect([path, expected.includes(res.status)]).toEqual([path, true]);
    }
    for (const [method, path] of membersOnly) {
      const res = await send(viewer, method, path);
      expect([path, viewer === 'anonymous' ? res.status === 401 : [200, 400].includes(res.status)]).toEqual([
        path,
        true,
      ]);
    }
    // The public form: everyone reaches it, and an empty one is bad input.
    const res = await send(viewer, 'post', '/subscriptions');
    expect(res.status).toBe(400);
  });
});

describe('bad input', () => {
  it.each<[string, object, RegExp]>([
    ['no class', { quantity: 4, paymentMethod: 'cheque' }, /« shareClass » est obligatoire.*"shareClass" is required/],
    ['zero shares', { shareClass: 'SA', quantity: 0, paymentMethod: 'cheque' }, /quantity.*entier.*whole number/],
    ['half a share', { shareClass: 'SA', quantity: 2.5, paymentMethod: 'cheque' }, /quantity/],
    [
      'an unknown payment method',
      { shareClass: 'SA', quantity: 4, paymentMethod: 'bitcoin' },
      /paymentMethod.*transfer/,
    ],
  ])('a member’s request with %s is 400', async (_label, body, message) => {
    const res = await post('/subscriptions', body, alice.headers);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each<[string, object, RegExp]>([
    ['no consent', { ...visitor, consent: false }, /consent.*Tick/],
    ['a bad e-mail', { ...visitor, email: 'jeanne' }, /adresse e-mail n’est pas valide.*e-mail address is not valid/],
    ['no address', { ...visitor, address: undefined }, /address/],
  ])('a visitor’s request with %s is 400', async (_label, applicant, message) => {
    const res = await ask({}, 4, applicant);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses a request beyond what one request may hold (21 million euros)', async () => {
    expect((await post('/classes', { code: 'SG', name: 'Grande part', nominalCents: 100_000_000 })).status).toBe(201);
    const res = await post(
      '/subscriptions',
      { shareClass: 'SG', quantity: 22, paymentMethod: 'transfer' },
      alice.headers,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/21 millions d’euros.*21 million euros/);
  });

  it('refuses bad decisions, payments and settings with a clear message', async () => {
    const id = (await ask(alice.headers, 2)).body.data.documentId as string;
    const cases: Array<[string, object, RegExp]> = [
      [`/subscriptions/${id}/decision`, { to: 'submitted', version: 1 }, /« to » doit valoir/],
      [`/subscriptions/${id}/decision`, { to: 'approved' }, /version/],
      [
        `/subscriptions/${id}/payments`,
        { amountCents: 12.5, date: '2026-01-15', method: 'cheque', reference: 'x' },
        /amountCents/,
      ],
      [
        `/subscriptions/${id}/payments`,
        { amountCents: 100, date: '2026-02-30', method: 'cheque', reference: 'x' },
        /date/,
      ],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(message);
    }
    for (const [body, message] of [
      [{ minimumPaidPercent: 20 }, /au moins 25.*at least 25/],
      [{ paymentDeadlineYears: 6 }, /paymentDeadlineYears/],
    ] as const) {
      const res = await http(strapi).put(api('/settings')).set(board).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await decideOn('no-such-request', 'approved', 1)).status).toBe(404);
  });
});

describe('a member’s subscription', () => {
  it('applies the class minimum and maximum per member (409, which rule)', async () => {
    const below = await ask(alice.headers, 1);
    expect(below.status).toBe(409);
    expect(below.body.error.details.rule).toBe('minimum-subscription');
    const above = await ask(alice.headers, 41);
    expect(above.status).toBe(409);
    expect(above.body.error.details).toMatchObject({ rule: 'maximum-per-member', maximum: 40 });
  });

  it('goes submitted → approved → issued, paid in part, each step dated with who; issue writes the ledger', async () => {
    const asked = await ask(alice.headers, 4);
    expect(asked.status).toBe(201);
    expect(asked.body.data).toMatchObject({
      state: 'submitted',
      version: 1,
      subscribedCents: 20_000,
      paidCents: 0,
      shareClass: 'SA',
    });
    const id = asked.body.data.documentId as string;
    expect(asked.body.data.paymentDeadline).toBe(
      `${Number(asked.body.data.requestedOn.slice(0, 4)) + 5}${asked.body.data.requestedOn.slice(4)}`,
    );
    // Another member's request is not theirs to see or cancel.
    expect((await get('/subscriptions/mine', bob.headers)).body.data).toEqual([]);
    expect((await post(`/subscriptions/${id}/cancellation`, { version: 1 }, bob.headers)).status).toBe(404);

    expect((await decideOn(id, 'issued', 1)).body.error.details).toMatchObject({ rule: 'illegal-transition' });
    const approved = await decideOn(id, 'approved', 1);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'approved', version: 2 });

    // At issue, a quarter of the nominal (5,000 cents) must be paid.
    expect((await pay(id, 4_999)).status).toBe(201);
    const early = await decideOn(id, 'issued', 3);
    expect(early.status).toBe(409);
    expect(early.body.error.details).toMatchObject({ rule: 'minimum-paid', minimumCents: 5_000, paidCents: 4_999 });
    expect(early.body.error.message).toMatch(/25 %.*50,00 €.*25%/);
    expect((await pay(id, 1)).body.data).toMatchObject({ paidCents: 5_000, version: 4 });
    const over = await pay(id, 15_001);
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ rule: 'overpayment' });
    expect(over.body.error.message).toMatch(/150,00 €/);

    const before = (await get('/settings')).body.data;
    const issued = await decideOn(id, 'issued', 4);
    expect(issued.status).toBe(200);
    expect(issued.body.data).toMatchObject({ state: 'issued', version: 5, issuedOperation: before.lastOperation + 1 });
    const board = (await get('/subscriptions?state=issued')).body.data.find(
      (s: { documentId: string }) => s.documentId === id,
    );
    expect(board.history.map((h: { state: string }) => h.state)).toEqual(['submitted', 'approved', 'issued']);
    expect(board.history[1]).toMatchObject({ byName: 'Inès Robert', at: expect.any(String) });
    expect(board.payments).toHaveLength(2);
    expect((await get('/settings')).body.data.capitalCents).toBe(before.capitalCents + 20_000);
    const movement = (await get('/movements')).body.data.find(
      (m: { operationNumber: number }) => m.operationNumber === before.lastOperation + 1,
    );
    expect(movement).toMatchObject({ kind: 'issue', quantity: 4, reference: `Souscription ${id}` });

    // Mes parts: holdings, movements, the subscription with its unpaid balance.
    const mine = (await get('/me', alice.headers)).body.data;
    expect(mine.holdings).toEqual([expect.objectContaining({ shareClass: 'SA', quantity: 4, valueCents: 20_000 })]);
    expect(mine.subscriptions[0]).toMatchObject({ documentId: id, paidCents: 5_000, unpaidCents: 15_000 });
    expect(mine.unpaidCents).toBe(15_000);
    expect(mine.subscriptions[0]).not.toHaveProperty('applicant');
    expect(mine.subscriptions[0].payments[0]).not.toHaveProperty('reference');

    // Issued is final.
    const late = await decideOn(id, 'cancelled', 5);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(
      /émise ne peut pas devenir annulée.*issued subscription cannot become cancelled/,
    );
  });

  it('of two board members acting on one version, the second is told', async () => {
    const id = (await ask(bob.headers, 2)).body.data.documentId as string;
    const [a, b] = await Promise.all([decideOn(id, 'approved', 1), decideOn(id, 'rejected', 1)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ name: 'SubscriptionChanged' });
    expect(loser.body.error.message).toMatch(/rechargez.*reload/);
    const row = await strapi.db.query(SUBSCRIPTION).findOne({ where: { documentId: id } });
    expect(row.version).toBe(2);
    expect(row.history).toHaveLength(2);
  });

  it('the requester cancels while submitted, not after; only the board decides', async () => {
    const id = (await ask(bob.headers, 2)).body.data.documentId as string;
    const decided = await post(`/subscriptions/${id}/cancellation`, { version: 1 }, bob.headers);
    expect(decided.status).toBe(200);
    expect(decided.body.data.state).toBe('cancelled');
    const again = await post(`/subscriptions/${id}/cancellation`, { version: 2 }, bob.headers);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/tant qu’elle n’a pas été examinée.*until it has been reviewed/);
    const closed = await pay(id, 100);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/close.*closed/);
  });

  it('a refused issue leaves the request approved and the ledger untouched (one transaction)', async () => {
    const first = (await ask(bob.headers, 30)).body.data.documentId as string;
    const second = (await ask(bob.headers, 30)).body.data.documentId as string;
    for (const id of [first, second]) {
      expect((await decideOn(id, 'approved', 1)).status).toBe(200);
      expect((await pay(id, 150_000)).status).toBe(201);
    }
    expect((await decideOn(first, 'issued', 3)).status).toBe(200);
    const before = (await get('/settings')).body.data.lastOperation;
    const refused = await decideOn(second, 'issued', 3);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ rule: 'maximum-per-member' });
    expect((await get('/settings')).body.data.lastOperation).toBe(before);
    const row = await strapi.db.query(SUBSCRIPTION).findOne({ where: { documentId: second } });
    expect(row).toMatchObject({ state: 'approved', version: 3 });
  });
});

describe('a visitor subscribes from the public form', () => {
  it('on issue becomes a member with an invitation, and then sees their shares', async () => {
    const asked = await ask({}, 2, { ...visitor, paymentMethod: 'card', paymentReference: 'CB-7781' });
    expect(asked.status).toBe(201);
    expect(asked.body.data).not.toHaveProperty('applicant');
    const id = asked.body.data.documentId as string;
    const queued = (await get('/subscriptions?state=submitted')).body.data.find(
      (s: { documentId: string }) => s.documentId === id,
    );
    expect(queued).toMatchObject({ member: null, applicant: { email: visitor.email.toLowerCase(), city: 'Lyon' } });

    expect((await decideOn(id, 'approved', 1)).status).toBe(200);
    expect((await pay(id, 10_000)).status).toBe(201);
    const issued = await decideOn(id, 'issued', 3);
    expect(issued.status).toBe(200);
    expect(issued.body.data.member).toMatchObject({ displayName: visitor.name });

    const address = visitor.email.toLowerCase();
    const mail = await inbox.waitFor(address);
    expect(mail.subject).toMatch(/Invitation/);
    const token = new URL(linkIn(mail, `${site}${spacePath('fr', 'invitation')}?token=`)).searchParams.get('token');
    const accepted = await http(strapi)
      .post(`/api/space/invitations/${token}/accept`)
      .send({ password: 'Bienvenue-Jeanne-2026' });
    expect(accepted.status).toBe(200);
    const mine = await get('/me', { Authorization: `Bearer ${accepted.body.jwt}` });
    expect(mine.status).toBe(200);
    expect(mine.body.data.holdings).toEqual([expect.objectContaining({ shareClass: 'SA', quantity: 2 })]);
    expect(mine.body.data.subscriptions).toEqual([expect.objectContaining({ documentId: id, state: 'issued' })]);
    // One profile: the invitation gave the account to the profile made at issue.
    expect(await strapi.db.query(PROFILE).count({ where: { displayName: visitor.name } })).toBe(1);
  });
});

describe('overdue balances', () => {
  it('lists unpaid balances past their deadline for the board, not paid-up ones', async () => {
    const unpaid = (await ask(alice.headers, 2)).body.data.documentId as string;
    const paidUp = (await ask(alice.headers, 2)).body.data.documentId as string;
    for (const id of [unpaid, paidUp]) expect((await decideOn(id, 'approved', 1)).status).toBe(200);
    expect((await pay(unpaid, 2_500)).status).toBe(201);
    expect((await pay(paidUp, 10_000)).status).toBe(201);
    // Five years on: the deadlines have passed.
    await strapi.db
      .query(SUBSCRIPTION)
      .updateMany({ where: { documentId: { $in: [unpaid, paidUp] } }, data: { paymentDeadline: '2020-06-30' } });
    const res = await get('/overdue');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((s: { documentId: string }) => s.documentId);
    expect(ids).toContain(unpaid);
    expect(ids).not.toContain(paidUp);
    expect(res.body.data.find((s: { documentId: string }) => s.documentId === unpaid)).toMatchObject({
      unpaidCents: 7_500,
      paymentDeadline: '2020-06-30',
      member: { displayName: alice.displayName },
    });
  });
});
