import type { Core } from '@strapi/strapi';
import { hashSync } from 'bcryptjs';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';

export interface TestMember {
  userId: number;
  email: string;
  displayName: string;
  profileId: number;
  profileDocumentId: string;
  token: string;
}

const passwordHash = hashSync(DEMO_PASSWORD, 8);

/**
 * A JWT as the login route issues it. Dozens of members cannot log in through the route itself:
 * users-permissions rate-limits it per client address.
 */
async function issue(strapi: Core.Strapi, userId: number): Promise<string> {
  const jwt = strapi.plugin('users-permissions').service('jwt') as {
    issue(payload: { id: number }): string | Promise<string>;
  };
  return jwt.issue({ id: userId });
}

/**
 * Members made for a test (account with the member role, profile), each with a JWT. `prefix` keeps e-mails, usernames and membership numbers apart between suites.
 */
export async function createMembers(strapi: Core.Strapi, prefix: string, count: number): Promise<TestMember[]> {
  const role = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' }, select: ['id'] })) as { id: number };
  const members: TestMember[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `${prefix}-${i}@test.example`;
    const user = (await strapi.db.query('plugin::users-permissions.user').create({
      data: {
        username: `${prefix}-${i}`,
        email,
        provider: 'local',
        password: passwordHash,
        confirmed: true,
        blocked: false,
        role: role.id,
        publishedAt: new Date(),
      },
    })) as { id: number; documentId: string };
    const displayName = `${prefix} ${i}`;
    const profile = (await strapi.documents('api::member-profile.member-profile').create({
      data: {
        displayName,
        membershipNumber: `T-${prefix}-${i}`.slice(0, 20),
        memberSince: '2026-01-01',
        user: user.documentId,
      } as never,
    })) as { id: number; documentId: string };
    members.push({
      userId: user.id,
      email,
      displayName,
      profileId: profile.id,
      profileDocumentId: profile.documentId,
      token: await issue(strapi, user.id),
    });
  }
  return members;
}

export const bearer = (member: { token: string }) => ({ Authorization: `Bearer ${member.token}` });

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

/** Anonymous calls of members' routes are refused before reaching them (users-permissions: 401 or 403). */
export function expectAnonymousRefused(status: number) {
  expect([401, 403]).toContain(status);
}

/** Removes what a suite made, so that the suites after it find the demo data as seeded. */
export async function removeMembers(strapi: Core.Strapi, members: TestMember[]) {
  const profiles = members.map((m) => m.profileId);
  for (const uid of [
    'api::membership.membership',
    'api::registration.registration',
    'api::notification.notification',
  ] as const) {
    const rows = (await strapi.db.query(uid).findMany({
      where: { profile: { id: { $in: profiles } } },
      select: ['id'],
    })) as Array<{ id: number }>;
    for (const row of rows) await strapi.db.query(uid).delete({ where: { id: row.id } });
  }
  for (const member of members) {
    await strapi.documents('api::member-profile.member-profile').delete({ documentId: member.profileDocumentId });
    await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: member.userId } });
  }
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
