import { spaceRoutes } from '../../../space/routes';

/** The members' space account routes; `/api/auth/*` stays users-permissions' own. */
export default spaceRoutes('account', [
  ['GET', '/me', 'me'],
  ['POST', '/acceptances', 'accept'],
  ['POST', '/logout', 'logout'],
]);
