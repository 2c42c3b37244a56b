import { factories, type Core, type UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Filter, Scope } from './scopes';
import { viewerOf, type RequestContext, type Viewer } from './viewer';

type Query = Record<string, unknown> & { filters?: Filter; status?: string };
type Entity = Record<string, unknown>;

export interface ScopeOptions {
  /** What a viewer may see of an entity they may read (personal data); the whole entity by default. */
  shape?: (entity: Entity, viewer: Viewer) => Entity;
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

/** The Koa context Strapi hands to a controller action. */
type StrapiContext = Parameters<Core.ControllerHandler>[0];

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
    return {
      async find(this: CoreControllerHelpers, koaCtx: StrapiContext) {
        const ctx = koaCtx as unknown as ControllerContext;
        await this.validateQuery(ctx);
        const viewer = await viewerOf(strapi, ctx);
        const query = restrict(await this.sanitizeQuery(ctx), scope(viewer), viewer);
        const { results, pagination } = await service().find(query);
        const visible = results.map((entity) => shape(entity, viewer));
        return this.transformResponse(await this.sanitizeOutput(visible, ctx), { pagination });
      },
      async findOne(this: CoreControllerHelpers, koaCtx: StrapiContext) {
        const ctx = koaCtx as unknown as ControllerContext;
        await this.validateQuery(ctx);
        const viewer = await viewerOf(strapi, ctx);
        const query = restrict(await this.sanitizeQuery(ctx), scope(viewer), viewer);
        const entity = await service().findOne(String(ctx.params.id), query);
        if (!entity) throw new errors.NotFoundError('Not Found');
        return this.transformResponse(await this.sanitizeOutput(shape(entity, viewer), ctx));
      },
    };
  });
}
