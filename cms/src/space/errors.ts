import { errors } from '@strapi/utils';

/**
 * The members' space's domain failures, each a subclass of the Strapi error that gives its HTTP
 * status (Strapi's error middleware maps them once, in its error shape). Messages in French and
 * English: the site shows them as they are.
 */
export class NoMemberProfile extends errors.NotFoundError {
  constructor() {
    super('Ce compte n’a pas de fiche de membre. / This account has no member profile.');
  }
}

/** A document out of reach looks exactly like one that does not exist. */
export class DocumentNotFound extends errors.NotFoundError {
  constructor() {
    super('Document introuvable. / Document not found.');
  }
}

/** A member who did not consent to the directory looks exactly like one that does not exist. */
export class MemberNotInDirectory extends errors.NotFoundError {
  constructor() {
    super('Ce membre n’est pas dans l’annuaire. / This member is not in the directory.');
  }
}

export class NoPosition extends errors.ValidationError {
  constructor() {
    super(
      'Pour chercher près de vous, indiquez d’abord votre position dans votre profil. / To search near you, first give your position in your profile.',
    );
  }
}

export class ContactLimitReached extends errors.RateLimitError {
  constructor(limit: number) {
    super(
      `Vous avez déjà contacté ${limit} membres aujourd’hui ; réessayez demain. / You have already contacted ${limit} members today; try again tomorrow.`,
    );
  }
}

export class WrongPassword extends errors.ValidationError {
  constructor() {
    super('Mot de passe incorrect. / Wrong password.');
  }
}
