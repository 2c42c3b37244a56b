import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { locales } from '@notre-asso/config';
import { viewerOf } from '../../../access/viewer';
import { action, bodyOf, memberOf, validate } from '../../../participation/http';
import { decideProposal, propose, proposals, type ProposalInput } from '../../../participation/proposals';

const proposalSchema = yup
  .object({
    collective: yup.string().required('collective (its documentId) is required'),
    title: yup.string().trim().min(3, 'the title needs at least 3 characters').max(200).required('title is required'),
    description: yup.string().max(50000),
    startsAt: yup
      .date()
      .typeError('startsAt must be a date')
      .required('startsAt is required')
      .test('future', 'startsAt must be in the future', (value) => !value || value.getTime() > Date.now()),
    endsAt: yup
      .date()
      .typeError('endsAt must be a date')
      .required('endsAt is required')
      .min(yup.ref('startsAt'), 'endsAt must be after startsAt'),
    place: yup.string().max(300),
    capacity: yup.number().integer('capacity must be a whole number').min(1, 'capacity must be at least 1'),
    audience: yup.string().oneOf(['public', 'members'], 'audience is public or members'),
    locale: yup
      .string()
      .oneOf([...locales], `locale is one of ${locales.join(', ')}`)
      .default('fr'),
  })
  .noUnknown(true, 'unknown field: ${unknown}');

const decisionSchema = yup.object({
  approve: yup.boolean().required('approve (true or false) is required'),
  reason: yup.string().trim().max(1000),
});

/** Members propose events in their collectives; leads and the board approve or refuse them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  create: action(async (ctx) => {
    const member = await memberOf(strapi, ctx);
    // Not strict: dates arrive as ISO strings and are cast, the locale gets its default.
    const input = await validate<ProposalInput>(proposalSchema, bodyOf(ctx), { strict: false });
    ctx.body = { data: await propose(strapi, member, input) };
    ctx.status = 201;
  }),
  find: action(async (ctx) => {
    ctx.body = { data: await proposals(strapi, await memberOf(strapi, ctx)) };
  }),
  decide: action(async (ctx) => {
    const { approve, reason } = await validate<{ approve: boolean; reason?: string }>(decisionSchema, bodyOf(ctx));
    ctx.body = {
      data: await decideProposal(strapi, await viewerOf(strapi, ctx), ctx.params.documentId, approve, reason),
    };
  }),
});
