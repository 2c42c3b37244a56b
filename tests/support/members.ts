import type { Core } from '@strapi/strapi';
import { hashSync } from 'bcryptjs';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';
import { http } from './strapi';

export interface TestMember {
  email: string;
  displayName: string;
  profileId: number;
  profileDocumentId: string;
  token: string;
}

const passwordHash = hashSync(DEMO_PASSWORD, 8);

/**
 * Members made for a test (account with the member role, profile), logged in through the real
 * login route. `prefix` keeps e-mails, usernames and membership numbers apart between suites.
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
    })) as { documentId: string };
    const displayName = `${prefix} ${i}`;
    const profile = (await strapi.documents('api::member-profile.member-profile').create({
      data: {
        displayName,
        membershipNumber: `T-${prefix}-${i}`.slice(0, 20),
        memberSince: '2026-01-01',
        user: user.documentId,
      } as never,
    })) as { id: number; documentId: string };
    members.push({ email, displayName, profileId: profile.id, profileDocumentId: profile.documentId, token: '' });
  }
  for (const member of members) {
    const res = await http(strapi).post('/api/auth/local').send({ identifier: member.email, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login of ${member.email} failed: ${res.status}`);
    member.token = res.body.jwt;
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
