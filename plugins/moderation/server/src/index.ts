// Discussions inside collectives, reports, the moderation queue and its log (issue 7).
import { PERSONAL_DATA_SERVICE, pluginServer } from '@notre-asso/plugin-kit';
import type { Core } from '@strapi/strapi';
import path from 'node:path';
import controllers from './controllers';
import { registerAdminActions } from './permissions';
import { contentApiRoutes } from './routes';
import { adminRoutes } from './routes/admin';
import { personalData } from './services/personal-data';
import { sendDueDigests } from './services/digest';
import { sweepOverdue } from './services/signals';
import { defaultConfig, validateConfig } from './settings';
import {
  ensureAdminActors,
  ensureAppeals,
  ensureDigests,
  ensureExchange,
  ensureSignals,
  ensureSuspensions,
  ensureTables,
  ensureThreadSubjects,
} from './store';

// Built to dist/server/index.js: the package root is two levels up.
const server = pluginServer(path.resolve(__dirname, '..', '..'), {
  controllers,
  services: {
    [PERSONAL_DATA_SERVICE]: personalData,
    // The overdue sweep and the daily digests, for the CMS worker's housekeeping or an operator's script.
    signals: ({ strapi }: { strapi: Core.Strapi }) => ({
      sweepOverdue: (now?: Date) => sweepOverdue(strapi, now),
      sendDueDigests: (now?: Date) => sendDueDigests(strapi, now),
    }),
  },
  config: { default: defaultConfig, validator: validateConfig },
  register: ({ strapi }: { strapi: Core.Strapi }) => registerAdminActions(strapi),
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureTables(strapi);
    await ensureAppeals(strapi);
    await ensureSignals(strapi);
    await ensureAdminActors(strapi);
    await ensureSuspensions(strapi);
    await ensureExchange(strapi);
    await ensureDigests(strapi);
    await ensureThreadSubjects(strapi);
  },
} as never);

server.routes['content-api'].routes.push(...(contentApiRoutes as never[]));
// The plugin's admin page (admin/src) talks to these, under /moderation, with an admin JWT.
(server.routes as Record<string, unknown>).admin = { type: 'admin', routes: adminRoutes };

export default server;
