import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';

const PROFILE = 'api::member-profile.member-profile';

export interface TestMember {
  userId: number;
  profileId: number;
  documentId: string;
  email: string;
  jwt: string;
  headers: Record<string, string>;
}

let sequence = 0;

/**
 * A member of our own for a test (the demo accounts are shared by every suite): an account with
 * the demo password, a profile, and a token issued like the login route's (which is rate-limited
 * per client address, too tight for a suite that needs many members).
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
  const created = (await strapi.documents(PROFILE).create({
    data: {
      displayName: `Membre ${tag}`,
      membershipNumber: `T-${sequence}-${Date.now() % 1e8}`.slice(0, 20),
      memberSince: '2024-01-01',
      directoryConsent: true,
      user: user.documentId,
      ...profile,
    } as never,
  })) as unknown as { id: number; documentId: string };
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) as string;
  return {
    userId: user.id,
    profileId: created.id,
    documentId: created.documentId,
    email,
    jwt,
    headers: { Authorization: `Bearer ${jwt}` },
  };
}
