import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import { contactMember, MAX_MESSAGE_LENGTH } from '../../../space/contact';
import type { SpaceContext } from '../../../space/context';
import { MAX_NEAR_KM, positionOf, searchDirectory } from '../../../space/directory';
import { NoMemberProfile, NoPosition } from '../../../space/errors';
import { UID } from '../../../space/tables';
import { pageParam, readQuery, textParam } from '../../../space/query';
import { localeOf } from '../../../space/values';

const searchSchema = yup.object({
  locale: yup.string(),
  q: textParam('q', 120),
  skill: textParam('skill', 60),
  city: textParam('city', 120),
  collective: textParam('collective', 80),
  near: yup
    .number()
    .typeError(
      `near doit être un nombre de kilomètres, au-dessus de 0 et jusqu’à ${MAX_NEAR_KM} / near must be a number of kilometres, above 0 and up to ${MAX_NEAR_KM}`,
    )
    .moreThan(0, 'near doit être au-dessus de 0 km / near must be above 0 km')
    .max(MAX_NEAR_KM, `near : ${MAX_NEAR_KM} km au plus / near: ${MAX_NEAR_KM} km at most`),
  page: pageParam,
});

const contactSchema = yup
  .object({
    message: yup
      .string()
      .typeError('le message doit être du texte / message must be text')
      .trim()
      .required('Écrivez un message / Write a message')
      .max(
        MAX_MESSAGE_LENGTH,
        `Le message est trop long (${MAX_MESSAGE_LENGTH} caractères au plus) / The message is too long (${MAX_MESSAGE_LENGTH} characters at most)`,
      ),
  })
  .noUnknown(true, 'champ inconnu : ${unknown} / unknown field: ${unknown}');

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
    const query = await readQuery<Search>(searchSchema, ctx.query);
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
