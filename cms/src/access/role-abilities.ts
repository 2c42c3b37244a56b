import type { Core } from '@strapi/strapi';

/**
 * users-permissions reads the role's permissions from the database and builds its ability on every
 * request (the public role's on anonymous ones): several queries and a rebuild for an answer that
 * changes only when someone edits a role. Both are kept here per role and forgotten whenever a
 * role or permission row is written (`watchRoleChanges`), and after a minute in any case, for
 * changes made behind the ORM's back.
 */
const LIFETIME_MS = 60_000;

interface Entry<T> {
  value: Promise<T>;
  until: number;
}

class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = compute();
    this.entries.set(key, { value, until: now + LIFETIME_MS });
    // A failed read is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear() {
    this.entries.clear();
  }
}

const permissions = new Memo<unknown[]>();
const abilities = new Memo<unknown>();

type Factory<T> = (deps: { strapi: Core.Strapi }) => T;

interface PermissionService {
  findRolePermissions(roleId: number): Promise<unknown[]>;
  findPublicPermissions(): Promise<unknown[]>;
}

/** The users-permissions permission service, reading each role's permissions once. */
export function rememberingRolePermissions<S extends PermissionService>(factory: Factory<S>): Factory<S> {
  return (deps) => {
    const service = factory(deps);
    return {
      ...service,
      findRolePermissions: (roleId: number) =>
        permissions.get(`role:${roleId}`, () => service.findRolePermissions(roleId)),
      findPublicPermissions: () => permissions.get('public', () => service.findPublicPermissions()),
    };
  };
}

interface AbilityEngine {
  generateAbility(permissions: unknown[], options?: object): Promise<unknown>;
}

/**
 * The content API's ability for a set of permissions, built once per set. Content-API permissions
 * carry no conditions, so an ability depends on nothing but its permissions.
 */
export function rememberAbilities(strapi: Core.Strapi) {
  const engine = (strapi as unknown as { contentAPI: { permissions: { engine: AbilityEngine } } }).contentAPI
    .permissions.engine;
  const generate = engine.generateAbility.bind(engine);
  engine.generateAbility = (list, options) => {
    if (options && Object.keys(options).length) return generate(list, options);
    return abilities.get(JSON.stringify(list), () => generate(list));
  };
}

const watched = ['plugin::users-permissions.permission', 'plugin::users-permissions.role'];
const writes = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];

/** Any write to a role or a permission forgets what was remembered. */
export function watchRoleChanges(strapi: Core.Strapi) {
  const forget = () => {
    permissions.clear();
    abilities.clear();
  };
  strapi.db.lifecycles.subscribe({
    models: watched,
    ...Object.fromEntries(writes.map((w) => [`after${w}`, forget])),
  });
}
