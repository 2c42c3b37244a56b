import { NotAllowed } from '@notre-asso/plugin-kit';

/** A technical account (the board's, say) without a member profile asks for a member's page. */
export class NoMemberProfile extends NotAllowed {
  constructor() {
    super('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  }
}
