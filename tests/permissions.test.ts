import type { Core } from '@strapi/strapi';
import { allowedActions, deniedToAll, roleKeys, roles, type RoleKey } from '@notre-asso/config';
import { as, freshTokenFor, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';
import { concretePath, contentApiRoutes, type ApiRoute } from './support/routes';

const roleOf: Record<Viewer, RoleKey> = {
  anonymous: 'public',
  member: 'member',
  lead: 'lead',
  moderator: 'moderator',
  board: 'board',
};

let strapi: Core.Strapi;
let routes: ApiRoute[];

beforeAll(async () => {
  strapi = await startStrapi();
  routes = contentApiRoutes(strapi);
});
afterAll(() => stopStrapi(strapi));

/** Routes that end the session they are called with: they get a session of their own. */
const endsSession = new Set(['/api/space/logout']);

/** One request as a viewer; write methods carry an empty JSON body. */
async function send(viewer: Viewer, method: string, path: string) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  const agent = http(strapi);
  const headers =
    endsSession.has(path) && viewer !== 'anonymous'
      ? { Authorization: `Bearer ${await freshTokenFor(strapi, viewer)}` }
      : await as(strapi, viewer);
  const request = agent[verb](path).set(headers);
  return verb === 'get' ? request : request.send({});
}

describe('the permission matrix of config/roles.ts', () => {
  it('finds every route the server mounted', () => {
    // Router layers without methods are the API prefix's middlewares, not routes.
    const mounted = strapi.server
      .api('content-api')
      .listRoutes()
      .filter((layer) => layer.methods.length > 0);
    expect(routes.length).toBe(mounted.length);
  });

  it('declares every content-API action: allowed to some role or denied to all', () => {
    const declared = new Set([...roleKeys.flatMap((r) => [...allowedActions(r)]), ...deniedToAll]);
    const undeclared = routes.filter((r) => !declared.has(r.action)).map((r) => `${r.method} ${r.path} (${r.action})`);
    expect(undeclared).toEqual([]);
  });

  it('declares no action that no route serves (a typo would silently grant nothing)', () => {
    const served = new Set(routes.map((r) => r.action));
    const stale = [...roleKeys.flatMap((r) => roles[r].allow), ...deniedToAll].filter((a) => !served.has(a));
    expect(stale).toEqual([]);
  });

  it('is applied: each role holds exactly the permissions the matrix gives it', async () => {
    for (const key of roleKeys) {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({
        where: { type: roles[key].type },
        populate: ['permissions'],
      });
      const held = (role.permissions as Array<{ action: string }>).map((p) => p.action).sort();
      expect({ role: key, held }).toEqual({ role: key, held: [...allowedActions(key)].sort() });
    }
  });
});

describe('every route × every role', () => {
  // Built after boot: the table is the mounted routes, crossed with the five viewers.
  it.each(viewers)('as %s: refused exactly where the matrix refuses', async (viewer) => {
    const allowed = allowedActions(roleOf[viewer]);
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(viewer, route.method, concretePath(route.path));
      const refused = res.status === 401 || res.status === 403;
      const expectRefused = !allowed.has(route.action);
      // A route-level policy may still refuse an allowed action for these made-up inputs (a lead
      // writing a brief of another collective): that is checked in the content tests, not here.
      const policyRefusal = refused && res.body?.error?.name === 'PolicyError';
      if (refused !== expectRefused && !policyRefusal) {
        wrong.push(
          `${route.method} ${route.path} → ${res.status} (${route.action} ${expectRefused ? 'denied' : 'allowed'})`,
        );
      }
      if (res.status >= 500) wrong.push(`${route.method} ${route.path} → ${res.status} (server error)`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('hand-written expectations for sensitive routes', () => {
  const cases: Array<[Viewer, string, string, number[]]> = [
    ['anonymous', 'get', '/api/member-profiles', [401]],
    ['anonymous', 'get', '/api/users', [401]],
    ['member', 'get', '/api/users', [403]],
    ['board', 'get', '/api/users', [403]],
    ['anonymous', 'post', '/api/auth/local/register', [401]],
    ['member', 'post', '/api/pages', [403]],
    ['lead', 'post', '/api/pages', [403]],
    ['moderator', 'post', '/api/briefs', [403]],
    ['member', 'post', '/api/briefs', [403]],
    ['member', 'get', '/api/member-profiles', [200]],
    ['anonymous', 'get', '/api/pages', [200]],
    ['anonymous', 'post', '/api/upload', [401]],
    ['member', 'post', '/api/upload', [403]],
    ['anonymous', 'get', '/api/users/me', [401]],
    ['member', 'get', '/api/users/me', [200]],
    // The shares register's yearly statements: a member's own, the board's for any member and its batch.
    ['anonymous', 'get', '/api/shares/me/statements/2016.pdf', [401]],
    ['member', 'get', '/api/shares/me/statements/2016.pdf', [404]],
    ['member', 'get', '/api/shares/members/x/statements/2016.pdf', [403]],
    ['lead', 'get', '/api/shares/members/x/statements/2016.pdf', [403]],
    ['moderator', 'get', '/api/shares/members/x/statements/2016.pdf', [403]],
    ['board', 'get', '/api/shares/members/x/statements/2016.pdf', [404]],
    ['anonymous', 'post', '/api/shares/statements/2016/batch', [401]],
    ['member', 'post', '/api/shares/statements/2016/batch', [403]],
    ['moderator', 'get', '/api/shares/statements/2016/batch', [403]],
    ['lead', 'get', '/api/shares/statements/2016/batch.zip', [403]],
    ['board', 'get', '/api/shares/statements/1999/batch', [404]],
  ];
  it.each(cases)('%s %s %s → %j', async (viewer, method, path, statuses) => {
    const res = await send(viewer, method, path);
    expect(statuses).toContain(res.status);
  });
});
