/**
 * The ledger: every change to the register is a movement appended under the ledger row's lock, in
 * one transaction with the holdings and the capital it changes. The lock gives gapless operation
 * numbers and a capital nobody else changes while the floor is checked: PostgreSQL locks the row
 * (SELECT … FOR UPDATE) until the commit; SQLite has a single connection (knex's pool of one) on
 * which transactions run one after the other. Nothing here updates or deletes a movement: an
 * error is corrected by a reversing movement (and PostgreSQL refuses it anyway, see bootstrap).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { timeZone } from '@notre-asso/config';
import { NoSuchClass, NoSuchMember, RuleRefused, SameMember } from '../errors';
import {
  amountCents,
  centsOf,
  checkAcquisition,
  checkBackdated,
  checkCapitalFloor,
  checkDisposal,
  checkHoldingPeriod,
  TAX_REDUCTION_YEARS,
  today,
  type DatedQuantity,
  type Verdict,
} from '../rules';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { reservedFor, type Reserved } from './reservations';
import { authorise, type RecordedOverride, type TaxLotOverride } from './tax-lots';
import {
  classColumn,
  holdingClassColumn,
  holdingProfileColumn,
  holdingRows,
  isoDay,
  isPostgres,
  movementRows,
  profileColumn,
  tablesOf,
  UID,
} from '../store';

export type MovementKind = 'issue' | 'redemption' | 'transfer-out' | 'transfer-in' | 'correction';

export interface ShareClass {
  id: number;
  code: string;
  name: string;
  nominalCents: number;
  minimumShares: number;
  maxPerMember: number | null;
  college: string | null;
}

export interface LedgerState {
  id: number;
  lastOperation: number;
  capitalCents: number;
  highestCapitalCents: number;
  statutoryFloorCents: number;
  holdingPeriodYears: number;
  /** Tax lots (rules/tax-lots.ts): new issues eligible by default, and the years they are kept. */
  taxReductionEligible: boolean;
  taxReductionYears: number;
}

export interface RecordedMovement {
  operationNumber: number;
  kind: MovementKind;
  member: string;
  shareClass: string;
  quantity: number;
  unitValueCents: number;
  amountCents: number;
  effectiveDate: string;
  reference: string;
  reversalOf: number | null;
}

/** What the board asks: shares of a class for a member, on a day, for a reason. */
export interface Operation {
  /** documentId of the member profile. */
  member: string;
  shareClass: string;
  quantity: number;
  effectiveDate: string;
  reference: string;
  /** The account of the board member recording it. */
  recordedBy: number | null;
  /** Or the admin-panel user recording it (the plugin's admin pages). */
  recordedByAdmin?: number | null;
  /** Of an issue: eligible for the income-tax reduction; the settings' default when absent. */
  taxReductionEligible?: boolean | null;
  /** Of a disposal: the board overrides the tax lots still in their period. */
  taxLotOverride?: TaxLotOverride | null;
}

export interface TransferOperation extends Omit<Operation, 'member'> {
  from: string;
  to: string;
}

export function refuse(verdict: Verdict) {
  if (verdict) throw new RuleRefused(verdict);
}

export function ledgerStateOf(row: Record<string, unknown>): LedgerState {
  return {
    id: Number(row.id),
    lastOperation: Number(row.last_operation ?? 0),
    capitalCents: centsOf(row.capital_cents),
    highestCapitalCents: centsOf(row.highest_capital_cents),
    statutoryFloorCents: centsOf(row.statutory_floor_cents),
    holdingPeriodYears: Number(row.holding_period_years ?? 0),
    taxReductionEligible: Boolean(row.tax_reduction_eligible ?? false),
    taxReductionYears: Number(row.tax_reduction_years ?? TAX_REDUCTION_YEARS.default),
  };
}

export function classOf(row: Record<string, unknown>): ShareClass {
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    nominalCents: Number(row.nominal_cents),
    minimumShares: Number(row.minimum_shares ?? 1),
    maxPerMember: row.max_per_member === null || row.max_per_member === undefined ? null : Number(row.max_per_member),
    college: (row.college as string | null) ?? null,
  };
}

/**
 * Takes the ledger's lock for the rest of the transaction (see the file's comment). Callers look
 * up the class and the member before it: those do not depend on other operations, and the time
 * under the lock is what every concurrent operation waits for.
 */
export async function lockLedger(strapi: Core.Strapi, trx: Knex.Transaction): Promise<LedgerState> {
  const query = trx(tablesOf(strapi).ledger).orderBy('id').first('*');
  const row = (await (isPostgres(strapi) ? query.forUpdate() : query)) as Record<string, unknown> | undefined;
  if (!row) throw new Error('shares: the ledger row is missing (created at bootstrap)');
  return ledgerStateOf(row);
}

export async function saveLedger(trx: Knex.Transaction, strapi: Core.Strapi, state: LedgerState) {
  await trx(tablesOf(strapi).ledger)
    .where('id', state.id)
    .update({
      last_operation: state.lastOperation,
      capital_cents: String(state.capitalCents),
      highest_capital_cents: String(state.highestCapitalCents),
    });
}

export async function classByCode(strapi: Core.Strapi, trx: Knex.Transaction, code: string): Promise<ShareClass> {
  const row = await trx(tablesOf(strapi).shareClass).where('code', code).first('*');
  if (!row) throw new NoSuchClass(code);
  return classOf(row);
}

async function profileIdOf(strapi: Core.Strapi, trx: Knex.Transaction, documentId: string): Promise<number> {
  const row = await trx(tablesOf(strapi).profile).where('document_id', documentId).first('id');
  if (!row) throw new NoSuchMember();
  return Number(row.id);
}

/** The member's movements in the class, as dated quantities (what the statutes' rules read). */
export async function historyOf(strapi: Core.Strapi, trx: Knex.Transaction, profileId: number, classId: number) {
  const rows = await movementRows(strapi, trx)
    .where(profileColumn(strapi), profileId)
    .andWhere(classColumn(strapi), classId)
    .select('m.effective_date as day', 'm.quantity as quantity');
  return rows.map((r: { day: unknown; quantity: unknown }) => ({
    effectiveDate: isoDay(r.day),
    quantity: Number(r.quantity),
  })) as DatedQuantity[];
}

export const heldIn = (history: DatedQuantity[]) => history.reduce((sum, m) => sum + m.quantity, 0);

export interface Entry {
  profileId: number;
  memberDocumentId: string;
  shareClass: ShareClass;
  kind: MovementKind;
  quantity: number;
  unitValueCents: number;
  effectiveDate: string;
  reference: string;
  reversalOf: number | null;
  recordedBy: number | null;
  recordedByAdmin?: number | null;
  taxReductionEligible?: boolean;
  taxLotOverride?: RecordedOverride | null;
}

/**
 * The movement row and its link rows, written with knex: the query engine would read the row
 * back and walk its relations, all of it inside the ledger's lock, where every millisecond is
 * one every other operation waits for.
 */
async function insertMovement(strapi: Core.Strapi, trx: Knex.Transaction, entry: Entry & { operationNumber: number }) {
  const t = tablesOf(strapi);
  const now = new Date();
  const [row] = (await trx(t.movement)
    .insert({
      document_id: randomUUID(),
      operation_number: entry.operationNumber,
      kind: entry.kind,
      quantity: entry.quantity,
      unit_value_cents: entry.unitValueCents,
      effective_date: entry.effectiveDate,
      reference: entry.reference,
      reversal_of: entry.reversalOf,
      recorded_by_admin: entry.recordedByAdmin ?? null,
      tax_reduction_eligible: entry.taxReductionEligible ?? false,
      tax_lot_override: entry.taxLotOverride ? JSON.stringify(entry.taxLotOverride) : null,
      recorded_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')) as Array<{ id: number }>;
  const id = row!.id;
  await trx(t.movementProfile.table).insert({
    [t.movementProfile.owner]: id,
    [t.movementProfile.target]: entry.profileId,
  });
  await trx(t.movementClass.table).insert({
    [t.movementClass.owner]: id,
    [t.movementClass.target]: entry.shareClass.id,
  });
  if (entry.recordedBy !== null)
    await trx(t.movementRecordedBy.table).insert({
      [t.movementRecordedBy.owner]: id,
      [t.movementRecordedBy.target]: entry.recordedBy,
    });
}

/** Appends one movement and applies it to the holding and the capital (the caller holds the lock). */
export async function append(strapi: Core.Strapi, trx: Knex.Transaction, state: LedgerState, entry: Entry) {
  const amount = amountCents(entry.quantity, entry.unitValueCents);
  state.lastOperation += 1;
  await insertMovement(strapi, trx, { ...entry, operationNumber: state.lastOperation });
  const t = tablesOf(strapi);
  const holding = await holdingRows(strapi, trx)
    .where(holdingProfileColumn(strapi), entry.profileId)
    .andWhere(holdingClassColumn(strapi), entry.shareClass.id)
    .first('h.id as id', 'h.quantity as quantity');
  const after = Number(holding?.quantity ?? 0) + entry.quantity;
  // The rules were checked before; this is the last guard of "never negative".
  if (after < 0) throw new Error(`shares: holding would become negative (${after})`);
  if (holding) await trx(t.holding).where('id', holding.id).update({ quantity: after, updated_at: new Date() });
  else
    await strapi.db.query(UID.holding).create({
      data: { profile: entry.profileId, shareClass: entry.shareClass.id, quantity: after },
    });
  state.capitalCents += amount;
  state.highestCapitalCents = Math.max(state.highestCapitalCents, state.capitalCents);
  return {
    operationNumber: state.lastOperation,
    kind: entry.kind,
    member: entry.memberDocumentId,
    shareClass: entry.shareClass.code,
    quantity: entry.quantity,
    unitValueCents: entry.unitValueCents,
    amountCents: amount,
    effectiveDate: entry.effectiveDate,
    reference: entry.reference,
    reversalOf: entry.reversalOf,
  } satisfies RecordedMovement;
}

function assertNotFuture(day: string) {
  if (day > today(timeZone))
    throw new InvalidRequest(
      `La date d’effet ${day} est dans le futur : enregistrez le mouvement le jour venu.`,
      `The effective date ${day} is in the future: record the movement on the day.`,
    );
}

/** Shares issued to a member (a subscription paid up), at the class's nominal value. */
export async function issue(strapi: Core.Strapi, op: Operation): Promise<RecordedMovement> {
  assertNotFuture(op.effectiveDate);
  return strapi.db.transaction(async ({ trx }) => {
    const shareClass = await classByCode(strapi, trx, op.shareClass);
    const profileId = await profileIdOf(strapi, trx, op.member);
    const state = await lockLedger(strapi, trx);
    const history = await historyOf(strapi, trx, profileId, shareClass.id);
    refuse(checkAcquisition(shareClass, heldIn(history), op.quantity));
    const movement = await append(strapi, trx, state, {
      ...op,
      profileId,
      memberDocumentId: op.member,
      shareClass,
      kind: 'issue',
      unitValueCents: shareClass.nominalCents,
      reversalOf: null,
      taxReductionEligible: op.taxReductionEligible ?? state.taxReductionEligible,
      taxLotOverride: null,
    });
    await saveLedger(trx, strapi, state);
    return movement;
  });
}

/** The statutes' rules on shares leaving a member for redemption, given what is already promised. */
export function checkRedemption(
  shareClass: ShareClass,
  history: DatedQuantity[],
  state: LedgerState,
  reserved: Reserved,
  quantity: number,
  day: string,
): Verdict {
  return (
    checkDisposal(shareClass, heldIn(history) - reserved.memberShares, quantity) ??
    checkBackdated(history, { effectiveDate: day, quantity: -quantity }) ??
    checkHoldingPeriod(history, day, state.holdingPeriodYears, quantity + reserved.memberShares) ??
    checkCapitalFloor({ ...state, reservedCents: reserved.totalCents }, amountCents(quantity, shareClass.nominalCents))
  );
}

/**
 * Shares redeemed (remboursées) at nominal value: the statutes' rules and the capital floor
 * apply, redemptions approved and unpaid counted as gone, but for `releasing`, the request
 * this movement pays.
 */
export async function redeem(
  strapi: Core.Strapi,
  op: Operation,
  releasing: number | null = null,
): Promise<RecordedMovement> {
  assertNotFuture(op.effectiveDate);
  return strapi.db.transaction(async ({ trx }) => {
    const shareClass = await classByCode(strapi, trx, op.shareClass);
    const profileId = await profileIdOf(strapi, trx, op.member);
    const state = await lockLedger(strapi, trx);
    const history = await historyOf(strapi, trx, profileId, shareClass.id);
    const reserved = await reservedFor(strapi, trx, profileId, shareClass.id, releasing);
    refuse(checkRedemption(shareClass, history, state, reserved, op.quantity, op.effectiveDate));
    // A request being paid was approved with its tax lots (services/redemptions.ts).
    const taxLotOverride =
      releasing === null
        ? await authorise(
            strapi,
            trx,
            {
              profileId,
              classId: shareClass.id,
              quantity: op.quantity,
              day: op.effectiveDate,
              promised: reserved.memberShares,
              years: state.taxReductionYears,
            },
            op.taxLotOverride ?? null,
          )
        : null;
    const movement = await append(strapi, trx, state, {
      ...op,
      profileId,
      memberDocumentId: op.member,
      shareClass,
      kind: 'redemption',
      quantity: -op.quantity,
      unitValueCents: shareClass.nominalCents,
      reversalOf: null,
      taxReductionEligible: false,
      taxLotOverride,
    });
    await saveLedger(trx, strapi, state);
    return movement;
  });
}

/**
 * Shares passed from one member to another (cession), approved by the board: a transfer-out and
 * a transfer-in with consecutive operation numbers, in one transaction; the capital is unchanged.
 */
export async function transfer(strapi: Core.Strapi, op: TransferOperation): Promise<RecordedMovement[]> {
  assertNotFuture(op.effectiveDate);
  if (op.from === op.to) throw new SameMember();
  return strapi.db.transaction(async ({ trx }) => {
    const shareClass = await classByCode(strapi, trx, op.shareClass);
    const fromId = await profileIdOf(strapi, trx, op.from);
    const toId = await profileIdOf(strapi, trx, op.to);
    const state = await lockLedger(strapi, trx);
    const fromHistory = await historyOf(strapi, trx, fromId, shareClass.id);
    const promised = (await reservedFor(strapi, trx, fromId, shareClass.id)).memberShares;
    refuse(checkDisposal(shareClass, heldIn(fromHistory) - promised, op.quantity));
    refuse(checkBackdated(fromHistory, { effectiveDate: op.effectiveDate, quantity: -op.quantity }));
    refuse(checkAcquisition(shareClass, heldIn(await historyOf(strapi, trx, toId, shareClass.id)), op.quantity));
    const taxLotOverride = await authorise(
      strapi,
      trx,
      {
        profileId: fromId,
        classId: shareClass.id,
        quantity: op.quantity,
        day: op.effectiveDate,
        promised,
        years: state.taxReductionYears,
      },
      op.taxLotOverride ?? null,
    );
    // Shares received by transfer were not subscribed: they are never an eligible lot.
    const common = {
      ...op,
      shareClass,
      unitValueCents: shareClass.nominalCents,
      reversalOf: null,
      taxReductionEligible: false,
    };
    const out = await append(strapi, trx, state, {
      ...common,
      profileId: fromId,
      memberDocumentId: op.from,
      kind: 'transfer-out',
      quantity: -op.quantity,
      taxLotOverride,
    });
    const into = await append(strapi, trx, state, {
      ...common,
      profileId: toId,
      memberDocumentId: op.to,
      kind: 'transfer-in',
      quantity: op.quantity,
      taxLotOverride: null,
    });
    await saveLedger(trx, strapi, state);
    return [out, into];
  });
}
