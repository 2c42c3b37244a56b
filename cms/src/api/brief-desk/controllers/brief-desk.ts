import type { Core } from '@strapi/strapi';
import { bodyOf } from '@notre-asso/plugin-kit';
import { viewerOf } from '../../../access/viewer';
import {
  createBrief,
  editBrief,
  listBriefs,
  previewBrief,
  publishBrief,
  removeBriefImage,
  setBriefImage,
  type UploadedFile,
} from '../../../briefs/desk';
import { action, memberOf } from '../../../participation/http';

/** The leads' brief desk (cms/src/briefs/desk.ts): drafts, preview, publication now or later. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  find: action(async (ctx) => {
    ctx.body = { data: await listBriefs(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
  create: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    // The board's technical accounts have no profile: their briefs have no author.
    const author = viewer.profileId === null ? null : (await memberOf(strapi, ctx)).profileDocumentId;
    ctx.body = { data: await createBrief(strapi, viewer, author, ctx.params.documentId, bodyOf(ctx.request.body)) };
    ctx.status = 201;
  }),
  preview: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    ctx.body = { data: await previewBrief(strapi, viewer, ctx.params.documentId, bodyOf(ctx.request.body)) };
  }),
  update: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { documentId, briefId } = ctx.params;
    ctx.body = { data: await editBrief(strapi, viewer, documentId, briefId, bodyOf(ctx.request.body)) };
  }),
  /** multipart/form-data: the file as `image`, its text alternative as `alt`. */
  setImage: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { documentId, briefId } = ctx.params;
    const files = (ctx.request as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
    const file = [files.image].flat()[0];
    ctx.body = {
      data: await setBriefImage(strapi, viewer, documentId, briefId, file, bodyOf(ctx.request.body)),
    };
  }),
  removeImage: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { documentId, briefId } = ctx.params;
    ctx.body = { data: await removeBriefImage(strapi, viewer, documentId, briefId) };
  }),
  publish: action(async (ctx) => {
    const viewer = await viewerOf(strapi, ctx);
    const { documentId, briefId } = ctx.params;
    ctx.body = { data: await publishBrief(strapi, viewer, documentId, briefId, bodyOf(ctx.request.body)) };
  }),
});
