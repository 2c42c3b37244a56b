/**
 * The register as accounting journal lines (journal des opérations sur le capital), for the
 * accountant, in CSV. Accounts of the French chart of accounts (PCG, art. 932-1) as a
 * cooperative's capital is usually kept — the variable-capital entries of the Mémento Francis
 * Lefebvre « Coopératives » and the PCG's own definitions:
 *   1011 capital souscrit non appelé, 1012 souscrit appelé non versé, 1013 souscrit appelé versé;
 *   4561 associés – comptes d'apport en société (what a subscriber promises);
 *   4562 apporteurs – capital appelé non versé (what they owe once called);
 *   4567 associés – capital à rembourser (what the cooperative owes a leaving member).
 * 4566 is « actionnaires défaillants » (a subscriber who does not pay a call), not a leaving
 * member: nothing in the register says a member defaulted, so it is never used here.
 * 512 is the bank: a payment comes in or a redemption goes out.
 *
 * The whole nominal is called at issue (the statutes give the deadline to pay it, services/
 * subscriptions.ts), so an issue is subscribed and called on the same day. A payment received
 * before the issue would strictly go to 4563 (versements reçus sur augmentation de capital);
 * it is entered against 4562 on its own date, which leaves every entry and every total exact.
 * Every entry balances: Σ debit = Σ credit.
 */
import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { UID } from '../store';
import { movements, type MovementView } from './register';

export const ACCOUNTS = {
  '1011': 'Capital souscrit non appelé',
  '1012': 'Capital souscrit appelé non versé',
  '1013': 'Capital souscrit appelé versé',
  '4561': 'Associés – comptes d’apport en société',
  '4562': 'Apporteurs – capital appelé non versé',
  '4567': 'Associés – capital à rembourser',
  '512': 'Banque',
} as const;

export type Account = keyof typeof ACCOUNTS;

export interface JournalLine {
  /** Entry (écriture) number: every line of one entry shares it. */
  entry: string;
  date: string;
  account: Account;
  membershipNumber: string;
  displayName: string;
  label: string;
  debitCents: number;
  creditCents: number;
}

/** What the journal is computed from: the movements, the payments, the redemption approvals. */
export interface JournalSource {
  movements: MovementView[];
  /** Operation numbers of issues that came from a subscription (paid through its payments). */
  subscribedIssues: Set<number>;
  payments: Array<{ subscription: string; index: number; date: string; amountCents: number; member: Member }>;
  /** Approved redemption requests: when the cooperative started owing the amount, and the movement that paid it. */
  approvals: Array<{
    redemption: string;
    date: string;
    amountCents: number;
    member: Member;
    paidOperation: number | null;
  }>;
}

interface Member {
  membershipNumber: string;
  displayName: string;
}

type Leg = [debit: Account, credit: Account];

/** The pairs of accounts a movement moves, for its amount (positive). */
function legsOf(m: MovementView, source: JournalSource, approved: Set<number>): Leg[] {
  switch (m.kind) {
    case 'issue':
      return [
        ['4561', '1011'],
        ['1011', '1012'],
        ['4562', '4561'],
        // An issue the board recorded directly is of shares paid in full that day.
        ...(source.subscribedIssues.has(m.operationNumber) ? [] : paidLegs),
      ];
    case 'redemption':
      // Paid at nominal value; the amount was owed from approval when there was a request.
      return approved.has(m.operationNumber) ? [['4567', '512']] : [...dueLegs, ['4567', '512']];
    // The capital does not change: one member's paid-up capital passes to another through their accounts.
    case 'transfer-out':
      return [['1013', '4561']];
    case 'transfer-in':
      return [['4561', '1013']];
    default:
      return [];
  }
}

const paidLegs: Leg[] = [
  ['512', '4562'],
  ['1012', '1013'],
];
const dueLegs: Leg[] = [['1013', '4567']];

function lines(entry: string, date: string, member: Member, label: string, legs: Leg[], cents: number): JournalLine[] {
  return legs.flatMap(([debit, credit]) => [
    { entry, date, account: debit, ...member, label, debitCents: cents, creditCents: 0 },
    { entry, date, account: credit, ...member, label, debitCents: 0, creditCents: cents },
  ]);
}

const kindLabel: Record<string, string> = {
  issue: 'Émission de parts',
  redemption: 'Remboursement de parts',
  'transfer-out': 'Cession de parts (cédant)',
  'transfer-in': 'Cession de parts (cessionnaire)',
};

/**
 * The journal, in date order then entry order. A correction (contrepassation) swaps debit and
 * credit of the legs of the movement it reverses, on its own date.
 */
export function journalOf(source: JournalSource, range: { from: string | null; to: string | null }): JournalLine[] {
  const approved = new Set(source.approvals.flatMap((a) => (a.paidOperation === null ? [] : [a.paidOperation])));
  const byNumber = new Map(source.movements.map((m) => [m.operationNumber, m]));
  const all: JournalLine[] = [];
  for (const m of source.movements) {
    const member = { membershipNumber: m.membershipNumber, displayName: m.displayName };
    const what = `${m.quantity > 0 ? m.quantity : -m.quantity} part(s) ${m.shareClass} — ${m.reference}`;
    const entry = `M${m.operationNumber}`;
    const original = m.reversalOf === null ? undefined : byNumber.get(m.reversalOf);
    if (m.kind === 'correction' && original) {
      const legs = legsOf(original, source, approved).map(([d, c]): Leg => [c, d]);
      const label = `Contrepassation du mouvement n° ${original.operationNumber} — ${m.reference}`;
      all.push(...lines(entry, m.effectiveDate, member, label, legs, Math.abs(original.amountCents)));
    } else {
      const legs = legsOf(m, source, approved);
      all.push(
        ...lines(entry, m.effectiveDate, member, `${kindLabel[m.kind]} : ${what}`, legs, Math.abs(m.amountCents)),
      );
    }
  }
  for (const p of source.payments)
    all.push(
      ...lines(
        `V-${p.subscription}-${p.index}`,
        p.date,
        p.member,
        `Versement (libération) de la souscription ${p.subscription}`,
        paidLegs,
        p.amountCents,
      ),
    );
  for (const a of source.approvals)
    all.push(
      ...lines(
        `R-${a.redemption}`,
        a.date,
        a.member,
        `Capital à rembourser (demande ${a.redemption})`,
        dueLegs,
        a.amountCents,
      ),
    );
  return all
    .filter((l) => (range.from === null || l.date >= range.from) && (range.to === null || l.date <= range.to))
    .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
}

const euros = (cents: number) =>
  cents === 0 ? '' : `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

const header = [
  'Journal',
  'Écriture',
  'Date',
  'Compte',
  'Libellé du compte',
  'Numéro de membre',
  'Nom',
  'Libellé',
  'Débit (€)',
  'Crédit (€)',
];

/** Semicolons and decimal commas, with a BOM: what French spreadsheets and accounting software import. */
export function journalCsv(lines: JournalLine[]): string {
  const rows = lines.map((l) => [
    'CAP',
    l.entry,
    l.date,
    l.account,
    ACCOUNTS[l.account],
    l.membershipNumber,
    l.displayName,
    l.label,
    euros(l.debitCents),
    euros(l.creditCents),
  ]);
  return stringify([header, ...rows], { delimiter: ';', bom: true, record_delimiter: '\r\n' });
}

interface SubscriptionRow {
  documentId: string;
  issuedOperation: number | null;
  payments: Array<{ amountCents: number; date: string }>;
  profile: { membershipNumber: string | null; displayName: string } | null;
  applicant: { name: string } | null;
}

interface RedemptionRow {
  documentId: string;
  amountCents: number;
  state: string;
  paidOperation: number | null;
  history: Array<{ state: string; at: string }>;
  profile: { membershipNumber: string | null; displayName: string };
}

const memberOf = (p: { membershipNumber: string | null; displayName: string } | null, fallback = ''): Member => ({
  membershipNumber: p?.membershipNumber ?? '',
  displayName: p?.displayName ?? fallback,
});

/** Reads what the journal is computed from. */
export async function journalSource(strapi: Core.Strapi): Promise<JournalSource> {
  const { movements: all } = await movements(strapi, { pageSize: 1_000_000_000 });
  const profile = { select: ['membershipNumber', 'displayName'] };
  const subscriptions = (await strapi.db.query(UID.subscription).findMany({
    where: { state: { $notIn: ['rejected', 'cancelled'] } },
    select: ['documentId', 'issuedOperation', 'payments', 'applicant'],
    populate: { profile },
    orderBy: [{ id: 'asc' }],
  })) as SubscriptionRow[];
  const redemptions = (await strapi.db.query(UID.redemption).findMany({
    where: { state: { $in: ['approved', 'paid'] } },
    select: ['documentId', 'amountCents', 'state', 'paidOperation', 'history'],
    populate: { profile },
    orderBy: [{ id: 'asc' }],
  })) as RedemptionRow[];
  return {
    movements: all,
    subscribedIssues: new Set(subscriptions.flatMap((s) => (s.issuedOperation === null ? [] : [s.issuedOperation]))),
    payments: subscriptions.flatMap((s) =>
      (s.payments ?? []).map((p, index) => ({
        subscription: s.documentId,
        index: index + 1,
        date: p.date,
        amountCents: p.amountCents,
        member: memberOf(s.profile, s.applicant?.name),
      })),
    ),
    approvals: redemptions.map((r) => ({
      redemption: r.documentId,
      date: (r.history.find((h) => h.state === 'approved')?.at ?? '').slice(0, 10),
      amountCents: r.amountCents,
      member: memberOf(r.profile),
      paidOperation: r.paidOperation,
    })),
  };
}
