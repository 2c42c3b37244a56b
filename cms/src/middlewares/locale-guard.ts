import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales } from '@notre-asso/config';

interface Ctx {
  path: string;
  query: Record<string, unknown>;
}

/**
 * Strapi answers an unknown `locale` with an empty list, and even creates content in it;
 * here an unknown locale is the client's mistake and gets a 400 naming the available ones.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Ctx, next: () => Promise<void>) => {
    const locale = ctx.query.locale;
    // The configured locales exist (bootstrap creates them): only others cost a database query.
    const configured = (locales as readonly unknown[]).includes(locale);
    if (ctx.path.startsWith('/api/') && locale !== undefined && locale !== '*' && locale !== 'all' && !configured) {
      const service = strapi.plugin('i18n').service('locales');
      const known = typeof locale === 'string' && (await service.findByCode(locale));
      if (!known) {
        const codes = (await service.find()).map((l: { code: string }) => l.code).join(', ');
        throw new errors.ValidationError(`Unknown locale "${String(locale)}": use one of ${codes}.`);
      }
    }
    await next();
  };
