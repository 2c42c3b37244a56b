import { domainErrorBody, isDomainError } from '@notre-asso/plugin-kit';

interface Context {
  status: number;
  body: unknown;
}

/** Every domain failure, from the CMS or a plugin, answers with its status in Strapi's error shape. */
export default () => async (ctx: Context, next: () => Promise<void>) => {
  try {
    await next();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    ctx.status = error.status;
    ctx.body = domainErrorBody(error);
  }
};
