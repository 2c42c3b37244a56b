/**
 * Who is asking, as far as discussions care: their member profile, their role, the collectives
 * they belong to (active membership or lead) and those they lead. The CMS's own viewer
 * (cms/src/access/viewer.ts) computes the same; a plugin cannot import it, so it is read here
 * with the query engine.
 */
import type { Core } from '@strapi/strapi';
import { NotAllowed } from '@notre-asso/plugin-kit';

export interface Participant {
  profileId: number;
  role: string;
  /** documentIds of collectives they are an active member of or lead. */
  collectives: Set<string>;
  /** documentIds of collectives they lead, and so moderate. */
  led: Set<string>;
}

export interface ParticipantContext {
  state: { user?: { id: number; role?: { type?: string } } };
}

const PROFILE = 'api::member-profile.member-profile';

export async function participantOf(strapi: Core.Strapi, ctx: ParticipantContext): Promise<Participant> {
  const user = ctx.state.user;
  const profile = user
    ? ((await strapi.db.query(PROFILE).findOne({
        where: { user: { id: user.id } },
        select: ['id'],
        populate: { ledCollectives: { select: ['documentId'] } },
      })) as { id: number; ledCollectives?: Array<{ documentId: string }> } | null)
    : null;
  if (!user || !profile)
    throw new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  const memberships = (await strapi.db.query('api::membership.membership').findMany({
    where: { profile: { id: profile.id }, state: 'active' },
    select: ['id'],
    populate: { collective: { select: ['documentId'] } },
  })) as Array<{ collective: { documentId: string } | null }>;
  const led = new Set((profile.ledCollectives ?? []).map((c) => c.documentId));
  return {
    profileId: profile.id,
    role: user.role?.type ?? 'authenticated',
    collectives: new Set([...memberships.flatMap((m) => (m.collective ? [m.collective.documentId] : [])), ...led]),
    led,
  };
}

/** Moderators and the board moderate every collective; leads moderate theirs. */
export const moderatesEverything = (p: Participant) => p.role === 'moderator' || p.role === 'board';
export const moderates = (p: Participant, collective: string) => moderatesEverything(p) || p.led.has(collective);
