import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { defaultLocale } from '@notre-asso/config';

/**
 * Strapi 5 stores relations per locale, but a page, event, document or brief belongs to the same
 * collective in every language: its visibility (a members-only collective's content is for
 * members) is decided by that collective. A translation saved without it would be public in that
 * language. So a new translation inherits the collective of the existing ones, and a save that
 * would give two languages different collectives is refused.
 */
const governed = new Set(['api::page.page', 'api::event.event', 'api::document.document', 'api::brief.brief']);

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; locale?: string; data?: Record<string, unknown> };
}

type Intent = { kind: 'unchanged' } | { kind: 'set'; documentId: string | null };

/** What a relation value asks for, in the shapes the REST API and the admin panel send. */
async function intentOf(strapi: Core.Strapi, value: unknown): Promise<Intent> {
  if (value === undefined) return { kind: 'unchanged' };
  if (value === null) return { kind: 'set', documentId: null };
  const target = async (v: unknown): Promise<string | null> => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') {
      const row = await strapi.db
        .query('api::collective.collective')
        .findOne({ where: { id: v }, select: ['documentId'] });
      return row?.documentId ?? null;
    }
    if (v && typeof v === 'object') {
      const o = v as { documentId?: unknown; id?: unknown };
      return target(o.documentId ?? o.id);
    }
    return null;
  };
  if (Array.isArray(value)) return { kind: 'set', documentId: value.length ? await target(value[0]) : null };
  if (typeof value === 'object') {
    const v = value as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[] };
    if (v.set) return { kind: 'set', documentId: v.set.length ? await target(v.set[0]) : null };
    if (v.connect?.length) return { kind: 'set', documentId: await target(v.connect[0]) };
    if (v.disconnect?.length) return { kind: 'set', documentId: null };
    if ('documentId' in v || 'id' in v) return { kind: 'set', documentId: await target(v) };
    return { kind: 'unchanged' };
  }
  return { kind: 'set', documentId: await target(value) };
}

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

export function sharedCollective(strapi: Core.Strapi): DocumentMiddleware {
  return async (documentCtx, next) => {
    const ctx = documentCtx as unknown as DocumentContext;
    const { documentId, data } = ctx.params;
    if (!governed.has(ctx.uid) || ctx.action !== 'update' || !documentId || !data) return next();
    const locale = ctx.params.locale ?? defaultLocale;

    const rows = (await strapi.db.query(ctx.uid).findMany({
      where: { documentId, publishedAt: null },
      select: ['locale'],
      populate: { collective: { select: ['documentId'] } },
    })) as Array<{ locale: string; collective: { documentId: string } | null }>;
    const others = rows.filter((r) => r.locale !== locale);
    if (!others.length) return next();
    const theirs = others[0].collective?.documentId ?? null;

    const intent = await intentOf(strapi, data.collective);
    const isNewTranslation = !rows.some((r) => r.locale === locale);
    if (intent.kind === 'unchanged') {
      if (isNewTranslation && theirs) ctx.params.data = { ...data, collective: theirs };
      return next();
    }
    if (intent.documentId !== theirs) {
      throw new errors.ValidationError(
        `The collective is the same in every language: the other translations belong to ${theirs ? `collective ${theirs}` : 'no collective'}. Change it in the ${others[0].locale} version first, or remove those translations.`,
      );
    }
    return next();
  };
}
