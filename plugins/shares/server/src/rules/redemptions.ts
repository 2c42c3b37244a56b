/**
 * Redemption requests (demandes de remboursement): which state may follow which, and the day an
 * approved redemption falls due. The statutes' checks themselves (holding period, capital floor)
 * are those of statutes.ts, run when the request is approved.
 */
import type { Verdict } from './refusal';

export const redemptionStates = ['submitted', 'approved', 'paid', 'refused', 'cancelled'] as const;
export type RedemptionState = (typeof redemptionStates)[number];

/** The statutes may defer a redemption by at most five years (60 months). */
export const MAX_REDEMPTION_MONTHS = 60;

const next: Record<RedemptionState, RedemptionState[]> = {
  submitted: ['approved', 'refused', 'cancelled'],
  approved: ['paid'],
  paid: [],
  refused: [],
  cancelled: [],
};

const stateNames: Record<RedemptionState, [string, string]> = {
  submitted: ['déposée', 'submitted'],
  approved: ['accordée', 'approved'],
  paid: ['payée', 'paid'],
  refused: ['refusée', 'refused'],
  cancelled: ['annulée', 'cancelled'],
};

export function checkRedemptionTransition(from: RedemptionState, to: RedemptionState): Verdict {
  if (next[from].includes(to)) return null;
  return {
    rule: 'illegal-transition',
    fr: `Une demande de remboursement ${stateNames[from][0]} ne peut pas devenir ${stateNames[to][0]}.`,
    en: `A ${stateNames[from][1]} redemption request cannot become ${stateNames[to][1]}.`,
    details: { from, to, allowed: next[from] },
  };
}

/** The day an approved redemption falls due: `months` after `day`, the 31st becoming the month's last day. */
export function redemptionDueDate(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The board's own refusal, for a reason of its judgement rather than a rule of the statutes. */
export function boardRefusal(reason: string): NonNullable<Verdict> {
  return {
    rule: 'board-decision',
    fr: `Le conseil d’administration refuse ce remboursement : ${reason}`,
    en: `The board refuses this redemption: ${reason}`,
    details: { reason },
  };
}
