import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('calendar', [
  ['GET', '/calendar', 'url'],
  ['POST', '/calendar/reset', 'reset'],
  ['GET', '/calendar/:token', 'feed'],
]);
