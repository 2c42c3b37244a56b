import { factories, type Core, type UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertNoPrivateTraversal } from './private-relations';
import type { Filter, Scope } from './scopes';
import { viewerOf, type RequestContext, type Viewer } from './viewer';

type Query = Record<string, unknown> & { filters?: Filter; status?: string };
type Entity = Record<string, unknown>;

/** The Koa context Strapi hands to a controller action. */
export type StrapiContext = Parameters<Core.ControllerHandler>[0];

export interface ScopeOptions {
  /** What a viewer may see of an entity they may read (personal data); the whole entity by default. */
  shape?: (entity: Entity, viewer: Viewer) => Entity;
  /** Fields a viewer may filter and sort on (others could reveal what they may not see); all by default. */
  queryable?: (viewer: Viewer) => string[] | null;
  /** The content type's own actions besides the core ones. */
  actions?: (strapi: Core.Strapi) => Record<string, (ctx: StrapiContext) => Promise<void>>;
}

/** Throws a 400 naming the first field of a filter or sort that is not in `allowed`. */
export function assertQueryable(query: Query, allowed: string[]) {
  const check = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(check);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$and' || key === '$or' || key === '$not') check(inner);
      else if (!key.startsWith('$') && !allowed.includes(key)) {
        throw new errors.ValidationError(`You cannot filter or sort on "${key}".`);
      }
    }
  };
  check(query.filters);
  const sort = [query.sort].flat().filter(Boolean);
  for (const entry of sort) {
    const keys = typeof entry === 'string' ? [entry.split(':')[0]] : Object.keys(entry as object);
    for (const key of keys)
      if (!allowed.includes(key)) throw new errors.ValidationError(`You cannot filter or sort on "${key}".`);
  }
}

/** A user's filters and the viewer's scope both apply; nobody but the board reads drafts. */
export function restrict(query: Query, scope: Filter, viewer: Viewer): Query {
  const filters = query.filters ? { $and: [query.filters, scope] } : scope;
  const status = viewer.role === 'board' && query.status === 'draft' ? 'draft' : 'published';
  return { ...query, filters, status };
}

interface ControllerContext extends RequestContext {
  params: { id?: string };
  query: Record<string, unknown>;
}

interface CoreControllerHelpers {
  validateQuery(ctx: ControllerContext): Promise<void>;
  sanitizeQuery(ctx: ControllerContext): Promise<Query>;
  sanitizeOutput(data: unknown, ctx: ControllerContext): Promise<unknown>;
  transformResponse(data: unknown, meta?: unknown): unknown;
}

interface ReadService {
  find(params: Query): Promise<{ results: Entity[]; pagination: unknown }>;
  findOne(documentId: string, params: Query): Promise<Entity | null>;
}

/**
 * The core controller of a content type with reads restricted to what the viewer may see:
 * list results are filtered in the database query, and a single entry outside the viewer's
 * scope answers 404 exactly like one that does not exist.
 */
export function scopedController(uid: UID.ContentType, scope: Scope, options: ScopeOptions = {}) {
  const shape = options.shape ?? ((entity: Entity) => entity);
  return factories.createCoreController(uid, ({ strapi }: { strapi: Core.Strapi }) => {
    const service = () => strapi.service(uid as unknown as UID.Service) as unknown as ReadService;
    /** The viewer's query, checked for what it may not reach, restricted to what they may see. */
    const readQuery = async (helpers: CoreControllerHelpers, ctx: ControllerContext, viewer: Viewer) => {
      const sanitized = await helpers.sanitizeQuery(ctx);
      if (viewer.role !== 'board') assertNoPrivateTraversal(strapi, uid, sanitized);
      const queryable = options.queryable?.(viewer);
      if (queryable) assertQueryable(sanitized, queryable);
      return restrict(sanitized, scope(viewer), viewer);
    };
    return {
      ...options.actions?.(strapi),
      async find(this: CoreControllerHelpers, koaCtx: StrapiContext) {
        const ctx = koaCtx as unknown as ControllerContext;
        await this.validateQuery(ctx);
        const viewer = await viewerOf(strapi, ctx);
        const query = await readQuery(this, ctx, viewer);
        const { results, pagination } = await service().find(query);
        const visible = results.map((entity) => shape(entity, viewer));
        return this.transformResponse(await this.sanitizeOutput(visible, ctx), { pagination });
      },
      async findOne(this: CoreControllerHelpers, koaCtx: StrapiContext) {
        const ctx = koaCtx as unknown as ControllerContext;
        await this.validateQuery(ctx);
        const viewer = await viewerOf(strapi, ctx);
        const query = await readQuery(this, ctx, viewer);
        const entity = await service().findOne(String(ctx.params.id), query);
        if (!entity) throw new errors.NotFoundError('Not Found');
        return this.transformResponse(await this.sanitizeOutput(shape(entity, viewer), ctx));
      },
    };
  });
}
