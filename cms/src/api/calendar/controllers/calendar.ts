import type { Core } from '@strapi/strapi';
import { calendarFeed, calendarToken, feedPath, resetCalendarToken } from '../../../participation/calendar';
import { action, localeOf, memberOf, type SpaceContext } from '../../../participation/http';

/** The CMS's public address (PUBLIC_URL), else the one the request came to. */
const feedUrl = (strapi: Core.Strapi, ctx: SpaceContext, token: string) =>
  `${String(strapi.config.get('server.url', '') || ctx.origin).replace(/\/$/, '')}${feedPath(token)}`;

/** The member's private iCalendar feed and its URL. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  url: action(async (ctx) => {
    const member = await memberOf(strapi, ctx);
    ctx.body = { data: { url: feedUrl(strapi, ctx, await calendarToken(strapi, member.profileId)) } };
  }),
  reset: action(async (ctx) => {
    const member = await memberOf(strapi, ctx);
    ctx.body = { data: { url: feedUrl(strapi, ctx, await resetCalendarToken(strapi, member.profileId)) } };
  }),
  /** Public: calendar applications cannot log in; the token in the URL is the secret. */
  feed: action(async (ctx) => {
    const body = await calendarFeed(strapi, ctx.params.token, localeOf(ctx));
    ctx.set('Content-Type', 'text/calendar; charset=utf-8');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = body;
  }),
});
