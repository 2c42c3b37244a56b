import type { Core } from '@strapi/strapi';

/**
 * users-permissions reads the role's permissions from the database and builds its ability on every
 * request (the public role's on anonymous ones): several queries and a rebuild for an answer that
 * changes only when someone edits a role. Both are kept here per role and forgotten whenever a
 * role or permission row is written (`watchRoleChanges`), and after a minute in any case, for
 * changes made behind the ORM's back. The same goes for the settings the authentication reads.
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
const settings = new Memo<unknown>();

/** A setting of the core store (users-permissions' advanced settings), read once a minute at most. */
export const remembered = <T>(key: string, read: () => Promise<T>): Promise<T> => settings.get(key, read) as Promise<T>;

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

const writes = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];
const onWrite = (forget: () => void) => Object.fromEntries(writes.map((w) => [`after${w}`, forget]));

/** Any write to a role or a permission forgets what was remembered; any write to the core store, the settings. */
export function watchRoleChanges(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.permission', 'plugin::users-permissions.role'],
    ...onWrite(() => {
      permissions.clear();
      abilities.clear();
    }),
  });
  strapi.db.lifecycles.subscribe({ models: ['strapi::core-store'], ...onWrite(() => settings.clear()) });
}
