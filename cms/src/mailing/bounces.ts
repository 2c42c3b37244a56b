/**
 * Bounces: an address the receiving server refuses permanently (5xx) three times in a row is
 * invalid, and every mail to it, already queued or queued later, is skipped just before sending
 * until the board clears it (the member fixed their mailbox). A mail delivered to an address that
 * is not yet invalid starts its count again. Addresses are kept lowercased, one row each.
 */
import type { Core } from '@strapi/strapi';
import { NotAllowed, NotFound } from '@notre-asso/plugin-kit';
import type { Viewer } from '../access/viewer';
import { columnOf, knexOf, linkOf, tableOf, UID } from '../space/tables';
import { strapiRowColumns } from './store';

export const BOUNCE = 'api::mail-bounce.mail-bounce';
/** Permanent refusals in a row after which an address is invalid. */
export const INVALID_AFTER = 3;
export const INVALID_ADDRESS = 'invalid address: refused permanently three times';
const PAGE_SIZE = 50;

function bounceTable(strapi: Core.Strapi) {
  const col = (a: string) => columnOf(strapi, BOUNCE, a);
  return {
    db: knexOf(strapi),
    table: tableOf(strapi, BOUNCE),
    c: {
      address: col('address'),
      failures: col('failures'),
      lastError: col('lastError'),
      lastFailedAt: col('lastFailedAt'),
      invalidSince: col('invalidSince'),
    },
  };
}

export async function ensureBounceIndex(strapi: Core.Strapi): Promise<void> {
  const { db, table, c } = bounceTable(strapi);
  await db.raw('CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??)', ['na_mail_bounces_address_uq', table, c.address]);
}

/** Of these addresses, those with a record of refusals: true when already invalid. */
export async function bouncesAmong(strapi: Core.Strapi, addresses: string[]): Promise<Map<string, boolean>> {
  if (addresses.length === 0) return new Map();
  const { db, table, c } = bounceTable(strapi);
  const rows = (await db(table)
    .whereIn(
      c.address,
      addresses.map((a) => a.toLowerCase()),
    )
    .select({ address: c.address, invalidSince: c.invalidSince })) as Array<{
    address: string;
    invalidSince: unknown;
  }>;
  return new Map(rows.map((r) => [r.address, r.invalidSince !== null && r.invalidSince !== undefined]));
}

/** One more permanent refusal; the third in a row makes the address invalid. */
export async function recordPermanentFailure(
  strapi: Core.Strapi,
  address: string,
  error: string,
  now = new Date(),
): Promise<void> {
  const { db, table, c } = bounceTable(strapi);
  const key = address.toLowerCase();
  await db(table)
    .insert({
      ...strapiRowColumns(now),
      [c.address]: key,
      [c.failures]: 1,
      [c.lastError]: error,
      [c.lastFailedAt]: now,
    })
    .onConflict(c.address)
    .merge({
      [c.failures]: db.raw('??.?? + 1', [table, c.failures]),
      [c.lastError]: error,
      [c.lastFailedAt]: now,
      updated_at: now,
    });
  await db(table)
    .where(c.address, key)
    .whereNull(c.invalidSince)
    .where(c.failures, '>=', INVALID_AFTER)
    .update({ [c.invalidSince]: now });
}

/** Delivered: the refusals so far were not three in a row. */
export async function forgetRefusals(strapi: Core.Strapi, address: string): Promise<void> {
  const { db, table, c } = bounceTable(strapi);
  await db(table).where(c.address, address.toLowerCase()).whereNull(c.invalidSince).delete();
}

export interface InvalidAddress {
  documentId: string;
  address: string;
  failures: number;
  lastError: string | null;
  lastFailedAt: string;
  invalidSince: string;
  /** The member whose account has this address, when there is one. */
  member: { documentId: string; displayName: string } | null;
}

function mustBeBoard(viewer: Viewer) {
  if (viewer.role !== 'board')
    throw new NotAllowed(
      'Seul le conseil voit et rétablit les adresses invalides.',
      'Only the board sees and restores invalid addresses.',
    );
}

const iso = (value: unknown) => new Date(value as string | number | Date).toISOString();

export interface InvalidAddressQuery {
  page: number;
  /** Part of the address or of the member's name, any case. */
  q?: string;
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Invalid addresses, most recently invalid first, with the member behind each. Who may see them
 * is checked by the caller: the members' space (`invalidAddresses`, the board) or the admin
 * panel's route (its permission action).
 */
export async function listInvalidAddresses(strapi: Core.Strapi, { page, q }: InvalidAddressQuery) {
  const { db, table, c } = bounceTable(strapi);
  const account = linkOf(strapi, UID.profile, 'user');
  const name = `p.${columnOf(strapi, UID.profile, 'displayName')}`;
  const search = q?.trim() ? containing(q.trim()) : null;
  const invalid = () =>
    db(`${table} as b`)
      .whereNotNull(`b.${c.invalidSince}`)
      .leftJoin(`${tableOf(strapi, UID.user)} as u`, 'u.email', `b.${c.address}`)
      .leftJoin(`${account.table} as a`, `a.${account.target}`, 'u.id')
      .leftJoin(`${tableOf(strapi, UID.profile)} as p`, 'p.id', `a.${account.source}`)
      .modify((query) => {
        if (search)
          query.where((w) =>
            w
              .whereRaw("lower(??) like ? escape '\\'", [`b.${c.address}`, search])
              .orWhereRaw("lower(??) like ? escape '\\'", [name, search]),
          );
      });
  const [rows, [{ n }]] = await Promise.all([
    invalid()
      .orderBy([
        { column: `b.${c.invalidSince}`, order: 'desc' },
        { column: 'b.id', order: 'desc' },
      ])
      .offset((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE)
      .select(
        'b.document_id as documentId',
        `b.${c.address} as address`,
        `b.${c.failures} as failures`,
        `b.${c.lastError} as lastError`,
        `b.${c.lastFailedAt} as lastFailedAt`,
        `b.${c.invalidSince} as invalidSince`,
        'p.document_id as memberDocumentId',
        `${name} as displayName`,
      ) as Promise<Array<Record<string, unknown>>>,
    invalid().count({ n: '*' }) as Promise<Array<{ n: number | string }>>,
  ]);
  const total = Number(n);
  const addresses: InvalidAddress[] = rows.map((r) => ({
    documentId: String(r.documentId),
    address: String(r.address),
    failures: Number(r.failures),
    lastError: (r.lastError as string | null) ?? null,
    lastFailedAt: iso(r.lastFailedAt),
    invalidSince: iso(r.invalidSince),
    member: r.memberDocumentId
      ? { documentId: String(r.memberDocumentId), displayName: String(r.displayName ?? '') }
      : null,
  }));
  return { addresses, pagination: { page, pageSize: PAGE_SIZE, pageCount: Math.ceil(total / PAGE_SIZE), total } };
}

/** The board's list in the members' space. */
export async function invalidAddresses(strapi: Core.Strapi, viewer: Viewer, query: InvalidAddressQuery) {
  mustBeBoard(viewer);
  return listInvalidAddresses(strapi, query);
}

/** Clears an address: mails to it go out again, its count starts from nothing. */
export async function clearInvalidAddress(strapi: Core.Strapi, documentId: string) {
  const { db, table } = bounceTable(strapi);
  const deleted = await db(table).where('document_id', documentId).delete();
  if (deleted === 0)
    throw new NotFound('Cette adresse n’est pas marquée invalide.', 'This address is not marked invalid.');
  return { documentId, cleared: true };
}

/** The board clears an address from the members' space. */
export async function clearAddress(strapi: Core.Strapi, viewer: Viewer, documentId: string) {
  mustBeBoard(viewer);
  return clearInvalidAddress(strapi, documentId);
}
