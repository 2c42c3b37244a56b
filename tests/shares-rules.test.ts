/** The statutes' rules of the shares register, table by table (pure functions, no database). */
import {
  amountCents,
  capitalFloor,
  ceilDiv,
  checkAcquisition,
  checkBackdated,
  checkCapitalFloor,
  checkDisposal,
  checkHoldingPeriod,
  formatEuros,
  isIsoDay,
  checkRedemptionTransition,
  redemptionDueDate,
  sharesHeldSince,
  sumCents,
  yearsBefore,
  type CapitalState,
  type ClassLimits,
  type DatedQuantity,
  type RedemptionState,
} from '../plugins/shares/server/src/rules';

const A: ClassLimits = { code: 'A', minimumShares: 2, maxPerMember: 100 };
const B: ClassLimits = { code: 'B', minimumShares: 1, maxPerMember: null };

describe('minimum subscription and maximum per member (shares coming in)', () => {
  it.each<[string, ClassLimits, number, number, string | null]>([
    ['first subscription at the minimum', A, 0, 2, null],
    ['first subscription below the minimum', A, 0, 1, 'minimum-subscription'],
    ['one more share on top of the minimum', A, 2, 1, null],
    ['up to the maximum exactly', A, 90, 10, null],
    ['one over the maximum', A, 90, 11, 'maximum-per-member'],
    ['no maximum in the class', B, 0, 1_000_000, null],
  ])('%s', (_label, limits, held, quantity, rule) => {
    expect(checkAcquisition(limits, held, quantity)?.rule ?? null).toBe(rule);
  });
});

describe('shares going out', () => {
  it.each<[string, number, number, string | null]>([
    ['all of them (leaving the class)', 10, 10, null],
    ['some, keeping the minimum', 10, 8, null],
    ['more than held', 10, 11, 'insufficient-shares'],
    ['leaving fewer than the minimum', 10, 9, 'minimum-remaining'],
    ['from nothing', 0, 1, 'insufficient-shares'],
  ])('%s', (_label, held, quantity, rule) => {
    expect(checkDisposal(A, held, quantity)?.rule ?? null).toBe(rule);
  });
});

describe('backdated movements', () => {
  const history: DatedQuantity[] = [
    { effectiveDate: '2020-01-10', quantity: 5 },
    { effectiveDate: '2022-06-01', quantity: -3 },
    { effectiveDate: '2023-01-01', quantity: 4 },
  ];
  it.each<[string, DatedQuantity, string | null]>([
    ['an issue dated in the past', { effectiveDate: '2019-01-01', quantity: 3 }, null],
    ['a redemption before the shares existed', { effectiveDate: '2019-12-31', quantity: -1 }, 'negative-past-balance'],
    ['a redemption dated the issue day', { effectiveDate: '2020-01-10', quantity: -2 }, null],
    // 5 − 3 = 2 held between 2022-06-01 and 2023-01-01: taking 3 in 2021 leaves −1 then.
    [
      'a redemption that overdraws a later balance',
      { effectiveDate: '2021-01-01', quantity: -3 },
      'negative-past-balance',
    ],
    ['a redemption of what remains today', { effectiveDate: '2024-01-01', quantity: -6 }, null],
    ['one share more than remains today', { effectiveDate: '2024-01-01', quantity: -7 }, 'negative-past-balance'],
  ])('%s', (_label, movement, rule) => {
    expect(checkBackdated(history, movement)?.rule ?? null).toBe(rule);
  });
});

describe('minimum holding period', () => {
  const history: DatedQuantity[] = [
    { effectiveDate: '2018-03-01', quantity: 4 },
    { effectiveDate: '2021-03-01', quantity: 6 },
    { effectiveDate: '2022-01-01', quantity: -1 },
  ];
  it.each<[string, string, number, number, number]>([
    // FIFO: the one share gone in 2022 was one of the 2018 ones.
    ['5 years on 2024-01-01: 2018 shares less the one gone', '2024-01-01', 5, 3, 3],
    ['the day the 2021 shares reach 5 years', '2026-03-01', 5, 9, 9],
    ['the day before', '2026-02-28', 5, 3, 9],
    ['no period in the statutes', '2022-06-01', 0, 9, 9],
  ])('%s', (_label, day, years, eligible, held) => {
    expect(sharesHeldSince(history, day, years)).toBe(years === 0 ? held : eligible);
    expect(checkHoldingPeriod(history, day, years, eligible)).toBeNull();
    if (eligible < held) expect(checkHoldingPeriod(history, day, years, eligible + 1)?.rule).toBe('holding-period');
  });
  it('counts years on the calendar, 29 February included', () => {
    expect(yearsBefore('2024-02-29', 5)).toBe('2019-02-28');
    expect(yearsBefore('2025-12-31', 5)).toBe('2020-12-31');
  });
});

describe('capital floor', () => {
  // Highest capital 1,000,000.00 €: its quarter is 250,000.00 €, above a statutory floor of 18,500 €.
  const state = { capitalCents: 30_000_000, highestCapitalCents: 100_000_000, statutoryFloorCents: 1_850_000 };
  it.each<[string, CapitalState, number, string | null]>([
    ['stops exactly at a quarter of the highest capital', state, 5_000_000, null],
    ['one cent below it', state, 5_000_001, 'capital-floor'],
    [
      'the statutory floor when it is higher',
      { capitalCents: 2_000_000, highestCapitalCents: 2_000_000, statutoryFloorCents: 1_850_000 },
      150_001,
      'capital-floor',
    ],
    [
      'exactly at the statutory floor',
      { capitalCents: 2_000_000, highestCapitalCents: 2_000_000, statutoryFloorCents: 1_850_000 },
      150_000,
      null,
    ],
    // A quarter of 10 cents is 2.5: the floor is 3, rounded up, never below the quarter.
    ['a quarter rounded up', { capitalCents: 10, highestCapitalCents: 10, statutoryFloorCents: 0 }, 7, null],
    [
      'a quarter rounded up, one cent over',
      { capitalCents: 10, highestCapitalCents: 10, statutoryFloorCents: 0 },
      8,
      'capital-floor',
    ],
    [
      'approved redemptions count as paid: exactly at the floor',
      {
        capitalCents: 2_000_000,
        highestCapitalCents: 2_000_000,
        statutoryFloorCents: 1_850_000,
        reservedCents: 100_000,
      },
      50_000,
      null,
    ],
    [
      'approved redemptions count as paid: one cent over',
      {
        capitalCents: 2_000_000,
        highestCapitalCents: 2_000_000,
        statutoryFloorCents: 1_850_000,
        reservedCents: 100_000,
      },
      50_001,
      'capital-floor',
    ],
  ])('%s', (_label, s, redemption, rule) => {
    expect(checkCapitalFloor(s, redemption)?.rule ?? null).toBe(rule);
  });
  it('names the floor in euros in its message', () => {
    expect(capitalFloor(state)).toBe(25_000_000);
    expect(checkCapitalFloor(state, 5_000_001)?.fr).toContain('250\u202f000,00 €');
  });
});

describe('redemption requests', () => {
  it.each<[RedemptionState, RedemptionState, boolean]>([
    ['submitted', 'approved', true],
    ['submitted', 'refused', true],
    ['submitted', 'cancelled', true],
    ['submitted', 'paid', false],
    ['approved', 'paid', true],
    ['approved', 'cancelled', false],
    ['approved', 'refused', false],
    ['paid', 'cancelled', false],
    ['refused', 'approved', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(checkRedemptionTransition(from, to) === null).toBe(allowed);
  });
  it.each<[string, number, string]>([
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-06-01', 0, '2026-06-01'],
    ['2026-06-01', 60, '2031-06-01'],
  ])('approved on %s, due %i months later: %s', (day, months, due) => {
    expect(redemptionDueDate(day, months)).toBe(due);
  });
});

describe('nominal arithmetic in integer cents', () => {
  it.each<[number, number, number]>([
    [3, 10_000, 30_000],
    [7, 1_525, 10_675],
    [-4, 5_000, -20_000],
    [0, 5_000, 0],
  ])('%i shares × %i cents = %i cents', (quantity, nominal, amount) => {
    expect(amountCents(quantity, nominal)).toBe(amount);
  });
  it('sums exactly where euros as floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumCents([10, 20])).toBe(30);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
  it('refuses what leaves the safe integer range or is not whole', () => {
    expect(() => amountCents(2 ** 40, 2 ** 20)).toThrow(RangeError);
    expect(() => amountCents(1.5, 100)).toThrow(RangeError);
  });
  it.each<[number, number, number]>([
    [10, 4, 3],
    [8, 4, 2],
    [0, 4, 0],
  ])('ceil(%i / %i) = %i', (a, b, q) => {
    expect(ceilDiv(a, b)).toBe(q);
  });
  it('formats for people', () => {
    expect(formatEuros(123_456)).toBe('1\u202f234,56 €');
    expect(formatEuros(-5)).toBe('-0,05 €');
  });
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['01/02/2024', false],
  ])('%s is a calendar day: %s', (day, ok) => {
    expect(isIsoDay(day)).toBe(ok);
  });
});
