/**
 * Redemption requests (demandes de remboursement): a member asks to redeem some or all of their
 * shares of a class; the board approves or refuses (or, when the statutes do not ask for the
 * board, the request is approved at once when the rules allow). Approval runs the statutes'
 * rules under the ledger's lock — the lock on the capital, not only on the member — and counts
 * the redemptions already approved as paid (services/reservations.ts), so concurrent approvals
 * cannot both spend the room above the floor. A rule that refuses refuses the request, naming
 * the rule. An approved request falls due after the statutes' delay; paid, it becomes a
 * redemption movement at nominal value in the same transaction as its state.
 *
 * Tax lots (rules/tax-lots.ts): a request that would take eligible shares still in their
 * tax-reduction period says so to the member and in the board's queue (`taxLots`, computed on
 * the day it is read); its approval is refused with 409 `tax-lot` unless the board overrides it
 * with a reason, kept on the request with who and when in the decision's transaction. Such a
 * request is never approved by the statutes alone: it waits for the board.
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { NoSuchRedemption, RedemptionChanged } from '../errors';
import {
  amountCents,
  boardRefusal,
  checkDisposal,
  checkRedemptionTransition,
  redemptionDueDate,
  today,
  type RedemptionState,
  type Refusal,
  type TouchedLot,
} from '../rules';
import { checkRedemption, classByCode, historyOf, lockLedger, redeem, refuse, type ShareClass } from './ledger';
import { UID } from '../store';
import { reservedFor } from './reservations';
import { checkRequesterStep } from './requests';
import { redemptionRules, taxLotRules } from './settings';
import type { Actor } from './subscriptions';
import { authorise, lotsTouchedBy, type RecordedOverride, type TaxLotOverride } from './tax-lots';

interface Step {
  state: RedemptionState;
  at: string;
  /** Member profile of who acted; null when the statutes decided (no board approval needed). */
  by: number | null;
  byName: string | null;
}

interface Row {
  id: number;
  documentId: string;
  profile: { id: number; documentId: string; displayName: string };
  shareClass: ShareClass;
  quantity: number;
  amountCents: number;
  state: RedemptionState;
  version: number;
  requestedOn: string;
  dueOn: string | null;
  paidOn: string | null;
  paidOperation: number | null;
  refusal: Refusal | null;
  history: Step[];
  taxLotOverride: (RecordedOverride & { by: number | null; byName: string | null; byAdmin: number | null }) | null;
}

/** A row and the eligible lots it takes in their period: live while submitted, as overridden after. */
type Viewed = Row & { taxLots: TouchedLot[] };

const populate = {
  profile: { select: ['id', 'documentId', 'displayName'] },
  shareClass: { select: ['id', 'code', 'name', 'nominalCents', 'minimumShares', 'maxPerMember', 'college'] },
};

/** What the member sees of their own request. */
function memberView(row: Viewed) {
  return {
    documentId: row.documentId,
    shareClass: row.shareClass.code,
    quantity: row.quantity,
    amountCents: row.amountCents,
    state: row.state,
    version: row.version,
    requestedOn: row.requestedOn,
    dueOn: row.dueOn,
    paidOn: row.paidOn,
    paidOperation: row.paidOperation,
    refusal: row.refusal ? { rule: row.refusal.rule, fr: row.refusal.fr, en: row.refusal.en } : null,
    history: row.history.map(({ state, at }) => ({ state, at })),
    // The reduction would be clawed back: the lots, their day and the end of their period.
    taxLots: row.taxLots,
  };
}

function boardView(row: Viewed) {
  return {
    ...memberView(row),
    member: row.profile ? { documentId: row.profile.documentId, displayName: row.profile.displayName } : null,
    refusal: row.refusal,
    history: row.history,
    taxLotOverride: row.taxLotOverride ?? null,
  };
}

/** The lots a submitted request would take if approved today (promised shares leaving first). */
async function viewed(strapi: Core.Strapi, rows: Row[]): Promise<Viewed[]> {
  const db = strapi.db.connection;
  const day = today(timeZone);
  let years: number | null = null;
  const out: Viewed[] = [];
  for (const row of rows) {
    if (row.state !== 'submitted' || !row.profile) {
      out.push({ ...row, taxLots: row.taxLotOverride?.lots ?? [] });
      continue;
    }
    years ??= (await taxLotRules(strapi)).taxReductionYears;
    const promised = (await reservedFor(strapi, db, row.profile.id, row.shareClass.id)).memberShares;
    const taxLots = await lotsTouchedBy(strapi, db, {
      profileId: row.profile.id,
      classId: row.shareClass.id,
      quantity: row.quantity,
      day,
      promised,
      years,
    });
    out.push({ ...row, taxLots });
  }
  return out;
}

async function find(strapi: Core.Strapi, documentId: string): Promise<Row> {
  const row = (await strapi.db.query(UID.redemption).findOne({ where: { documentId }, populate })) as Row | null;
  if (!row) throw new NoSuchRedemption();
  return row;
}

async function findViewed(strapi: Core.Strapi, documentId: string): Promise<Viewed> {
  const [row] = await viewed(strapi, [await find(strapi, documentId)]);
  return row!;
}

async function displayNameOf(strapi: Core.Strapi, profileId: number | null): Promise<string | null> {
  if (profileId === null) return null;
  const row = (await strapi.db.query(UID.profile).findOne({ where: { id: profileId }, select: ['displayName'] })) as {
    displayName: string;
  } | null;
  return row?.displayName ?? null;
}

async function stepOf(strapi: Core.Strapi, state: RedemptionState, profileId: number | null): Promise<Step> {
  return { state, at: new Date().toISOString(), by: profileId, byName: await displayNameOf(strapi, profileId) };
}

/** Writes the change only if nobody changed the request since `version` was read. */
async function claim(strapi: Core.Strapi, row: Row, version: number, data: Record<string, unknown>) {
  if (row.version !== version) throw new RedemptionChanged(row.version);
  const { count } = await strapi.db
    .query(UID.redemption)
    .updateMany({ where: { id: row.id, version }, data: { ...data, version: version + 1 } });
  if (count !== 1) throw new RedemptionChanged(version + 1);
}

/** Shares of the class the member holds, less those already asked for in requests still open. */
async function available(strapi: Core.Strapi, profileId: number, classId: number): Promise<number> {
  const where = { profile: { id: profileId }, shareClass: { id: classId } };
  const holdings = (await strapi.db.query(UID.holding).findMany({ where, select: ['quantity'] })) as Array<{
    quantity: number;
  }>;
  const open = (await strapi.db
    .query(UID.redemption)
    .findMany({ where: { ...where, state: { $in: ['submitted', 'approved'] } }, select: ['quantity'] })) as Array<{
    quantity: number;
  }>;
  const sum = (rows: Array<{ quantity: number }>) => rows.reduce((s, r) => s + r.quantity, 0);
  return sum(holdings) - sum(open);
}

export interface RedemptionRequest {
  profileId: number;
  shareClass: string;
  quantity: number;
}

/**
 * A member's request, `submitted`: never more than they hold and have not already asked for,
 * and what remains is nothing or the class's minimum. Approved at once when the statutes do not
 * ask for the board.
 */
export async function requestRedemption(strapi: Core.Strapi, input: RedemptionRequest) {
  const created = await strapi.db.transaction(async ({ trx }) => {
    const shareClass = await classByCode(strapi, trx, input.shareClass);
    refuse(checkDisposal(shareClass, await available(strapi, input.profileId, shareClass.id), input.quantity));
    const row = (await strapi.db.query(UID.redemption).create({
      data: {
        profile: input.profileId,
        shareClass: shareClass.id,
        quantity: input.quantity,
        amountCents: amountCents(input.quantity, shareClass.nominalCents),
        state: 'submitted',
        version: 1,
        requestedOn: today(timeZone),
        history: [await stepOf(strapi, 'submitted', input.profileId)],
      },
      populate,
    })) as Row;
    return row;
  });
  const [asked] = await viewed(strapi, [created]);
  if ((await redemptionRules(strapi)).redemptionBoardApproval || asked!.taxLots.length) return memberView(asked!);
  return decide(strapi, created.documentId, null, { to: 'approved', version: 1, reason: null, taxLotOverride: null });
}

export interface RedemptionDecision {
  to: 'approved' | 'refused' | 'cancelled';
  /** The version the actor read. */
  version: number;
  /** The board's reason, required to refuse. */
  reason: string | null;
  /** The board approves although eligible lots are still in their tax-reduction period. */
  taxLotOverride: TaxLotOverride | null;
}

/**
 * Approval under the ledger's lock: the statutes' rules on today's register, the approved
 * redemptions counted as paid, then the tax lots (409 unless overridden). Returns the refusal,
 * or the override to record when the request may be approved.
 */
async function approval(
  strapi: Core.Strapi,
  row: Row,
  override: TaxLotOverride | null,
): Promise<{ refusal: Refusal | null; overridden: RecordedOverride | null }> {
  return strapi.db.transaction(async ({ trx }) => {
    const state = await lockLedger(strapi, trx);
    const history = await historyOf(strapi, trx, row.profile.id, row.shareClass.id);
    const reserved = await reservedFor(strapi, trx, row.profile.id, row.shareClass.id, row.id);
    const day = today(timeZone);
    const refusal = checkRedemption(row.shareClass, history, state, reserved, row.quantity, day);
    if (refusal) return { refusal, overridden: null };
    const overridden = await authorise(
      strapi,
      trx,
      {
        profileId: row.profile.id,
        classId: row.shareClass.id,
        quantity: row.quantity,
        day,
        promised: reserved.memberShares,
        years: state.taxReductionYears,
      },
      override,
    );
    return { refusal: null, overridden };
  });
}

/**
 * A decision: the board approves or refuses; the member (or the board) cancels while submitted;
 * `actor` null is the statutes approving without the board. Anyone else's request looks like
 * no request at all.
 */
export async function decide(
  strapi: Core.Strapi,
  documentId: string,
  actor: Actor | null,
  decision: RedemptionDecision,
) {
  return strapi.db.transaction(async ({ trx }) => {
    const row = await find(strapi, documentId);
    if (actor && !actor.board) {
      if (row.profile.id !== actor.profileId) throw new NoSuchRedemption();
      checkRequesterStep(row.state, decision.to, {
        boardOnly: [
          'Seul le conseil d’administration décide d’un remboursement ; vous pouvez annuler votre demande.',
          'Only the board decides on a redemption; you may cancel your request.',
        ],
        tooLate: [
          'Vous ne pouvez annuler votre demande que tant qu’elle n’a pas été examinée : écrivez au conseil.',
          'You may cancel your request only until it has been reviewed: write to the board.',
        ],
      });
    }
    refuse(checkRedemptionTransition(row.state, decision.to));
    if (row.version !== decision.version) throw new RedemptionChanged(row.version);
    let refusal: Refusal | null = null;
    let overridden: RecordedOverride | null = null;
    if (decision.to === 'refused') refusal = boardRefusal(decision.reason ?? '');
    if (decision.to === 'approved') ({ refusal, overridden } = await approval(strapi, row, decision.taxLotOverride));
    const state: RedemptionState = refusal ? 'refused' : decision.to;
    const day = today(timeZone);
    const { redemptionDueMonths } = await redemptionRules(strapi, trx);
    const step = await stepOf(strapi, state, actor?.profileId ?? null);
    await claim(strapi, row, decision.version, {
      state,
      refusal,
      dueOn: state === 'approved' ? redemptionDueDate(day, redemptionDueMonths) : null,
      history: [...row.history, step],
      ...(overridden
        ? { taxLotOverride: { ...overridden, by: step.by, byName: step.byName, byAdmin: actor?.adminId ?? null } }
        : {}),
    });
    const after = await findViewed(strapi, documentId);
    return actor?.board ? boardView(after) : memberView(after);
  });
}

export interface RedemptionPayment {
  version: number;
  /** The day the member is paid: the movement's effective date. */
  date: string;
  reference: string | null;
}

/** The board pays an approved redemption: the request paid and its movement, in one transaction. */
export async function payRedemption(strapi: Core.Strapi, documentId: string, actor: Actor, input: RedemptionPayment) {
  return strapi.db.transaction(async () => {
    const row = await find(strapi, documentId);
    refuse(checkRedemptionTransition(row.state, 'paid'));
    if (input.date < row.requestedOn)
      throw new InvalidRequest(
        `Le remboursement ne peut être payé avant la demande, du ${row.requestedOn}.`,
        `The redemption cannot be paid before it was asked for, on ${row.requestedOn}.`,
        { field: 'date' },
      );
    await claim(strapi, row, input.version, {
      state: 'paid',
      paidOn: input.date,
      history: [...row.history, await stepOf(strapi, 'paid', actor.profileId)],
    });
    const movement = await redeem(
      strapi,
      {
        member: row.profile.documentId,
        shareClass: row.shareClass.code,
        quantity: row.quantity,
        effectiveDate: input.date,
        reference: input.reference ?? `Remboursement ${row.documentId}`,
        recordedBy: actor.userId,
        recordedByAdmin: actor.adminId ?? null,
      },
      row.id,
    );
    await strapi.db
      .query(UID.redemption)
      .update({ where: { id: row.id }, data: { paidOperation: movement.operationNumber } });
    return { redemption: boardView(await findViewed(strapi, documentId)), movement };
  });
}

/** The board's queue: submitted first, then approved by due date, then the rest newest first. */
export async function listRedemptions(strapi: Core.Strapi, state: RedemptionState | null) {
  const rows = (await strapi.db.query(UID.redemption).findMany({
    where: state ? { state } : {},
    orderBy: [{ dueOn: 'asc' }, { id: 'desc' }],
    limit: 1000,
    populate,
  })) as Row[];
  return (await viewed(strapi, rows)).map(boardView);
}

export async function redemptionsOf(strapi: Core.Strapi, profileId: number) {
  const rows = (await strapi.db
    .query(UID.redemption)
    .findMany({ where: { profile: { id: profileId } }, orderBy: [{ id: 'desc' }], populate })) as Row[];
  return (await viewed(strapi, rows)).map(memberView);
}
