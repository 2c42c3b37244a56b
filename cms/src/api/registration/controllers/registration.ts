import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { viewerOf } from '../../../access/viewer';
import * as events from '../../../participation/events';
import { action, localeOf, memberOf } from '../../../participation/http';
import { register, unregister } from '../../../participation/registrations';

const csvHeader = { fr: ['Nom', 'État', 'Inscrit le'], en: ['Name', 'State', 'Registered at'] };
const stateLabel = {
  fr: { confirmed: 'confirmé', waiting: 'liste d’attente' },
  en: { confirmed: 'confirmed', waiting: 'waiting list' },
} as const;

/** Events in the members' space: upcoming ones, mine, registering and the organisers' attendee lists. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  events: action(async (ctx) => {
    ctx.body = { data: await events.upcomingEvents(strapi, await memberOf(strapi, ctx), localeOf(ctx)) };
  }),
  mine: action(async (ctx) => {
    ctx.body = { data: await events.myRegistrations(strapi, await memberOf(strapi, ctx), localeOf(ctx)) };
  }),
  register: action(async (ctx) => {
    ctx.body = { data: await register(strapi, await memberOf(strapi, ctx), ctx.params.documentId) };
    ctx.status = 201;
  }),
  unregister: action(async (ctx) => {
    await unregister(strapi, await memberOf(strapi, ctx), ctx.params.documentId);
    ctx.body = { data: { registration: null } };
  }),
  /**
   * Names and states only: organisers reach attendees through the site, and e-mail addresses
   * stay with the directory's consent rules.
   */
  attendees: action(async (ctx) => {
    const locale = localeOf(ctx);
    const { event, attendees } = await events.attendees(
      strapi,
      await viewerOf(strapi, ctx),
      ctx.params.documentId,
      locale,
    );
    if (ctx.query.format !== 'csv') {
      ctx.body = {
        data: { event: { documentId: event.documentId, title: event.title, capacity: event.capacity }, attendees },
      };
      return;
    }
    const rows = attendees.map((a) => [
      a.displayName,
      stateLabel[locale][a.state as 'confirmed' | 'waiting'],
      a.registeredAt,
    ]);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="attendees-${event.documentId}.csv"`);
    ctx.body = stringify([csvHeader[locale], ...rows], { bom: true });
  }),
});
