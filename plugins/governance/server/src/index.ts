// Polls and general assemblies: resolutions, proxies, colleges, quorum (issue 5).
import { PERSONAL_DATA_SERVICE, pluginServer, type Asker } from '@notre-asso/plugin-kit';
import type { Core } from '@strapi/strapi';
import path from 'node:path';
import contentTypes from './content-types';
import controllers from './controllers';
import { defaultConfig, rulesIn, type GovernanceConfig } from './rules';
import { contentApiRoutes } from './routes';
import { personalData } from './services/personal-data';
import { convocationMail } from './services/convocations';
import { listPolls } from './services/polls';
import { ensureTables } from './store';
import { voterFrom } from './voter';

// Built to dist/server/index.js: the package root is two levels up.
const server = pluginServer(path.resolve(__dirname, '..', '..'), {
  contentTypes,
  controllers,
  services: {
    [PERSONAL_DATA_SERVICE]: personalData,
    convocationMail,
    // What the members' dashboard shows of votes (the CMS asks it alongside its own blocks).
    votes: ({ strapi }: { strapi: Core.Strapi }) => ({
      /** Open polls awaiting the asker's vote; `asker` as the plugin kit's `askerOf` read it. */
      async awaiting(asker: Asker) {
        const now = new Date();
        return (await listPolls(strapi, voterFrom(asker), now)).filter((p) => p.state === 'open' && !p.voted);
      },
    }),
  },
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
