import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('registration', [
  ['GET', '/events', 'events'],
  ['GET', '/registrations', 'mine'],
  ['POST', '/events/:documentId/registration', 'register'],
  ['DELETE', '/events/:documentId/registration', 'unregister'],
  ['GET', '/events/:documentId/attendees', 'attendees'],
]);
