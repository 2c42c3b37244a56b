/** The register's domain failures, mapped to HTTP by the CMS (plugins/kit errors). */
import { Conflict, InvalidRequest, NotFound } from '@notre-asso/plugin-kit';
import type { Refusal } from './rules';

/** A rule of the statutes refuses the operation; `details.rule` says which. */
export class RuleRefused extends Conflict {
  constructor(refusal: Refusal) {
    super(refusal.fr, refusal.en, { rule: refusal.rule, ...refusal.details });
  }
}

export class NoSuchMember extends NotFound {
  constructor() {
    super('Ce membre n’existe pas.', 'No such member.');
  }
}

export class NoSuchClass extends NotFound {
  constructor(code: string) {
    super(`La catégorie de parts « ${code} » n’existe pas.`, `No share class "${code}".`);
  }
}

export class NoSuchMovement extends NotFound {
  constructor(operationNumber: number) {
    super(`Le mouvement n° ${operationNumber} n’existe pas.`, `No movement number ${operationNumber}.`);
  }
}

export class AlreadyReversed extends Conflict {
  constructor(operationNumber: number, by: number) {
    super(
      `Le mouvement n° ${operationNumber} a déjà été contrepassé (mouvement n° ${by}).`,
      `Movement number ${operationNumber} has already been reversed (movement number ${by}).`,
      { reversedBy: by },
    );
  }
}

export class NotReversible extends Conflict {
  constructor(operationNumber: number) {
    super(
      `Le mouvement n° ${operationNumber} est lui-même une contrepassation : enregistrez à nouveau l’opération.`,
      `Movement number ${operationNumber} is itself a reversal: record the operation again instead.`,
    );
  }
}

export class DuplicateClass extends Conflict {
  constructor(code: string) {
    super(`La catégorie de parts « ${code} » existe déjà.`, `Share class "${code}" already exists.`);
  }
}

export class SameMember extends InvalidRequest {
  constructor() {
    super('Une cession se fait entre deux membres différents.', 'A transfer is between two different members.');
  }
}

export class NotAMember extends NotFound {
  constructor() {
    super('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  }
}

export class NoSuchRedemption extends NotFound {
  constructor() {
    super('Cette demande de remboursement n’existe pas.', 'No such redemption request.');
  }
}

export class RedemptionChanged extends Conflict {
  constructor(version: number) {
    super(
      'Cette demande de remboursement vient d’être modifiée par quelqu’un d’autre : rechargez-la avant d’agir.',
      'This redemption request has just been changed by someone else: reload it before acting.',
      { version },
    );
  }
}
