/** What the moderation suites share: members placed in collectives, and the plugin's rows removed after. */
import type { Core } from '@strapi/strapi';
import type { TestMember } from './members';

const COLLECTIVE = 'api::collective.collective';

/** An active membership of a collective (as its leads would have accepted). */
export async function join(strapi: Core.Strapi, member: TestMember, collective: string): Promise<void> {
  await strapi.documents('api::membership.membership').create({
    data: { profile: member.documentId, collective, state: 'active' } as never,
  });
}

/** Makes a test member a lead (role and `leads` relation) of a collective; undone by the returned function. */
export async function makeLead(
  strapi: Core.Strapi,
  member: TestMember,
  collective: string,
): Promise<() => Promise<void>> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'collective-lead' } });
  await strapi.db
    .query('plugin::users-permissions.user')
    .update({ where: { id: member.userId }, data: { role: role.id } });
  const link = strapi.db.metadata.get(COLLECTIVE).attributes.leads as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  const rows = (await strapi.db
    .query(COLLECTIVE)
    .findMany({ where: { documentId: collective }, select: ['id'] })) as Array<{ id: number }>;
  const { name, joinColumn, inverseJoinColumn } = link.joinTable;
  const links = rows.map((r) => ({ [joinColumn.name]: r.id, [inverseJoinColumn.name]: member.profileId }));
  await strapi.db.connection(name).insert(links);
  return async () => {
    await strapi.db.connection(name).where(inverseJoinColumn.name, member.profileId).delete();
  };
}

/** Leaves the shared test database as the seed made it. */
export async function removeModerationRows(strapi: Core.Strapi): Promise<void> {
  for (const table of [
    'mod_suspensions',
    'mod_signals',
    'mod_appeals',
    'mod_log',
    'mod_reports',
    'mod_cases',
    'mod_revisions',
    'mod_replies',
    'mod_threads',
    'mod_exchange',
    'mod_digests',
  ])
    await strapi.db.connection(table).delete();
  await strapi.db
    .query('api::notification.notification')
    .deleteMany({ where: { kind: { $startsWith: 'moderation.' } } });
}
