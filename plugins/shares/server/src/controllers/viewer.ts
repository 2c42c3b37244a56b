/** Who asks: the account's member profile, and the handlers' shape. */
import type { Core } from '@strapi/strapi';
import { NotAMember } from '../errors';
import type { Actor } from '../services/subscriptions';
import type { ActionContext } from './input';

export type Strapi = { strapi: Core.Strapi };
export const handler = (fn: (ctx: ActionContext) => Promise<void>) => (ctx: unknown) => fn(ctx as ActionContext);

export async function ownProfileId(strapi: Core.Strapi, ctx: ActionContext): Promise<number> {
  const userId = ctx.state.user?.id;
  const row = userId
    ? ((await strapi.db
        .query('api::member-profile.member-profile')
        .findOne({ where: { user: { id: userId } }, select: ['id'] })) as { id: number } | null)
    : null;
  if (!row) throw new NotAMember();
  return row.id;
}

/** Who acts: the account and its profile; the board may act without a member profile of its own. */
export async function actorOf(strapi: Core.Strapi, ctx: ActionContext, board: boolean): Promise<Actor> {
  const userId = ctx.state.user?.id as number;
  const profileId = board ? await ownProfileId(strapi, ctx).catch(() => null) : await ownProfileId(strapi, ctx);
  return { userId, profileId, board };
}
