import { Conflict, Gone, NotFound } from '@notre-asso/plugin-kit';

/** Failures of the account domain (mapped to HTTP by the domain-errors middleware). */
export class InvitationNotFound extends NotFound {
  constructor() {
    super('Cette invitation n’existe pas.', 'This invitation does not exist.');
  }
}

export class InvitationGone extends Gone {
  constructor(reason: 'used' | 'expired') {
    const fr = reason === 'used' ? 'a déjà servi' : 'a expiré';
    const en = reason === 'used' ? 'has already been used' : 'has expired';
    super(
      `Cette invitation ${fr} : demandez-en une nouvelle au bureau.`,
      `This invitation ${en}: ask the board for a new one.`,
      { reason },
    );
  }
}

export class AccountExists extends Conflict {
  constructor() {
    super('Un compte existe déjà avec cette adresse e-mail.', 'An account with this e-mail address already exists.');
  }
}
