/**
 * The tables of the vote itself, made by the plugin rather than as Strapi documents, after
 * Loomio's detached design: a participation row says who took part in which vote (and who acted,
 * for a vote by proxy); the ballot row says what was chosen, with a random id, no voter and no
 * timestamp. Both are written in one transaction; the participation's primary key (subject, voter)
 * makes a second ballot by the same member impossible, on SQLite and PostgreSQL alike.
 * Strapi's schema sync leaves tables it did not create alone.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isUniqueViolation, refuseChangesInPostgres } from '@notre-asso/plugin-kit';
import { AlreadyVoted } from './errors';

export const TABLE = {
  participation: 'gov_participations',
  ballot: 'gov_ballots',
  proxy: 'gov_proxies',
  voter: 'gov_voters',
  // Co-drafting (services/drafting.ts, services/versions.ts): kept out of the admin panel's
  // editing like the ballots, since they are the assembly's record of who proposed what.
  version: 'gov_versions',
  proposal: 'gov_proposals',
  support: 'gov_supports',
  comment: 'gov_comments',
  // Who was convened to which assembly, when, how (e-mail or paper) and by whom (services/convocations.ts).
  convocation: 'gov_convocations',
  // The assembly in the room (services/room.ts): who was present, and the room's totals per resolution.
  attendance: 'gov_attendance',
  roomCount: 'gov_room_counts',
} as const;

export const UID = {
  poll: 'plugin::governance.poll',
  assembly: 'plugin::governance.assembly',
  resolution: 'plugin::governance.resolution',
  profile: 'api::member-profile.member-profile',
} as const;

/** What a ballot is cast in: `poll:<documentId>` or `resolution:<documentId>`. */
export type Subject = `poll:${string}` | `resolution:${string}`;

export async function ensureTables(strapi: Core.Strapi): Promise<void> {
  // A knex schema builder queues every statement it is given: a fresh one for each.
  const schema = () => strapi.db.connection.schema;
  if (!(await schema().hasTable(TABLE.participation)))
    await schema().createTable(TABLE.participation, (t) => {
      t.string('subject', 64).notNullable();
      t.integer('voter_id').notNullable();
      // The member who submitted the ballot: the voter, or the holder of their proxy.
      t.integer('acted_by').notNullable();
      t.string('assembly', 64);
      t.primary(['subject', 'voter_id']);
      t.index(['assembly', 'acted_by']);
    });
  // A public poll's record says who voted what (a secret one never): the choice beside the voter.
  if (!(await schema().hasColumn(TABLE.participation, 'public_choice')))
    await schema().alterTable(TABLE.participation, (t) => {
      t.text('public_choice');
    });
  if (!(await schema().hasTable(TABLE.ballot)))
    await schema().createTable(TABLE.ballot, (t) => {
      t.string('id', 36).primary();
      t.string('subject', 64).notNullable().index();
      t.text('choice').notNullable();
      t.string('college', 40);
      t.string('receipt_hash', 64).notNullable();
    });
  if (!(await schema().hasTable(TABLE.proxy)))
    await schema().createTable(TABLE.proxy, (t) => {
      t.string('assembly', 64).notNullable();
      t.integer('giver_id').notNullable();
      t.integer('holder_id').notNullable();
      t.timestamp('given_at').notNullable();
      t.primary(['assembly', 'giver_id']);
      t.index(['assembly', 'holder_id']);
    });
  if (!(await schema().hasTable(TABLE.voter)))
    await schema().createTable(TABLE.voter, (t) => {
      t.string('assembly', 64).notNullable();
      t.integer('profile_id').notNullable();
      t.string('college', 40);
      t.primary(['assembly', 'profile_id']);
    });
  await ensureDraftingTables(strapi);
  if (!(await schema().hasTable(TABLE.convocation)))
    await schema().createTable(TABLE.convocation, (t) => {
      t.string('assembly', 64).notNullable();
      t.string('convocation', 8).notNullable();
      t.integer('profile_id').notNullable();
      t.string('channel', 8).notNullable();
      t.timestamp('sent_at').notNullable();
      t.integer('sent_by').notNullable();
      t.primary(['assembly', 'convocation', 'profile_id']);
    });
  if (!(await schema().hasTable(TABLE.attendance)))
    await schema().createTable(TABLE.attendance, (t) => {
      t.string('assembly', 64).notNullable();
      t.integer('profile_id').notNullable();
      t.integer('recorded_by').notNullable();
      t.timestamp('recorded_at').notNullable();
      t.primary(['assembly', 'profile_id']);
    });
  // Every recording is kept (the audit trail); a resolution's room totals are its latest revision.
  if (!(await schema().hasTable(TABLE.roomCount)))
    await schema().createTable(TABLE.roomCount, (t) => {
      t.string('subject', 64).notNullable();
      t.integer('revision').notNullable();
      t.string('college', 40).notNullable();
      t.integer('for_count').notNullable();
      t.integer('against_count').notNullable();
      t.integer('abstain_count').notNullable();
      t.integer('recorded_by').notNullable();
      t.timestamp('recorded_at').notNullable();
      t.primary(['subject', 'revision', 'college']);
    });
  if (isPostgres(strapi)) {
    const why = 'a ballot, once cast, is never changed nor deleted';
    await refuseChangesInPostgres(strapi.db.connection, TABLE.ballot, 'gov_ballots_append_only', why);
    await refuseChangesInPostgres(strapi.db.connection, TABLE.participation, 'gov_participations_append_only', why);
  }
}

async function ensureDraftingTables(strapi: Core.Strapi): Promise<void> {
  const schema = () => strapi.db.connection.schema;
  if (!(await schema().hasTable(TABLE.version)))
    await schema().createTable(TABLE.version, (t) => {
      t.string('resolution', 64).notNullable();
      t.integer('number').notNullable();
      t.text('text').notNullable();
      t.integer('author_id').notNullable();
      t.text('reason');
      // The amendment this version accepted, if any, and the line diff from the version before.
      t.string('amendment', 36);
      t.text('diff');
      t.timestamp('created_at').notNullable();
      t.primary(['resolution', 'number']);
    });
  if (!(await schema().hasTable(TABLE.proposal)))
    await schema().createTable(TABLE.proposal, (t) => {
      t.string('id', 36).primary();
      t.string('assembly', 64).notNullable().index();
      // A draft resolution, or an amendment to a resolution's current text.
      t.string('kind', 16).notNullable();
      t.string('resolution', 64);
      t.string('title', 300);
      t.string('resolution_kind', 16);
      t.text('text').notNullable();
      t.text('reason');
      // The version an amendment rewrites: accepted only while it is still the current one.
      t.integer('base_version');
      t.integer('author_id').notNullable();
      t.timestamp('created_at').notNullable();
      t.string('state', 16).notNullable();
      t.integer('decided_by');
      t.timestamp('decided_at');
      t.text('decision_reason');
      // What the decision made: the new version's number or the resolution put to the vote.
      t.string('outcome', 64);
    });
  if (!(await schema().hasTable(TABLE.support)))
    await schema().createTable(TABLE.support, (t) => {
      t.string('proposal', 36).notNullable();
      t.integer('profile_id').notNullable();
      t.timestamp('created_at').notNullable();
      t.primary(['proposal', 'profile_id']);
    });
  if (!(await schema().hasTable(TABLE.comment)))
    await schema().createTable(TABLE.comment, (t) => {
      t.increments('id');
      t.string('proposal', 36).notNullable().index();
      t.integer('author_id').notNullable();
      t.text('text').notNullable();
      t.timestamp('created_at').notNullable();
    });
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/**
 * Takes a row's lock for the rest of the transaction on PostgreSQL; SQLite runs its transactions
 * one after the other on its single connection, so there is nothing to take.
 */
export async function lockRows(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  table: string,
  where: Record<string, unknown>,
) {
  if (!isPostgres(strapi)) return;
  await strapi.db.connection(table).transacting(trx).where(where).forUpdate().select(strapi.db.connection.raw('1'));
}

export const hashReceipt = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

export interface CastBallot {
  subject: Subject;
  voterId: number;
  actedBy: number;
  assembly?: string | null;
  choice: unknown;
  college?: string | null;
  /** A public poll: the choice is also written beside the voter, for members to see. */
  public?: boolean;
}

/**
 * Records one ballot inside the caller's transaction: the participation first (its primary key
 * refuses a second one, waiting for a concurrent first one to commit on PostgreSQL), then the
 * anonymous ballot. Returns the voter's receipt code; only its hash is kept, with the ballot.
 */
export async function castBallot(strapi: Core.Strapi, trx: Knex.Transaction, ballot: CastBallot): Promise<string> {
  const knex = strapi.db.connection;
  const receipt = randomBytes(12).toString('base64url');
  try {
    await knex(TABLE.participation)
      .transacting(trx)
      .insert({
        subject: ballot.subject,
        voter_id: ballot.voterId,
        acted_by: ballot.actedBy,
        assembly: ballot.assembly ?? null,
        public_choice: ballot.public ? JSON.stringify(ballot.choice) : null,
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyVoted();
    throw error;
  }
  await knex(TABLE.ballot)
    .transacting(trx)
    .insert({
      id: randomUUID(),
      subject: ballot.subject,
      choice: JSON.stringify(ballot.choice),
      college: ballot.college ?? null,
      receipt_hash: hashReceipt(receipt),
    });
  return receipt;
}

/** Runs a transaction, and turns a unique-key refusal raised at commit into AlreadyVoted. */
export async function inTransaction<T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await strapi.db.transaction(({ trx }) => work(trx));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyVoted();
    throw error;
  }
}

export async function hasParticipated(strapi: Core.Strapi, subject: Subject, voterId: number): Promise<boolean> {
  const row = await strapi.db.connection(TABLE.participation).where({ subject, voter_id: voterId }).first('voter_id');
  return Boolean(row);
}

/** The choices of every ballot of a vote, in the random order of their ids (never arrival order). */
export async function ballotsOf(
  strapi: Core.Strapi,
  subject: Subject,
): Promise<Array<{ choice: unknown; college: string | null }>> {
  const rows = (await strapi.db
    .connection(TABLE.ballot)
    .where({ subject })
    .orderBy('id')
    .select('choice', 'college')) as Array<{ choice: string; college: string | null }>;
  return rows.map((r) => ({ choice: JSON.parse(r.choice), college: r.college }));
}

export async function receiptHashesOf(strapi: Core.Strapi, subject: Subject): Promise<string[]> {
  const rows = (await strapi.db
    .connection(TABLE.ballot)
    .where({ subject })
    .orderBy('receipt_hash')
    .select('receipt_hash')) as Array<{
    receipt_hash: string;
  }>;
  return rows.map((r) => r.receipt_hash);
}
