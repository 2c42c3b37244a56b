/** Thin controllers: who asks, which body, which service; the answer in Strapi's `{ data }` shape. */
import type { Core } from '@strapi/strapi';
import { actionsOf, type ActionTable } from '@notre-asso/plugin-kit';
import admin from './admin';
import { appeal, myCases } from '../services/appeals';
import * as discussions from '../services/discussions';
import * as exchange from '../services/exchange';
import * as queue from '../services/queue';
import { myReports, report } from '../services/reports';
import { bodyOf, rowId } from '../services/validation';
import { settingsOf } from '../settings';
import { participantOf, type Participant, type ParticipantContext } from '../viewer';

interface Context extends ParticipantContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

const handlers = (strapi: Core.Strapi, table: ActionTable<Participant, Context>) =>
  actionsOf(strapi, participantOf, table);

const id = (ctx: Context) => rowId(ctx.params.id);
const body = (ctx: Context) => bodyOf(ctx.request.body);

export default {
  admin,
  discussion: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      threads: (s, p, ctx) => discussions.listThreads(s, p, ctx.params.collective, ctx.query),
      startThread: [(s, p, ctx) => discussions.startThread(s, p, ctx.params.collective, body(ctx)), 201],
      // With the charter articles a report may cite, for the report form beside each message.
      thread: async (s, p, ctx) => ({
        ...(await discussions.readThread(s, p, id(ctx))),
        charterArticles: settingsOf(s).charterArticles,
      }),
      editThread: (s, p, ctx) => discussions.edit(s, p, 'thread', id(ctx), body(ctx)),
      reply: [(s, p, ctx) => discussions.reply(s, p, id(ctx), body(ctx)), 201],
      editReply: (s, p, ctx) => discussions.edit(s, p, 'reply', id(ctx), body(ctx)),
    }),
  exchange: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      find: (s, p, ctx) => exchange.listExchange(s, p, ctx.query),
      create: [(s, p, ctx) => exchange.postExchange(s, p, body(ctx)), 201],
      findOne: (s, p, ctx) => exchange.readExchange(s, p, id(ctx)),
      withdraw: (s, p, ctx) => exchange.withdrawExchange(s, p, id(ctx)),
    }),
  report: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      create: [(s, p, ctx) => report(s, p, body(ctx)), 201],
      mine: (s, p) => myReports(s, p),
      appeal: [(s, p, ctx) => appeal(s, p, body(ctx)), 201],
      cases: (s, p, ctx) => myCases(s, p, ctx.query),
    }),
  queue: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      find: (s, p, ctx) => queue.listCases(s, p, ctx.query),
      findOne: (s, p, ctx) => queue.readCase(s, p, id(ctx)),
      decide: [(s, p, ctx) => queue.decide(s, p, id(ctx), body(ctx)), 201],
      log: (s, p, ctx) => queue.readLog(s, p, ctx.query),
    }),
};
