/**
 * What the board's admin pages read besides the queue: the movements with filters, the capital
 * month by month and per class and college, and member and capital counts at each year's end.
 * Everything is derived from the movements (the year-end figures through holdingsAt/capitalAt).
 */
import type { Core } from '@strapi/strapi';
import { amountCents, centsOf } from '../rules';
import { classColumn, isoDay, movementRows, profileColumn, tablesOf } from '../store';
import type { MovementKind } from './ledger';
import { capitalAt, holdingsAt } from './register';
import { listClasses } from './settings';

export interface RegisterFilters {
  /** documentId or membership number of the member. */
  member: string | null;
  shareClass: string | null;
  kind: MovementKind | null;
  from: string | null;
  to: string | null;
  page: number;
}

export const ADMIN_PAGE_SIZE = 50;

/** One page of movements, newest first, with who recorded each (members' space account or admin user). */
export async function registerPage(strapi: Core.Strapi, filters: RegisterFilters) {
  const t = tablesOf(strapi);
  const db = strapi.db.connection;
  const scoped = () =>
    movementRows(strapi, db)
      .join(`${t.profile} as p`, 'p.id', profileColumn(strapi))
      .join(`${t.shareClass} as c`, 'c.id', classColumn(strapi))
      .modify((q) => {
        if (filters.member)
          q.where((w) => w.where('p.document_id', filters.member).orWhere('p.membership_number', filters.member));
        if (filters.shareClass) q.where('c.code', filters.shareClass);
        if (filters.kind) q.where('m.kind', filters.kind);
        if (filters.from) q.where('m.effective_date', '>=', filters.from);
        if (filters.to) q.where('m.effective_date', '<=', filters.to);
      });
  const [{ total }] = (await scoped().count({ total: '*' })) as Array<{ total: unknown }>;
  const table = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  const rows = await scoped()
    .leftJoin(`${t.movementRecordedBy.table} as mr`, `mr.${t.movementRecordedBy.owner}`, 'm.id')
    .leftJoin(`${table('plugin::users-permissions.user')} as u`, 'u.id', `mr.${t.movementRecordedBy.target}`)
    .leftJoin(`${table('admin::user')} as a`, 'a.id', 'm.recorded_by_admin')
    .orderBy('m.operation_number', 'desc')
    .limit(ADMIN_PAGE_SIZE)
    .offset((filters.page - 1) * ADMIN_PAGE_SIZE)
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
      'u.email as user_email',
      'a.email as admin_email',
    );
  return {
    total: Number(total),
    page: filters.page,
    pageSize: ADMIN_PAGE_SIZE,
    movements: rows.map((r: Record<string, unknown>) => ({
      operationNumber: Number(r.n),
      kind: String(r.kind),
      member: String(r.member),
      membershipNumber: String(r.number ?? ''),
      displayName: String(r.name ?? ''),
      shareClass: String(r.code),
      quantity: Number(r.quantity),
      amountCents: amountCents(Number(r.quantity), Number(r.unit)),
      effectiveDate: isoDay(r.day),
      reference: String(r.reference ?? ''),
      recordedBy: r.admin_email
        ? { kind: 'admin', email: String(r.admin_email) }
        : r.user_email
          ? { kind: 'member', email: String(r.user_email) }
          : null,
    })),
  };
}

/** The capital at the end of each month with a movement, and what each class and college holds now. */
export async function capitalOverTime(strapi: Core.Strapi) {
  const db = strapi.db.connection;
  const amount = 'CAST(SUM(CAST(m.quantity AS BIGINT) * m.unit_value_cents) AS TEXT)';
  const perDay = await movementRows(strapi, db)
    .groupBy('m.effective_date')
    .orderBy('m.effective_date')
    .select('m.effective_date as day', db.raw(`${amount} as amount`));
  const months: Array<{ month: string; capitalCents: number }> = [];
  let running = 0;
  for (const r of perDay as Array<Record<string, unknown>>) {
    running += centsOf(r.amount ?? 0);
    const month = isoDay(r.day).slice(0, 7);
    if (months.at(-1)?.month === month) months.at(-1)!.capitalCents = running;
    else months.push({ month, capitalCents: running });
  }
  const perClassRows = await movementRows(strapi, db)
    .groupBy(classColumn(strapi))
    .select(`${classColumn(strapi)} as class_id`, db.raw(`${amount} as amount`));
  const byId = new Map(perClassRows.map((r: Record<string, unknown>) => [Number(r.class_id), centsOf(r.amount ?? 0)]));
  const classes = (await listClasses(strapi)).map((c) => ({
    code: c.code,
    name: c.name,
    college: c.college ?? null,
    capitalCents: byId.get(c.id) ?? 0,
  }));
  const colleges = new Map<string, number>();
  for (const c of classes) colleges.set(c.college ?? '', (colleges.get(c.college ?? '') ?? 0) + c.capitalCents);
  return {
    months,
    classes,
    colleges: [...colleges].map(([college, capitalCents]) => ({ college: college || null, capitalCents })),
  };
}

/** At the end of each year since the first movement: how many members hold shares, and the capital. */
export async function yearlyCounts(strapi: Core.Strapi, thisYear = new Date().getUTCFullYear()) {
  const first = await movementRows(strapi, strapi.db.connection).min({ day: 'm.effective_date' }).first();
  if (!first?.day) return [];
  const years: Array<{ year: number; members: number; capitalCents: number }> = [];
  for (let year = Number(isoDay(first.day).slice(0, 4)); year <= thisYear; year += 1) {
    const end = `${year}-12-31`;
    const holdings = await holdingsAt(strapi, end);
    years.push({
      year,
      members: new Set(holdings.map((h) => h.member)).size,
      capitalCents: await capitalAt(strapi, end),
    });
  }
  return years;
}
