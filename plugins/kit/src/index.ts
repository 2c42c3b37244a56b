export * from './asker';
export * from './database';
export * from './errors';
export * from './fold';
export * from './markdown';
export * from './requests';
export * from './personal-data';
export * from './mail';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

interface PluginIdentity {
  name: string;
  version: string;
}

/** A plugin's name and version, from the `strapi.name` and `version` of its package.json. */
function identityOf(pluginRoot: string): PluginIdentity {
  const pkg = JSON.parse(readFileSync(path.join(pluginRoot, 'package.json'), 'utf8'));
  return { name: pkg.strapi.name, version: pkg.version };
}

/**
 * The part every Notre Asso plugin shares: a `GET /api/<plugin>/status` content-API route that
 * tells operators (and the test that fails when a plugin is not loaded) which plugins run,
 * in which version, with which content types.
 */
export function pluginServer(pluginRoot: string, parts: Partial<Core.Plugin> = {}) {
  const identity = identityOf(pluginRoot);
  return {
    register() {},
    bootstrap() {},
    destroy() {},
    config: { default: {}, validator() {} },
    contentTypes: {},
    services: {},
    policies: {},
    middlewares: {},
    ...parts,
    controllers: {
      ...(parts.controllers ?? {}),
      status: ({ strapi }: { strapi: Core.Strapi }) => ({
        index(ctx: { body: unknown }) {
          const prefix = `plugin::${identity.name}.`;
          ctx.body = {
            data: {
              plugin: identity.name,
              version: identity.version,
              contentTypes: Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith(prefix)),
            },
          };
        },
      }),
    },
    routes: {
      'content-api': {
        type: 'content-api',
        routes: [{ method: 'GET', path: '/status', handler: 'status.index', config: { policies: [] } }],
      },
    },
  };
}
export * from './append-only';
