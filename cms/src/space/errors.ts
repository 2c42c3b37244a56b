import { InvalidRequest, NotFound, TooMany } from '@notre-asso/plugin-kit';

/** The members' space's domain failures (mapped to HTTP by the domain-errors middleware). */
export { NoMemberProfile } from '../access/errors';

/** A document out of reach looks exactly like one that does not exist. */
export class DocumentNotFound extends NotFound {
  constructor() {
    super('Document introuvable.', 'Document not found.');
  }
}

/** A member who did not consent to the directory looks exactly like one that does not exist. */
export class MemberNotInDirectory extends NotFound {
  constructor() {
    super('Ce membre n’est pas dans l’annuaire.', 'This member is not in the directory.');
  }
}

export class NoPosition extends InvalidRequest {
  constructor() {
    super(
      'Pour chercher près de vous, indiquez d’abord votre position dans votre profil.',
      'To search near you, first give your position in your profile.',
    );
  }
}

export class ContactLimitReached extends TooMany {
  constructor(limit: number) {
    super(
      `Vous avez déjà contacté ${limit} membres aujourd’hui ; réessayez demain.`,
      `You have already contacted ${limit} members today; try again tomorrow.`,
    );
  }
}

export class WrongPassword extends InvalidRequest {
  constructor() {
    super('Mot de passe incorrect.', 'Wrong password.');
  }
}
