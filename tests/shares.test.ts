/**
 * The shares register over HTTP on the real CMS and database: who may do what, a member's own
 * shares, the statutes' rules, transfers and corrections, concurrency, the append-only ledger,
 * rebuild and verify.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { demoMembers } from '../database/seed/demo-accounts';
import { holdingRows } from '../plugins/shares/server/src/store';

const PROFILE = 'api::member-profile.member-profile';
const postgres = Boolean(process.env.DATABASE_URL);

let strapi: Core.Strapi;
let board: Record<string, string>;
let demoMember: string;
let other: TestMember;
const bareProfiles: number[] = [];

const api = (path: string) => `/api/shares${path}`;
const post = (path: string, body: object, headers = board) => http(strapi).post(api(path)).set(headers).send(body);
const get = (path: string, headers = board) => http(strapi).get(api(path)).set(headers);

/** Profiles without an account, for the tests that need many members but no logins. */
async function bareProfile(label: string): Promise<string> {
  const row = (await strapi.db.query(PROFILE).create({
    data: {
      displayName: label,
      membershipNumber: `S-${bareProfiles.length}-${Date.now() % 1e6}`,
      memberSince: '2020-01-01',
      directoryConsent: false,
      newsletterConsent: false,
    },
  })) as { id: number; documentId: string };
  bareProfiles.push(row.id);
  return row.documentId;
}

const issue = (member: string, quantity: number, effectiveDate = '2021-03-01', shareClass = 'TA') =>
  post('/movements', { kind: 'issue', member, shareClass, quantity, effectiveDate, reference: 'BS test' });
const redeem = (member: string, quantity: number, effectiveDate = '2025-01-15', shareClass = 'TA') =>
  post('/movements', { kind: 'redemption', member, shareClass, quantity, effectiveDate, reference: 'CA test' });
const setSettings = (body: object) => http(strapi).put(api('/settings')).set(board).send(body);

beforeAll(async () => {
  strapi = await startStrapi();
  board = await as(strapi, 'board');
  const row = (await strapi.db
    .query(PROFILE)
    .findOne({ where: { user: { email: demoMembers.member.email } }, select: ['documentId'] })) as {
    documentId: string;
  };
  demoMember = row.documentId;
  other = await createMember(strapi, {}, 'shares');
  // A: consumers, 100 € a share; B: producers, 25 €, at least 4 and at most 20 per member.
  expect(
    (await post('/classes', { code: 'TA', name: 'Usagers', nominalCents: 10_000, maxPerMember: 1000 })).status,
  ).toBe(201);
  expect(
    (
      await post('/classes', {
        code: 'TB',
        name: 'Producteurs',
        nominalCents: 2_500,
        minimumShares: 4,
        maxPerMember: 20,
        college: 'B',
      })
    ).status,
  ).toBe(201);
});

afterAll(async () => {
  for (const id of bareProfiles) await strapi.db.query(PROFILE).delete({ where: { id } });
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
});

describe('every endpoint × role', () => {
  const boardOnly: Array<[string, string]> = [
    ['post', '/classes'],
    ['get', '/register'],
    ['get', '/register.csv'],
    ['get', '/movements'],
    ['post', '/movements'],
    ['post', '/transfers'],
    ['post', '/movements/1/reversal'],
    ['get', '/verify'],
    ['get', '/settings'],
    ['put', '/settings'],
  ];
  const members: Array<[string, string]> = [['get', '/me']];
  const send = async (viewer: Viewer, method: string, path: string) => {
    const agent = http(strapi);
    const verb = method as 'get' | 'post' | 'put';
    const request = agent[verb](api(path)).set(await as(strapi, viewer));
    return method === 'get' ? request : request.send({});
  };
  it.each(viewers)('as %s', async (viewer) => {
    for (const [method, path] of boardOnly) {
      const res = await send(viewer, method, path);
      const expected = viewer === 'anonymous' ? 401 : viewer === 'board' ? null : 403;
      if (expected) expect([method, path, res.status]).toEqual([method, path, expected]);
      // The board reaches it: an empty body is bad input, never a refusal.
      else expect([method, path, [200, 400, 404].includes(res.status)]).toEqual([method, path, true]);
    }
    for (const [method, path] of members) {
      const res = await send(viewer, method, path);
      expect([path, res.status]).toEqual([path, viewer === 'anonymous' ? 401 : 200]);
    }
    // The classes are the public subscription form's choices: everyone reads them.
    expect((await send(viewer, 'get', '/classes')).status).toBe(200);
  });
  it('has no route that updates or deletes a movement', async () => {
    for (const method of ['put', 'delete'] as const) {
      const res = await http(strapi)[method](api('/movements/1')).set(board).send({ quantity: 0 });
      expect([404, 405]).toContain(res.status);
    }
  });
});

describe('recording movements', () => {
  it('the board issues shares; the member sees only their own holdings and movements', async () => {
    const res = await issue(demoMember, 3);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ kind: 'issue', quantity: 3, unitValueCents: 10_000, amountCents: 30_000 });
    expect((await issue(other.documentId, 2)).status).toBe(201);

    const mine = await get('/me', await as(strapi, 'member'));
    expect(mine.status).toBe(200);
    expect(mine.body.data.holdings).toEqual([
      expect.objectContaining({ member: demoMember, shareClass: 'TA', quantity: 3, valueCents: 30_000 }),
    ]);
    expect(mine.body.data.movements.every((m: { member: string }) => m.member === demoMember)).toBe(true);
    const theirs = await get('/me', other.headers);
    expect(theirs.body.data.holdings).toEqual([expect.objectContaining({ member: other.documentId, quantity: 2 })]);
    expect(JSON.stringify(theirs.body)).not.toContain(demoMember);
  });

  it.each<[string, object, number, RegExp]>([
    ['no quantity', { kind: 'issue', shareClass: 'TA', effectiveDate: '2024-01-01', reference: 'x' }, 400, /quantity/],
    [
      'zero shares',
      { kind: 'issue', shareClass: 'TA', quantity: 0, effectiveDate: '2024-01-01', reference: 'x' },
      400,
      /quantity/,
    ],
    [
      'a fraction of a share',
      { kind: 'issue', shareClass: 'TA', quantity: 1.5, effectiveDate: '2024-01-01', reference: 'x' },
      400,
      /quantity/,
    ],
    [
      'a day that does not exist',
      { kind: 'issue', shareClass: 'TA', quantity: 1, effectiveDate: '2023-02-29', reference: 'x' },
      400,
      /effectiveDate/,
    ],
    [
      'a future day',
      { kind: 'issue', shareClass: 'TA', quantity: 1, effectiveDate: '2999-01-01', reference: 'x' },
      400,
      /futur/,
    ],
    ['no reference', { kind: 'issue', shareClass: 'TA', quantity: 1, effectiveDate: '2024-01-01' }, 400, /reference/],
    [
      'an unknown kind',
      { kind: 'gift', shareClass: 'TA', quantity: 1, effectiveDate: '2024-01-01', reference: 'x' },
      400,
      /kind/,
    ],
    [
      'an unknown class',
      { kind: 'issue', shareClass: 'ZZ', quantity: 1, effectiveDate: '2024-01-01', reference: 'x' },
      404,
      /ZZ/,
    ],
  ])('refuses %s with a clear message', async (_label, body, status, message) => {
    const res = await post('/movements', { member: demoMember, ...body });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses an unknown member (404) and bad settings (400)', async () => {
    expect((await issue('no-such-member', 1)).status).toBe(404);
    const res = await setSettings({ holdingPeriodYears: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/holdingPeriodYears/);
  });

  it('applies the class rules: minimum subscription and maximum per member', async () => {
    const member = await bareProfile('TB holder');
    // In order, on one member of class TB (at least 4, at most 20 shares).
    const cases: Array<[string, number, string | null]> = [
      ['below the minimum subscription', 3, 'minimum-subscription'],
      ['at the minimum', 4, null],
      ['beyond the maximum per member', 17, 'maximum-per-member'],
      ['up to the maximum exactly', 16, null],
    ];
    for (const [label, quantity, rule] of cases) {
      const res = await issue(member, quantity, '2021-03-01', 'TB');
      expect([label, res.status, res.body.error?.details?.rule ?? null]).toEqual([label, rule ? 409 : 201, rule]);
    }
  });

  it('refuses a redemption of more than held, a backdated one, and one leaving less than the minimum', async () => {
    const member = await bareProfile('Backdated');
    expect((await issue(member, 10, '2022-01-10', 'TB')).status).toBe(201);
    const cases: Array<[number, string, string]> = [
      [11, '2025-01-01', 'insufficient-shares'],
      [5, '2021-12-31', 'negative-past-balance'],
      [8, '2025-01-01', 'minimum-remaining'],
    ];
    for (const [quantity, day, rule] of cases) {
      const res = await redeem(member, quantity, day, 'TB');
      expect([quantity, res.status, res.body.error?.details?.rule]).toEqual([quantity, 409, rule]);
    }
    expect((await redeem(member, 6, '2022-01-10', 'TB')).status).toBe(201);
  });

  it('applies the holding period of the statutes', async () => {
    const member = await bareProfile('Holding period');
    expect((await issue(member, 3, '2019-01-01')).status).toBe(201);
    expect((await issue(member, 2, '2024-01-01')).status).toBe(201);
    expect((await setSettings({ holdingPeriodYears: 5 })).status).toBe(200);
    try {
      const refused = await redeem(member, 4, '2025-06-01');
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toMatchObject({ rule: 'holding-period', eligible: 3 });
      expect(refused.body.error.message).toMatch(/5 an/);
      expect((await redeem(member, 3, '2025-06-01')).status).toBe(201);
    } finally {
      await setSettings({ holdingPeriodYears: 0 });
    }
  });
});

describe('transfers and corrections', () => {
  it('writes a transfer as a pair of consecutive movements, capital unchanged', async () => {
    const from = await bareProfile('Cédant');
    const to = await bareProfile('Cessionnaire');
    await issue(from, 5);
    const before = (await get('/settings')).body.data.capitalCents;
    const res = await post('/transfers', {
      from,
      to,
      shareClass: 'TA',
      quantity: 2,
      effectiveDate: '2024-05-01',
      reference: 'CA 2024-05',
    });
    expect(res.status).toBe(201);
    const [out, into] = res.body.data;
    expect(out).toMatchObject({ kind: 'transfer-out', member: from, quantity: -2 });
    expect(into).toMatchObject({
      kind: 'transfer-in',
      member: to,
      quantity: 2,
      operationNumber: out.operationNumber + 1,
    });
    expect((await get('/settings')).body.data.capitalCents).toBe(before);
    // A transfer to oneself, and more than held.
    expect(
      (
        await post('/transfers', {
          from,
          to: from,
          shareClass: 'TA',
          quantity: 1,
          effectiveDate: '2024-05-01',
          reference: 'x',
        })
      ).status,
    ).toBe(400);
    const over = await post('/transfers', {
      from,
      to,
      shareClass: 'TA',
      quantity: 4,
      effectiveDate: '2024-05-01',
      reference: 'x',
    });
    expect(over.body.error.details.rule).toBe('insufficient-shares');

    // Reversing one half reverses the pair.
    const reversal = await post(`/movements/${into.operationNumber}/reversal`, { reference: 'Erreur de saisie' });
    expect(reversal.status).toBe(201);
    expect(reversal.body.data.map((m: { reversalOf: number; quantity: number }) => [m.reversalOf, m.quantity])).toEqual(
      [
        [into.operationNumber, -2],
        [out.operationNumber, 2],
      ],
    );
    expect(reversal.body.data.every((m: { kind: string }) => m.kind === 'correction')).toBe(true);
    const again = await post(`/movements/${out.operationNumber}/reversal`, {});
    expect(again.status).toBe(409);
    expect((await post(`/movements/${reversal.body.data[0].operationNumber}/reversal`, {})).status).toBe(409);
    expect((await post('/movements/99999999/reversal', {})).status).toBe(404);
    expect((await post('/movements/abc/reversal', {})).status).toBe(400);
  });

  it('corrects an issue by a reversing movement, effective the same day', async () => {
    const member = await bareProfile('Correction');
    const original = (await issue(member, 4, '2023-02-01')).body.data;
    const res = await post(`/movements/${original.operationNumber}/reversal`, {});
    expect(res.body.data).toEqual([
      expect.objectContaining({
        kind: 'correction',
        quantity: -4,
        effectiveDate: '2023-02-01',
        reversalOf: original.operationNumber,
      }),
    ]);
    const register = (await get('/register?date=2023-02-01')).body.data.holdings;
    expect(register.find((h: { member: string }) => h.member === member)).toBeUndefined();
  });

  it('refuses to reverse an issue whose shares have since been redeemed', async () => {
    const member = await bareProfile('Too late');
    const original = (await issue(member, 2, '2023-02-01')).body.data;
    expect((await redeem(member, 2, '2024-02-01')).status).toBe(201);
    const res = await post(`/movements/${original.operationNumber}/reversal`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('negative-past-balance');
  });
});

describe('concurrency', () => {
  it('100 simultaneous redemptions of 1 share from a member holding 10: exactly 10 succeed', async () => {
    const member = await bareProfile('Concurrent');
    expect((await issue(member, 10)).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 100 }, () => redeem(member, 1)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(90);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.error.details.rule === 'insufficient-shares'),
    ).toBe(true);
    const holding = (await get('/register')).body.data.holdings.find((h: { member: string }) => h.member === member);
    expect(holding).toBeUndefined();
  });

  it('100 simultaneous redemptions by different members around the capital floor never cross it', async () => {
    const members: string[] = [];
    for (let i = 0; i < 100; i += 1) members.push(await bareProfile(`Floor ${i}`));
    for (const member of members) expect((await issue(member, 1)).status).toBe(201);
    const { capitalCents, highestCapitalCents } = (await get('/settings')).body.data;
    // Room for exactly 7 redemptions of 100 €, and the statutory floor above a quarter of the highest capital.
    const floor = capitalCents - 7 * 10_000;
    expect(floor).toBeGreaterThan(Math.ceil(highestCapitalCents / 4));
    expect((await setSettings({ statutoryFloorCents: floor })).status).toBe(200);
    try {
      const results = await Promise.all(members.map((m) => redeem(m, 1)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(7);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.every((r) => r.status === 409 && r.body.error.details.rule === 'capital-floor')).toBe(true);
      const after = (await get('/settings')).body.data;
      expect(after.capitalCents).toBe(floor);
      expect(after.capitalFloorCents).toBe(floor);
    } finally {
      await setSettings({ statutoryFloorCents: 0 });
    }
  });
});

describe('the ledger', () => {
  it('numbers operations without gaps and verifies', async () => {
    const numbers = await strapi.db
      .connection('shares_movements')
      .orderBy('operation_number')
      .pluck('operation_number');
    expect(numbers.map(Number)).toEqual(numbers.map((_: unknown, i: number) => i + 1));
    const report = await get('/verify');
    expect(report.body.data).toMatchObject({ ok: true, gapless: true, differences: [] });
    expect(report.body.data.capitalCents).toBe(report.body.data.ledgerCapitalCents);
  });

  (postgres ? it : it.skip)('refuses UPDATE, DELETE and TRUNCATE of movements in PostgreSQL itself', async () => {
    const db = strapi.db.connection;
    await expect(db.raw('UPDATE shares_movements SET quantity = 1000 WHERE operation_number = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(db.raw('DELETE FROM shares_movements WHERE operation_number = 1')).rejects.toThrow(/append-only/);
    await expect(db.raw('TRUNCATE shares_movements CASCADE')).rejects.toThrow(/append-only/);
    expect(Number((await db('shares_movements').where('operation_number', 1).first('quantity')).quantity)).toBe(3);
  });

  it('holdings at a date are the sums of the movements effective on or before it', async () => {
    const all: Array<{ member: string; shareClass: string; quantity: number; effectiveDate: string }> = [];
    for (let page = 1; ; page += 1) {
      const res = await get(`/movements?page=${page}`);
      all.push(...res.body.data);
      if (all.length >= res.body.meta.total) break;
    }
    for (const date of ['2021-03-01', '2023-02-01', '2024-05-01']) {
      const expected = new Map<string, number>();
      for (const m of all.filter((x) => x.effectiveDate <= date)) {
        const key = `${m.member}/${m.shareClass}`;
        expected.set(key, (expected.get(key) ?? 0) + m.quantity);
      }
      const register = (await get(`/register?date=${date}`)).body.data;
      const got = new Map(
        register.holdings.map((h: { member: string; shareClass: string; quantity: number }) => [
          `${h.member}/${h.shareClass}`,
          h.quantity,
        ]),
      );
      expect(got).toEqual(new Map([...expected].filter(([, q]) => q !== 0)));
    }
  });

  it('rebuilds holdings and capital from the movements alone: the export is byte-identical', async () => {
    const exported = await get('/register.csv');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const hash = createHash('sha256').update(exported.text).digest('hex');
    // Today's register from the movements is the stored one.
    expect((await get(`/register.csv?date=2999-12-31`)).text).toBe(exported.text);
    // A holding changed behind the ledger's back is found by verify, then the rebuild repairs it.
    // One the register knows (other suites may leave holdings of members they deleted outright).
    const { id } = await holdingRows(strapi, strapi.db.connection)
      .where('h.quantity', '>', 0)
      .orderBy('h.id')
      .first('h.id as id');
    await strapi.db.connection('shares_holdings').where({ id }).update({ quantity: 999 });
    const broken = (await get('/verify')).body.data;
    expect(broken.ok).toBe(false);
    expect(broken.differences).toHaveLength(1);
    await strapi.plugin('shares').service('register').rebuild(strapi);
    const rebuilt = await get('/register.csv');
    expect(createHash('sha256').update(rebuilt.text).digest('hex')).toBe(hash);
    expect((await get('/verify')).body.data.ok).toBe(true);
  });
});

describe('10,000 random valid operations', () => {
  it('leave holdings and capital equal to the sums of the movements', async () => {
    const ledger = strapi.plugin('shares').service('ledger');
    const register = strapi.plugin('shares').service('register');
    const members: string[] = [];
    for (let i = 0; i < 30; i += 1) members.push(await bareProfile(`Random ${i}`));
    // A deterministic generator: the same run every time, so a failure can be replayed.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const held = new Map<string, number>(members.map((m) => [m, 0]));
    const start = (await get('/settings')).body.data;
    let capital = start.capitalCents as number;
    let highest = start.highestCapitalCents as number;
    const base = Date.UTC(2001, 0, 1);
    const ops = Number(process.env.SHARES_RANDOM_OPS ?? 10_000);
    for (let i = 0; i < ops; i += 1) {
      // Days only move forward, one every few operations: every movement is valid by construction.
      const effectiveDate = new Date(base + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10);
      const member = members[random(members.length)]!;
      const mine = held.get(member)!;
      const common = { shareClass: 'TA', effectiveDate, reference: `R${i}`, recordedBy: null };
      const choice = random(3);
      const quantity = 1 + random(5);
      if (choice === 1 && mine >= quantity && capital - quantity * 10_000 >= Math.ceil(highest / 4)) {
        await ledger.redeem(strapi, { ...common, member, quantity });
        held.set(member, mine - quantity);
        capital -= quantity * 10_000;
      } else if (choice === 2 && mine >= quantity) {
        const to = members[(members.indexOf(member) + 1 + random(members.length - 1)) % members.length]!;
        if (held.get(to)! + quantity > 1000) continue;
        await ledger.transfer(strapi, { ...common, from: member, to, quantity });
        held.set(member, mine - quantity);
        held.set(to, held.get(to)! + quantity);
      } else if (mine + quantity <= 1000) {
        await ledger.issue(strapi, { ...common, member, quantity });
        held.set(member, mine + quantity);
        capital += quantity * 10_000;
        highest = Math.max(highest, capital);
      }
    }
    const report = await register.verify(strapi);
    expect(report).toMatchObject({
      ok: true,
      gapless: true,
      differences: [],
      capitalCents: capital,
      highestCapitalCents: highest,
    });
    const now = (await get('/register')).body.data.holdings as Array<{ member: string; quantity: number }>;
    for (const member of members) expect(now.find((h) => h.member === member)?.quantity ?? 0).toBe(held.get(member));
  }, 600_000);
});
