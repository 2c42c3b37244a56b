/**
 * Subscription requests and their payments. Every change is a conditional update on the request's
 * `version` in one transaction: of two board members acting on the same version, the second finds
 * it changed and is told (409). Issue appends the ledger's movement (ledger.issue, which joins the
 * transaction) in the same transaction as the state change.
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { Conflict, InvalidRequest, NotFound } from '@notre-asso/plugin-kit';
import { NoSuchClass } from '../errors';
import {
  amountCents,
  checkAcquisition,
  checkPaidAtIssue,
  checkPayment,
  checkTransition,
  paymentDeadline,
  today,
  type PaymentMethod,
  type SubscriptionState,
} from '../rules';
import { classOf, issue, refuse } from './ledger';
import { tablesOf, UID } from '../store';
import { checkRequesterStep } from './requests';
import { statutes } from './settings';

/** A visitor of the public form: what the register needs to know of a new member. */
export interface Applicant {
  name: string;
  email: string;
  address: string;
  postcode: string;
  city: string;
  country: string;
  locale: 'fr' | 'en';
}

export interface SubscriptionRequest {
  /** The member asking, or null for a visitor (then `applicant`). */
  profileId: number | null;
  applicant: Applicant | null;
  shareClass: string;
  quantity: number;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
}

/** Who acts: the account, its member profile, and whether they act for the board. */
export interface Actor {
  /** The members' space account; null for an admin-panel user (`adminId`). */
  userId: number | null;
  adminId?: number;
  profileId: number | null;
  board: boolean;
}

interface Step {
  state: SubscriptionState;
  at: string;
  by: number | null;
  byName: string | null;
}

interface Payment {
  amountCents: number;
  date: string;
  method: PaymentMethod;
  reference: string;
  by: number | null;
  byAdmin?: number;
  recordedAt: string;
}

interface Row {
  id: number;
  documentId: string;
  profile: { id: number; documentId: string; displayName: string } | null;
  shareClass: { id: number; code: string; name: string };
  applicant: Applicant | null;
  quantity: number;
  subscribedCents: number;
  paidCents: number;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  state: SubscriptionState;
  version: number;
  requestedOn: string;
  paymentDeadline: string;
  issuedOperation: number | null;
  history: Step[];
  payments: Payment[];
}

/**
 * Gives a visitor whose shares are issued a member profile and an account invitation; the CMS
 * registers it at bootstrap (cms/src/index.ts), since the invitations are the CMS's. Returns the
 * new profile's id; it runs inside the issue's transaction.
 */
export type WelcomeHook = (applicant: Applicant, invitedBy: number | null) => Promise<number>;
/** Amounts are 32-bit integer columns on both databases. */
const MAX_REQUEST_CENTS = 2_147_483_647;

const welcomeHooks = new WeakMap<Core.Strapi, WelcomeHook>();

export function onNewMember(strapi: Core.Strapi, hook: WelcomeHook) {
  welcomeHooks.set(strapi, hook);
}

export class NoSuchSubscription extends NotFound {
  constructor() {
    super('Cette souscription n’existe pas.', 'No such subscription.');
  }
}

export class SubscriptionChanged extends Conflict {
  constructor(version: number) {
    super(
      'Cette souscription vient d’être modifiée par quelqu’un d’autre : rechargez-la avant d’agir.',
      'This subscription has just been changed by someone else: reload it before acting.',
      { version },
    );
  }
}

const populate = {
  profile: { select: ['id', 'documentId', 'displayName'] },
  shareClass: { select: ['id', 'code', 'name'] },
};

/** What the board sees: the applicant's details are theirs to see, the register needs them. */
function boardView(row: Row) {
  return {
    ...memberView(row),
    member: row.profile ? { documentId: row.profile.documentId, displayName: row.profile.displayName } : null,
    applicant: row.applicant,
  };
}

/** What the subscriber sees of their own request. */
function memberView(row: Row) {
  return {
    documentId: row.documentId,
    shareClass: row.shareClass.code,
    quantity: row.quantity,
    subscribedCents: row.subscribedCents,
    paidCents: row.paidCents,
    unpaidCents: row.subscribedCents - row.paidCents,
    paymentMethod: row.paymentMethod,
    paymentReference: row.paymentReference,
    state: row.state,
    version: row.version,
    requestedOn: row.requestedOn,
    paymentDeadline: row.paymentDeadline,
    issuedOperation: row.issuedOperation,
    history: row.history,
    payments: row.payments.map(({ amountCents, date, method }) => ({ amountCents, date, method })),
  };
}

async function heldBy(strapi: Core.Strapi, profileId: number | null, classId: number): Promise<number> {
  if (profileId === null) return 0;
  const rows = (await strapi.db
    .query(UID.holding)
    .findMany({ where: { profile: { id: profileId }, shareClass: { id: classId } }, select: ['quantity'] })) as Array<{
    quantity: number;
  }>;
  return rows.reduce((sum, h) => sum + h.quantity, 0);
}

/** A new request, `submitted`; the class's minimum and maximum per member apply to what would then be held. */
export async function requestSubscription(strapi: Core.Strapi, input: SubscriptionRequest) {
  const classRow = await strapi.db.connection(tablesOf(strapi).shareClass).where('code', input.shareClass).first('*');
  if (!classRow) throw new NoSuchClass(input.shareClass);
  const shareClass = classOf(classRow);
  refuse(checkAcquisition(shareClass, await heldBy(strapi, input.profileId, shareClass.id), input.quantity));
  const subscribedCents = amountCents(input.quantity, shareClass.nominalCents);
  if (subscribedCents > MAX_REQUEST_CENTS)
    throw new InvalidRequest(
      'Une demande porte sur 21 millions d’euros au plus : divisez-la.',
      'A request is for at most 21 million euros: split it.',
      { field: 'quantity' },
    );
  const day = today(timeZone);
  const { paymentDeadlineYears } = await statutes(strapi);
  const byName = input.applicant?.name ?? (await displayNameOf(strapi, input.profileId));
  const row = (await strapi.db.query(UID.subscription).create({
    data: {
      profile: input.profileId,
      shareClass: shareClass.id,
      applicant: input.applicant,
      quantity: input.quantity,
      subscribedCents,
      paidCents: 0,
      paymentMethod: input.paymentMethod,
      paymentReference: input.paymentReference,
      state: 'submitted',
      version: 1,
      requestedOn: day,
      paymentDeadline: paymentDeadline(day, paymentDeadlineYears),
      history: [{ state: 'submitted', at: new Date().toISOString(), by: input.profileId, byName }],
      payments: [],
    },
    populate,
  })) as Row;
  return memberView(row);
}

async function displayNameOf(strapi: Core.Strapi, profileId: number | null): Promise<string | null> {
  if (profileId === null) return null;
  const row = (await strapi.db.query(UID.profile).findOne({ where: { id: profileId }, select: ['displayName'] })) as {
    displayName: string;
  } | null;
  return row?.displayName ?? null;
}

async function find(strapi: Core.Strapi, documentId: string): Promise<Row> {
  const row = (await strapi.db.query(UID.subscription).findOne({ where: { documentId }, populate })) as Row | null;
  if (!row) throw new NoSuchSubscription();
  return row;
}

/** Writes the change only if nobody changed the request since `version` was read. */
async function claim(strapi: Core.Strapi, row: Row, version: number, data: Record<string, unknown>) {
  if (row.version !== version) throw new SubscriptionChanged(row.version);
  const { count } = await strapi.db
    .query(UID.subscription)
    .updateMany({ where: { id: row.id, version }, data: { ...data, version: version + 1 } });
  if (count !== 1) throw new SubscriptionChanged(version + 1);
}

export interface Decision {
  to: SubscriptionState;
  /** The version the actor read. */
  version: number;
  /** For an issue: the movement's effective date (today by default). */
  effectiveDate: string | null;
  /**
   * For an issue: whether the lot is eligible for the income-tax reduction (rules/tax-lots.ts);
   * null takes the settings' default (the cooperative's ESUS approval).
   */
  taxReductionEligible: boolean | null;
}

/**
 * A change of state: by the board, or a cancellation by the requester while submitted (anyone
 * else's request looks like no request at all). Issue needs the statutes' part of the nominal
 * paid, and gives a visitor a member profile and an invitation.
 */
export async function decide(strapi: Core.Strapi, documentId: string, actor: Actor, decision: Decision) {
  return strapi.db.transaction(async ({ trx }) => {
    const row = await find(strapi, documentId);
    if (!actor.board) {
      if (row.profile?.id !== actor.profileId || actor.profileId === null) throw new NoSuchSubscription();
      checkRequesterStep(row.state, decision.to, {
        boardOnly: [
          'Seul le conseil d’administration décide d’une souscription ; vous pouvez l’annuler.',
          'Only the board decides on a subscription; you may cancel it.',
        ],
        tooLate: [
          'Vous ne pouvez annuler votre souscription que tant qu’elle n’a pas été examinée : écrivez au conseil.',
          'You may cancel your subscription only until it has been reviewed: write to the board.',
        ],
      });
    }
    refuse(checkTransition(row.state, decision.to));
    const step: Step = {
      state: decision.to,
      at: new Date().toISOString(),
      by: actor.profileId,
      byName: await displayNameOf(strapi, actor.profileId),
    };
    const data: Record<string, unknown> = { state: decision.to, history: [...row.history, step] };
    // Claimed first: a concurrent decision on the same version waits on this row, then is told.
    await claim(strapi, row, decision.version, data);
    if (decision.to === 'issued') {
      const { minimumPaidPercent } = await statutes(strapi, trx);
      refuse(checkPaidAtIssue(row.subscribedCents, row.paidCents, minimumPaidPercent));
      const member = row.profile?.documentId ?? (await welcome(strapi, row, actor));
      const movement = await issue(strapi, {
        member,
        shareClass: row.shareClass.code,
        quantity: row.quantity,
        effectiveDate: decision.effectiveDate ?? today(timeZone),
        reference: `Souscription ${row.documentId}`,
        recordedBy: actor.userId,
        recordedByAdmin: actor.adminId ?? null,
        taxReductionEligible: decision.taxReductionEligible,
      });
      await strapi.db
        .query(UID.subscription)
        .update({ where: { id: row.id }, data: { issuedOperation: movement.operationNumber } });
    }
    const after = await find(strapi, documentId);
    return actor.board ? boardView(after) : memberView(after);
  });
}

async function welcome(strapi: Core.Strapi, row: Row, actor: Actor): Promise<string> {
  const hook = welcomeHooks.get(strapi);
  if (!hook || !row.applicant) throw new Error('shares: no welcome hook for new members (registered by the CMS)');
  const profileId = await hook(row.applicant, actor.profileId);
  await strapi.db.query(UID.subscription).update({ where: { id: row.id }, data: { profile: profileId } });
  const profile = (await strapi.db
    .query(UID.profile)
    .findOne({ where: { id: profileId }, select: ['documentId'] })) as {
    documentId: string;
  };
  return profile.documentId;
}

export interface PaymentInput {
  amountCents: number;
  date: string;
  method: PaymentMethod;
  reference: string;
}

/** A payment (libération) recorded by the board; paid never exceeds subscribed. */
export async function recordPayment(strapi: Core.Strapi, documentId: string, actor: Actor, input: PaymentInput) {
  return strapi.db.transaction(async () => {
    const row = await find(strapi, documentId);
    if (row.state === 'rejected' || row.state === 'cancelled')
      throw new Conflict(
        'Cette souscription est close : aucun versement ne s’y rattache plus.',
        'This subscription is closed: no payment can be recorded against it.',
        { state: row.state },
      );
    refuse(checkPayment(row.subscribedCents, row.paidCents, input.amountCents));
    const payment: Payment = {
      ...input,
      by: actor.userId,
      ...(actor.adminId ? { byAdmin: actor.adminId } : {}),
      recordedAt: new Date().toISOString(),
    };
    await claim(strapi, row, row.version, {
      paidCents: row.paidCents + input.amountCents,
      payments: [...row.payments, payment],
    });
    return boardView(await find(strapi, documentId));
  });
}

/** The board's queue, newest first, optionally in one state. */
export async function listSubscriptions(strapi: Core.Strapi, state: SubscriptionState | null) {
  const rows = (await strapi.db.query(UID.subscription).findMany({
    where: state ? { state } : {},
    orderBy: [{ id: 'desc' }],
    limit: 1000,
    populate,
  })) as Row[];
  return rows.map(boardView);
}

export async function subscriptionsOf(strapi: Core.Strapi, profileId: number) {
  const rows = (await strapi.db
    .query(UID.subscription)
    .findMany({ where: { profile: { id: profileId } }, orderBy: [{ id: 'desc' }], populate })) as Row[];
  return rows.map(memberView);
}

/** Unpaid balances past their deadline, on requests still alive, oldest deadline first. */
export async function overdue(strapi: Core.Strapi, day = today(timeZone)) {
  const rows = (await strapi.db.query(UID.subscription).findMany({
    where: { state: { $in: ['approved', 'issued'] }, paymentDeadline: { $lt: day } },
    orderBy: [{ paymentDeadline: 'asc' }, { id: 'asc' }],
    populate,
  })) as Row[];
  return rows.filter((r) => r.paidCents < r.subscribedCents).map(boardView);
}
