/**
 * The voter list of an assembly (liste des votants), frozen at its record date: the members admitted
 * on or before that day, with their college at that moment. It is frozen by the first request
 * that needs it once the record date is over, under the assembly's lock — no scheduled job.
 */
import type { Core } from '@strapi/strapi';
import { NoSuchAssembly } from '../errors';
import { lockRows, TABLE, UID } from '../store';

export interface AssemblyRow {
  id: number;
  documentId: string;
  title: string;
  kind: 'ordinary' | 'extraordinary';
  date: string;
  place: string | null;
  link: string | null;
  convocation: 'first' | 'second';
  votingOpensAt: string;
  votingClosesAt: string;
  draftingOpensAt: string | null;
  draftingClosesAt: string | null;
  recordDate: string;
  voterListFrozenAt: string | null;
  voterCount: number | null;
  result: unknown;
  /** Documents sent with the convocation, by documentId. */
  documents: string[] | null;
}

export async function findAssembly(strapi: Core.Strapi, documentId: string): Promise<AssemblyRow> {
  const row = (await strapi.db.query(UID.assembly).findOne({ where: { documentId } })) as AssemblyRow | null;
  if (!row) throw new NoSuchAssembly();
  return row;
}

const dayOf = (date: string) => String(date).slice(0, 10);

/** The list closes at the end of the record date (UTC). */
export function recordDateIsOver(assembly: AssemblyRow, now: Date): boolean {
  return now.toISOString().slice(0, 10) > dayOf(assembly.recordDate);
}

const CHUNK = 500;

/** The assembly with its voter list frozen, when the record date is over; unchanged before. */
export async function withFrozenList(strapi: Core.Strapi, assembly: AssemblyRow): Promise<AssemblyRow> {
  if (assembly.voterListFrozenAt || !recordDateIsOver(assembly, new Date())) return assembly;
  await strapi.db.transaction(async ({ trx }) => {
    const table = strapi.db.metadata.get(UID.assembly).tableName;
    await lockRows(strapi, trx, table, { document_id: assembly.documentId });
    const fresh = await findAssembly(strapi, assembly.documentId);
    if (fresh.voterListFrozenAt) return;
    const knex = strapi.db.connection;
    const profiles = (await knex(strapi.db.metadata.get(UID.profile).tableName)
      .transacting(trx)
      .where('member_since', '<=', dayOf(assembly.recordDate))
      .whereNull('erased_at')
      .select('id', 'college')) as Array<{ id: number; college: string | null }>;
    const rows = profiles.map((p) => ({ assembly: assembly.documentId, profile_id: p.id, college: p.college || null }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await knex(TABLE.voter)
        .transacting(trx)
        .insert(rows.slice(i, i + CHUNK));
    await strapi.db.query(UID.assembly).update({
      where: { id: assembly.id },
      data: { voterListFrozenAt: new Date(), voterCount: rows.length } as never,
    });
  });
  return findAssembly(strapi, assembly.documentId);
}

export interface ListedVoter {
  profileId: number;
  college: string | null;
}

/** The member on the frozen list, or null (the list must be frozen: see withFrozenList). */
export async function listedVoter(
  strapi: Core.Strapi,
  assembly: string,
  profileId: number,
): Promise<ListedVoter | null> {
  const row = (await strapi.db
    .connection(TABLE.voter)
    .where({ assembly, profile_id: profileId })
    .first('profile_id', 'college')) as { profile_id: number; college: string | null } | undefined;
  return row ? { profileId: row.profile_id, college: row.college } : null;
}

/** Whether a member is, or will be, on the list: listed once frozen, else admitted by the record date. */
export async function isOnList(strapi: Core.Strapi, assembly: AssemblyRow, profileId: number, memberSince: string) {
  if (assembly.voterListFrozenAt) return (await listedVoter(strapi, assembly.documentId, profileId)) !== null;
  return dayOf(memberSince) <= dayOf(assembly.recordDate);
}

/** Members on the list, frozen or provisional (for the proxy cap before the record date). */
export async function voterCount(strapi: Core.Strapi, assembly: AssemblyRow): Promise<number> {
  if (assembly.voterListFrozenAt) return assembly.voterCount ?? 0;
  const result = await strapi.db
    .connection(strapi.db.metadata.get(UID.profile).tableName)
    .where('member_since', '<=', dayOf(assembly.recordDate))
    .whereNull('erased_at')
    .count({ n: '*' });
  return Number((result[0] as { n: number | string }).n);
}
