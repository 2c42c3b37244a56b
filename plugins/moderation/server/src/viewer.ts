/**
 * Who is asking, as far as discussions care: their member profile, their role, the collectives
 * they belong to (active membership or lead) and those they lead; read by the plugin kit's
 * one-query lookup, the one the CMS and governance use too.
 */
import type { Core } from '@strapi/strapi';
import { askerOf, NotAllowed, type Account } from '@notre-asso/plugin-kit';

export interface Participant {
  profileId: number;
  role: string;
  /** documentIds of collectives they are an active member of or lead. */
  collectives: Set<string>;
  /** documentIds of collectives they lead, and so moderate. */
  led: Set<string>;
}

export interface ParticipantContext {
  state: { user?: Account };
}

export async function participantOf(strapi: Core.Strapi, ctx: ParticipantContext): Promise<Participant> {
  const user = ctx.state.user;
  const asker = user ? await askerOf(strapi, user) : null;
  if (!asker?.profile)
    throw new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  return {
    profileId: asker.profile.id,
    role: asker.roleType,
    collectives: new Set(asker.collectives),
    led: new Set(asker.led),
  };
}

/** Moderators and the board moderate every collective; leads moderate theirs. */
export const moderatesEverything = (p: Participant) => p.role === 'moderator' || p.role === 'board';
export const moderates = (p: Participant, collective: string) => moderatesEverything(p) || p.led.has(collective);
