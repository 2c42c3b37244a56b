import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('brief-desk', [
  ['GET', '/collectives/:documentId/briefs', 'find'],
  ['POST', '/collectives/:documentId/briefs', 'create'],
  ['POST', '/collectives/:documentId/briefs/preview', 'preview'],
  ['PUT', '/collectives/:documentId/briefs/:briefId', 'update'],
  ['POST', '/collectives/:documentId/briefs/:briefId/publish', 'publish'],
  ['PUT', '/collectives/:documentId/briefs/:briefId/image', 'setImage'],
  ['DELETE', '/collectives/:documentId/briefs/:briefId/image', 'removeImage'],
]);
