/**
 * Whom I may give my proxy to, for the members' page to offer a list rather than a membership
 * number to type: members on the assembly's voter list, not myself, not already holding as many
 * proxies as the statutes allow — and, as everywhere members see each other, only those who
 * consented to the directory, with what the directory shows (name, collectives), never an address.
 */
import type { Core } from '@strapi/strapi';
import { whereFoldedContains } from '@notre-asso/plugin-kit';
import { NotAVoter, VotingClosed } from '../errors';
import { configOf, proxyCap } from '../rules';
import { TABLE, UID } from '../store';
import type { Voter } from '../voter';
import { stateAt, validate, yup } from './validation';
import { findAssembly, isOnList, voterCount, withFrozenList } from './voter-list';

export const HOLDERS_PAGE_SIZE = 20;

const querySchema = yup.object({
  q: yup.string().trim().max(100).default(''),
  page: yup.number().integer().min(1).max(10_000).default(1),
});

export async function proxyHolders(strapi: Core.Strapi, voter: Voter, assemblyId: string, query: unknown) {
  const { q, page } = await validate<{ q: string; page: number }>(querySchema, query);
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  if (stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date()) === 'closed')
    throw new VotingClosed(new Date(assembly.votingClosesAt).toISOString());
  if (!(await isOnList(strapi, assembly, voter.profileId, voter.memberSince))) throw new NotAVoter();
  const cap = proxyCap(await voterCount(strapi, assembly), configOf(strapi).maxProxiesPerHolder);
  const knex = strapi.db.connection;
  const matching = () => {
    const rows = knex(`${strapi.db.metadata.get(UID.profile).tableName} as p`)
      .where('p.directory_consent', true)
      .whereNull('p.erased_at')
      .whereNot('p.id', voter.profileId)
      .whereNotIn(
        'p.id',
        knex(TABLE.proxy)
          .where({ assembly: assemblyId })
          .groupBy('holder_id')
          .havingRaw('count(*) >= ?', [cap])
          .select('holder_id'),
      );
    if (assembly.voterListFrozenAt)
      rows.whereIn('p.id', knex(TABLE.voter).where({ assembly: assemblyId }).select('profile_id'));
    else rows.where('p.member_since', '<=', String(assembly.recordDate).slice(0, 10));
    if (q) whereFoldedContains(rows, 'p.display_name', q);
    return rows;
  };
  const [rows, [total]] = (await Promise.all([
    matching()
      .select('p.id as id', 'p.document_id as documentId', 'p.display_name as displayName')
      .orderBy([{ column: 'p.display_name' }, { column: 'p.id' }])
      .offset((page - 1) * HOLDERS_PAGE_SIZE)
      .limit(HOLDERS_PAGE_SIZE),
    matching().count({ n: '*' }),
  ])) as [Array<{ id: number; documentId: string; displayName: string }>, Array<{ n: number | string }>];
  const collectives = await collectivesOf(
    strapi,
    rows.map((r) => Number(r.id)),
  );
  return {
    holders: rows.map((r) => ({
      documentId: r.documentId,
      displayName: r.displayName,
      collectives: collectives.get(Number(r.id)) ?? [],
    })),
    total: Number(total?.n ?? 0),
    page,
    pageSize: HOLDERS_PAGE_SIZE,
    cap,
  };
}

/** The collectives each member is an active member or a lead of, by name, as the directory shows them. */
async function collectivesOf(strapi: Core.Strapi, ids: number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, Set<string>>();
  const add = (id: number, name: string | undefined) => {
    if (!name) return;
    names.set(id, (names.get(id) ?? new Set()).add(name));
  };
  if (!ids.length) return new Map();
  const memberships = (await strapi.db.query('api::membership.membership').findMany({
    where: { profile: { id: { $in: ids } }, state: 'active' },
    populate: { profile: { select: ['id'] }, collective: { select: ['name'] } },
  })) as Array<{ profile: { id: number } | null; collective: { name: string } | null }>;
  for (const m of memberships) if (m.profile) add(m.profile.id, m.collective?.name);
  const leads = (await strapi.db.query(UID.profile).findMany({
    where: { id: { $in: ids } },
    select: ['id'],
    populate: { ledCollectives: { select: ['name'] } },
  })) as Array<{ id: number; ledCollectives: Array<{ name: string }> }>;
  for (const l of leads) for (const c of l.ledCollectives ?? []) add(l.id, c.name);
  return new Map([...names].map(([id, set]) => [id, [...set].sort((a, b) => a.localeCompare(b, 'fr'))]));
}
