import type { Core } from '@strapi/strapi';
import { askerOf, type Asker } from '@notre-asso/plugin-kit';
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
  /** What the lookup read, for the plugins the request goes on to ask (votes on the dashboard). */
  asker: Asker | null;
}

export interface RequestContext {
  state: { user?: { id: number; role?: { type?: string } } };
}

const roleByType = new Map(Object.entries(roles).map(([key, def]) => [def.type, key as RoleKey]));

/** Read on every request of the members' space: one query (the plugin kit's `askerOf`). */
export async function viewerOf(strapi: Core.Strapi, ctx: RequestContext): Promise<Viewer> {
  const user = ctx.state.user;
  if (!user) return { role: 'public', userId: null, profileId: null, collectives: [], led: [], asker: null };
  const asker = await askerOf(strapi, user);
  return {
    role: roleByType.get(asker.roleType) ?? 'member',
    userId: user.id,
    profileId: asker.profile?.id ?? null,
    collectives: asker.collectives,
    led: asker.led,
    asker,
  };
}
