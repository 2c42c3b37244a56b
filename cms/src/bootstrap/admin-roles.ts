import type { Core } from '@strapi/strapi';
import { adminRoles, locales } from '@notre-asso/config';

interface AdminPermission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

interface ActionProvider {
  values(): Array<{ actionId: string; section: string }>;
}

/** Localized content types need the locales in each permission, or the role sees no entry at all. */
function isLocalized(strapi: Core.Strapi, uid: string | null | undefined): boolean {
  const model = uid
    ? (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as {
        pluginOptions?: { i18n?: { localized?: boolean } };
      })
    : null;
  return Boolean(model?.pluginOptions?.i18n?.localized);
}

const contentManagerAction = (verb: string) => `plugin::content-manager.explorer.${verb}`;

/**
 * The admin-panel roles of people who edit content (config/roles.ts `adminRoles`), with every
 * field and locale of the content types they manage; applied at every start like the API roles.
 */
export async function applyAdminRoles(strapi: Core.Strapi) {
  const roleService = strapi.service('admin::role');
  const actionProvider = strapi.service('admin::permission').actionProvider as ActionProvider;
  const contentTypeService = strapi.service('admin::content-type');
  await roleService.createRolesIfNoneExist();
  const contentTypeActions = actionProvider.values().filter((a) => a.section === 'contentTypes');
  const allContentPermissions = contentTypeService.getPermissionsWithNestedFields(
    contentTypeActions,
  ) as AdminPermission[];

  for (const def of adminRoles) {
    const actions = new Set(def.actions.map(contentManagerAction));
    const subjects = new Set(def.contentTypes);
    const permissions: AdminPermission[] = [
      ...allContentPermissions
        .filter((p) => actions.has(p.action) && p.subject && subjects.has(p.subject))
        .map((p) =>
          isLocalized(strapi, p.subject) ? { ...p, properties: { ...p.properties, locales: [...locales] } } : p,
        ),
      ...def.extra.map((action) => ({ action })),
    ];
    let role = await roleService.findOne({ code: def.code });
    if (!role) role = await roleService.create({ name: def.name, code: def.code, description: def.description });
    else await roleService.update({ id: role.id }, { name: def.name, description: def.description });
    await roleService.assignPermissions(role.id, permissions);
  }
}
