import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { roles, type RoleKey } from '@notre-asso/config';
import { columnOf, knexOf, linkOf, tableOf, UID } from '../space/tables';

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

interface Row {
  profile_id: number;
  document_id: string | null;
  kind: 'profile' | 'led' | 'member';
}

/**
 * Read on every request of the members' space, so in one query: the account's profile, the
 * collectives it leads and those it is an active member of. Following a collective shows its
 * briefs; only membership (decided by its leads when it is members-only) opens its
 * collective-level documents.
 */
export async function viewerOf(strapi: Core.Strapi, ctx: RequestContext): Promise<Viewer> {
  const user = ctx.state.user;
  if (!user) return { role: 'public', userId: null, profileId: null, collectives: [], led: [] };
  const role = roleByType.get(user.role?.type ?? '') ?? 'member';
  const knex = knexOf(strapi);
  const account = linkOf(strapi, UID.profile, 'user');
  const leads = linkOf(strapi, UID.collective, 'leads');
  const memberProfile = linkOf(strapi, UID.membership, 'profile');
  const memberCollective = linkOf(strapi, UID.membership, 'collective');
  const collectives = tableOf(strapi, UID.collective);
  const profileId = `pu.${account.source}`;
  const ofAccount = (q: Knex.QueryBuilder) => q.from(`${account.table} as pu`).where(`pu.${account.target}`, user.id);
  const rows = (await ofAccount(
    knex.select(`${profileId} as profile_id`, knex.raw('null as document_id'), knex.raw("'profile' as kind")),
  )
    .unionAll((q) =>
      ofAccount(q.select(profileId, 'c.document_id', knex.raw("'led'")))
        .join(`${leads.table} as l`, `l.${leads.target}`, profileId)
        .join(`${collectives} as c`, 'c.id', `l.${leads.source}`),
    )
    .unionAll((q) =>
      ofAccount(q.select(profileId, 'c.document_id', knex.raw("'member'")))
        .join(`${memberProfile.table} as mp`, `mp.${memberProfile.target}`, profileId)
        .join(`${tableOf(strapi, UID.membership)} as m`, 'm.id', `mp.${memberProfile.source}`)
        .join(`${memberCollective.table} as mc`, `mc.${memberCollective.source}`, 'm.id')
        .join(`${collectives} as c`, 'c.id', `mc.${memberCollective.target}`)
        .where(`m.${columnOf(strapi, UID.membership, 'state')}`, 'active'),
    )) as Row[];
  const of = (kind: Row['kind']) => rows.flatMap((r) => (r.kind === kind && r.document_id ? [r.document_id] : []));
  const led = unique(of('led'));
  const profile = rows.find((r) => r.kind === 'profile');
  return {
    role,
    userId: user.id,
    profileId: profile ? Number(profile.profile_id) : null,
    collectives: unique([...of('member'), ...led]),
    led,
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
