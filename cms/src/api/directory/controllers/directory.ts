import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import { contactMember, MAX_MESSAGE_LENGTH } from '../../../space/contact';
import type { SpaceContext } from '../../../space/context';
import { MAX_NEAR_KM, positionOf, searchDirectory } from '../../../space/directory';
import { NoMemberProfile, NoPosition } from '../../../space/errors';
import { UID } from '../../../space/tables';
import { localeOf } from '../../../space/values';

const text = (max: number) =>
  yup.string().trim().max(max, `\${path}: ${max} characters at most / ${max} caractères au plus`);

const searchSchema = yup.object({
  locale: yup.string(),
  q: text(120),
  skill: text(60),
  city: text(120),
  collective: text(80),
  near: yup
    .number()
    .typeError(
      `near must be a number of kilometres, above 0 and up to ${MAX_NEAR_KM} / near doit être un nombre de kilomètres, au-dessus de 0 et jusqu’à ${MAX_NEAR_KM}`,
    )
    .moreThan(0, `near must be above 0 km / near doit être au-dessus de 0 km`)
    .max(MAX_NEAR_KM, `near: ${MAX_NEAR_KM} km at most / ${MAX_NEAR_KM} km au plus`),
  page: yup
    .number()
    .typeError('page must be a positive whole number / page doit être un entier positif')
    .integer('page must be a positive whole number / page doit être un entier positif')
    .min(1, 'page must be a positive whole number / page doit être un entier positif')
    .max(10000),
});

const contactSchema = yup
  .object({
    message: yup
      .string()
      .typeError('message must be text / le message doit être du texte')
      .trim()
      .required('Write a message / Écrivez un message')
      .max(
        MAX_MESSAGE_LENGTH,
        `The message is too long (${MAX_MESSAGE_LENGTH} characters at most) / Le message est trop long (${MAX_MESSAGE_LENGTH} caractères au plus)`,
      ),
  })
  .noUnknown(true, 'unknown field: ${unknown}');

interface Search {
  q?: string;
  skill?: string;
  city?: string;
  collective?: string;
  near?: number;
  page?: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: SpaceContext) {
    const query = (await validateYupSchema(searchSchema, { strict: false })(ctx.query)) as Search;
    const viewer = await viewerOf(strapi, ctx);
    let near;
    if (query.near !== undefined) {
      const position = viewer.profileId === null ? null : await positionOf(strapi, viewer.profileId);
      if (!position) throw new NoPosition();
      near = { ...position, km: query.near };
    }
    const { entries, pagination } = await searchDirectory(strapi, {
      locale: localeOf(ctx.query.locale),
      q: query.q || undefined,
      skill: query.skill || undefined,
      city: query.city || undefined,
      collective: query.collective || undefined,
      near,
      page: query.page ?? 1,
    });
    ctx.body = { data: entries, meta: { pagination } };
  },

  async contact(ctx: SpaceContext) {
    const { message } = (await validateYupSchema(contactSchema, { strict: false })(ctx.request.body ?? {})) as {
      message: string;
    };
    const viewer = await viewerOf(strapi, ctx);
    if (viewer.profileId === null) throw new NoMemberProfile();
    const sender = (await strapi.db
      .query(UID.profile)
      .findOne({ where: { id: viewer.profileId }, select: ['displayName'] })) as {
      displayName: string;
    };
    await contactMember(strapi, {
      senderId: viewer.profileId,
      senderName: sender.displayName,
      recipientDocumentId: ctx.params.documentId,
      message,
      locale: 'fr',
    });
    ctx.status = 202;
    ctx.body = { data: { sent: true } };
  },
});
