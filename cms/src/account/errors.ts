/**
 * Failures of the account domain, each with the HTTP status it maps to once (in the controllers,
 * through `sendAccountError`) and a message for people, French first.
 */
export class AccountError extends Error {
  constructor(
    readonly status: number,
    name: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = name;
  }
}

export class InvitationNotFound extends AccountError {
  constructor() {
    super(404, 'InvitationNotFound', 'Cette invitation n’existe pas. This invitation does not exist.');
  }
}

export class InvitationGone extends AccountError {
  constructor(reason: 'used' | 'expired') {
    const fr = reason === 'used' ? 'a déjà servi' : 'a expiré';
    const en = reason === 'used' ? 'has already been used' : 'has expired';
    super(
      410,
      'InvitationGone',
      `Cette invitation ${fr} : demandez-en une nouvelle au bureau. This invitation ${en}: ask the board for a new one.`,
      { reason },
    );
  }
}

export class AccountExists extends AccountError {
  constructor() {
    super(
      409,
      'AccountExists',
      'Un compte existe déjà avec cette adresse e-mail. An account with this e-mail address already exists.',
    );
  }
}

export class NoMemberProfile extends AccountError {
  constructor() {
    super(404, 'NoMemberProfile', 'Ce compte n’a pas de fiche de membre. This account has no member profile.');
  }
}

interface ErrorContext {
  status: number;
  body: unknown;
}

/** Runs an action; an AccountError becomes its status and Strapi's error shape, anything else goes on. */
export async function sendAccountError(ctx: ErrorContext, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    ctx.status = error.status;
    ctx.body = {
      data: null,
      error: { status: error.status, name: error.name, message: error.message, details: error.details },
    };
  }
}
