import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('membership', [
  ['GET', '/collectives', 'collectives'],
  ['PUT', '/collectives/:documentId/follow', 'follow'],
  ['DELETE', '/collectives/:documentId/follow', 'unfollow'],
  ['POST', '/collectives/:documentId/membership', 'join'],
  ['DELETE', '/collectives/:documentId/membership', 'leave'],
  ['GET', '/collectives/:documentId/members', 'roster'],
  ['POST', '/collectives/:documentId/requests/:profileDocumentId', 'decide'],
  ['DELETE', '/collectives/:documentId/members/:profileDocumentId', 'removeMember'],
]);
