/**
 * Who is asking, as far as votes care: their member profile, their college, the collectives they
 * belong to and whether they sit on the board. Read here with the query engine since a plugin
 * cannot import the CMS's own viewer module.
 */
import type { Core } from '@strapi/strapi';
import { NotAllowed } from '@notre-asso/plugin-kit';
import { UID } from './store';

export interface Voter {
  profileId: number;
  profileDocumentId: string;
  college: string | null;
  memberSince: string;
  board: boolean;
  collectives: string[];
}

export interface VoterContext {
  state: { user?: { id: number; role?: { type?: string } } };
}

interface ProfileRow {
  id: number;
  documentId: string;
  college: string | null;
  memberSince: string;
  ledCollectives?: Array<{ documentId: string }>;
}

export async function voterOf(strapi: Core.Strapi, ctx: VoterContext): Promise<Voter> {
  const user = ctx.state.user;
  const profile = user
    ? ((await strapi.db.query(UID.profile).findOne({
        where: { user: { id: user.id }, erasedAt: { $null: true } },
        select: ['id', 'documentId', 'college', 'memberSince'],
        populate: { ledCollectives: { select: ['documentId'] } },
      })) as ProfileRow | null)
    : null;
  if (!user || !profile)
    throw new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  const memberships = (await strapi.db.query('api::membership.membership').findMany({
    where: { profile: { id: profile.id }, state: 'active' },
    select: ['id'],
    populate: { collective: { select: ['documentId'] } },
  })) as Array<{ collective: { documentId: string } | null }>;
  const collectives = new Set([
    ...memberships.flatMap((m) => (m.collective ? [m.collective.documentId] : [])),
    ...(profile.ledCollectives ?? []).map((c) => c.documentId),
  ]);
  return {
    profileId: profile.id,
    profileDocumentId: profile.documentId,
    college: profile.college || null,
    memberSince: String(profile.memberSince).slice(0, 10),
    board: user.role?.type === 'board',
    collectives: [...collectives],
  };
}

export function assertBoard(voter: Voter): void {
  if (!voter.board) throw new NotAllowed('Réservé au conseil d’administration.', 'For the board only.');
}
