import type { Core } from '@strapi/strapi';
import type { Asker } from '@notre-asso/plugin-kit';
import { validateYupSchema, yup } from '@strapi/utils';
import { viewerOf } from '../../../access/viewer';
import { meOf } from '../../../account/me';
import { dashboardOf, markNotificationsRead } from '../../../space/dashboard';
import { NoMemberProfile } from '../../../space/errors';
import type { SpaceContext } from '../../../space/context';
import { localeOf } from '../../../space/values';

const readSchema = yup
  .object({
    ids: yup
      .array(yup.number().integer().positive().required())
      .max(500, 'at most 500 notifications at once / 500 notifications au plus à la fois'),
  })
  .noUnknown(true, 'unknown field: ${unknown}')
  .strict();

interface Votes {
  awaiting(asker: Asker): Promise<unknown[]>;
}
const governance = (strapi: Core.Strapi) => strapi.plugin('governance').service('votes') as Votes;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: SpaceContext) {
    const viewer = await viewerOf(strapi, ctx);
    const locale = localeOf(ctx.query.locale);
    // Who is asking comes with it: the dashboard page needs no other call to the CMS.
    const [me, dashboard, votes] = await Promise.all([
      meOf(strapi, viewer, ctx, locale),
      dashboardOf(strapi, viewer, locale),
      // Open polls awaiting my vote, from the governance plugin, given the lookup already made;
      // accounts without a profile vote nowhere.
      viewer.asker?.profile ? governance(strapi).awaiting(viewer.asker) : [],
    ]);
    ctx.body = { data: { ...dashboard, votes, me } };
  },

  async readNotifications(ctx: SpaceContext) {
    const { ids } = (await validateYupSchema(readSchema)(ctx.request.body ?? {})) as { ids?: number[] };
    const viewer = await viewerOf(strapi, ctx);
    if (viewer.profileId === null) throw new NoMemberProfile();
    ctx.body = { data: { unread: await markNotificationsRead(strapi, viewer.profileId, ids) } };
  },
});
