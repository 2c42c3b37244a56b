/**
 * Tax lots (lots fiscaux): an individual who subscribes shares of an ESUS-approved cooperative
 * (or an SME) deducts part of the amount from income tax (art. 199 terdecies-0 A CGI, « IR-PME
 * / ESUS ») if the shares are kept until 31 December of the `years`-th year after the year of
 * subscription; a disposal before that (a redemption, a transfer) claws the reduction back.
 *
 * A lot is one issue movement: its day, its quantity and whether it was eligible. Eligibility is
 * decided once, at issue, and kept on the movement: by default the cooperative's setting
 * (`taxReductionEligible`, the cooperative holds the ESUS approval), which the board may turn off
 * for one issue (a legal person subscribing, a subscription outside the approval's dates) — as
 * the registers of the sector do, a cooperative-wide default with a per-subscription flag rather
 * than either alone. Changing the setting later does not change lots already issued. Shares
 * received by transfer are never eligible: they were not subscribed.
 *
 * A correction and the movement it reverses cancel out, as if neither had been recorded: a
 * reversed issue leaves no lot, a reversed redemption or transfer leaves its shares in the lots it
 * had taken them from (with their dates and eligibility, not as new shares of the correction's day).
 *
 * Shares leave first in, first out (the oldest lots first, as the holding period of
 * statutes.ts counts them), and shares already promised
 * to approved, unpaid redemptions leave before those of the request being checked. A lot is
 * still in its period on its end day itself; from the day after, it may leave freely.
 */
import type { Verdict } from './refusal';

/** The statutes' setting: 7 years by default, from 5 to 10. */
export const TAX_REDUCTION_YEARS = { default: 7, min: 5, max: 10 } as const;

export interface LotMovement {
  operationNumber: number;
  kind: 'issue' | 'redemption' | 'transfer-out' | 'transfer-in' | 'correction';
  effectiveDate: string;
  /** Signed, as in the ledger. */
  quantity: number;
  /** Of an issue: eligible for the income-tax reduction. */
  taxReductionEligible: boolean;
  /** Of a correction: the operation number it reverses. */
  reversalOf: number | null;
}

/** What a disposal takes from one eligible lot still in its holding period. */
export interface TouchedLot {
  operationNumber: number;
  /** The day of the subscription's issue. */
  date: string;
  /** The last day of its holding period. */
  end: string;
  quantity: number;
}

/** 31 December of the `years`-th year after the year of `day`. */
export function taxPeriodEnd(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}-12-31`;
}

interface Lot {
  operationNumber: number;
  date: string;
  eligible: boolean;
  remaining: number;
}

function take(lots: Lot[], quantity: number, touched: TouchedLot[] | null, day: string, years: number) {
  let left = quantity;
  for (const lot of lots) {
    if (left === 0) break;
    const n = Math.min(lot.remaining, left);
    if (n === 0) continue;
    lot.remaining -= n;
    left -= n;
    const end = taxPeriodEnd(lot.date, years);
    if (touched && lot.eligible && day <= end)
      touched.push({ operationNumber: lot.operationNumber, date: lot.date, end, quantity: n });
  }
}

/**
 * The eligible lots still in their period on `day` that `quantity` shares leaving would take,
 * after `promised` shares (approved redemptions not yet paid) have left first. `movements` are
 * the member's movements in the class up to now, in any order.
 */
export function lotsTouched(
  movements: LotMovement[],
  quantity: number,
  day: string,
  years: number,
  promised = 0,
): TouchedLot[] {
  const known = new Set(movements.map((m) => m.operationNumber));
  const cancelled = new Set<number>();
  for (const m of movements)
    if (m.kind === 'correction' && m.reversalOf !== null && known.has(m.reversalOf))
      cancelled.add(m.operationNumber).add(m.reversalOf);
  const ordered = movements
    .filter((m) => !cancelled.has(m.operationNumber))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.operationNumber - b.operationNumber);
  const lots: Lot[] = [];
  for (const m of ordered) {
    if (m.quantity > 0) {
      lots.push({
        operationNumber: m.operationNumber,
        date: m.effectiveDate,
        eligible: m.kind === 'issue' && m.taxReductionEligible,
        remaining: m.quantity,
      });
      continue;
    }
    take(lots, -m.quantity, null, day, years);
  }
  take(lots, promised, null, day, years);
  const touched: TouchedLot[] = [];
  take(lots, quantity, touched, day, years);
  return touched;
}

/** A disposal that takes eligible shares before the end of their period needs the board's override. */
export function checkTaxLots(touched: TouchedLot[]): Verdict {
  if (touched.length === 0) return null;
  const shares = touched.reduce((s, l) => s + l.quantity, 0);
  const fr = touched.map((l) => `${l.quantity} part(s) du lot n° ${l.operationNumber} du ${l.date}, jusqu’au ${l.end}`);
  const en = touched.map((l) => `${l.quantity} share(s) of lot no. ${l.operationNumber} of ${l.date}, until ${l.end}`);
  return {
    rule: 'tax-lot',
    fr: `Cette sortie de parts reprendrait la réduction d’impôt des souscriptions encore dans leur délai de conservation (${fr.join(' ; ')}) : le conseil doit le confirmer expressément, avec sa raison.`,
    en: `This disposal of shares would claw back the income-tax reduction of subscriptions still in their holding period (${en.join('; ')}): the board must confirm it expressly, with its reason.`,
    details: { shares, lots: touched },
  };
}
