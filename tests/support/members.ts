import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';

const PROFILE = 'api::member-profile.member-profile';

export interface TestMember {
  userId: number;
  profileId: number;
  documentId: string;
  email: string;
  displayName: string;
  jwt: string;
  headers: Record<string, string>;
}

let sequence = 0;
const created: TestMember[] = [];

/** Rows that point at a member, removed with them (the seed test counts what the demo holds). */
const POINTING: Array<[string, string]> = [
  ['api::membership.membership', 'profile'],
  ['api::registration.registration', 'profile'],
  ['api::notification.notification', 'profile'],
  ['api::directory.contact', 'sender'],
  ['api::directory.contact', 'recipient'],
];

/** Removes the members this suite created, and what points at them: leave the demo as it was. */
export async function removeCreatedMembers(strapi: Core.Strapi): Promise<void> {
  const members = created.splice(0);
  const profileIds = members.map((m) => m.profileId);
  for (const [uid, attribute] of POINTING) {
    const rows = (await strapi.db
      .query(uid)
      .findMany({ where: { [attribute]: { id: { $in: profileIds } } }, select: ['id'] })) as Array<{ id: number }>;
    for (const row of rows) await strapi.db.query(uid).delete({ where: { id: row.id } });
  }
  for (const member of members) {
    await strapi.db.query(PROFILE).delete({ where: { id: member.profileId } });
    await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: member.userId } });
  }
}

/**
 * A member of our own for a test (the demo accounts are shared by every suite): an account with
 * the demo password, a profile, and a token issued like the login route's (which is rate-limited
 * per client address, too tight for a suite that needs many members). Remove them after the
 * suite with removeCreatedMembers.
 */
export async function createMember(
  strapi: Core.Strapi,
  profile: Record<string, unknown> = {},
  label = 'test',
): Promise<TestMember> {
  sequence += 1;
  const tag = `${label}-${process.pid}-${Date.now()}-${sequence}`;
  const email = `${tag}@example.org`;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = (await strapi.plugin('users-permissions').service('user').add({
    username: tag,
    email,
    password: DEMO_PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  })) as { id: number; documentId: string };
  const displayName = (profile.displayName as string | undefined) ?? `Membre ${tag}`;
  const profileRow = (await strapi.documents(PROFILE).create({
    data: {
      displayName,
      membershipNumber: `T-${sequence}-${Date.now() % 1e8}`.slice(0, 20),
      memberSince: '2024-01-01',
      directoryConsent: true,
      user: user.documentId,
      ...profile,
    } as never,
  })) as unknown as { id: number; documentId: string };
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) as string;
  const member = {
    userId: user.id,
    profileId: profileRow.id,
    documentId: profileRow.documentId,
    email,
    displayName,
    jwt,
    headers: { Authorization: `Bearer ${jwt}` },
  };
  created.push(member);
  return member;
}

/** Members for a suite that needs many, labelled `<label> <n>`; removed with removeCreatedMembers. */
export async function createMembers(strapi: Core.Strapi, label: string, count: number): Promise<TestMember[]> {
  const members: TestMember[] = [];
  for (let i = 0; i < count; i += 1) members.push(await createMember(strapi, { displayName: `${label} ${i}` }, label));
  return members;
}

/** documentId of a published collective by slug. */
export async function collectiveId(strapi: Core.Strapi, slug: string): Promise<string> {
  const row = (await strapi.db
    .query('api::collective.collective')
    .findOne({ where: { slug, locale: 'fr', publishedAt: { $notNull: true } }, select: ['documentId'] })) as {
    documentId: string;
  } | null;
  if (!row) throw new Error(`no collective ${slug}`);
  return row.documentId;
}

/** Removes events a suite made, in every locale, with their registrations. */
export async function removeEvents(strapi: Core.Strapi, documentIds: string[]) {
  const rows = (await strapi.db.query('api::registration.registration').findMany({
    where: { event: { documentId: { $in: documentIds } } },
    select: ['id'],
  })) as Array<{ id: number }>;
  for (const row of rows) await strapi.db.query('api::registration.registration').delete({ where: { id: row.id } });
  for (const documentId of documentIds) await strapi.documents('api::event.event').delete({ documentId, locale: '*' });
}
