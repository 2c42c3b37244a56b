import { spaceRoutes } from '../../../space/routes';

/** Invitations: the board creates and lists them; whoever holds a token may read and accept it. */
export default spaceRoutes('invitation', [
  ['POST', '/invitations', 'create'],
  ['GET', '/invitations', 'find'],
  ['GET', '/invitations/:token', 'preview'],
  ['POST', '/invitations/:token/accept', 'accept'],
]);
