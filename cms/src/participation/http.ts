import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, type yup } from '@strapi/utils';
import { locales, defaultLocale, type Locale } from '@notre-asso/config';
import { viewerOf, type RequestContext, type Viewer } from '../access/viewer';
import { NoMemberProfile } from './errors';

/** The Koa context of the members' space actions, as far as they read it. */
export interface SpaceContext extends RequestContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
  origin: string;
  set(field: string, value: string): void;
}

export type SpaceAction = (ctx: SpaceContext) => Promise<void>;

/** A members' space action as a Koa handler (domain failures are mapped by the domain-errors middleware). */
export function action(handler: SpaceAction): (koaCtx: unknown) => Promise<void> {
  return (koaCtx) => handler(koaCtx as SpaceContext);
}

/** The member behind the request: their viewer and their profile (technical accounts without one are refused). */
export interface Member {
  viewer: Viewer;
  profileId: number;
  profileDocumentId: string;
}

export async function memberOf(strapi: Core.Strapi, ctx: SpaceContext): Promise<Member> {
  const viewer = await viewerOf(strapi, ctx);
  if (viewer.profileId === null) throw new NoMemberProfile();
  const profile = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: viewer.profileId }, select: ['documentId'] })) as { documentId: string };
  return { viewer, profileId: viewer.profileId, profileDocumentId: profile.documentId };
}

export function localeOf(ctx: SpaceContext): Locale {
  const asked = ctx.query.locale;
  return (locales as readonly string[]).includes(String(asked)) ? (asked as Locale) : defaultLocale;
}

/** The request body, whether sent bare or wrapped in `data` as Strapi's own routes expect. */
export function bodyOf(ctx: SpaceContext): Record<string, unknown> {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const inner = body.data;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : body;
}

/**
 * The body checked against a request's schema; a 400 whose message names every problem
 * (Strapi's own says only "3 errors occurred"). Not strict when asked: ISO dates are cast.
 */
export async function validate<T>(
  schema: yup.AnySchema,
  body: unknown,
  options: { strict?: boolean } = {},
): Promise<T> {
  try {
    return (await validateYupSchema(schema, options)(body)) as T;
  } catch (error) {
    const details = (error as { details?: { errors?: Array<{ message: string }> } }).details;
    if (error instanceof errors.ValidationError && details?.errors?.length)
      throw new errors.ValidationError(details.errors.map((e) => e.message).join('; '), details);
    throw error;
  }
}
