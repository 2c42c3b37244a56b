/**
 * Where the register lives in the database: table and link-table names read from Strapi's
 * metadata (relations are link tables in Strapi 5), and the base queries the ledger and the
 * register share. Raw knex joins a transaction only through `.transacting(trx)`.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export const UID = {
  shareClass: 'plugin::shares.share-class',
  movement: 'plugin::shares.movement',
  holding: 'plugin::shares.shareholding',
  ledger: 'plugin::shares.ledger',
  subscription: 'plugin::shares.subscription',
  redemption: 'plugin::shares.redemption',
  profile: 'api::member-profile.member-profile',
} as const;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

export interface Link {
  table: string;
  /** Column pointing at the row that owns the relation. */
  owner: string;
  /** Column pointing at the related row. */
  target: string;
}

export interface Tables {
  shareClass: string;
  movement: string;
  holding: string;
  ledger: string;
  profile: string;
  movementProfile: Link;
  movementClass: Link;
  movementRecordedBy: Link;
  holdingProfile: Link;
  holdingClass: Link;
  redemption: string;
  redemptionProfile: Link;
  redemptionClass: Link;
  subscription: string;
  subscriptionProfile: Link;
  subscriptionClass: Link;
}

const cache = new WeakMap<Core.Strapi, Tables>();

export function tablesOf(strapi: Core.Strapi): Tables {
  const known = cache.get(strapi);
  if (known) return known;
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const link = (uid: string, attribute: string): Link => {
    const joinTable = (strapi.db.metadata.get(uid).attributes[attribute] as unknown as { joinTable: JoinTable })
      .joinTable;
    return { table: joinTable.name, owner: joinTable.joinColumn.name, target: joinTable.inverseJoinColumn.name };
  };
  const tables: Tables = {
    shareClass: table(UID.shareClass),
    movement: table(UID.movement),
    holding: table(UID.holding),
    ledger: table(UID.ledger),
    profile: table(UID.profile),
    movementProfile: link(UID.movement, 'profile'),
    movementClass: link(UID.movement, 'shareClass'),
    movementRecordedBy: link(UID.movement, 'recordedBy'),
    holdingProfile: link(UID.holding, 'profile'),
    holdingClass: link(UID.holding, 'shareClass'),
    redemption: table(UID.redemption),
    redemptionProfile: link(UID.redemption, 'profile'),
    redemptionClass: link(UID.redemption, 'shareClass'),
    subscription: table(UID.subscription),
    subscriptionProfile: link(UID.subscription, 'profile'),
    subscriptionClass: link(UID.subscription, 'shareClass'),
  };
  cache.set(strapi, tables);
  return tables;
}

export type Db = Knex | Knex.Transaction;

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/**
 * Movements with their member profile (`profile_id`) and class (`class_id`) as columns: `m` is
 * the movement row.
 */
export function movementRows(strapi: Core.Strapi, db: Db) {
  const t = tablesOf(strapi);
  return db(`${t.movement} as m`)
    .join(`${t.movementProfile.table} as mp`, `mp.${t.movementProfile.owner}`, 'm.id')
    .join(`${t.movementClass.table} as mc`, `mc.${t.movementClass.owner}`, 'm.id');
}

export const profileColumn = (strapi: Core.Strapi) => `mp.${tablesOf(strapi).movementProfile.target}`;
export const classColumn = (strapi: Core.Strapi) => `mc.${tablesOf(strapi).movementClass.target}`;

/** Holdings with their member profile (`profile_id`) and class (`class_id`): `h` is the holding row. */
export function holdingRows(strapi: Core.Strapi, db: Db) {
  const t = tablesOf(strapi);
  return db(`${t.holding} as h`)
    .join(`${t.holdingProfile.table} as hp`, `hp.${t.holdingProfile.owner}`, 'h.id')
    .join(`${t.holdingClass.table} as hc`, `hc.${t.holdingClass.owner}`, 'h.id');
}

export const holdingProfileColumn = (strapi: Core.Strapi) => `hp.${tablesOf(strapi).holdingProfile.target}`;
export const holdingClassColumn = (strapi: Core.Strapi) => `hc.${tablesOf(strapi).holdingClass.target}`;

/** A date column as `YYYY-MM-DD` whatever the driver returns (a Date on PostgreSQL, a string or a number on SQLite). */
export function isoDay(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
