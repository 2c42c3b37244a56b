/**
 * The outbox and mailing tables as Strapi's metadata names them. The outbox is read and written
 * with knex: queuing inserts thousands of rows at once, and claiming needs `FOR UPDATE SKIP LOCKED`,
 * which neither the Document Service nor the query engine offer.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PluginMailingKind } from '@notre-asso/plugin-kit';
import { columnOf, knexOf, linkOf, tableOf } from '../space/tables';

export const OUTBOX = 'api::outbox-message.outbox-message';
export const MAILING = 'api::mailing.mailing';
export const NEWSLETTER = 'api::newsletter.newsletter';
export const SUBSCRIBER = 'api::newsletter-subscriber.newsletter-subscriber';

export type MessageState = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
export type MailingKind = 'brief' | 'newsletter' | 'confirmation' | 'digest' | PluginMailingKind;
export type MailingState = 'running' | 'paused' | 'finished';

const outboxAttributes = [
  'key',
  'mailingKey',
  'address',
  'domain',
  'language',
  'state',
  'attempts',
  'lastError',
  'nextAttemptAt',
  'claimedAt',
  'sentAt',
] as const;
const mailingAttributes = [
  'key',
  'kind',
  'item',
  'state',
  'recipients',
  'sent',
  'failed',
  'skipped',
  'ratePerSecond',
  'finishedAt',
] as const;

type Columns<A extends readonly string[]> = Record<A[number], string>;

export interface Tables {
  db: Knex;
  outbox: string;
  o: Columns<typeof outboxAttributes>;
  mailings: string;
  m: Columns<typeof mailingAttributes>;
  /** outbox row → member profile */
  recipient: { table: string; source: string; target: string };
}

export function tables(strapi: Core.Strapi): Tables {
  const cols = <A extends readonly string[]>(uid: string, attributes: A) =>
    Object.fromEntries(attributes.map((a) => [a, columnOf(strapi, uid, a)])) as Columns<A>;
  return {
    db: knexOf(strapi),
    outbox: tableOf(strapi, OUTBOX),
    o: cols(OUTBOX, outboxAttributes),
    mailings: tableOf(strapi, MAILING),
    m: cols(MAILING, mailingAttributes),
    recipient: linkOf(strapi, OUTBOX, 'recipient'),
  };
}

/** The columns every Strapi row has, for rows inserted without the Document Service. */
export function strapiRowColumns(now: Date) {
  return {
    document_id: randomBytes(12).toString('hex'),
    created_at: now,
    updated_at: now,
    published_at: now,
  };
}

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/**
 * Strapi's `unique` is checked by the Document Service only: the keys that make queuing
 * idempotent must be unique in the database itself, and the claim and the counts need indexes.
 * Created at every start with IF NOT EXISTS, which SQLite and PostgreSQL both understand.
 */
export async function ensureOutboxIndexes(strapi: Core.Strapi): Promise<void> {
  const { db, outbox, o, mailings, m } = tables(strapi);
  const subscribers = tableOf(strapi, SUBSCRIBER);
  const indexes: Array<[string, string, string[], boolean]> = [
    ['na_outbox_key_uq', outbox, [o.key], true],
    ['na_mailings_key_uq', mailings, [m.key], true],
    // Two sign-ups of one address racing must not make two subscribers.
    ['na_nl_subscribers_email_uq', subscribers, [columnOf(strapi, SUBSCRIBER, 'email')], true],
    ['na_outbox_due_idx', outbox, [o.state, o.nextAttemptAt], false],
    ['na_outbox_mailing_idx', outbox, [o.mailingKey, o.state], false],
  ];
  for (const [name, table, columns, unique] of indexes)
    await db.raw(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`,
      [name, table, ...columns],
    );
}
