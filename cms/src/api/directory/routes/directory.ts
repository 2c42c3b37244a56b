import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('directory', [
  ['GET', '/directory', 'find'],
  ['POST', '/directory/:documentId/contact', 'contact'],
]);
