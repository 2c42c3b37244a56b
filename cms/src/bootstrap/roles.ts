import type { Core } from '@strapi/strapi';
import { allowedActions, roleKeys, roles } from '@notre-asso/config';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

interface PermissionRow {
  id: number;
  action: string;
}

/**
 * Makes the users-permissions roles and their permissions exactly what config/roles.ts declares:
 * missing roles are created, missing permissions added, permissions nobody declared removed
 * (including any added by hand in the admin panel, which would otherwise drift silently).
 */
export async function applyRoles(strapi: Core.Strapi) {
  await strapi.db.transaction(async () => {
    for (const key of roleKeys) {
      const def = roles[key];
      let role = (await strapi.db.query(ROLE).findOne({ where: { type: def.type } })) as { id: number } | null;
      if (!role) {
        role = (await strapi.db.query(ROLE).create({
          data: { type: def.type, name: def.name, description: def.description },
        })) as { id: number };
      } else {
        await strapi.db
          .query(ROLE)
          .update({ where: { id: role.id }, data: { name: def.name, description: def.description } });
      }
      const wanted = allowedActions(key);
      const current = (await strapi.db.query(PERMISSION).findMany({
        where: { role: { id: role.id } },
        select: ['id', 'action'],
      })) as PermissionRow[];
      const stale = current.filter((p) => !wanted.has(p.action));
      if (stale.length)
        await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: stale.map((p) => p.id) } } });
      const have = new Set(current.map((p) => p.action));
      for (const action of wanted) {
        if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
      }
    }
  });
}
