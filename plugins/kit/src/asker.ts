/**
 * Who is asking, for the CMS and every plugin alike: the account's member profile, the
 * collectives it leads and those it is an active member of. Every request of the members' space
 * needs it, so it is one query, over the table names Strapi's own metadata gives.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { preparedRead } from './database';

type Metadata = ReturnType<Core.Strapi['db']['metadata']['get']>;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

export interface Link {
  table: string;
  /** Column holding the row id of the type the relation is declared on. */
  source: string;
  /** Column holding the row id of the relation's target. */
  target: string;
}

const metadata = (strapi: Core.Strapi, uid: string): Metadata => strapi.db.metadata.get(uid);

export const tableOf = (strapi: Core.Strapi, uid: string): string => metadata(strapi, uid).tableName;

/** The link table of a relation attribute (Strapi 5 keeps every relation in one, `…_lnk`). */
export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const attr = metadata(strapi, uid).attributes[attribute] as { joinTable?: JoinTable } | undefined;
  const join = attr?.joinTable;
  if (!join?.joinColumn) throw new Error(`${uid}.${attribute} has no link table`);
  return { table: join.name, source: join.joinColumn.name, target: join.inverseJoinColumn.name };
}

/** The column of a scalar attribute. */
export function columnOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const attr = metadata(strapi, uid).attributes[attribute] as { columnName?: string } | undefined;
  if (!attr) throw new Error(`${uid} has no attribute ${attribute}`);
  return attr.columnName ?? attribute;
}

export const MEMBER_UID = {
  profile: 'api::member-profile.member-profile',
  collective: 'api::collective.collective',
  membership: 'api::membership.membership',
} as const;

/** The account a request was authenticated as (users-permissions puts it on `ctx.state.user`). */
export interface Account {
  id: number;
  role?: { type?: string };
}

export interface Asker {
  userId: number;
  /** The users-permissions role type: `authenticated` (member), `lead`, `moderator`, `board`… */
  roleType: string;
  /** Their member profile, when they have one (the board's technical accounts may not). */
  profile: {
    id: number;
    documentId: string;
    displayName: string;
    membershipNumber: string;
    college: string | null;
    /** YYYY-MM-DD */
    memberSince: string;
    erased: boolean;
  } | null;
  /** documentIds of collectives they are an active member of or lead. */
  collectives: string[];
  /** documentIds of collectives they lead. */
  led: string[];
}

interface Row {
  kind: 'profile' | 'led' | 'member';
  profile_id: number;
  /** The profile's documentId on the profile row, a collective's on the others. */
  document_id: string;
  display_name: string | null;
  membership_number: string | null;
  college: string | null;
  member_since: string | null;
  erased_at: unknown;
}

export async function askerOf(strapi: Core.Strapi, user: Account): Promise<Asker> {
  const rows = await rowsOf(strapi, user.id);
  const of = (kind: Row['kind']) => rows.flatMap((r) => (r.kind === kind ? [r.document_id] : []));
  const led = unique(of('led'));
  const profile = rows.find((r) => r.kind === 'profile');
  return {
    userId: user.id,
    roleType: user.role?.type ?? 'authenticated',
    profile: profile
      ? {
          id: Number(profile.profile_id),
          documentId: profile.document_id,
          displayName: String(profile.display_name),
          membershipNumber: String(profile.membership_number),
          college: profile.college || null,
          memberSince: String(profile.member_since).slice(0, 10),
          erased: profile.erased_at !== null && profile.erased_at !== undefined,
        }
      : null,
    collectives: unique([...of('member'), ...led]),
    led,
  };
}

/**
 * One UNION ALL: the profile row, then one row per collective led, then one per active
 * membership. Following a collective shows its briefs; only membership (decided by its leads when
 * it is members-only) or leading it counts here.
 */
function rowsOf(strapi: Core.Strapi, userId: number): Promise<Row[]> {
  const knex: Knex = strapi.db.connection;
  return preparedRead<Row, [number]>(knex, 'kit.asker', (user) => askerQuery(strapi, knex, user), userId);
}

function askerQuery(strapi: Core.Strapi, knex: Knex, userId: number): Knex.QueryBuilder {
  const { profile, collective, membership } = MEMBER_UID;
  const account = linkOf(strapi, profile, 'user');
  const leads = linkOf(strapi, collective, 'leads');
  const memberProfile = linkOf(strapi, membership, 'profile');
  const memberCollective = linkOf(strapi, membership, 'collective');
  const collectives = tableOf(strapi, collective);
  const profileId = `pu.${account.source}`;
  const ofAccount = (q: Knex.QueryBuilder) => q.from(`${account.table} as pu`).where(`pu.${account.target}`, userId);
  const none = knex.raw('null');
  const fromCollective = (q: Knex.QueryBuilder, kind: Row['kind']) =>
    // kind is one of three fixed words, never input.
    ofAccount(q.select(knex.raw(`'${kind}'`), profileId, 'c.document_id', none, none, none, none, none));
  const query = ofAccount(
    knex
      .select(
        knex.raw("'profile' as kind"),
        `${profileId} as profile_id`,
        'p.document_id as document_id',
        `p.${columnOf(strapi, profile, 'displayName')} as display_name`,
        `p.${columnOf(strapi, profile, 'membershipNumber')} as membership_number`,
        `p.${columnOf(strapi, profile, 'college')} as college`,
        `p.${columnOf(strapi, profile, 'memberSince')} as member_since`,
        `p.${columnOf(strapi, profile, 'erasedAt')} as erased_at`,
      )
      .join(`${tableOf(strapi, profile)} as p`, 'p.id', profileId),
  )
    .unionAll((q) =>
      fromCollective(q, 'led')
        .join(`${leads.table} as l`, `l.${leads.target}`, profileId)
        .join(`${collectives} as c`, 'c.id', `l.${leads.source}`),
    )
    .unionAll((q) =>
      fromCollective(q, 'member')
        .join(`${memberProfile.table} as mp`, `mp.${memberProfile.target}`, profileId)
        .join(`${tableOf(strapi, membership)} as m`, 'm.id', `mp.${memberProfile.source}`)
        .join(`${memberCollective.table} as mc`, `mc.${memberCollective.source}`, 'm.id')
        .join(`${collectives} as c`, 'c.id', `mc.${memberCollective.target}`)
        .where(`m.${columnOf(strapi, membership, 'state')}`, 'active'),
    );
  return query;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
