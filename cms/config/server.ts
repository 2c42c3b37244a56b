import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: { keys: env.array('APP_KEYS', ['dev-only-key-1', 'dev-only-key-2']) },
  // The CMS is reached through the site (which forwards the visitor's address in X-Forwarded-For)
  // or a reverse proxy: the client address is the last one the nearest proxy added (PROXY_HOPS),
  // never one a client wrote itself, so the login throttle counts real addresses.
  proxy: { koa: env.bool('TRUST_PROXY', true), maxIpsCount: env.int('PROXY_HOPS', 1) },
});
