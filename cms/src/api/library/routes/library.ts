import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('library', [
  ['GET', '/documents', 'find'],
  ['GET', '/documents/:documentId/file', 'file'],
]);
