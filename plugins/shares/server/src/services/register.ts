/**
 * The register read back: holdings and capital now (from the holdings table and the ledger row)
 * or at any past date (from the movements alone), a member's own shares, the CSV exports, and the
 * verification and rebuild that recompute everything derived from the movements.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { amountCents, centsOf } from '../rules';
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
  type Db,
} from '../store';
import { ledgerStateOf, lockLedger } from './ledger';

export interface Holding {
  member: string;
  membershipNumber: string;
  displayName: string;
  shareClass: string;
  quantity: number;
  valueCents: number;
}

/** Σ quantity × unit value as exact text: PostgreSQL would sum int × int in int (overflow) and return numeric as a float. */
const capitalSum = 'CAST(SUM(CAST(m.quantity AS BIGINT) * m.unit_value_cents) AS TEXT)';

/** Holdings per member and class: now from the holdings table, or at a date from the movements effective on or before it. */
export async function holdingsAt(
  strapi: Core.Strapi,
  date: string | null,
  db: Db = strapi.db.connection,
  /** One member's only (their own page), rather than the whole register. */
  profileId: number | null = null,
): Promise<Holding[]> {
  const t = tablesOf(strapi);
  const base = date
    ? movementRows(strapi, db)
        .where('m.effective_date', '<=', date)
        .groupBy(profileColumn(strapi), classColumn(strapi))
        .havingRaw('SUM(m.quantity) <> 0')
        .select(`${profileColumn(strapi)} as profile_id`, `${classColumn(strapi)} as class_id`)
        .sum({ quantity: 'm.quantity' })
    : holdingRows(strapi, db)
        .where('h.quantity', '>', 0)
        .select(
          `${holdingProfileColumn(strapi)} as profile_id`,
          `${holdingClassColumn(strapi)} as class_id`,
          'h.quantity as quantity',
        );
  const rows = await db
    .from(base.as('x'))
    .join(`${t.profile} as p`, 'p.id', 'x.profile_id')
    .join(`${t.shareClass} as c`, 'c.id', 'x.class_id')
    .modify((q) => {
      if (profileId !== null) q.where('x.profile_id', profileId);
    })
    .select(
      'p.document_id as member',
      'p.membership_number as number',
      'p.display_name as name',
      'c.code as code',
      'c.nominal_cents as nominal',
      'x.quantity as quantity',
    )
    .orderBy([{ column: 'p.membership_number' }, { column: 'p.id' }, { column: 'c.code' }]);
  return rows.map((r: Record<string, unknown>) => ({
    member: String(r.member),
    membershipNumber: String(r.number ?? ''),
    displayName: String(r.name ?? ''),
    shareClass: String(r.code),
    quantity: Number(r.quantity),
    valueCents: amountCents(Number(r.quantity), Number(r.nominal)),
  }));
}

/** Capital at the end of a day: Σ quantity × unit value of the movements effective on or before it. */
export async function capitalAt(strapi: Core.Strapi, date: string, db: Db = strapi.db.connection): Promise<number> {
  const row = await movementRows(strapi, db)
    .where('m.effective_date', '<=', date)
    .first(db.raw(`${capitalSum} as capital`));
  return centsOf(row?.capital ?? 0);
}

const csvHeader = ['Numéro de membre', 'Nom', 'Catégorie', 'Parts', 'Valeur (€)'];

/** Exact euros from cents, with a comma, for French spreadsheets. */
const euros = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * The register as CSV for the accountant: one line per member and class, sorted, nothing that
 * depends on when or how the rows were written, so the same register always gives the same bytes.
 */
export function registerCsv(holdings: Holding[]): string {
  const rows = holdings.map((h) => [h.membershipNumber, h.displayName, h.shareClass, h.quantity, euros(h.valueCents)]);
  return stringify([csvHeader, ...rows], { delimiter: ';', bom: true, record_delimiter: '\r\n' });
}

export interface MovementView {
  operationNumber: number;
  kind: string;
  member: string;
  membershipNumber: string;
  displayName: string;
  shareClass: string;
  quantity: number;
  unitValueCents: number;
  amountCents: number;
  effectiveDate: string;
  reference: string;
  reversalOf: number | null;
  recordedAt: string;
}

/** Movements in operation order, optionally one member's, a page at a time. */
export async function movements(
  strapi: Core.Strapi,
  options: { profileId?: number; page?: number; pageSize?: number } = {},
): Promise<{ movements: MovementView[]; total: number }> {
  const t = tablesOf(strapi);
  const db = strapi.db.connection;
  const pageSize = options.pageSize ?? 100;
  const page = options.page ?? 1;
  const scoped = () => {
    const q = movementRows(strapi, db);
    return options.profileId === undefined ? q : q.where(profileColumn(strapi), options.profileId);
  };
  const [{ total }] = (await scoped().count({ total: '*' })) as Array<{ total: unknown }>;
  const rows = await scoped()
    .join(`${t.profile} as p`, 'p.id', profileColumn(strapi))
    .join(`${t.shareClass} as c`, 'c.id', classColumn(strapi))
    .orderBy('m.operation_number')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .select(
      'm.operation_number as n',
      'm.kind as kind',
      'p.document_id as member',
      'p.membership_number as number',
      'p.display_name as name',
      'c.code as code',
      'm.quantity as quantity',
      'm.unit_value_cents as unit',
      'm.effective_date as day',
      'm.reference as reference',
      'm.reversal_of as reversal_of',
      'm.recorded_at as recorded_at',
    );
  return {
    total: Number(total),
    movements: rows.map((r: Record<string, unknown>) => ({
      operationNumber: Number(r.n),
      kind: String(r.kind),
      member: String(r.member),
      membershipNumber: String(r.number ?? ''),
      displayName: String(r.name ?? ''),
      shareClass: String(r.code),
      quantity: Number(r.quantity),
      unitValueCents: Number(r.unit),
      amountCents: amountCents(Number(r.quantity), Number(r.unit)),
      effectiveDate: isoDay(r.day),
      reference: String(r.reference ?? ''),
      reversalOf: r.reversal_of === null || r.reversal_of === undefined ? null : Number(r.reversal_of),
      recordedAt: new Date(r.recorded_at as string).toISOString(),
    })),
  };
}

export interface Verification {
  ok: boolean;
  operations: number;
  /** Operation numbers run 1…n without a gap. */
  gapless: boolean;
  capitalCents: number;
  ledgerCapitalCents: number;
  highestCapitalCents: number;
  ledgerHighestCapitalCents: number;
  /** Holdings whose stored quantity is not the sum of their movements. */
  differences: Array<{ profileId: number; classId: number; stored: number; fromMovements: number }>;
}

interface Recomputed {
  operations: number;
  lastOperation: number;
  capitalCents: number;
  highestCapitalCents: number;
  holdings: Map<string, { profileId: number; classId: number; quantity: number }>;
}

/** Everything derived from the movements, recomputed from them alone. */
async function recompute(strapi: Core.Strapi, db: Db): Promise<Recomputed> {
  const t = tablesOf(strapi);
  const summed = await movementRows(strapi, db)
    .groupBy(profileColumn(strapi), classColumn(strapi))
    .select(`${profileColumn(strapi)} as profile_id`, `${classColumn(strapi)} as class_id`)
    .sum({ quantity: 'm.quantity' });
  // Count, last number, capital and the highest capital ever reached (the running capital's
  // maximum in operation order) in one pass over the movements.
  const amount = 'CAST(m.quantity AS BIGINT) * m.unit_value_cents';
  const totals = await db
    .from(
      db(`${t.movement} as m`)
        .select(
          'm.operation_number as n',
          db.raw(`${amount} as amount`),
          db.raw(`SUM(${amount}) OVER (ORDER BY m.operation_number) as running`),
        )
        .as('r'),
    )
    .first(
      db.raw('COUNT(*) as operations'),
      db.raw('MAX(r.n) as last'),
      db.raw('CAST(SUM(r.amount) AS TEXT) as capital'),
      db.raw('CAST(MAX(r.running) AS TEXT) as highest'),
    );
  const holdings = new Map<string, { profileId: number; classId: number; quantity: number }>();
  for (const r of summed as Array<Record<string, unknown>>) {
    const key = `${r.profile_id}/${r.class_id}`;
    holdings.set(key, { profileId: Number(r.profile_id), classId: Number(r.class_id), quantity: Number(r.quantity) });
  }
  return {
    operations: Number(totals?.operations ?? 0),
    lastOperation: Number(totals?.last ?? 0),
    capitalCents: centsOf(totals?.capital ?? 0),
    highestCapitalCents: Math.max(0, centsOf(totals?.highest ?? 0)),
    holdings,
  };
}

/** Recomputes holdings and capital from the movements and reports any difference with what is stored. */
export async function verify(strapi: Core.Strapi): Promise<Verification> {
  const t = tablesOf(strapi);
  // One snapshot for every read, so that operations committing meanwhile cannot look like
  // differences (SQLite's single connection gives that already).
  const options = isPostgres(strapi) ? { isolationLevel: 'repeatable read' as const, readOnly: true } : {};
  const [computed, stored, ledgerRow] = await strapi.db.connection.transaction(
    async (trx) => [
      await recompute(strapi, trx),
      await holdingRows(strapi, trx).select(
        `${holdingProfileColumn(strapi)} as profile_id`,
        `${holdingClassColumn(strapi)} as class_id`,
        'h.quantity as quantity',
      ),
      await trx(t.ledger).orderBy('id').first('*'),
    ],
    options,
  );
  const ledger = ledgerRow ? ledgerStateOf(ledgerRow) : null;
  const differences: Verification['differences'] = [];
  const seen = new Set<string>();
  for (const r of stored as Array<Record<string, unknown>>) {
    const key = `${r.profile_id}/${r.class_id}`;
    seen.add(key);
    const fromMovements = computed.holdings.get(key)?.quantity ?? 0;
    if (Number(r.quantity) !== fromMovements)
      differences.push({
        profileId: Number(r.profile_id),
        classId: Number(r.class_id),
        stored: Number(r.quantity),
        fromMovements,
      });
  }
  for (const [key, h] of computed.holdings)
    if (!seen.has(key) && h.quantity !== 0)
      differences.push({ profileId: h.profileId, classId: h.classId, stored: 0, fromMovements: h.quantity });
  const gapless =
    computed.operations === computed.lastOperation && computed.lastOperation === (ledger?.lastOperation ?? 0);
  const report = {
    operations: computed.operations,
    gapless,
    capitalCents: computed.capitalCents,
    ledgerCapitalCents: ledger?.capitalCents ?? 0,
    highestCapitalCents: computed.highestCapitalCents,
    ledgerHighestCapitalCents: ledger?.highestCapitalCents ?? 0,
    differences,
  };
  return {
    ok:
      gapless &&
      differences.length === 0 &&
      report.capitalCents === report.ledgerCapitalCents &&
      report.highestCapitalCents === report.ledgerHighestCapitalCents,
    ...report,
  };
}

/**
 * Empties the holdings and the capital and derives them again from the movements, under the
 * ledger's lock: what an operator runs when verify reports a difference, and what the tests run
 * to show the movements alone are the register. Holdings are written in bulk (rows and link rows, 400 a statement: SQLite allows 500 terms in a compound insert).
 */
export async function rebuild(strapi: Core.Strapi): Promise<void> {
  const t = tablesOf(strapi);
  await strapi.db.transaction(async ({ trx }) => {
    const state = await lockLedger(strapi, trx);
    await trx(t.holdingProfile.table).del();
    await trx(t.holdingClass.table).del();
    await trx(t.holding).del();
    const computed = await recompute(strapi, trx);
    await insertHoldings(strapi, trx, [...computed.holdings.values()]);
    await trx(t.ledger)
      .where('id', state.id)
      .update({
        last_operation: computed.lastOperation,
        capital_cents: String(computed.capitalCents),
        highest_capital_cents: String(computed.highestCapitalCents),
      });
  });
}

async function insertHoldings(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  holdings: Array<{ profileId: number; classId: number; quantity: number }>,
) {
  const t = tablesOf(strapi);
  const now = new Date();
  for (let i = 0; i < holdings.length; i += 400) {
    const chunk = holdings.slice(i, i + 400);
    const ids = (await trx(t.holding)
      .insert(chunk.map((h) => ({ document_id: randomUUID(), quantity: h.quantity, created_at: now, updated_at: now })))
      .returning('id')) as Array<{ id: number } | number>;
    const idOf = (k: number) => {
      const v = ids[k] as { id: number } | number;
      return typeof v === 'number' ? v : v.id;
    };
    await trx(t.holdingProfile.table).insert(
      chunk.map((h, k) => ({ [t.holdingProfile.owner]: idOf(k), [t.holdingProfile.target]: h.profileId })),
    );
    await trx(t.holdingClass.table).insert(
      chunk.map((h, k) => ({ [t.holdingClass.owner]: idOf(k), [t.holdingClass.target]: h.classId })),
    );
  }
}
