import type { Core } from '@strapi/strapi';
import { roles, type RoleKey } from '@notre-asso/config';

/** Who is asking: their role and the collectives that decide what they may see and write. */
export interface Viewer {
  role: RoleKey;
  userId: number | null;
  /** Their member profile, when they have one (the board's technical accounts may not). */
  profileId: number | null;
  /** documentIds of collectives they are an active member of or lead (collective-level documents). */
  collectives: string[];
  /** documentIds of collectives they lead (briefs they may write). */
  led: string[];
}

export interface RequestContext {
  state: { user?: { id: number; role?: { type?: string } } };
}

const roleByType = new Map(Object.entries(roles).map(([key, def]) => [def.type, key as RoleKey]));

const PROFILE = 'api::member-profile.member-profile';
const MEMBERSHIP = 'api::membership.membership';

interface ProfileRow {
  id: number;
  ledCollectives?: Array<{ documentId: string }>;
}

export async function viewerOf(strapi: Core.Strapi, ctx: RequestContext): Promise<Viewer> {
  const user = ctx.state.user;
  if (!user) return { role: 'public', userId: null, profileId: null, collectives: [], led: [] };
  const role = roleByType.get(user.role?.type ?? '') ?? 'member';
  const profile = (await strapi.db.query(PROFILE).findOne({
    where: { user: { id: user.id } },
    select: ['id'],
    populate: { ledCollectives: { select: ['documentId'] } },
  })) as ProfileRow | null;
  const led = unique(profile?.ledCollectives?.map((c) => c.documentId) ?? []);
  // Following a collective shows its briefs; only membership (decided by its leads when it is
  // members-only) opens its collective-level documents.
  const memberships = profile
    ? ((await strapi.db.query(MEMBERSHIP).findMany({
        where: { profile: { id: profile.id }, state: 'active' },
        select: ['id'],
        populate: { collective: { select: ['documentId'] } },
      })) as Array<{ collective: { documentId: string } | null }>)
    : [];
  const joined = memberships.flatMap((m) => (m.collective ? [m.collective.documentId] : []));
  return { role, userId: user.id, profileId: profile?.id ?? null, collectives: unique([...joined, ...led]), led };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
