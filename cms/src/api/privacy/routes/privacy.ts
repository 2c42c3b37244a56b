import { spaceRoutes } from '../../../space/routes';

export default spaceRoutes('privacy', [
  ['GET', '/privacy/export', 'export'],
  ['POST', '/privacy/erasure', 'erasure'],
]);
