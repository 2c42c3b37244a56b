/**
 * Tax lots on the register (the rule is rules/tax-lots.ts): which eligible lots a disposal of a
 * member's shares would take before the end of their holding period, and the board's explicit
 * override. Every disposal the board decides goes through `authorise`: a redemption request's
 * approval, a direct redemption movement, a transfer (a cession claws the reduction back just as
 * a redemption does). Paying an approved request does not ask again: its approval decided it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { RuleRefused } from '../errors';
import { checkTaxLots, lotsTouched, type LotMovement, type TouchedLot } from '../rules';
import { classColumn, isoDay, movementRows, profileColumn, type Db } from '../store';

/** The board's word that it disposes of shares in their period anyway, and why. */
export interface TaxLotOverride {
  reason: string;
}

/** What is kept of an override: the reason, when, and the lots it let go (who is the row's actor). */
export interface RecordedOverride extends TaxLotOverride {
  at: string;
  lots: TouchedLot[];
}

export async function lotMovementsOf(
  strapi: Core.Strapi,
  db: Db,
  profileId: number,
  classId: number,
): Promise<LotMovement[]> {
  const rows = await movementRows(strapi, db)
    .where(profileColumn(strapi), profileId)
    .andWhere(classColumn(strapi), classId)
    .select(
      'm.operation_number as n',
      'm.kind as kind',
      'm.effective_date as day',
      'm.quantity as quantity',
      'm.tax_reduction_eligible as eligible',
      'm.reversal_of as reversal',
    );
  return rows.map((r: Record<string, unknown>) => ({
    operationNumber: Number(r.n),
    kind: r.kind as LotMovement['kind'],
    effectiveDate: isoDay(r.day),
    quantity: Number(r.quantity),
    // SQLite stores booleans as 0 and 1.
    taxReductionEligible: Boolean(r.eligible),
    reversalOf: r.reversal === null || r.reversal === undefined ? null : Number(r.reversal),
  }));
}

export interface Disposal {
  profileId: number;
  classId: number;
  quantity: number;
  day: string;
  /** Shares of the member promised to approved, unpaid redemptions: they leave first. */
  promised: number;
  years: number;
}

export async function lotsTouchedBy(strapi: Core.Strapi, db: Db, d: Disposal): Promise<TouchedLot[]> {
  const movements = await lotMovementsOf(strapi, db, d.profileId, d.classId);
  return lotsTouched(movements, d.quantity, d.day, d.years, d.promised);
}

/**
 * Refuses (409 `tax-lot`) a disposal taking eligible lots in their period, unless the board
 * overrides; returns what to record with the decision, or null when no lot was touched.
 */
export async function authorise(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  d: Disposal,
  override: TaxLotOverride | null,
): Promise<RecordedOverride | null> {
  const lots = await lotsTouchedBy(strapi, trx, d);
  const verdict = checkTaxLots(lots);
  if (!verdict) return null;
  if (!override) throw new RuleRefused(verdict);
  return { reason: override.reason, at: new Date().toISOString(), lots };
}
