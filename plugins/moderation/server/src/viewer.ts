/**
 * Who is asking, as far as discussions care: their member profile, their role, the collectives
 * they belong to (active membership or lead) and those they lead; read by the plugin kit's
 * one-query lookup, the one the CMS and governance use too.
 */
import type { Core } from '@strapi/strapi';
import { askerOf, MEMBER_UID, NotAllowed, type Account } from '@notre-asso/plugin-kit';

export interface Participant {
  profileId: number;
  role: string;
  /** documentIds of collectives they are an active member of or lead. */
  collectives: Set<string>;
  /** documentIds of collectives they lead, and so moderate. */
  led: Set<string>;
  /** Set when an admin-panel user acts through the plugin's admin page (see adminModerator). */
  adminId?: number;
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

/**
 * An admin-panel user holding the plugin's queue permission moderates every collective. Admin
 * users are not members: when one also has a member account under the same e-mail, that
 * profile is theirs here, so that nobody moderates their own message from the admin panel
 * either; otherwise they have no profile (0, an id no row has).
 */
export async function adminModerator(strapi: Core.Strapi, admin: { id: number; email: string }): Promise<Participant> {
  const profile = (await strapi.db.query(MEMBER_UID.profile).findOne({
    where: { user: { email: admin.email.toLowerCase() } },
    select: ['id'],
  })) as { id: number } | null;
  return { profileId: profile?.id ?? 0, role: 'moderator', collectives: new Set(), led: new Set(), adminId: admin.id };
}
