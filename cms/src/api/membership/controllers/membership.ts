import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import * as collectives from '../../../participation/collectives';
import { action, bodyOf, localeOf, memberOf, validate } from '../../../participation/http';

const followSchema = yup.object({ emailBriefs: yup.boolean().required('emailBriefs (true or false) is required') });
const decisionSchema = yup.object({ accept: yup.boolean().required('accept (true or false) is required') });

/** The members' space around collectives: follow, join or leave, and what their leads manage. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  collectives: action(async (ctx) => {
    ctx.body = { data: await collectives.listCollectives(strapi, await memberOf(strapi, ctx), localeOf(ctx)) };
  }),
  follow: action(async (ctx) => {
    const member = await memberOf(strapi, ctx);
    const { emailBriefs } = await validate<{ emailBriefs: boolean }>(followSchema, bodyOf(ctx));
    ctx.body = { data: await collectives.follow(strapi, member, ctx.params.documentId, emailBriefs) };
  }),
  unfollow: action(async (ctx) => {
    ctx.body = { data: await collectives.unfollow(strapi, await memberOf(strapi, ctx), ctx.params.documentId) };
  }),
  join: action(async (ctx) => {
    ctx.body = { data: await collectives.join(strapi, await memberOf(strapi, ctx), ctx.params.documentId) };
    ctx.status = 201;
  }),
  leave: action(async (ctx) => {
    await collectives.leave(strapi, await memberOf(strapi, ctx), ctx.params.documentId);
    ctx.body = { data: { membership: null } };
  }),
  roster: action(async (ctx) => {
    ctx.body = { data: await collectives.roster(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
  decide: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { accept } = await validate<{ accept: boolean }>(decisionSchema, bodyOf(ctx));
    const decider = viewer.profileId === null ? null : await memberOf(strapi, ctx);
    await collectives.decide(
      strapi,
      viewer,
      decider && { id: decider.profileId, documentId: decider.profileDocumentId },
      ctx.params.documentId,
      ctx.params.profileDocumentId,
      accept,
    );
    ctx.body = { data: { state: accept ? 'active' : 'refused' } };
  }),
  removeMember: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    await collectives.removeMember(strapi, viewer, ctx.params.documentId, ctx.params.profileDocumentId);
    ctx.body = { data: { membership: null } };
  }),
});
