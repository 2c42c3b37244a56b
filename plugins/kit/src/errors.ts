/**
 * One error type for every domain failure of the CMS and its plugins (`VotingClosed`,
 * `InsufficientShares`…): a subclass says which kind of failure it is, and the CMS maps the kind
 * to its HTTP status once (cms/src/middlewares/domain-errors.ts), in Strapi's error shape.
 * Messages are for people: French first, then English, joined by " / ".
 */
const statusOf = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-many': 429,
} as const;

export type DomainErrorKind = keyof typeof statusOf;

export class DomainError extends Error {
  readonly status: number;
  /** Recognised by the mapping even when two copies of this module are loaded. */
  readonly isDomainError = true;

  constructor(
    kind: DomainErrorKind,
    readonly fr: string,
    readonly en: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${fr} / ${en}`);
    this.name = new.target.name;
    this.status = statusOf[kind];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && (error as Partial<DomainError>).isDomainError === true;
}

/** Strapi's error shape for a domain failure. */
export function domainErrorBody(error: DomainError) {
  return {
    data: null,
    error: { status: error.status, name: error.name, message: error.message, details: error.details },
  };
}

/** The request itself is wrong (a missing or malformed field). */
export class InvalidRequest extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('invalid', fr, en, details);
  }
}

/** The viewer may not do this. */
export class NotAllowed extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('forbidden', fr, en, details);
  }
}

/** The thing does not exist, or is out of the viewer's reach (which must look the same). */
export class NotFound extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('not-found', fr, en, details);
  }
}

/** The request is understood but the current state forbids it (already done, closed…). */
export class Conflict extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('conflict', fr, en, details);
  }
}

/** It existed, and can no longer be used (an invitation already used or expired). */
export class Gone extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('gone', fr, en, details);
  }
}

/** Too many requests of this kind for now. */
export class TooMany extends DomainError {
  constructor(fr: string, en: string, details?: Record<string, unknown>) {
    super('too-many', fr, en, details);
  }
}
