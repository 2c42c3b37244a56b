import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import type { SpaceContext } from '../../../space/context';
import { DocumentNotFound } from '../../../space/errors';
import { findLibrary, reachableFile } from '../../../space/library';
import { pageParam, readQuery, textParam } from '../../../space/query';
import { localeOf } from '../../../space/values';

const PAGE_SIZE = 20;

const listSchema = yup.object({
  locale: yup.string(),
  q: textParam('q', 200),
  category: textParam('category', 80),
  page: pageParam,
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: SpaceContext) {
    const query = await readQuery<{ q?: string; category?: string; page?: number }>(listSchema, ctx.query);
    const viewer = await viewerOf(strapi, ctx);
    const { documents, pagination } = await findLibrary(strapi, viewer, {
      locale: localeOf(ctx.query.locale),
      q: query.q || undefined,
      category: query.category || undefined,
      page: query.page ?? 1,
      pageSize: PAGE_SIZE,
    });
    ctx.body = { data: documents, meta: { pagination } };
  },

  /** Streams the file after the access check; the local provider keeps it under public/uploads. */
  async file(ctx: SpaceContext) {
    const viewer = await viewerOf(strapi, ctx);
    const file = await reachableFile(strapi, viewer, ctx.params.documentId);
    if (!file || !file.url.startsWith('/uploads/')) throw new DocumentNotFound();
    const uploads = path.join(strapi.dirs.static.public, 'uploads');
    const location = path.join(uploads, path.basename(file.url));
    const info = await stat(location).catch(() => null);
    if (!info?.isFile()) throw new DocumentNotFound();
    ctx.attachment(`${path.parse(file.name).name}${file.ext ?? ''}`);
    ctx.type = file.mime;
    ctx.set('Content-Length', String(info.size));
    // Private: a shared cache must never keep a restricted file.
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = createReadStream(location);
  },
});
