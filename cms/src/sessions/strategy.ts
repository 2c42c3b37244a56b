import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { columnOf, linkOf, preparedRead, tableOf } from '@notre-asso/plugin-kit';
import { remembered } from '../access/role-abilities';
import { REVOCATION, type SessionClaims } from './index';

/**
 * users-permissions' content-API strategy reads, on every request with a token: the API-token
 * table (the admin's strategy asks first), our revocations, the account, its role and the
 * plugin's advanced settings — five statements before any work. Here the same checks cost one:
 * - a token shaped like a JWT is never an API token (those are hex strings), so the admin's
 *   strategy is not asked for it (`jwtSkipsApiTokens`);
 * - the account, its role and whether the session was ended are one query (`accountOf`);
 * - the advanced settings are remembered like the roles' permissions.
 * Requests without a token (anonymous) still go through the plugin's own code.
 */

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

interface Strategy {
  name: string;
  authenticate(ctx: StrategyContext): Promise<unknown>;
  verify?: unknown;
}

interface StrategyContext {
  request: { header: { authorization?: string } };
  state: { user?: unknown };
}

interface RouteState {
  state: { route?: { info?: { type?: string }; config?: { auth?: false | { strategies?: unknown[] } } } };
}

interface AuthService {
  register(type: string, strategy: Strategy): unknown;
  authenticate(ctx: RouteState & StrategyContext, next: () => Promise<unknown>): Promise<unknown>;
}

interface JwtService {
  /** The claims of a well-signed token, whether or not its session was ended. */
  claimsOf(token: string): Promise<SessionClaims>;
}

interface PermissionService {
  findRolePermissions(roleId: number): Promise<unknown[]>;
  toContentAPIPermission(permission: unknown): unknown;
}

/** The bearer token of a request, read as users-permissions reads it. */
function bearerOf(ctx: StrategyContext): string | null {
  const parts = ctx.request.header.authorization?.split(/\s+/) ?? [];
  return parts.length === 2 && parts[0]!.toLowerCase() === 'bearer' ? parts[1]! : null;
}

export interface Account {
  id: number;
  documentId: string;
  username: string;
  email: string;
  provider: string | null;
  confirmed: boolean;
  blocked: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  role: { id: number; documentId: string; name: string; description: string | null; type: string } | null;
}

/** The account of a session with its role, or null when the session was ended or the account is gone. */
async function accountOf(strapi: Core.Strapi, claims: SessionClaims): Promise<Account | null> {
  // Tokens without a session id predate sessions and could never be logged out: refuse them.
  if (!claims.sid || typeof claims.iatMs !== 'number') return null;
  const knex: Knex = strapi.db.connection;
  const roleLink = linkOf(strapi, USER, 'role');
  const col = (attribute: string) => columnOf(strapi, REVOCATION, attribute);
  const query = (sid: string, userId: number, issuedAt: Date) => {
    const revoked = knex
      .select(knex.raw('1'))
      .from(tableOf(strapi, REVOCATION))
      .where(col('sessionId'), sid)
      .orWhere((q) => q.where(col('userId'), userId).where(col('revokedBefore'), '>', issuedAt));
    return knex
      .select(
        'u.id',
        'u.document_id',
        'u.username',
        'u.email',
        'u.provider',
        'u.confirmed',
        'u.blocked',
        'u.created_at',
        'u.updated_at',
        'r.id as role_id',
        'r.document_id as role_document_id',
        'r.name as role_name',
        'r.description as role_description',
        'r.type as role_type',
      )
      .from(`${tableOf(strapi, USER)} as u`)
      .leftJoin(`${roleLink.table} as ur`, `ur.${roleLink.source}`, 'u.id')
      .leftJoin(`${tableOf(strapi, ROLE)} as r`, 'r.id', `ur.${roleLink.target}`)
      .where('u.id', userId)
      .whereNotExists(revoked)
      .limit(1);
  };
  const [row] = await preparedRead<Record<string, unknown>, [string, number, Date]>(
    knex,
    'session.account',
    query,
    claims.sid,
    claims.id,
    new Date(claims.iatMs),
  );
  if (!row) return null;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return {
    id: Number(row.id),
    documentId: String(row.document_id),
    username: String(row.username),
    email: String(row.email),
    provider: (row.provider as string | null) ?? null,
    confirmed: Boolean(row.confirmed),
    blocked: Boolean(row.blocked),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    role:
      row.role_id === null || row.role_id === undefined
        ? null
        : {
            id: Number(row.role_id),
            documentId: String(row.role_document_id),
            name: String(row.role_name),
            description: (row.role_description as string | null) ?? null,
            type: String(row.role_type),
          },
  };
}

const advancedSettings = (strapi: Core.Strapi) =>
  remembered('users-permissions:advanced', async () => {
    const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
    return ((await store.get({ key: 'advanced' })) ?? {}) as { email_confirmation?: boolean };
  });

function sessionStrategy(strapi: Core.Strapi, base: Strategy): Strategy {
  const service = <T>(name: string) => strapi.plugin('users-permissions').service(name) as T;
  return {
    ...base,
    async authenticate(ctx) {
      const token = bearerOf(ctx);
      // Anonymous: the public role's permissions, as the plugin does it.
      if (!token) return base.authenticate(ctx);
      try {
        const claims = await service<JwtService>('jwt').claimsOf(token);
        if (claims.id === undefined) return { authenticated: false };
        const [user, settings] = await Promise.all([accountOf(strapi, claims), advancedSettings(strapi)]);
        // Ended session, unknown, unconfirmed or blocked account: the same answer for all.
        if (!user || !user.role || user.blocked || (settings.email_confirmation && !user.confirmed))
          return { error: 'Invalid credentials' };
        const permissions = service<PermissionService>('permission');
        const granted = (await permissions.findRolePermissions(user.role.id)).map((p) =>
          permissions.toContentAPIPermission(p),
        );
        const ability = await (
          strapi as unknown as {
            contentAPI: { permissions: { engine: { generateAbility(p: unknown[]): Promise<unknown> } } };
          }
        ).contentAPI.permissions.engine.generateAbility(granted);
        ctx.state.user = user;
        return { authenticated: true, credentials: user, ability };
      } catch {
        return { authenticated: false };
      }
    },
  };
}

/** Puts `sessionStrategy` in the place of the plugin's strategy while the plugin registers it. */
export async function registeringSessionStrategy(strapi: Core.Strapi, register: () => unknown) {
  const auth = strapi.get('auth') as AuthService;
  const original = auth.register;
  auth.register = function (type, strategy) {
    const replaced = type === 'content-api' && strategy.name === 'users-permissions';
    return original.call(this, type, replaced ? sessionStrategy(strapi, strategy) : strategy);
  };
  try {
    await register();
  } finally {
    auth.register = original;
  }
}

/** A content-API request whose bearer token is a JWT asks only users-permissions' strategy. */
export function jwtSkipsApiTokens(strapi: Core.Strapi) {
  const auth = strapi.get('auth') as AuthService;
  const authenticate = auth.authenticate.bind(auth);
  auth.authenticate = (ctx, next) => {
    const route = ctx.state.route;
    const config = route?.config?.auth;
    const token = bearerOf(ctx);
    if (
      route?.info?.type === 'content-api' &&
      config !== false &&
      !config?.strategies &&
      token &&
      JWT_SHAPE.test(token)
    )
      ctx.state.route = {
        ...route,
        config: { ...route.config, auth: { ...config, strategies: ['users-permissions'] } },
      };
    return authenticate(ctx, next);
  };
}
