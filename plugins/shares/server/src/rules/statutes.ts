/**
 * The statutes' rules on share operations, as pure functions over plain numbers and days: the
 * ledger service feeds them what it read under its lock, the tests feed them tables. Each returns
 * null when the operation is allowed, or the refusal naming the rule.
 */
import { ceilDiv, formatEuros } from './money';
import { yearsBefore } from './dates';
import type { Verdict } from './refusal';

export interface ClassLimits {
  code: string;
  /** Minimum subscription: a member holding shares of this class holds at least this many. */
  minimumShares: number;
  /** Maximum per member, when the statutes set one. */
  maxPerMember: number | null;
}

/**
 * Shares coming to a member (an issue, the receiving side of a transfer): the holding after it
 * must reach the class's minimum and stay within its maximum per member.
 */
export function checkAcquisition(limits: ClassLimits, held: number, quantity: number): Verdict {
  const after = held + quantity;
  if (after < limits.minimumShares)
    return {
      rule: 'minimum-subscription',
      fr: `La souscription minimale en parts ${limits.code} est de ${limits.minimumShares} part(s) ; il en résulterait ${after} part(s) détenue(s).`,
      en: `The minimum subscription in class ${limits.code} is ${limits.minimumShares} share(s); the result would be ${after} share(s) held.`,
      details: { minimum: limits.minimumShares, after },
    };
  if (limits.maxPerMember !== null && after > limits.maxPerMember)
    return {
      rule: 'maximum-per-member',
      fr: `Un membre détient au plus ${limits.maxPerMember} part(s) ${limits.code} ; ce membre en aurait ${after}.`,
      en: `A member holds at most ${limits.maxPerMember} share(s) of class ${limits.code}; this member would hold ${after}.`,
      details: { maximum: limits.maxPerMember, after },
    };
  return null;
}

/**
 * Shares leaving a member (redemption, transfer out): never more than held, and what remains is
 * either nothing (the member leaves the class) or at least the minimum subscription.
 */
export function checkDisposal(limits: ClassLimits, held: number, quantity: number): Verdict {
  if (quantity > held)
    return {
      rule: 'insufficient-shares',
      fr: `Ce membre ne détient que ${held} part(s) ${limits.code}, moins que les ${quantity} demandée(s).`,
      en: `This member holds only ${held} share(s) of class ${limits.code}, fewer than the ${quantity} asked.`,
      details: { held, quantity },
    };
  const after = held - quantity;
  if (after > 0 && after < limits.minimumShares)
    return {
      rule: 'minimum-remaining',
      fr: `Il resterait ${after} part(s) ${limits.code}, sous le minimum de ${limits.minimumShares} : sortir entièrement ou garder le minimum.`,
      en: `${after} share(s) of class ${limits.code} would remain, below the minimum of ${limits.minimumShares}: leave the class entirely or keep the minimum.`,
      details: { minimum: limits.minimumShares, after },
    };
  return null;
}

export interface DatedQuantity {
  effectiveDate: string;
  /** Signed: positive comes in, negative goes out. */
  quantity: number;
}

/**
 * A movement dated in the past changes every balance from its date on: it is refused when any of
 * them would become negative (a backdated redemption before the shares were issued). `existing`
 * are the member's movements of the class, in any order; same-day movements count as one day.
 */
export function checkBackdated(existing: DatedQuantity[], movement: DatedQuantity): Verdict {
  if (movement.quantity >= 0) return null;
  const days = new Map<string, number>();
  for (const m of existing) days.set(m.effectiveDate, (days.get(m.effectiveDate) ?? 0) + m.quantity);
  days.set(movement.effectiveDate, (days.get(movement.effectiveDate) ?? 0) + movement.quantity);
  let balance = 0;
  for (const day of [...days.keys()].sort()) {
    balance += days.get(day) as number;
    if (day >= movement.effectiveDate && balance < 0)
      return {
        rule: 'negative-past-balance',
        fr: `Ce mouvement daté du ${movement.effectiveDate} rendrait le solde négatif au ${day} (${balance} part(s)).`,
        en: `This movement dated ${movement.effectiveDate} would make the balance negative on ${day} (${balance} share(s)).`,
        details: { on: day, balance },
      };
  }
  return null;
}

/**
 * How many of a member's shares of a class have been held at least `years` on `day`: shares
 * leave first in, first out, so they are those held on the day `years` earlier, less everything
 * that left since (ins since then are too recent to count).
 */
export function sharesHeldSince(movements: DatedQuantity[], day: string, years: number): number {
  const cutoff = yearsBefore(day, years);
  let heldAtCutoff = 0;
  let leftSince = 0;
  for (const m of movements) {
    if (m.effectiveDate <= cutoff) heldAtCutoff += m.quantity;
    else if (m.effectiveDate <= day && m.quantity < 0) leftSince -= m.quantity;
  }
  return Math.max(0, heldAtCutoff - leftSince);
}

/** A redemption of shares held less than the statutes' minimum holding period is refused. */
export function checkHoldingPeriod(movements: DatedQuantity[], day: string, years: number, quantity: number): Verdict {
  if (years <= 0) return null;
  const eligible = sharesHeldSince(movements, day, years);
  if (quantity <= eligible) return null;
  return {
    rule: 'holding-period',
    fr: `Les parts se remboursent après ${years} an(s) de détention : ${eligible} part(s) seulement sont détenues depuis le ${yearsBefore(day, years)}.`,
    en: `Shares are redeemed after ${years} year(s) held: only ${eligible} share(s) have been held since ${yearsBefore(day, years)}.`,
    details: { years, eligible, quantity },
  };
}

export interface CapitalState {
  capitalCents: number;
  /** The highest capital ever reached: it only goes up. */
  highestCapitalCents: number;
  /** The statutory floor or the legal minimum of the form (18,500 € for a SCIC SA), from the settings. */
  statutoryFloorCents: number;
  /** Redemptions approved and not yet paid: that capital is already promised to leaving members. */
  reservedCents?: number;
}

/**
 * The capital may not fall below a quarter of the highest capital ever reached (loi 47-1775
 * art. 13), nor below the statutory floor: the higher of the two.
 */
export function capitalFloor(state: Pick<CapitalState, 'highestCapitalCents' | 'statutoryFloorCents'>): number {
  return Math.max(ceilDiv(state.highestCapitalCents, 4), state.statutoryFloorCents);
}

/**
 * A redemption that would take the capital below its floor is refused; one that stops exactly at
 * it is not. Redemptions already approved count as if paid.
 */
export function checkCapitalFloor(state: CapitalState, redemptionCents: number): Verdict {
  const floor = capitalFloor(state);
  const reserved = state.reservedCents ?? 0;
  const after = state.capitalCents - reserved - redemptionCents;
  if (after >= floor) return null;
  const promised = reserved
    ? [
        ` une fois payés les remboursements déjà accordés (${formatEuros(reserved)})`,
        ` once the redemptions already approved (${formatEuros(reserved)}) are paid`,
      ]
    : ['', ''];
  return {
    rule: 'capital-floor',
    fr: `Ce remboursement ferait passer le capital sous son plancher de ${formatEuros(floor)} : il serait de ${formatEuros(after)}${promised[0]}.`,
    en: `This redemption would take the capital below its floor of ${formatEuros(floor)}: it would be ${formatEuros(after)}${promised[1]}.`,
    details: { floorCents: floor, afterCents: after, reservedCents: reserved },
  };
}
