import { NotAllowed } from '@notre-asso/plugin-kit';

/** The ways a member's request about collectives and events fails: the shared domain errors. */
export { Conflict, InvalidRequest, NotAllowed, NotFound } from '@notre-asso/plugin-kit';

export const noProfile = () =>
  new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
