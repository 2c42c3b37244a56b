import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('mail-bounce', [
  ['GET', '/mail/invalid-addresses', 'find'],
  ['DELETE', '/mail/invalid-addresses/:documentId', 'clear'],
]);
