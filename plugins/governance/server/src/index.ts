// Polls and general assemblies: resolutions, proxies, colleges, quorum (issue 5).
import { pluginServer } from '@notre-asso/plugin-kit';
import type { Core } from '@strapi/strapi';
import path from 'node:path';
import contentTypes from './content-types';
import controllers from './controllers';
import { defaultConfig, rulesIn, type GovernanceConfig } from './rules';
import { contentApiRoutes } from './routes';
import { ensureTables } from './store';

// Built to dist/server/index.js: the package root is two levels up.
const server = pluginServer(path.resolve(__dirname, '..', '..'), {
  contentTypes,
  controllers,
  config: {
    default: defaultConfig,
    // Weights that break the law stop the CMS at start, with the reason, rather than at the first count.
    validator: (config: GovernanceConfig) => rulesIn(config),
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureTables(strapi);
  },
} as never);

server.routes['content-api'].routes.push(...(contentApiRoutes as never[]));

export default server;
