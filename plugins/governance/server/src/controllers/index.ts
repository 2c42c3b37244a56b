/** Thin controllers: who asks, which body, which service; the answer in Strapi's `{ data }` shape. */
import type { Core } from '@strapi/strapi';
import { actionsOf, type ActionTable } from '@notre-asso/plugin-kit';
import * as assemblies from '../services/assemblies';
import * as convocations from '../services/convocations';
import { localeIn } from '../convocation/wording';
import * as drafting from '../services/drafting';
import * as minutes from '../services/minutes';
import * as polls from '../services/polls';
import { proxyHolders } from '../services/holders';
import { giveProxy, revokeProxy } from '../services/proxies';
import * as room from '../services/room';
import { bodyOf } from '../services/validation';
import { changeText, getResolution } from '../services/versions';
import { voterOf, type Voter, type VoterContext } from '../voter';

interface Context extends VoterContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  set(field: string, value: string): void;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

const PDF = 'application/pdf';

const handlers = (strapi: Core.Strapi, table: ActionTable<Voter, Context>) => actionsOf(strapi, voterOf, table);

const id = (ctx: Context) => ctx.params.documentId;
const body = (ctx: Context) => bodyOf(ctx.request.body);

/** A file instead of `{ data }` (a PDF, Markdown, BLT), after the same checks. */
function fileHandler(
  strapi: Core.Strapi,
  type: string,
  filename: (ctx: Context) => string,
  build: (s: Core.Strapi, v: Voter, ctx: Context) => Promise<Buffer | string>,
) {
  return async (ctx: Context) => {
    const file = await build(strapi, await voterOf(strapi, ctx), ctx);
    ctx.set('Content-Type', type);
    ctx.set('Content-Disposition', `attachment; filename="${filename(ctx)}"`);
    ctx.status = 200;
    ctx.body = file;
  };
}

export default {
  poll: ({ strapi }: { strapi: Core.Strapi }) => ({
    ...handlers(strapi, {
      find: (s, v) => polls.listPolls(s, v),
      findOne: (s, v, ctx) => polls.getPoll(s, v, id(ctx)),
      create: [(s, v, ctx) => polls.createPoll(s, v, body(ctx)), 201],
      update: (s, v, ctx) => polls.updatePoll(s, v, id(ctx), body(ctx)),
      vote: [(s, v, ctx) => polls.votePoll(s, v, id(ctx), body(ctx)), 201],
      results: (s, v, ctx) => polls.pollResults(s, v, id(ctx)),
      recount: (s, v, ctx) => polls.recountPoll(s, v, id(ctx)),
    }),
    blt: fileHandler(
      strapi,
      'text/plain; charset=utf-8',
      (ctx) => `poll-${id(ctx)}.blt`,
      (s, v, ctx) => polls.pollBlt(s, v, id(ctx)),
    ),
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
      proxyHolders: (s, v, ctx) => proxyHolders(s, v, id(ctx), ctx.query),
      results: (s, _v, ctx) => assemblies.assemblyResults(s, id(ctx)),
      recount: (s, v, ctx) => assemblies.recountAssembly(s, v, id(ctx)),
    }),
  convocation: ({ strapi }: { strapi: Core.Strapi }) => ({
    ...handlers(strapi, {
      send: [(s, v, ctx) => convocations.sendConvocation(s, v, id(ctx)), 201],
      record: (s, v, ctx) => convocations.convocationRecord(s, v, id(ctx)),
    }),
    pdf: fileHandler(
      strapi,
      PDF,
      (ctx) => `convocations-${id(ctx)}.pdf`,
      (s, v, ctx) => convocations.convocationPdf(s, v, id(ctx), ctx.query),
    ),
    mine: fileHandler(
      strapi,
      PDF,
      (ctx) => `convocation-${id(ctx)}.pdf`,
      (s, v, ctx) => convocations.myConvocationPdf(s, v, id(ctx), ctx.query.locale),
    ),
  }),
  minutes: ({ strapi }: { strapi: Core.Strapi }) => ({
    markdown: fileHandler(
      strapi,
      'text/markdown; charset=utf-8',
      (ctx) => `proces-verbal-${id(ctx)}.md`,
      async (s, v, ctx) => minutes.minutesMarkdown(await minutes.minutesOf(s, v, id(ctx), localeIn(ctx.query.locale))),
    ),
    pdf: fileHandler(
      strapi,
      PDF,
      (ctx) => `proces-verbal-${id(ctx)}.pdf`,
      async (s, v, ctx) => minutes.minutesPdf(await minutes.minutesOf(s, v, id(ctx), localeIn(ctx.query.locale))),
    ),
  }),
  room: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      recordAttendance: [(s, v, ctx) => room.recordAttendance(s, v, id(ctx), body(ctx)), 201],
      attendance: (s, v, ctx) => room.attendanceOf(s, v, id(ctx)),
      recordCount: (s, v, ctx) => room.recordRoomCount(s, v, id(ctx), body(ctx)),
      count: (s, v, ctx) => room.roomCountOf(s, v, id(ctx)),
    }),
  resolution: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      vote: [(s, v, ctx) => assemblies.voteResolution(s, v, id(ctx), body(ctx)), 201],
      findOne: (s, _v, ctx) => getResolution(s, id(ctx)),
      update: (s, v, ctx) => changeText(s, v, id(ctx), body(ctx)),
    }),
  proposal: ({ strapi }: { strapi: Core.Strapi }) =>
    handlers(strapi, {
      find: (s, v, ctx) => drafting.listProposals(s, v, id(ctx)),
      create: [(s, v, ctx) => drafting.propose(s, v, id(ctx), body(ctx)), 201],
      findOne: (s, v, ctx) => drafting.getProposal(s, v, id(ctx)),
      support: [(s, v, ctx) => drafting.support(s, v, id(ctx)), 201],
      withdrawSupport: (s, v, ctx) => drafting.withdrawSupport(s, v, id(ctx)),
      comment: [(s, v, ctx) => drafting.comment(s, v, id(ctx), body(ctx)), 201],
      decide: (s, v, ctx) => drafting.decide(s, v, id(ctx), body(ctx)),
    }),
};
