import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import { scopedController, type StrapiContext } from '../../../access/scoped-controller';
import { scopes } from '../../../access/scopes';
import { viewerOf, type RequestContext, type Viewer } from '../../../access/viewer';

const UID = 'api::member-profile.member-profile';

/** What one member may see of another who consented to the directory (trombinoscope). */
export const directoryFields = ['id', 'documentId', 'displayName', 'city', 'skills', 'bio', 'college', 'memberSince'];

type Entity = Record<string, unknown>;

const shape = (entity: Entity, viewer: Viewer) =>
  viewer.role === 'board' || entity.id === viewer.profileId
    ? entity
    : Object.fromEntries(Object.entries(entity).filter(([key]) => directoryFields.includes(key)));

/** What members may change of their own profile; the membership number, college and dates belong to the board. */
const updateMeSchema = yup
  .object({
    displayName: yup.string().trim().min(1).max(120),
    city: yup.string().max(120).nullable(),
    postcode: yup
      .string()
      .matches(/^[0-9A-Z]{2}[0-9]{3}$/, 'postcode must be 5 characters, like 69001')
      .nullable(),
    lat: yup.number().min(-90).max(90).nullable(),
    lon: yup.number().min(-180).max(180).nullable(),
    skills: yup.array(yup.string().max(60)).max(30).nullable(),
    bio: yup.string().max(2000).nullable(),
    directoryConsent: yup.boolean(),
    newsletterConsent: yup.boolean(),
    // One mail per brief of the collectives followed by e-mail, or a digest (cms/src/mailing/digests.ts).
    mailFrequency: yup.string().oneOf(['each', 'daily', 'weekly'], 'mailFrequency: each | daily | weekly'),
    // Leads and moderators: one mail per report needing them, or a daily digest (plugins/moderation).
    moderationMail: yup.string().oneOf(['each', 'daily'], 'moderationMail: each | daily'),
  })
  .noUnknown(true, 'this field cannot be changed here: ${unknown}')
  .strict();

interface MeContext extends RequestContext {
  request: { body?: { data?: unknown } };
  body: unknown;
}

async function ownDocumentId(strapi: Core.Strapi, ctx: MeContext): Promise<string> {
  const viewer = await viewerOf(strapi, ctx);
  if (viewer.profileId === null) throw new errors.NotFoundError('This account has no member profile.');
  const profile = await strapi.db.query(UID).findOne({ where: { id: viewer.profileId }, select: ['documentId'] });
  return profile.documentId as string;
}

export default scopedController(UID, scopes.memberProfile, {
  shape,
  queryable: (viewer) => (viewer.role === 'board' ? null : [...directoryFields, 'followedCollectives']),
  actions: (strapi) => ({
    /** The member's own profile, every field of it. */
    async me(koaCtx: StrapiContext) {
      const ctx = koaCtx as unknown as MeContext;
      const documentId = await ownDocumentId(strapi, ctx);
      ctx.body = {
        data: await strapi.documents(UID).findOne({ documentId, populate: ['followedCollectives', 'ledCollectives'] }),
      };
    },
    async updateMe(koaCtx: StrapiContext) {
      const ctx = koaCtx as unknown as MeContext;
      const documentId = await ownDocumentId(strapi, ctx);
      const data = ctx.request.body?.data;
      if (typeof data !== 'object' || data === null)
        throw new errors.ValidationError('Missing "data" payload in the request body');
      const changes = (await validateYupSchema(updateMeSchema)(data)) as Entity;
      ctx.body = { data: await strapi.documents(UID).update({ documentId, data: changes }) };
    },
  }),
});
