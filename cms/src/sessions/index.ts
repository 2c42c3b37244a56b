import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * Sessions on top of users-permissions' stateless JWTs: each token carries a random session id
 * (`sid`) and its issue time in milliseconds (`iatMs`), and a small revocation table lists what
 * no longer counts — one session ended by logout, or every session of an account issued before
 * a cut-off (password reset or change, erasure). The table is read on every authenticated
 * request, so a revocation holds for every CMS process at once.
 */

/** How long a JWT lives; users-permissions signs with it (config/plugins.ts) and revocations expire with it. */
export const SESSION_LIFETIME_S = 7 * 24 * 3600;

export const REVOCATION = 'api::session-revocation.session-revocation';

export interface SessionClaims {
  id: number;
  sid?: string;
  iatMs?: number;
  exp?: number;
}

/** The claims added to every token users-permissions issues. */
export function newSessionClaims(now = Date.now()): { sid: string; iatMs: number } {
  return { sid: randomBytes(16).toString('base64url'), iatMs: now };
}

/** True when the token's session was ended, or issued before its account's latest cut-off. */
export async function isRevoked(strapi: Core.Strapi, claims: SessionClaims): Promise<boolean> {
  // Tokens without a session id predate sessions and could never be logged out: refuse them.
  if (!claims.sid || typeof claims.iatMs !== 'number') return true;
  const hit = await strapi.db.query(REVOCATION).findOne({
    select: ['id'],
    where: {
      $or: [{ sessionId: claims.sid }, { userId: claims.id, revokedBefore: { $gt: new Date(claims.iatMs) } }],
    },
  });
  return hit !== null;
}

/** Ends one session (logout): its token answers 401 from now on. */
export async function revokeSession(strapi: Core.Strapi, claims: SessionClaims): Promise<void> {
  const expiresAt = new Date(claims.exp ? claims.exp * 1000 : Date.now() + SESSION_LIFETIME_S * 1000);
  await strapi.db.query(REVOCATION).create({ data: { sessionId: claims.sid, userId: claims.id, expiresAt } });
  await pruneRevocations(strapi);
}

/**
 * Ends every session of an account issued before `before` (password reset or change, erasure).
 * A token issued at exactly `before` — the one a reset hands back — stays valid.
 */
export async function revokeUserSessions(strapi: Core.Strapi, userId: number, before = new Date()): Promise<void> {
  const expiresAt = new Date(before.getTime() + SESSION_LIFETIME_S * 1000);
  await strapi.db.query(REVOCATION).create({ data: { userId, revokedBefore: before, expiresAt } });
  await pruneRevocations(strapi);
}

/** Revocations of tokens that have expired anyway stop nothing: the table stays small. */
async function pruneRevocations(strapi: Core.Strapi): Promise<void> {
  await strapi.db.query(REVOCATION).deleteMany({ where: { expiresAt: { $lt: new Date() } } });
}
