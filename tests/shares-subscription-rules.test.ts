/** The rules of subscription requests and payments, table by table (pure functions, no database). */
import {
  checkPaidAtIssue,
  checkPayment,
  checkTransition,
  minimumPaidCents,
  paymentDeadline,
  subscriptionStates,
  type SubscriptionState,
} from '../plugins/shares/server/src/rules';

describe('states of a subscription request', () => {
  const allowed: Record<SubscriptionState, SubscriptionState[]> = {
    submitted: ['approved', 'rejected', 'cancelled'],
    approved: ['issued', 'rejected', 'cancelled'],
    issued: [],
    rejected: [],
    cancelled: [],
  };
  it.each(subscriptionStates.flatMap((from) => subscriptionStates.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const verdict = checkTransition(from, to);
      expect(verdict === null).toBe(allowed[from].includes(to));
      if (verdict) expect(verdict).toMatchObject({ rule: 'illegal-transition', details: { from, to } });
    },
  );
});

describe('payments (libération) in integer cents', () => {
  it.each<[number, number, number]>([
    // subscribed, percent, minimum paid before issue (rounded up to the cent)
    [10_000, 25, 2_500],
    [10_001, 25, 2_501],
    [3, 25, 1],
    [10_000, 100, 10_000],
    [2_147_483_647, 25, 536_870_912],
  ])('%i cents at %i %% → %i cents', (subscribed, percent, minimum) => {
    expect(minimumPaidCents(subscribed, percent)).toBe(minimum);
    expect(checkPaidAtIssue(subscribed, minimum, percent)).toBeNull();
    expect(checkPaidAtIssue(subscribed, minimum - 1, percent)).toMatchObject({ rule: 'minimum-paid' });
  });

  it.each<[number, number, number, boolean]>([
    // subscribed, already paid, payment, accepted
    [10_000, 0, 10_000, true],
    [10_000, 2_500, 7_500, true],
    [10_000, 2_500, 7_501, false],
    [10_000, 10_000, 1, false],
  ])('paid never exceeds subscribed: %i, paid %i, pays %i', (subscribed, paid, amount, accepted) => {
    expect(checkPayment(subscribed, paid, amount) === null).toBe(accepted);
  });

  it.each<[string, number, string]>([
    ['2026-03-10', 5, '2031-03-10'],
    ['2028-02-29', 5, '2033-02-28'],
    ['2026-03-10', 0, '2026-03-10'],
  ])('the rest falls due %s + %i years = %s', (day, years, due) => {
    expect(paymentDeadline(day, years)).toBe(due);
  });
});
