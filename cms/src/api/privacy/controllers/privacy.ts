import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import type { SpaceContext } from '../../../space/context';
import { checkPassword, eraseMember } from '../../../space/erasure';
import { exportPersonalData } from '../../../space/personal-data';

const erasureSchema = yup.object({
  password: yup
    .string()
    .typeError('password must be text / le mot de passe doit être du texte')
    .required('Confirm with your password / Confirmez avec votre mot de passe'),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Everything we hold about me, as a JSON file (RGPD art. 15 and 20). */
  async export(ctx: SpaceContext) {
    const viewer = await viewerOf(strapi, ctx);
    if (viewer.userId === null) throw new errors.UnauthorizedError();
    const data = await exportPersonalData(strapi, viewer.userId, viewer.profileId);
    ctx.attachment(`mes-donnees-${new Date().toISOString().slice(0, 10)}.json`);
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = JSON.stringify(data, null, 2);
  },

  /** Erases or anonymises my personal data, once I confirm with my password (RGPD art. 17). */
  async erasure(ctx: SpaceContext) {
    const { password } = (await validateYupSchema(erasureSchema)(ctx.request.body ?? {})) as { password: string };
    const viewer = await viewerOf(strapi, ctx);
    if (viewer.userId === null) throw new errors.UnauthorizedError();
    await checkPassword(strapi, viewer.userId, password);
    await eraseMember(strapi, viewer.userId, viewer.profileId);
    ctx.body = { data: { erased: true } };
  },
});
