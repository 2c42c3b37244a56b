import type { Core } from '@strapi/strapi';

export interface ApiRoute {
  method: string;
  /** Full path, with `/api` and the plugin prefix. */
  path: string;
  /** The permission action users-permissions checks for this route. */
  action: string;
}

interface RouteDefinition {
  method: string;
  path: string;
  config?: { prefix?: string; auth?: false | { scope?: string[] } };
}

interface RouterDefinition {
  type?: string;
  routes: RouteDefinition[];
}

/** Every content-API route the running CMS serves, from the route definitions of apps and plugins. */
export function contentApiRoutes(strapi: Core.Strapi): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const add = (prefix: string, route: RouteDefinition) => {
    const auth = route.config?.auth;
    const action = auth ? auth.scope?.[0] : undefined;
    const fullPrefix = route.config?.prefix !== undefined ? `/api${route.config.prefix}` : prefix;
    routes.push({
      method: route.method,
      path: `${fullPrefix}${route.path}`,
      action: action ?? '(no permission check)',
    });
  };
  for (const api of Object.values(strapi.apis)) {
    for (const router of Object.values(api.routes as Record<string, RouterDefinition>)) {
      router.routes.forEach((route) => add('/api', route));
    }
  }
  for (const [name, plugin] of Object.entries(strapi.plugins)) {
    const router = (plugin.routes as Record<string, RouterDefinition> | undefined)?.['content-api'];
    router?.routes.forEach((route) => add(`/api/${name}`, route));
  }
  return routes;
}

/** A concrete URL for a route pattern: parameters get values that match nothing. */
export function concretePath(path: string): string {
  return path
    .replace(':uid', 'api::page.page')
    .replace(':provider', 'local')
    .replace('(.*)', 'github')
    .replace(/:[a-zA-Z]+/g, 'no-such-document');
}
