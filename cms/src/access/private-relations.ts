import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Members' personal data is read through /api/member-profiles, where it is scoped and trimmed to
 * the directory. Reaching a profile or an account through another content type (a collective's
 * followers, a brief's author, a profile's account) would bypass that, and a filter through them
 * would let one guess what cannot be read (`filters[followers][lat][$gt]=45`). So, except for the
 * board, a query may not populate, filter or sort through a relation into these types.
 */
const PRIVATE = new Set(['api::member-profile.member-profile', 'plugin::users-permissions.user']);

interface Attribute {
  type: string;
  target?: string;
}

type Walk = (uid: string, value: unknown) => void;

export function assertNoPrivateTraversal(strapi: Core.Strapi, uid: string, query: Record<string, unknown>) {
  const attribute = (model: string, key: string): Attribute | undefined =>
    (strapi.getModel(model as Parameters<Core.Strapi['getModel']>[0])?.attributes as Record<string, Attribute>)?.[key];

  /** Follows a relation; refuses it when it leads into personal data. */
  const through = (model: string, key: string, what: string): string | null => {
    const attr = attribute(model, key);
    if (attr?.type !== 'relation' || !attr.target) return null;
    if (PRIVATE.has(attr.target)) {
      throw new errors.ValidationError(
        `You cannot ${what} "${key}": members' data is read through /api/member-profiles.`,
      );
    }
    return attr.target;
  };

  const populate: Walk = (model, value) => {
    if (value === '*' || value === true) {
      const attrs = strapi.getModel(model as Parameters<Core.Strapi['getModel']>[0])?.attributes ?? {};
      Object.keys(attrs).forEach((key) => through(model, key, 'populate'));
    } else if (typeof value === 'string') {
      value.split(',').forEach((path) => populatePath(model, path.trim().split('.')));
    } else if (Array.isArray(value)) {
      value.forEach((item) => populate(model, item));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const target = through(model, key, 'populate');
        if (!target || !inner || typeof inner !== 'object') continue;
        const nested = inner as Record<string, unknown>;
        if (nested.populate !== undefined) populate(target, nested.populate);
        if (nested.filters !== undefined) filters(target, nested.filters);
        if (nested.sort !== undefined) sort(target, nested.sort);
      }
    }
  };
  const populatePath = (model: string, path: string[]) => {
    const [head, ...rest] = path;
    if (!head || head === '*') return populate(model, '*');
    const target = through(model, head, 'populate');
    if (target && rest.length) populatePath(target, rest);
  };

  const filters: Walk = (model, value) => {
    if (Array.isArray(value)) return value.forEach((item) => filters(model, item));
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$and' || key === '$or' || key === '$not') filters(model, inner);
      else if (!key.startsWith('$')) {
        const target = through(model, key, 'filter on');
        if (target) filters(target, inner);
      }
    }
  };

  const sort: Walk = (model, value) => {
    if (Array.isArray(value)) return value.forEach((item) => sort(model, item));
    if (typeof value === 'string') {
      for (const part of value.split(',')) {
        const path = part.split(':')[0].trim().split('.');
        let current: string | null = model;
        for (const key of path.slice(0, -1)) current = current && through(current, key, 'sort on');
      }
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const target = through(model, key, 'sort on');
        if (target) sort(target, inner);
      }
    }
  };

  populate(uid, query.populate);
  filters(uid, query.filters);
  sort(uid, query.sort);
}
