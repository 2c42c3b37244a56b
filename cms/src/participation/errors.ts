/**
 * The ways a member's request about collectives and events can fail, each with a message for
 * people (French first, then English) and its HTTP status, mapped once in `./http`.
 */
export abstract class ParticipationError extends Error {
  abstract readonly status: number;
  constructor(fr: string, en: string) {
    super(`${fr} / ${en}`);
    this.name = new.target.name;
  }
}

/** The collective, event or member does not exist, or is out of the viewer's reach. */
export class NotFound extends ParticipationError {
  readonly status = 404;
}

/** The viewer may not do this (not a lead of the collective, not the organiser…). */
export class NotAllowed extends ParticipationError {
  readonly status = 403;
}

/** The request is understood but the current state forbids it (already registered, registrations closed…). */
export class Conflict extends ParticipationError {
  readonly status = 409;
}

/** The request itself is wrong (missing or malformed field). */
export class InvalidRequest extends ParticipationError {
  readonly status = 400;
}

export const noProfile = () =>
  new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
