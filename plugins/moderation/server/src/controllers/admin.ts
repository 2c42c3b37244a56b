/** The admin page's controllers: the admin user as a moderator, then the queue's own services. */
import type { Core } from '@strapi/strapi';
import { actionsOf, NotAllowed } from '@notre-asso/plugin-kit';
import { queueFilters, queuePage } from '../services/admin-queue';
import * as queue from '../services/queue';
import { bodyOf, rowId } from '../services/validation';
import { adminModerator, type Participant } from '../viewer';

interface AdminContext {
  state: { user?: { id: number; email: string } };
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

async function moderatorOf(strapi: Core.Strapi, ctx: AdminContext): Promise<Participant> {
  const admin = ctx.state.user;
  if (!admin) throw new NotAllowed('Connexion au panneau d’administration requise.', 'Admin login required.');
  return adminModerator(strapi, admin);
}

export default ({ strapi }: { strapi: Core.Strapi }) =>
  actionsOf<Participant, AdminContext>(strapi, moderatorOf, {
    filters: (s) => queueFilters(s),
    find: (s, p, ctx) => queuePage(s, p, ctx.query),
    findOne: (s, p, ctx) => queue.readCase(s, p, rowId(ctx.params.id)),
    decide: [(s, p, ctx) => queue.decide(s, p, rowId(ctx.params.id), bodyOf(ctx.request.body)), 201],
  });
