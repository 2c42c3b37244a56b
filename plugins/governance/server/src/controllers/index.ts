/** Thin controllers: who asks, which body, which service; the answer in Strapi's `{ data }` shape. */
import type { Core } from '@strapi/strapi';
import * as assemblies from '../services/assemblies';
import * as polls from '../services/polls';
import { giveProxy, revokeProxy } from '../services/proxies';
import { bodyOf } from '../services/validation';
import { voterOf, type Voter, type VoterContext } from '../voter';

interface Context extends VoterContext {
  params: Record<string, string>;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

type Handler = (strapi: Core.Strapi, voter: Voter, ctx: Context) => Promise<unknown>;

const handlers = (strapi: Core.Strapi, table: Record<string, Handler | [Handler, number]>) =>
  Object.fromEntries(
    Object.entries(table).map(([name, entry]) => {
      const [handler, status] = Array.isArray(entry) ? entry : [entry, 200];
      return [
        name,
        async (ctx: Context) => {
          const data = await handler(strapi, await voterOf(strapi, ctx), ctx);
          ctx.status = status;
          ctx.body = { data };
        },
      ];
    }),
  );

const id = (ctx: Context) => ctx.params.documentId;
const body = (ctx: Context) => bodyOf(ctx.request.body);

export default {
  poll: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      find: (s, v) => polls.listPolls(s, v),
      findOne: (s, v, ctx) => polls.getPoll(s, v, id(ctx)),
      create: [(s, v, ctx) => polls.createPoll(s, v, body(ctx)), 201],
      update: (s, v, ctx) => polls.updatePoll(s, v, id(ctx), body(ctx)),
      vote: [(s, v, ctx) => polls.votePoll(s, v, id(ctx), body(ctx)), 201],
      results: (s, v, ctx) => polls.pollResults(s, v, id(ctx)),
      recount: (s, v, ctx) => polls.recountPoll(s, v, id(ctx)),
    }),
  assembly: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      find: (s) => assemblies.listAssemblies(s),
      findOne: (s, _v, ctx) => assemblies.getAssembly(s, id(ctx)),
      create: [(s, v, ctx) => assemblies.createAssembly(s, v, body(ctx)), 201],
      addResolution: [(s, v, ctx) => assemblies.addResolution(s, v, id(ctx), body(ctx)), 201],
      standing: (s, v, ctx) => assemblies.myStanding(s, v, id(ctx)),
      giveProxy: [(s, v, ctx) => giveProxy(s, v, id(ctx), body(ctx)), 201],
      revokeProxy: (s, v, ctx) => revokeProxy(s, v, id(ctx)),
      results: (s, _v, ctx) => assemblies.assemblyResults(s, id(ctx)),
      recount: (s, v, ctx) => assemblies.recountAssembly(s, v, id(ctx)),
    }),
  resolution: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      vote: [(s, v, ctx) => assemblies.voteResolution(s, v, id(ctx), body(ctx)), 201],
    }),
};
