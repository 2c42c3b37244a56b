/** The governance plugin's domain failures, mapped to HTTP by the CMS (plugins/kit). */
import { timeZone } from '@notre-asso/config';
import { Conflict, InvalidRequest, NotAllowed, NotFound } from '@notre-asso/plugin-kit';

export class VotingNotOpen extends Conflict {
  constructor(opensAt: string) {
    super(
      `Le vote n’est pas encore ouvert (ouverture le ${opensAt}).`,
      `Voting is not open yet (opens at ${opensAt}).`,
      {
        opensAt,
      },
    );
  }
}

export class VotingClosed extends Conflict {
  constructor(closesAt: string) {
    super(
      `Le vote est clos depuis le ${closesAt} : ce bulletin n’est pas reçu.`,
      `Voting closed at ${closesAt}: this ballot was not accepted.`,
      {
        closesAt,
      },
    );
  }
}

export class AlreadyVoted extends Conflict {
  constructor() {
    super(
      'Ce vote a déjà été exprimé : un bulletin par membre.',
      'This vote has already been cast: one ballot per member.',
    );
  }
}

export class NotAVoter extends NotAllowed {
  constructor(
    fr = 'Vous n’êtes pas sur la liste des votants de ce scrutin.',
    en = 'You are not on the voter list of this vote.',
  ) {
    super(fr, en);
  }
}

export class ResultsNotVisible extends NotAllowed {
  constructor(fr: string, en: string) {
    super(fr, en);
  }
}

export class ProxyRefused extends Conflict {}

export class NoSuchPoll extends NotFound {
  constructor() {
    super('Ce sondage n’existe pas.', 'No such poll.');
  }
}

export class NoSuchAssembly extends NotFound {
  constructor() {
    super('Cette assemblée n’existe pas.', 'No such assembly.');
  }
}

export class NoSuchResolution extends NotFound {
  constructor() {
    super('Cette résolution n’existe pas.', 'No such resolution.');
  }
}

export class ConvocationTooLate extends Conflict {
  constructor(noticeDays: number, deadline: Date, date: Date) {
    const day = (d: Date, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(d);
    super(
      `Trop tard pour convoquer : l’assemblée du ${day(date, 'fr-FR')} doit être convoquée au moins ${noticeDays} jours avant, au plus tard le ${day(deadline, 'fr-FR')}.`,
      `Too late to convene: the assembly of ${day(date, 'en-GB')} must be convened at least ${noticeDays} days before, by ${day(deadline, 'en-GB')} at the latest.`,
      { noticeDays, deadline: deadline.toISOString() },
    );
  }
}

export class InvalidSetting extends InvalidRequest {}
