import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * An image the site shows (a collective's logo) needs a text alternative for people who cannot
 * see it (WCAG 1.1.1). Strapi's media library makes it optional, so saving or publishing content
 * whose image has none is refused with a message saying where to add it.
 */
const FILE = 'plugin::upload.file';

interface Attribute {
  type: string;
  allowedTypes?: string[];
}

interface DocumentContext {
  uid: string;
  action: string;
  contentType: { attributes: Record<string, Attribute> };
  params: { documentId?: string; locale?: string; data?: Record<string, unknown> };
}

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Media attributes that only take images: the ones shown as pictures. */
const imageAttributes = (ctx: DocumentContext) =>
  Object.entries(ctx.contentType.attributes ?? {})
    .filter(([, a]) => a.type === 'media' && a.allowedTypes?.length === 1 && a.allowedTypes[0] === 'images')
    .map(([name]) => name);

/** The file id a media value points to, in the shapes the REST API and the admin panel send. */
function fileId(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (Array.isArray(value)) return fileId(value[0]);
  if (value && typeof value === 'object' && 'id' in value) return fileId((value as { id: unknown }).id);
  return null;
}

export function imageAlt(strapi: Core.Strapi): DocumentMiddleware {
  const check = async (name: string, id: number | null) => {
    if (id === null) return;
    const file = await strapi.db.query(FILE).findOne({ where: { id }, select: ['name', 'alternativeText'] });
    if (file && !String(file.alternativeText ?? '').trim()) {
      throw new errors.ValidationError(
        `The image "${file.name}" (${name}) has no text alternative: describe it in the media library (alternative text) so that people who cannot see it know what it shows.`,
      );
    }
  };

  return async (documentCtx, next) => {
    const ctx = documentCtx as unknown as DocumentContext;
    const images = ctx.uid.startsWith('api::') ? imageAttributes(ctx) : [];
    if (!images.length) return next();

    if ((ctx.action === 'create' || ctx.action === 'update') && ctx.params.data) {
      for (const name of images) await check(name, fileId(ctx.params.data[name]));
    } else if (ctx.action === 'publish' && ctx.params.documentId) {
      const draft = await strapi.db.query(ctx.uid).findOne({
        where: {
          documentId: ctx.params.documentId,
          publishedAt: null,
          ...(typeof ctx.params.locale === 'string' && ctx.params.locale !== '*' ? { locale: ctx.params.locale } : {}),
        },
        populate: Object.fromEntries(images.map((name) => [name, { select: ['id'] }])),
      });
      for (const name of images) await check(name, fileId(draft?.[name]));
    }
    return next();
  };
}
