import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Table and column names as Strapi's own metadata names them, so that the hand-written queries of
 * the members' space follow the schema instead of guessing Strapi's naming rules.
 */
export const UID = {
  profile: 'api::member-profile.member-profile',
  user: 'plugin::users-permissions.user',
  collective: 'api::collective.collective',
  membership: 'api::membership.membership',
  registration: 'api::registration.registration',
  notification: 'api::notification.notification',
  brief: 'api::brief.brief',
  event: 'api::event.event',
  document: 'api::document.document',
  file: 'plugin::upload.file',
} as const;

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

export const knexOf = (strapi: Core.Strapi): Knex => strapi.db.connection;
