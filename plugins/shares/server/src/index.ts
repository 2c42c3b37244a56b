// The register of share movements, parts sociales (issue 6).
import type { Core } from '@strapi/strapi';
import { pluginServer } from '@notre-asso/plugin-kit';
import path from 'node:path';
import { bootstrap } from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import { keepRegisterParties } from './keep-register-parties';
import { registerAdminActions } from './permissions';
import { adminRoutes } from './routes/admin';
import { routes } from './routes/content-api';
import * as corrections from './services/corrections';
import * as ledger from './services/ledger';
import * as redemptions from './services/redemptions';
import * as register from './services/register';
import * as statementBatch from './services/statement-batch';
import * as statements from './services/statements';
import * as subscriptions from './services/subscriptions';
import { summaryOf } from './services/summary';

// Built to dist/server/index.js: the package root is two levels up.
const server = pluginServer(path.resolve(__dirname, '..', '..'), {
  bootstrap,
  register: ({ strapi }: { strapi: Core.Strapi }) => {
    strapi.documents.use(keepRegisterParties(strapi));
    return registerAdminActions(strapi);
  },
  // Strapi completes schemas (uid, globalId…) and builds controllers from these factories at load.
  contentTypes: contentTypes as unknown as Core.Plugin['contentTypes'],
  controllers: controllers as unknown as Core.Plugin['controllers'],
  // Services for scripts, the benchmark and tests: the same functions the routes call.
  services: {
    ledger: () => ({ ...ledger, ...corrections }),
    register: () => register,
    subscriptions: () => subscriptions,
    redemptions: () => redemptions,
    statements: () => ({ ...statements, ...statementBatch }),
    /** `summaryOf(strapi, profileId)`: a member's shares in one call, for « Mes parts » and the dashboard. */
    holdings: () => ({ summaryOf }),
  },
});
// The kit declares the status route; ours join it.
server.routes['content-api'].routes.push(...routes);
// The plugin's admin pages (admin/src) talk to these, under /shares, with an admin JWT.
(server.routes as Record<string, unknown>).admin = { type: 'admin', routes: adminRoutes };

export default server;
