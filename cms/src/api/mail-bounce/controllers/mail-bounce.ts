import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import { clearAddress, invalidAddresses } from '../../../mailing/bounces';
import { action, validate } from '../../../participation/http';

const listSchema = yup.object({
  page: yup.number().typeError('page doit être un entier / page must be an integer').integer().min(1).default(1),
  q: yup.string().trim().max(100, 'q : 100 caractères au plus / q: 100 characters at most').default(''),
});

/** The board's view of invalid addresses (cms/src/mailing/bounces.ts) and the way to clear one. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  find: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const query = await validate<{ page: number; q: string }>(
      listSchema,
      { page: ctx.query.page ?? undefined, q: ctx.query.q ?? undefined },
      { strict: false },
    );
    const { addresses, pagination } = await invalidAddresses(strapi, viewer, query);
    ctx.body = { data: addresses, meta: { pagination } };
  }),
  clear: action(async (ctx) => {
    ctx.body = { data: await clearAddress(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
});
