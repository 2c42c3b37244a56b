/**
 * The discussion and moderation tables, made by the plugin rather than as Strapi documents: the
 * queue needs what the content-type schema cannot say — one report per member per item (a
 * composite unique key), one case per item, row locks, and the indexes that keep a collective's
 * latest threads and the queue by state fast at 500,000 messages. Strapi's schema sync leaves
 * tables it did not create alone. Member profiles and collectives are referred to by id and
 * documentId.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export const TABLE = {
  thread: 'mod_threads',
  reply: 'mod_replies',
  revision: 'mod_revisions',
  report: 'mod_reports',
  case: 'mod_cases',
  log: 'mod_log',
  appeal: 'mod_appeals',
  signal: 'mod_signals',
  suspension: 'mod_suspensions',
  exchange: 'mod_exchange',
  digest: 'mod_digests',
} as const;

/** What can be reported: a thread, a reply (fil, réponse) or a post of the exchange board (annonce). */
export type ItemKind = 'thread' | 'reply' | 'exchange';
export const itemKinds: ItemKind[] = ['thread', 'reply', 'exchange'];
export const tableOfItem = (kind: ItemKind) =>
  kind === 'thread' ? TABLE.thread : kind === 'reply' ? TABLE.reply : TABLE.exchange;

/** The exchange board belongs to no collective: its cases are the national moderators'. */
export const EXCHANGE_SCOPE = '*';

export const knexOf = (strapi: Core.Strapi): Knex => strapi.db.connection;

export async function ensureTables(strapi: Core.Strapi): Promise<void> {
  // A knex schema builder queues every statement it is given: a fresh one for each.
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.thread)))
    await schema().createTable(TABLE.thread, (t) => {
      t.increments('id');
      t.string('collective', 64).notNullable();
      t.integer('author_id').notNullable();
      t.string('title', 200).notNullable();
      t.text('body').notNullable();
      t.text('body_html').notNullable();
      t.boolean('hidden').notNullable().defaultTo(false);
      t.integer('reply_count').notNullable().defaultTo(0);
      t.timestamp('created_at').notNullable();
      t.timestamp('edited_at');
      t.timestamp('last_activity_at').notNullable();
      // A collective's latest threads, visible ones first served by the same index.
      t.index(['collective', 'last_activity_at'], 'mod_threads_latest');
      t.index(['author_id']);
    });
  if (!(await schema().hasTable(TABLE.reply)))
    await schema().createTable(TABLE.reply, (t) => {
      t.increments('id');
      t.integer('thread_id').notNullable();
      // The thread's collective, copied: reports and the queue are scoped by it.
      t.string('collective', 64).notNullable();
      t.integer('author_id').notNullable();
      t.text('body').notNullable();
      t.text('body_html').notNullable();
      t.boolean('hidden').notNullable().defaultTo(false);
      t.timestamp('created_at').notNullable();
      t.timestamp('edited_at');
      t.index(['thread_id', 'created_at'], 'mod_replies_thread');
      t.index(['author_id']);
    });
  if (!(await schema().hasTable(TABLE.revision)))
    await schema().createTable(TABLE.revision, (t) => {
      t.increments('id');
      t.string('item_kind', 10).notNullable();
      t.integer('item_id').notNullable();
      // The text as it was before this edit (the history of an edited message).
      t.text('body').notNullable();
      t.string('title', 200);
      t.timestamp('replaced_at').notNullable();
      t.index(['item_kind', 'item_id']);
    });
  if (!(await schema().hasTable(TABLE.case)))
    await schema().createTable(TABLE.case, (t) => {
      t.increments('id');
      t.string('item_kind', 10).notNullable();
      t.integer('item_id').notNullable();
      t.string('collective', 64).notNullable();
      t.integer('author_id').notNullable();
      t.string('state', 12).notNullable();
      // Bumped by every decision: a moderator acting on an older version is told it was handled.
      t.integer('version').notNullable().defaultTo(1);
      t.integer('report_count').notNullable().defaultTo(0);
      t.timestamp('opened_at').notNullable();
      t.timestamp('decided_at');
      t.unique(['item_kind', 'item_id']);
      t.index(['state', 'opened_at'], 'mod_cases_queue');
      t.index(['collective', 'state', 'opened_at'], 'mod_cases_collective');
    });
  if (!(await schema().hasTable(TABLE.report)))
    await schema().createTable(TABLE.report, (t) => {
      t.increments('id');
      t.integer('case_id').notNullable();
      t.string('item_kind', 10).notNullable();
      t.integer('item_id').notNullable();
      t.integer('reporter_id').notNullable();
      t.string('article', 20).notNullable();
      t.text('comment');
      t.timestamp('created_at').notNullable();
      t.unique(['item_kind', 'item_id', 'reporter_id']);
      t.index(['case_id']);
      t.index(['reporter_id']);
    });
  if (!(await schema().hasTable(TABLE.log)))
    await schema().createTable(TABLE.log, (t) => {
      t.increments('id');
      t.integer('case_id');
      t.string('item_kind', 10).notNullable();
      t.integer('item_id').notNullable();
      t.string('collective', 64).notNullable();
      // Null when the threshold of reports acted, not a person.
      t.integer('actor_id');
      t.string('action', 20).notNullable();
      t.text('reason');
      t.timestamp('created_at').notNullable();
      t.index(['item_kind', 'item_id']);
      t.index(['collective', 'created_at']);
    });
}

export async function ensureAppeals(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.appeal)))
    await schema().createTable(TABLE.appeal, (t) => {
      t.increments('id');
      t.integer('case_id').notNullable();
      // The log row of the decision appealed: its unique key allows one appeal per decision.
      t.integer('decision_id').notNullable().unique();
      t.integer('author_id').notNullable();
      t.text('statement').notNullable();
      t.timestamp('created_at').notNullable();
      t.string('outcome', 12);
      t.integer('decided_by');
      t.timestamp('decided_at');
      t.index(['case_id']);
    });
}

/** Signals mailed to moderators about a case: its unique key sends each one at most once. */
export async function ensureSignals(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.signal)))
    await schema().createTable(TABLE.signal, (t) => {
      t.increments('id');
      t.integer('case_id').notNullable();
      t.string('signal', 20).notNullable();
      t.timestamp('sent_at').notNullable();
      t.unique(['case_id', 'signal']);
    });
}

/** The moderators' daily digests sent (services/digest.ts): one per person and Paris day. */
export async function ensureDigests(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.digest)))
    await schema().createTable(TABLE.digest, (t) => {
      t.increments('id');
      t.integer('profile_id').notNullable();
      t.string('day', 10).notNullable();
      t.timestamp('sent_at').notNullable();
      t.unique(['profile_id', 'day']);
    });
}

/**
 * A thread may be about an event or a document of its collective (`event:<documentId>`,
 * `document:<documentId>`): it is still the collective's thread, read, written and moderated as
 * its others, and also listed beside what it is about.
 */
export async function ensureThreadSubjects(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasColumn(TABLE.thread, 'about')))
    await schema().alterTable(TABLE.thread, (t) => {
      t.string('about', 80);
      t.index(['about', 'last_activity_at'], 'mod_threads_about');
    });
}

/** Decisions taken from the admin panel name the admin user who took them (issue 7, "Where"). */
export async function ensureAdminActors(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasColumn(TABLE.log, 'admin_actor_id')))
    await schema().alterTable(TABLE.log, (t) => t.integer('admin_actor_id'));
}

/** Members a moderator suspended from posting, until a date (lifted early when an appeal overturns it). */
export async function ensureSuspensions(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.suspension)))
    await schema().createTable(TABLE.suspension, (t) => {
      t.increments('id');
      t.integer('profile_id').notNullable();
      t.integer('case_id').notNullable();
      t.integer('decided_by').notNullable();
      t.timestamp('created_at').notNullable();
      t.timestamp('until').notNullable();
      t.timestamp('lifted_at');
      t.index(['profile_id', 'until']);
      t.index(['case_id']);
    });
}

/** The exchange board (« bon coin »): offers and requests of members, until they expire. */
export async function ensureExchange(strapi: Core.Strapi): Promise<void> {
  const schema = () => knexOf(strapi).schema;
  if (!(await schema().hasTable(TABLE.exchange)))
    await schema().createTable(TABLE.exchange, (t) => {
      t.increments('id');
      // Always EXCHANGE_SCOPE: cases and the log are scoped by collective.
      t.string('collective', 64).notNullable();
      t.integer('author_id').notNullable();
      t.string('type', 10).notNullable();
      t.string('category', 20).notNullable();
      t.string('title', 200).notNullable();
      t.text('body').notNullable();
      t.text('body_html').notNullable();
      t.string('place', 120).notNullable();
      t.timestamp('expires_at').notNullable();
      t.boolean('hidden').notNullable().defaultTo(false);
      t.timestamp('created_at').notNullable();
      t.timestamp('edited_at');
      t.timestamp('withdrawn_at');
      // The board as members read it: live posts, newest first.
      t.index(['expires_at', 'created_at'], 'mod_exchange_live');
      t.index(['author_id']);
    });
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/**
 * Reads a row and takes its lock for the rest of the transaction on PostgreSQL; SQLite runs its
 * transactions one after the other on its single connection, so there is nothing to take.
 */
export async function lockedRow<T>(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  table: string,
  id: number,
): Promise<T | undefined> {
  const query = knexOf(strapi)(table).transacting(trx).where({ id }).first();
  return (await (isPostgres(strapi) ? query.forUpdate() : query)) as T | undefined;
}

/** SQLite returns booleans as 0/1 and timestamps as numbers: rows as the API shows them. */
export const asBoolean = (value: unknown) => value === true || value === 1 || value === '1';
export const asDate = (value: unknown) => (value == null ? null : new Date(value as string | number).toISOString());
