import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { DEMO_PASSWORD, demoMembers, type DemoRole } from '../../database/seed/demo-accounts';

export const cmsDir = path.resolve(__dirname, '..', '..', 'cms');

/** Boots the real CMS (compiled in cms/dist) on the test database prepared by global-setup. */
export async function startStrapi(): Promise<Core.Strapi> {
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'warn';
  await strapi.server.mount();
  return strapi;
}

export async function stopStrapi(strapi: Core.Strapi | undefined) {
  if (strapi) await strapi.destroy();
}

/** Listens on a free port (for clients that need a URL, like the site build); returns the base URL. */
export async function listen(strapi: Core.Strapi): Promise<string> {
  const server = strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function http(strapi: Core.Strapi) {
  return request(strapi.server.httpServer);
}

const tokens = new Map<string, string>();

/** A JWT for a demo account, from the real login route; cached for the test file. */
export async function tokenFor(strapi: Core.Strapi, role: DemoRole): Promise<string> {
  const email = demoMembers[role].email;
  const cached = tokens.get(email);
  if (cached) return cached;
  const jwt = await freshTokenFor(strapi, role);
  tokens.set(email, jwt);
  return jwt;
}

/** A JWT of a session of its own, for tests that end it (logout) without logging out the cached one. */
export async function freshTokenFor(strapi: Core.Strapi, role: DemoRole): Promise<string> {
  const email = demoMembers[role].email;
  const res = await http(strapi).post('/api/auth/local').send({ identifier: email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.jwt;
}

export type Viewer = 'anonymous' | DemoRole;
export const viewers: Viewer[] = ['anonymous', 'member', 'lead', 'moderator', 'board'];

/** Headers for a request made as this viewer. */
export async function as(strapi: Core.Strapi, viewer: Viewer): Promise<Record<string, string>> {
  if (viewer === 'anonymous') return {};
  return { Authorization: `Bearer ${await tokenFor(strapi, viewer)}` };
}
