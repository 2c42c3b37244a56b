import type { Core } from '@strapi/strapi';
import { roles, type RoleKey } from '@notre-asso/config';

/** Who is asking: their role and the collectives that decide what they may see and write. */
export interface Viewer {
  role: RoleKey;
  userId: number | null;
  /** Their member profile, when they have one (the board's technical accounts may not). */
  profileId: number | null;
  /** documentIds of collectives they follow or lead (collective-level documents). */
  collectives: string[];
  /** documentIds of collectives they lead (briefs they may write). */
  led: string[];
}

export interface RequestContext {
  state: { user?: { id: number; role?: { type?: string } } };
}

const roleByType = new Map(Object.entries(roles).map(([key, def]) => [def.type, key as RoleKey]));

const PROFILE = 'api::member-profile.member-profile';

interface ProfileRow {
  id: number;
  followedCollectives?: Array<{ documentId: string }>;
  ledCollectives?: Array<{ documentId: string }>;
}

export async function viewerOf(strapi: Core.Strapi, ctx: RequestContext): Promise<Viewer> {
  const user = ctx.state.user;
  if (!user) return { role: 'public', userId: null, profileId: null, collectives: [], led: [] };
  const role = roleByType.get(user.role?.type ?? '') ?? 'member';
  const profile = (await strapi.db.query(PROFILE).findOne({
    where: { user: { id: user.id } },
    select: ['id'],
    populate: {
      followedCollectives: { select: ['documentId'] },
      ledCollectives: { select: ['documentId'] },
    },
  })) as ProfileRow | null;
  const led = unique(profile?.ledCollectives?.map((c) => c.documentId) ?? []);
  const followed = profile?.followedCollectives?.map((c) => c.documentId) ?? [];
  return { role, userId: user.id, profileId: profile?.id ?? null, collectives: unique([...followed, ...led]), led };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
