/**
 * The yearly statement of amounts subscribed and paid (état annuel des souscriptions et
 * versements): what a member needs for their tax return, where cash subscriptions to the capital
 * of a small company may give a reduction of income tax (CGI, art. 199 terdecies-0 A), computed on
 * the payments made during the year.
 *
 * What counts for year N, from the register's data:
 * - A subscription request counts once its shares are issued (state `issued`, its issue movement
 *   `issuedOperation`), and only if that movement has not been reversed: a request still
 *   submitted or approved may be refused and its money returned, a rejected or cancelled one
 *   gave no shares. Its date is the issue's effective date — the day the shares enter the
 *   register, the request date (`requestedOn`) being only the bulletin's. It is « subscribed in
 *   N » when issued in N; its « paid in N » is the sum of its payments (libération) dated in N,
 *   whichever year it was issued (a balance paid the year after, or a first quarter paid before
 *   issue). A statement lists each one subscribed in N or with a payment in N.
 * - An issue movement recorded directly by the board, without a subscription request (one whose
 *   operation number no request names), counts as subscribed and fully paid at its effective date:
 *   the model records no payments for it. Reversed issues do not count.
 * - Transfers between members (cessions) are not subscriptions to the capital and do not count.
 * - Whether an issue is eligible for the reduction is its tax lot's (`taxReductionEligible`,
 *   set on the issue movement by the board's decision or the settings' default): the statement
 *   lists every amount subscribed and paid, marks each line eligible or not, and totals apart
 *   what was paid in N on eligible lines, the only payments that may open the reduction.
 *
 * Individuals only, in law: the reduction concerns natural persons. The member profile does not
 * say whether a member is a natural or a legal person (its `college` names a SCIC college, not a
 * legal form), so every member who subscribed or paid in N gets a statement; the board gives none
 * to a legal person.
 *
 * Amounts in integer cents. One year's data is read in a few queries for every member at once
 * (the batch) or for one member (their own download).
 */
import type { Core } from '@strapi/strapi';
import { timeZone } from '@notre-asso/config';
import { InvalidRequest, NotFound } from '@notre-asso/plugin-kit';
import { amountCents, sumCents, today } from '../rules';
import { classColumn, isoDay, movementRows, profileColumn, tablesOf } from '../store';

export interface StatementLine {
  /** The effective date. */
  date: string;
  shareClass: string;
  className: string;
  quantity: number;
  /** The amount subscribed when subscribed in N; null for a subscription of another year paid in N. */
  subscribedCents: number | null;
  paidCents: number;
  /** Whether its issue is a tax lot eligible for the income-tax reduction. */
  eligible: boolean;
}

export interface Statement {
  year: number;
  profileId: number;
  displayName: string;
  membershipNumber: string;
  lines: StatementLine[];
  subscribedCents: number;
  paidCents: number;
  /** Paid in N on eligible lines. */
  eligiblePaidCents: number;
}

/** The first year a statement can be asked for, and the last: the current one (so far). */
const FIRST_YEAR = 1900;

/** `2024` from a route parameter; anything else, or a year not yet begun, is refused. */
export function yearOf(value: unknown): number {
  const current = Number(today(timeZone).slice(0, 4));
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > current)
    throw new InvalidRequest(
      `L’année doit être écrite AAAA, de ${FIRST_YEAR} à ${current}.`,
      `The year must be written YYYY, from ${FIRST_YEAR} to ${current}.`,
      { field: 'year' },
    );
  return year;
}

/**
 * The years a member has a statement for, newest first, by the rules above: the years of their
 * issues not reversed, and of the payments on their issued requests whose issue stands.
 */
export function statementYears(
  movements: Array<{ operationNumber: number; kind: string; effectiveDate: string; reversalOf: number | null }>,
  subscriptions: Array<{ state: string; issuedOperation: number | null; payments: Array<{ date: string }> }>,
): number[] {
  const reversed = new Set(movements.flatMap((m) => (m.reversalOf === null ? [] : [m.reversalOf])));
  const current = Number(today(timeZone).slice(0, 4));
  const years = new Set<number>();
  for (const m of movements)
    if (m.kind === 'issue' && !reversed.has(m.operationNumber)) years.add(Number(m.effectiveDate.slice(0, 4)));
  for (const s of subscriptions)
    if (s.state === 'issued' && s.issuedOperation !== null && !reversed.has(s.issuedOperation))
      for (const p of s.payments) years.add(Number(p.date.slice(0, 4)));
  return [...years].filter((y) => y <= current).sort((a, b) => b - a);
}

export class NothingInYear extends NotFound {
  constructor(year: number) {
    super(
      `Aucune souscription ni aucun versement en ${year} : pas d’état annuel pour cette année.`,
      `No subscription and no payment in ${year}: no yearly statement for that year.`,
      { year },
    );
  }
}

interface Payment {
  amountCents: number;
  date: string;
}

const inYear = (day: string, year: number) => day.startsWith(`${year}-`);

/** Payments are a JSON column: text on SQLite, parsed by the PostgreSQL driver. */
function paymentsOf(value: unknown): Payment[] {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? (parsed as Payment[]) : [];
}

/**
 * Every member's statement for year N (or one member's), in membership-number order. Members
 * with nothing in N have none.
 */
export async function statementsOf(strapi: Core.Strapi, year: number, profileId?: number): Promise<Statement[]> {
  const t = tablesOf(strapi);
  const db = strapi.db.connection;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const notReversed = (q: ReturnType<typeof movementRows>) =>
    q.whereNotExists(db(`${t.movement} as r`).whereRaw('r.reversal_of = m.operation_number').select('r.id'));
  const sp = t.subscriptionProfile;
  const sc = t.subscriptionClass;
  // Requests issued in N, or any issued request whose payments mention the year (narrowed below).
  const subscriptions = (await notReversed(movementRows(strapi, db))
    .join(`${t.subscription} as s`, 's.issued_operation', 'm.operation_number')
    .join(`${sp.table} as sp`, `sp.${sp.owner}`, 's.id')
    .join(`${sc.table} as sc`, `sc.${sc.owner}`, 's.id')
    .join(`${t.shareClass} as c`, 'c.id', `sc.${sc.target}`)
    .where('s.state', 'issued')
    .where((q) =>
      q.whereBetween('m.effective_date', [from, to]).orWhereRaw('CAST(s.payments AS TEXT) LIKE ?', [`%"${year}-%`]),
    )
    .modify((q) => {
      if (profileId !== undefined) q.where(`sp.${sp.target}`, profileId);
    })
    .select(
      `sp.${sp.target} as profile_id`,
      'm.effective_date as day',
      'c.code as code',
      'c.name as name',
      's.quantity as quantity',
      's.subscribed_cents as subscribed',
      's.payments as payments',
      'm.operation_number as n',
      'm.tax_reduction_eligible as eligible',
    )) as Array<Record<string, unknown>>;
  // Issues the board recorded without a request: subscribed and paid in full on their day.
  const direct = (await notReversed(movementRows(strapi, db))
    .join(`${t.shareClass} as c`, 'c.id', classColumn(strapi))
    .where('m.kind', 'issue')
    .whereBetween('m.effective_date', [from, to])
    .whereNotExists(db(`${t.subscription} as s`).whereRaw('s.issued_operation = m.operation_number').select('s.id'))
    .modify((q) => {
      if (profileId !== undefined) q.where(profileColumn(strapi), profileId);
    })
    .select(
      `${profileColumn(strapi)} as profile_id`,
      'm.effective_date as day',
      'c.code as code',
      'c.name as name',
      'm.quantity as quantity',
      'm.unit_value_cents as unit',
      'm.operation_number as n',
      'm.tax_reduction_eligible as eligible',
    )) as Array<Record<string, unknown>>;

  // Each line with its issue's operation number, which orders lines of the same day.
  const linesOf = new Map<number, Array<{ n: number; line: StatementLine }>>();
  const add = (profile: number, n: number, line: StatementLine) => {
    const lines = linesOf.get(profile) ?? [];
    lines.push({ n, line });
    linesOf.set(profile, lines);
  };
  for (const r of subscriptions) {
    const day = isoDay(r.day);
    const paid = sumCents(
      paymentsOf(r.payments)
        .filter((p) => inYear(p.date, year))
        .map((p) => p.amountCents),
    );
    const subscribedInYear = inYear(day, year);
    if (!subscribedInYear && paid === 0) continue;
    add(Number(r.profile_id), Number(r.n), {
      date: day,
      shareClass: String(r.code),
      className: String(r.name),
      quantity: Number(r.quantity),
      subscribedCents: subscribedInYear ? Number(r.subscribed) : null,
      paidCents: paid,
      // SQLite stores booleans as 0 and 1.
      eligible: Boolean(r.eligible),
    });
  }
  for (const r of direct) {
    const cents = amountCents(Number(r.quantity), Number(r.unit));
    add(Number(r.profile_id), Number(r.n), {
      date: isoDay(r.day),
      shareClass: String(r.code),
      className: String(r.name),
      quantity: Number(r.quantity),
      subscribedCents: cents,
      paidCents: cents,
      eligible: Boolean(r.eligible),
    });
  }
  if (linesOf.size === 0) return [];

  const profiles: Array<{ id: number; display_name: string; membership_number: string | null }> = [];
  const ids = [...linesOf.keys()];
  // In chunks: SQLite allows a limited number of bound parameters.
  for (let i = 0; i < ids.length; i += 500)
    profiles.push(
      ...(await db(t.profile)
        .whereIn('id', ids.slice(i, i + 500))
        .select('id', 'display_name', 'membership_number')),
    );
  profiles.sort(
    (a, b) => (a.membership_number ?? '').localeCompare(b.membership_number ?? '') || Number(a.id) - Number(b.id),
  );
  return profiles.map((p) => {
    const lines = (linesOf.get(Number(p.id)) ?? [])
      .sort((a, b) => a.line.date.localeCompare(b.line.date) || a.n - b.n)
      .map((l) => l.line);
    return {
      year,
      profileId: Number(p.id),
      displayName: String(p.display_name ?? ''),
      membershipNumber: String(p.membership_number ?? ''),
      lines,
      subscribedCents: sumCents(lines.map((l) => l.subscribedCents ?? 0)),
      paidCents: sumCents(lines.map((l) => l.paidCents)),
      eligiblePaidCents: sumCents(lines.filter((l) => l.eligible).map((l) => l.paidCents)),
    };
  });
}

/** One member's statement for N; none when they neither subscribed nor paid in N. */
export async function statementOf(strapi: Core.Strapi, profileId: number, year: number): Promise<Statement> {
  const [statement] = await statementsOf(strapi, year, profileId);
  if (!statement) throw new NothingInYear(year);
  return statement;
}
