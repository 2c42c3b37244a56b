/** Share classes and the statutes' settings, set by the board. */
import type { Core } from '@strapi/strapi';
import { DuplicateClass } from '../errors';
import { capitalFloor, MAX_PAYMENT_YEARS } from '../rules';
import { tablesOf, UID, type Db } from '../store';
import { classOf, ledgerStateOf, lockLedger, type ShareClass } from './ledger';

export async function listClasses(strapi: Core.Strapi): Promise<ShareClass[]> {
  const rows = await strapi.db.connection(tablesOf(strapi).shareClass).orderBy('code').select('*');
  return rows.map(classOf);
}

export async function createClass(strapi: Core.Strapi, input: Omit<ShareClass, 'id'>): Promise<ShareClass> {
  return strapi.db.transaction(async ({ trx }) => {
    if (await trx(tablesOf(strapi).shareClass).where('code', input.code).first('id'))
      throw new DuplicateClass(input.code);
    const row = (await strapi.db.query(UID.shareClass).create({ data: input })) as { id: number };
    return { id: row.id, ...input };
  });
}

export interface Settings {
  statutoryFloorCents: number;
  holdingPeriodYears: number;
  minimumPaidPercent: number;
  paymentDeadlineYears: number;
  redemptionBoardApproval: boolean;
  redemptionDueMonths: number;
  taxReductionEligible: boolean;
  taxReductionYears: number;
}

/** The statutes' rules on payments (libération): the part paid before issue, and years to pay the rest. */
export async function statutes(
  strapi: Core.Strapi,
  db: Db = strapi.db.connection,
): Promise<Pick<Settings, 'minimumPaidPercent' | 'paymentDeadlineYears'>> {
  const row = await db(tablesOf(strapi).ledger).orderBy('id').first('*');
  return {
    minimumPaidPercent: Number(row?.minimum_paid_percent ?? 25),
    paymentDeadlineYears: Number(row?.payment_deadline_years ?? MAX_PAYMENT_YEARS),
  };
}

/** The statutes' rules on redemptions: whether the board decides each, and months until one falls due. */
export async function redemptionRules(
  strapi: Core.Strapi,
  db: Db = strapi.db.connection,
): Promise<Pick<Settings, 'redemptionBoardApproval' | 'redemptionDueMonths'>> {
  const row = await db(tablesOf(strapi).ledger).orderBy('id').first('*');
  const approval = row?.redemption_board_approval;
  return {
    // SQLite stores booleans as 0 and 1.
    redemptionBoardApproval: approval === null || approval === undefined ? true : Boolean(approval),
    redemptionDueMonths: Number(row?.redemption_due_months ?? 12),
  };
}

/** The tax lots' settings (rules/tax-lots.ts), as they stand: for what is shown, decisions read them under the lock. */
export async function taxLotRules(
  strapi: Core.Strapi,
  db: Db = strapi.db.connection,
): Promise<Pick<Settings, 'taxReductionEligible' | 'taxReductionYears'>> {
  const { taxReductionEligible, taxReductionYears } = ledgerStateOf(
    await db(tablesOf(strapi).ledger).orderBy('id').first('*'),
  );
  return { taxReductionEligible, taxReductionYears };
}

/** The settings and where the capital stands against its floor. */
export async function settings(strapi: Core.Strapi) {
  const row = await strapi.db.connection(tablesOf(strapi).ledger).orderBy('id').first('*');
  const state = ledgerStateOf(row);
  return {
    statutoryFloorCents: state.statutoryFloorCents,
    holdingPeriodYears: state.holdingPeriodYears,
    taxReductionEligible: state.taxReductionEligible,
    taxReductionYears: state.taxReductionYears,
    ...(await statutes(strapi)),
    ...(await redemptionRules(strapi)),
    capitalCents: state.capitalCents,
    highestCapitalCents: state.highestCapitalCents,
    capitalFloorCents: capitalFloor(state),
    lastOperation: state.lastOperation,
  };
}

/** Changed under the ledger's lock: no redemption is checked against half-changed rules. */
export async function updateSettings(strapi: Core.Strapi, input: Partial<Settings>) {
  await strapi.db.transaction(async ({ trx }) => {
    const state = await lockLedger(strapi, trx);
    const patch: Record<string, unknown> = {};
    if (input.statutoryFloorCents !== undefined) patch.statutory_floor_cents = String(input.statutoryFloorCents);
    if (input.holdingPeriodYears !== undefined) patch.holding_period_years = input.holdingPeriodYears;
    if (input.minimumPaidPercent !== undefined) patch.minimum_paid_percent = input.minimumPaidPercent;
    if (input.paymentDeadlineYears !== undefined) patch.payment_deadline_years = input.paymentDeadlineYears;
    if (input.redemptionBoardApproval !== undefined) patch.redemption_board_approval = input.redemptionBoardApproval;
    if (input.redemptionDueMonths !== undefined) patch.redemption_due_months = input.redemptionDueMonths;
    if (input.taxReductionEligible !== undefined) patch.tax_reduction_eligible = input.taxReductionEligible;
    if (input.taxReductionYears !== undefined) patch.tax_reduction_years = input.taxReductionYears;
    if (Object.keys(patch).length) await trx(tablesOf(strapi).ledger).where('id', state.id).update(patch);
  });
  return settings(strapi);
}
