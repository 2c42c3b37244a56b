import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import jwt, { type Algorithm } from 'jsonwebtoken';
import { errors } from '@strapi/utils';
import { rememberAbilities, rememberingRolePermissions } from '../../access/role-abilities';
import { isRevoked, newSessionClaims, revokeUserSessions, type SessionClaims } from '../../sessions';
import { jwtSkipsApiTokens, registeringSessionStrategy } from '../../sessions/strategy';
import { LoginThrottle, loginThrottleMiddleware } from '../../sessions/throttle';

/**
 * Extends users-permissions (legacy JWT mode) with sessions and a login throttle:
 * - every JWT it issues carries a session id, and tokens of ended sessions fail verification
 *   (the strategy then answers 401 on every route);
 * - a password reset or change ends the account's other sessions;
 * - failed logins are throttled per address and per account (cms/src/sessions/throttle.ts),
 *   instead of the plugin's own limiter, which counts successful logins too;
 * - an anonymous visitor refused an action gets 401 (log in), not 403, like a bad token does;
 * - each role's permissions and ability are read once, not on every request (access/role-abilities.ts);
 * - a request with a token is authenticated in one query, not five (sessions/strategy.ts).
 */

type Deps = { strapi: Core.Strapi };
type Factory<T> = (deps: Deps) => T;
type Payload = Record<string, unknown> & { toJSON?: () => Record<string, unknown> };
type Handler = (ctx: AuthContext) => Promise<unknown>;

interface JwtService {
  issue(payload: Payload, options?: object): string;
  verify(token: string): Promise<SessionClaims>;
  /** The claims of a well-signed token, its session not checked (the session strategy checks it in its own query). */
  claimsOf(token: string): Promise<SessionClaims>;
}

interface AuthContext {
  body?: { jwt?: string };
}

interface Route {
  method: string;
  path: string;
  config?: { middlewares?: unknown[] };
}

interface AuthState {
  strategy?: { name?: string };
  credentials?: unknown;
}

interface AuthService {
  verify(auth: AuthState | undefined, config: unknown): Promise<void>;
}

interface UsersPermissionsServer {
  register(deps: Deps): unknown;
  services: Record<string, unknown>;
  controllers: Record<string, unknown>;
  middlewares: Record<string, unknown>;
  routes: Record<string, { routes: Route[] }>;
}

function withSessions(jwt: Factory<JwtService>): Factory<JwtService> {
  return ({ strapi }) => {
    const base = jwt({ strapi });
    return {
      ...base,
      // Synchronous like the original: the auth controller does not await it.
      issue(payload, options) {
        const claims = typeof payload.toJSON === 'function' ? payload.toJSON() : payload;
        return base.issue({ ...claims, ...newSessionClaims() }, options);
      },
      async verify(token) {
        const claims = await base.verify(token);
        if (await isRevoked(strapi, claims)) throw new Error('Invalid token.');
        return claims;
      },
      claimsOf: (token) => claimsOf(strapi, token) ?? base.verify(token),
    };
  };
}

/**
 * A legacy-mode HS token's claims, verified as the plugin verifies them but with the secret made a
 * key once: given the secret as a string, jsonwebtoken first tries it as a public key (which
 * throws) and then makes a secret key of it, at every request. Null in other modes: the plugin's
 * own verification applies.
 */
function claimsOf(strapi: Core.Strapi, token: string): Promise<SessionClaims> | null {
  const algorithm =
    strapi.config.get<{ algorithm?: Algorithm }>('plugin::users-permissions.jwt', {}).algorithm ?? 'HS256';
  const mode = strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support');
  if (mode === 'refresh' || !algorithm.startsWith('HS')) return null;
  const secret = strapi.config.get<string>('plugin::users-permissions.jwtSecret');
  if (secretKey?.secret !== secret) secretKey = { secret, key: createSecretKey(Buffer.from(secret)) };
  const { key } = secretKey;
  return new Promise((resolve, reject) =>
    jwt.verify(token, key, { algorithms: [algorithm] }, (error, payload) =>
      error || !payload || typeof payload === 'string'
        ? reject(new Error('Invalid token.'))
        : resolve(payload as SessionClaims),
    ),
  );
}

let secretKey: { secret: string; key: KeyObject } | undefined;

function endingOtherSessions(auth: Factory<Record<string, Handler>>): Factory<Record<string, Handler>> {
  return ({ strapi }) => {
    const base = auth({ strapi });
    /** Keeps the token the controller just issued; every older one of that account stops working. */
    const keepOnlyNewToken = async (ctx: AuthContext) => {
      if (!ctx.body?.jwt) return;
      const jwt = strapi.plugin('users-permissions').service('jwt') as JwtService;
      const claims = await jwt.verify(ctx.body.jwt);
      await revokeUserSessions(strapi, claims.id, new Date(claims.iatMs as number));
    };
    return {
      ...base,
      async resetPassword(ctx) {
        await base.resetPassword!(ctx);
        await keepOnlyNewToken(ctx);
      },
      async changePassword(ctx) {
        await base.changePassword!(ctx);
        await keepOnlyNewToken(ctx);
      },
    };
  };
}

function anonymousRefusalsAre401(strapi: Core.Strapi) {
  const auth = strapi.get('auth') as AuthService;
  const verify = auth.verify.bind(auth);
  auth.verify = async (state, config) => {
    try {
      await verify(state, config);
    } catch (error) {
      const anonymous = state?.strategy?.name === 'users-permissions' && !state.credentials;
      if (anonymous && error instanceof errors.ForbiddenError && !(error instanceof errors.PolicyError))
        throw new errors.UnauthorizedError();
      throw error;
    }
  };
}

export default (plugin: UsersPermissionsServer) => {
  plugin.services.permission = rememberingRolePermissions(plugin.services.permission as never);
  plugin.services.jwt = withSessions(plugin.services.jwt as Factory<JwtService>);
  plugin.controllers.auth = endingOtherSessions(plugin.controllers.auth as Factory<Record<string, Handler>>);

  const throttle = new LoginThrottle();
  plugin.middlewares.loginThrottle = () => loginThrottleMiddleware(throttle);
  const login = plugin.routes['content-api']!.routes.find((r) => r.method === 'POST' && r.path === '/auth/local');
  if (!login) throw new Error('users-permissions has no POST /auth/local route to throttle');
  login.config = { ...login.config, middlewares: ['plugin::users-permissions.loginThrottle'] };

  const register = plugin.register;
  plugin.register = async (deps: Deps) => {
    await registeringSessionStrategy(deps.strapi, () => register(deps));
    jwtSkipsApiTokens(deps.strapi);
    anonymousRefusalsAre401(deps.strapi);
    rememberAbilities(deps.strapi);
  };
  return plugin;
};
