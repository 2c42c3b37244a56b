/**
 * The register is a legal record: a member profile or a share class that one of its movements,
 * subscriptions or redemptions names cannot be deleted through the Document Service (the admin
 * panel's Content Manager, the API, scripts). Deleting it would remove its link rows, and its
 * movements would silently drop out of the capital and the board's lists. A member who leaves is
 * erased by anonymising the profile (the privacy page), which keeps it.
 */
import type { Core } from '@strapi/strapi';
import { Conflict } from '@notre-asso/plugin-kit';
import { UID } from './store';

class InTheRegister extends Conflict {
  constructor(what: 'member' | 'class') {
    super(
      what === 'member'
        ? 'Ce membre figure au registre des parts sociales : on ne peut pas le supprimer. Pour effacer ses données, anonymisez son profil.'
        : 'Cette catégorie figure au registre des parts sociales : on ne peut pas la supprimer.',
      what === 'member'
        ? 'This member is in the shares register and cannot be deleted. To erase their data, anonymise the profile.'
        : 'This share class is in the shares register and cannot be deleted.',
      { rule: 'in-register' },
    );
  }
}

const RECORDS = [UID.movement, UID.subscription, UID.redemption] as const;

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

export function keepRegisterParties(strapi: Core.Strapi): Middleware {
  return async (context, next) => {
    const attribute = context.uid === UID.profile ? 'profile' : context.uid === UID.shareClass ? 'shareClass' : null;
    if (context.action !== 'delete' || !attribute) return next();
    const documentId = (context.params as { documentId?: string }).documentId;
    const rows = (await strapi.db.query(context.uid).findMany({ where: { documentId }, select: ['id'] })) as Array<{
      id: number;
    }>;
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return next();
    for (const uid of RECORDS)
      if ((await strapi.db.query(uid).count({ where: { [attribute]: { id: { $in: ids } } } })) > 0)
        throw new InTheRegister(attribute === 'profile' ? 'member' : 'class');
    return next();
  };
}
