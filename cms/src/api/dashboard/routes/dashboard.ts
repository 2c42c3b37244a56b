import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('dashboard', [
  ['GET', '/dashboard', 'find'],
  ['POST', '/notifications/read', 'readNotifications'],
]);
