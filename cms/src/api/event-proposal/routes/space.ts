import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('event-proposal', [
  ['POST', '/event-proposals', 'create'],
  ['GET', '/event-proposals', 'find'],
  ['POST', '/event-proposals/:documentId/decision', 'decide'],
]);
