/**
 * Who is asking, as far as discussions care: their member profile, their role, the collectives
 * they belong to (active membership or lead) and those they lead. The CMS's own viewer
 * (cms/src/access/viewer.ts) computes the same; a plugin cannot import it, so it is read here,
 * in one query over Strapi's own table names (read from its metadata), as every request pays it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
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

const UID = {
  profile: 'api::member-profile.member-profile',
  collective: 'api::collective.collective',
  membership: 'api::membership.membership',
} as const;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** The link table of a relation: its name, the column of the declaring row, the column of the target. */
function linkOf(strapi: Core.Strapi, uid: string, attribute: string) {
  const join = (strapi.db.metadata.get(uid).attributes[attribute] as { joinTable?: JoinTable }).joinTable;
  if (!join) throw new Error(`${uid}.${attribute} has no link table`);
  return { table: join.name, source: join.joinColumn.name, target: join.inverseJoinColumn.name };
}

interface Row {
  profile_id: number;
  document_id: string | null;
  kind: 'profile' | 'led' | 'member';
}

export async function participantOf(strapi: Core.Strapi, ctx: ParticipantContext): Promise<Participant> {
  const user = ctx.state.user;
  const rows = user ? await rowsOf(strapi, user.id) : [];
  const profile = rows.find((r) => r.kind === 'profile');
  if (!user || !profile)
    throw new NotAllowed('Ce compte n’a pas de fiche de membre.', 'This account has no member profile.');
  const of = (kind: Row['kind']) => rows.flatMap((r) => (r.kind === kind && r.document_id ? [r.document_id] : []));
  const led = new Set(of('led'));
  return {
    profileId: Number(profile.profile_id),
    role: user.role?.type ?? 'authenticated',
    collectives: new Set([...of('member'), ...led]),
    led,
  };
}

/** The account's profile, the collectives it leads and those it is an active member of, in one query. */
async function rowsOf(strapi: Core.Strapi, userId: number): Promise<Row[]> {
  const knex = strapi.db.connection;
  const account = linkOf(strapi, UID.profile, 'user');
  const leads = linkOf(strapi, UID.collective, 'leads');
  const memberProfile = linkOf(strapi, UID.membership, 'profile');
  const memberCollective = linkOf(strapi, UID.membership, 'collective');
  const collectives = strapi.db.metadata.get(UID.collective).tableName;
  const memberships = strapi.db.metadata.get(UID.membership).tableName;
  const profileId = `pu.${account.source}`;
  const ofAccount = (q: Knex.QueryBuilder) => q.from(`${account.table} as pu`).where(`pu.${account.target}`, userId);
  return (await ofAccount(
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
        .join(`${memberships} as m`, 'm.id', `mp.${memberProfile.source}`)
        .join(`${memberCollective.table} as mc`, `mc.${memberCollective.source}`, 'm.id')
        .join(`${collectives} as c`, 'c.id', `mc.${memberCollective.target}`)
        .where('m.state', 'active'),
    )) as Row[];
}

/** Moderators and the board moderate every collective; leads moderate theirs. */
export const moderatesEverything = (p: Participant) => p.role === 'moderator' || p.role === 'board';
export const moderates = (p: Participant, collective: string) => moderatesEverything(p) || p.led.has(collective);
