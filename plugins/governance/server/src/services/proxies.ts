/**
 * Proxies (pouvoirs): a member on an assembly's voter list lets another one vote for them. One
 * proxy per giver; at most proxyCap(…) per holder; revocable until the holder has cast any ballot
 * at the assembly. Proxies are given and counted under the assembly's lock, so two givers racing
 * for the holder's last place cannot both get it.
 */
import type { Core } from '@strapi/strapi';
import { NotFound } from '@notre-asso/plugin-kit';
import { NotAVoter, ProxyRefused, VotingClosed } from '../errors';
import { configOf, proxyCap } from '../rules';
import { lockRows, TABLE, UID } from '../store';
import type { Voter } from '../voter';
import { peopleByIds } from './people';
import { validate, yup, stateAt } from './validation';
import { findAssembly, isOnList, voterCount, withFrozenList, type AssemblyRow } from './voter-list';

/** The holder named by their profile's documentId or, as members know each other, their membership number. */
async function profileIdOf(
  strapi: Core.Strapi,
  holder: { documentId?: string; membershipNumber?: string },
): Promise<{ id: number; memberSince: string } | null> {
  return (await strapi.db
    .query(UID.profile)
    .findOne({ where: { ...holder, erasedAt: { $null: true } }, select: ['id', 'memberSince'] })) as {
    id: number;
    memberSince: string;
  } | null;
}

function assertBeforeClose(assembly: AssemblyRow) {
  if (stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date()) === 'closed')
    throw new VotingClosed(new Date(assembly.votingClosesAt).toISOString());
}

export async function giveProxy(strapi: Core.Strapi, voter: Voter, assemblyId: string, body: unknown) {
  const { holder, holderNumber } = await validate<{ holder?: string; holderNumber?: string }>(
    yup.object({
      holder: yup.string().trim(),
      holderNumber: yup
        .string()
        .trim()
        .when('holder', {
          is: (h: unknown) => !h,
          then: (s) => s.required('holder (the member profile’s documentId) or holderNumber is required'),
        }),
    }),
    body,
  );
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  assertBeforeClose(assembly);
  if (!(await isOnList(strapi, assembly, voter.profileId, voter.memberSince))) throw new NotAVoter();
  const target = await profileIdOf(strapi, holder ? { documentId: holder } : { membershipNumber: holderNumber });
  if (!target) throw new NotFound('Ce membre n’existe pas.', 'No such member.');
  if (target.id === voter.profileId)
    throw new ProxyRefused('On ne se donne pas pouvoir à soi-même.', 'You cannot give a proxy to yourself.');
  if (!(await isOnList(strapi, assembly, target.id, target.memberSince)))
    throw new ProxyRefused(
      'Ce membre n’est pas sur la liste des votants de cette assemblée.',
      'This member is not on the voter list of this assembly.',
    );
  const cap = proxyCap(await voterCount(strapi, assembly), configOf(strapi).maxProxiesPerHolder);
  const knex = strapi.db.connection;
  await strapi.db.transaction(async ({ trx }) => {
    await lockRows(strapi, trx, strapi.db.metadata.get(UID.assembly).tableName, { document_id: assemblyId });
    const voted = await knex(TABLE.participation)
      .transacting(trx)
      .where({ assembly: assemblyId, voter_id: voter.profileId })
      .first('voter_id');
    if (voted)
      throw new ProxyRefused('Vous avez déjà voté à cette assemblée.', 'You have already voted at this assembly.');
    const given = await knex(TABLE.proxy)
      .transacting(trx)
      .where({ assembly: assemblyId, giver_id: voter.profileId })
      .first('holder_id');
    if (given)
      throw new ProxyRefused(
        'Vous avez déjà donné pouvoir pour cette assemblée : révoquez-le d’abord.',
        'You have already given a proxy for this assembly: revoke it first.',
      );
    const held = await knex(TABLE.proxy)
      .transacting(trx)
      .where({ assembly: assemblyId, holder_id: target.id })
      .count({ n: '*' });
    if (Number((held[0] as { n: number | string }).n) >= cap)
      throw new ProxyRefused(
        `Ce membre détient déjà ${cap} pouvoir(s), le maximum permis par les statuts.`,
        `This member already holds ${cap} prox${cap > 1 ? 'ies' : 'y'}, the most the statutes allow.`,
        { cap },
      );
    await knex(TABLE.proxy)
      .transacting(trx)
      .insert({ assembly: assemblyId, giver_id: voter.profileId, holder_id: target.id, given_at: new Date() });
  });
  return { holder: holder ?? holderNumber, cap };
}

export async function revokeProxy(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  await findAssembly(strapi, assemblyId);
  const knex = strapi.db.connection;
  await strapi.db.transaction(async ({ trx }) => {
    // The proxy's row lock orders this revocation against a vote the holder casts with it.
    await lockRows(strapi, trx, TABLE.proxy, { assembly: assemblyId, giver_id: voter.profileId });
    const proxy = (await knex(TABLE.proxy)
      .transacting(trx)
      .where({ assembly: assemblyId, giver_id: voter.profileId })
      .first('holder_id')) as { holder_id: number } | undefined;
    if (!proxy)
      throw new NotFound(
        'Vous n’avez pas donné de pouvoir pour cette assemblée.',
        'You have given no proxy for this assembly.',
      );
    const voted = await knex(TABLE.participation)
      .transacting(trx)
      .where({ assembly: assemblyId, acted_by: proxy.holder_id })
      .first('voter_id');
    if (voted)
      throw new ProxyRefused(
        'Le pouvoir ne peut plus être révoqué : son détenteur a déjà voté.',
        'The proxy can no longer be revoked: its holder has already voted.',
      );
    await knex(TABLE.proxy).transacting(trx).where({ assembly: assemblyId, giver_id: voter.profileId }).delete();
  });
  return { revoked: true };
}

/** The proxy the member gave, and those they hold (givers' documentIds and names). */
export async function proxiesOf(strapi: Core.Strapi, assemblyId: string, profileId: number) {
  const knex = strapi.db.connection;
  const given = (await knex(TABLE.proxy).where({ assembly: assemblyId, giver_id: profileId }).first('holder_id')) as
    | { holder_id: number }
    | undefined;
  const held = (await knex(TABLE.proxy)
    .where({ assembly: assemblyId, holder_id: profileId })
    .select('giver_id')) as Array<{ giver_id: number }>;
  const ids = [...held.map((h) => h.giver_id), ...(given ? [given.holder_id] : [])];
  const people = await peopleByIds(strapi, ids);
  const named = (id: number) => people.get(id) ?? null;
  return { givenTo: given ? named(given.holder_id) : null, held: held.map((h) => named(h.giver_id)).filter(Boolean) };
}

/** The proxy a holder uses for a giver, locked until the vote commits; refused when there is none. */
export async function lockProxy(
  strapi: Core.Strapi,
  trx: Parameters<typeof lockRows>[1],
  assemblyId: string,
  giverId: number,
  holderId: number,
) {
  await lockRows(strapi, trx, TABLE.proxy, { assembly: assemblyId, giver_id: giverId });
  const proxy = await strapi.db
    .connection(TABLE.proxy)
    .transacting(trx)
    .where({ assembly: assemblyId, giver_id: giverId, holder_id: holderId })
    .first('giver_id');
  if (!proxy)
    throw new ProxyRefused(
      'Ce membre ne vous a pas donné pouvoir pour cette assemblée.',
      'This member has not given you a proxy for this assembly.',
    );
}
