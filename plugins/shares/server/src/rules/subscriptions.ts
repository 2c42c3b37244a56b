/**
 * Subscription requests (bulletins de souscription) and their payments (libération): which state
 * may follow which, how much must be paid before shares are issued, and when the rest is due.
 */
import { yearsBefore } from './dates';
import { amountCents, ceilDiv, formatEuros } from './money';
import type { Verdict } from './refusal';

export const subscriptionStates = ['submitted', 'approved', 'issued', 'rejected', 'cancelled'] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];

export const paymentMethods = ['transfer', 'cheque', 'card'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** The statutes allow at most 5 years to pay the rest of the nominal (Code de commerce, L. 225-3 by reference). */
export const MAX_PAYMENT_YEARS = 5;

const next: Record<SubscriptionState, SubscriptionState[]> = {
  submitted: ['approved', 'rejected', 'cancelled'],
  approved: ['issued', 'rejected', 'cancelled'],
  issued: [],
  rejected: [],
  cancelled: [],
};

const stateNames: Record<SubscriptionState, [string, string]> = {
  submitted: ['déposée', 'submitted'],
  approved: ['acceptée', 'approved'],
  issued: ['émise', 'issued'],
  rejected: ['refusée', 'rejected'],
  cancelled: ['annulée', 'cancelled'],
};

export function checkTransition(from: SubscriptionState, to: SubscriptionState): Verdict {
  if (next[from].includes(to)) return null;
  return {
    rule: 'illegal-transition',
    fr: `Une souscription ${stateNames[from][0]} ne peut pas devenir ${stateNames[to][0]}.`,
    en: `A ${stateNames[from][1]} subscription cannot become ${stateNames[to][1]}.`,
    details: { from, to, allowed: next[from] },
  };
}

/** The part of the nominal to pay before issue: the statutes' percentage, rounded up to the cent. */
export function minimumPaidCents(subscribedCents: number, percent: number): number {
  return ceilDiv(amountCents(subscribedCents, percent), 100);
}

/** Paid never exceeds subscribed. */
export function checkPayment(subscribedCents: number, paidCents: number, amount: number): Verdict {
  if (paidCents + amount <= subscribedCents) return null;
  return {
    rule: 'overpayment',
    fr: `Ce versement de ${formatEuros(amount)} dépasserait le montant souscrit : il reste ${formatEuros(subscribedCents - paidCents)} à libérer.`,
    en: `This payment of ${formatEuros(amount)} would exceed the amount subscribed: ${formatEuros(subscribedCents - paidCents)} remains to be paid.`,
    details: { subscribedCents, paidCents, amountCents: amount },
  };
}

/** Shares are issued only once the statutes' minimum of their nominal (a quarter by law) is paid. */
export function checkPaidAtIssue(subscribedCents: number, paidCents: number, percent: number): Verdict {
  const minimum = minimumPaidCents(subscribedCents, percent);
  if (paidCents >= minimum) return null;
  return {
    rule: 'minimum-paid',
    fr: `Il faut avoir libéré au moins ${percent} % du nominal (${formatEuros(minimum)}) avant l’émission : ${formatEuros(paidCents)} versé(s).`,
    en: `At least ${percent}% of the nominal (${formatEuros(minimum)}) must be paid before issue: ${formatEuros(paidCents)} paid.`,
    details: { minimumCents: minimum, paidCents, percent },
  };
}

/** The day the unpaid balance falls due: `years` after the request. */
export function paymentDeadline(day: string, years: number): string {
  return yearsBefore(day, -years);
}
