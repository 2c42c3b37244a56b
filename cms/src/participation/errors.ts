/** The ways a member's request about collectives and events fails: the shared domain errors. */
export { Conflict, InvalidRequest, NotAllowed, NotFound } from '@notre-asso/plugin-kit';
export { NoMemberProfile } from '../access/errors';
