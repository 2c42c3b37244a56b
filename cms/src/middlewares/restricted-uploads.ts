import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isRestrictedUpload } from '../space/restricted-files';

interface Context {
  path: string;
  method: string;
}

/**
 * Placed before Strapi's public-files middleware and the upload plugin's `/uploads` route: the
 * file of a document that is not public answers 404 at its public URL, as if it did not exist.
 * Members get it from `/api/space/documents/:documentId/file`, which checks who asks.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      let decoded: string;
      try {
        decoded = decodeURIComponent(ctx.path);
      } catch {
        decoded = ctx.path;
      }
      // Normalised as the static servers will resolve it (`/x/../uploads/…`, `//uploads/…`).
      const normalised = path.posix.normalize(`/${decoded}`);
      if (normalised.startsWith('/uploads/') && (await isRestrictedUpload(strapi, normalised))) {
        throw new errors.NotFoundError('Not Found');
      }
    }
    await next();
  };
