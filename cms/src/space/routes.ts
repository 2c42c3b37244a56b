type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The content-API routes of one controller of the members' space, all under `/api/space`: who may
 * call each one is the role matrix's business (config/src/roles.ts), row-level rules the controller's.
 */
export function spaceRoutes(controller: string, routes: Array<[Method, string, string]>) {
  return {
    type: 'content-api',
    routes: routes.map(([method, path, action]) => ({
      method,
      path: `/space${path}`,
      handler: `${controller}.${action}`,
      config: { policies: [] },
    })),
  };
}
