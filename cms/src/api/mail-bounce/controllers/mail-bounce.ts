import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import { clearAddress, invalidAddresses } from '../../../mailing/bounces';
import { action, validate } from '../../../participation/http';

const listSchema = yup.object({
  page: yup.number().typeError('page doit être un entier / page must be an integer').integer().min(1).default(1),
});

/** The board's view of invalid addresses (cms/src/mailing/bounces.ts) and the way to clear one. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  find: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { page } = await validate<{ page: number }>(
      listSchema,
      { page: ctx.query.page ?? undefined },
      { strict: false },
    );
    const { addresses, pagination } = await invalidAddresses(strapi, viewer, page);
    ctx.body = { data: addresses, meta: { pagination } };
  }),
  clear: action(async (ctx) => {
    ctx.body = { data: await clearAddress(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
});
