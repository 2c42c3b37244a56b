/**
 * Who is asking, as far as votes care: their member profile, their college, the collectives they
 * belong to and whether they sit on the board; read by the plugin kit's one-query lookup, which
 * the CMS also uses (and hands over when it has already made it, as the dashboard does).
 */
import type { Core } from '@strapi/strapi';
import { askerOf, NotAllowed, type Account, type Asker } from '@notre-asso/plugin-kit';

export interface Voter {
  profileId: number;
  profileDocumentId: string;
  college: string | null;
  memberSince: string;
  board: boolean;
  collectives: string[];
}

export interface VoterContext {
  state: { user?: Account };
}

export async function voterOf(strapi: Core.Strapi, ctx: VoterContext): Promise<Voter> {
  const user = ctx.state.user;
  return voterFrom(user ? await askerOf(strapi, user) : null);
}

/** The voter an already read lookup describes; accounts without a (living) profile vote nowhere. */
export function voterFrom(asker: Asker | null): Voter {
  const profile = asker?.profile;
  if (!asker || !profile || profile.erased)
    throw new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  return {
    profileId: profile.id,
    profileDocumentId: profile.documentId,
    college: profile.college,
    memberSince: profile.memberSince,
    board: asker.roleType === 'board',
    collectives: asker.collectives,
  };
}

export function assertBoard(voter: Voter): void {
  if (!voter.board) throw new NotAllowed('Réservé au conseil d’administration.', 'For the board only.');
}
