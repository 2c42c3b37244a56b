/** The domain failures of discussions and moderation (mapped to HTTP by the CMS, once). */
import { Conflict, InvalidRequest, NotAllowed, NotFound, TooMany } from '@notre-asso/plugin-kit';

export class NotAMember extends NotAllowed {
  constructor() {
    super('Réservé aux membres de ce collectif.', 'For members of this collective only.');
  }
}

export class NoSuchItem extends NotFound {
  constructor(what = 'message') {
    super(`Ce ${what} n’existe pas ou ne vous est pas accessible.`, `This ${what} does not exist or is out of reach.`);
  }
}

export class EditWindowClosed extends Conflict {
  constructor(minutes: number) {
    super(
      `Un message ne peut être modifié que dans les ${minutes} minutes qui suivent sa publication.`,
      `A message can only be edited within ${minutes} minutes of posting.`,
    );
  }
}

export class NotTheAuthor extends NotAllowed {
  constructor() {
    super('Seul l’auteur peut modifier ce message.', 'Only the author may edit this message.');
  }
}

export class AlreadyReported extends Conflict {
  constructor() {
    super('Vous avez déjà signalé ce message.', 'You have already reported this message.');
  }
}

export class OwnContent extends NotAllowed {
  constructor() {
    super(
      'Vous ne pouvez ni signaler ni modérer votre propre message.',
      'You may neither report nor moderate your own message.',
    );
  }
}

export class NotAModerator extends NotAllowed {
  constructor() {
    super('Vous ne modérez pas ce collectif.', 'You do not moderate this collective.');
  }
}

export class AlreadyHandled extends Conflict {
  constructor() {
    super(
      'Ce signalement a déjà été traité par un autre modérateur (already handled).',
      'This report was already handled by another moderator (already handled).',
    );
  }
}

export class NotAppealable extends Conflict {
  constructor(days: number) {
    super(
      `Seule une décision de la modération (masquage, avertissement, passage retiré ou suspension) de moins de ${days} jours peut faire l’objet d’un recours.`,
      `Only a moderation decision (hide, warn, edit-out or suspension) less than ${days} days old can be appealed.`,
    );
  }
}

export class AlreadyAppealed extends Conflict {
  constructor() {
    super('Cette décision a déjà fait l’objet d’un recours.', 'This decision has already been appealed.');
  }
}

export class SameModerator extends NotAllowed {
  constructor() {
    super(
      'Un recours est tranché par un autre modérateur que l’auteur de la décision.',
      'An appeal is decided by a moderator other than the one who took the decision.',
    );
  }
}

export class PostingTooFast extends TooMany {
  constructor(perHour: number, days: number) {
    super(
      `Pendant leurs ${days} premiers jours, les membres publient au plus ${perHour} messages par heure : réessayez un peu plus tard.`,
      `During their first ${days} days, members post at most ${perHour} messages an hour: please try again a little later.`,
    );
  }
}

export class DuplicatePost extends Conflict {
  constructor(hours: number) {
    super(
      `Vous avez déjà publié ce même message dans les dernières ${hours} heures.`,
      `You already posted this same message in the last ${hours} hours.`,
    );
  }
}

export class PostingSuspended extends NotAllowed {
  constructor(until: Date) {
    const day = until.toISOString().slice(0, 10);
    super(
      `La modération a suspendu vos publications jusqu’au ${day}.`,
      `Moderation has suspended your posting until ${day}.`,
    );
  }
}

export class PartNotFound extends InvalidRequest {
  constructor() {
    super(
      'Le passage à retirer ne figure pas tel quel dans le message.',
      'The part to edit out does not appear as such in the message.',
    );
  }
}
