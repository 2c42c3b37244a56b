/**
 * The outbox worker: claims a batch of due rows, sends them over a pooled SMTP transport and
 * records each outcome, row by row, as soon as it is known.
 *
 * Claiming is one statement, `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING id`: on PostgreSQL
 * the inner select takes the rows `FOR UPDATE SKIP LOCKED`, so concurrent workers claim disjoint
 * batches without waiting; SQLite runs one writing statement at a time, so the statement alone is
 * atomic. A claimed row whose worker died (killed, machine lost) is claimed again once its lease
 * has run out. Hence the in-flight bound: after a crash only the rows of the batch being sent, at
 * most the claim batch (= the pool size), can have been handed to the SMTP server without being
 * marked sent, and only those can be sent twice.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { tableOf, UID } from '../space/tables';
import type { OutgoingMail } from './compose';
import { bouncesAmong, forgetRefusals, INVALID_ADDRESS, recordPermanentFailure } from './bounces';
import { kinds, type Claimed } from './kinds';
import { RateLimiter } from './rate';
import { mailingSettings, type MailingSettings } from './settings';
import { isPostgres, tables, type MailingKind, type Tables } from './store';
import { housekeeping } from './sweep';

interface MailingRow {
  key: string;
  kind: MailingKind;
  item: string;
  ratePerSecond: number;
}

type Outcome =
  | { state: 'sent' }
  | { state: 'failed'; error: string; permanent: boolean }
  | { state: 'skipped'; error: string }
  | { state: 'queued'; error: string; retryAt: Date };

export function smtpTransport(settings: MailingSettings): Transporter {
  // The demo has no SMTP server: mails are built and dropped, as cms/src/mail does for its own.
  if (!process.env.SMTP_HOST) return nodemailer.createTransport({ streamTransport: true, buffer: true });
  const user = process.env.SMTP_USER ?? '';
  return nodemailer.createTransport({
    host: process.env.SMTP_HOST ?? '127.0.0.1',
    port: Number(process.env.SMTP_PORT ?? 587),
    secure: process.env.SMTP_SECURE === 'true',
    auth: user ? { user, pass: process.env.SMTP_PASS ?? '' } : undefined,
    pool: true,
    maxConnections: settings.poolSize,
    maxMessages: Infinity,
  });
}

export class OutboxWorker {
  private readonly t: Tables;
  private readonly limiter = new RateLimiter();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly from = process.env.MAIL_FROM || `${organisation.name} <${organisation.contactEmail}>`;
  /** Mailings whose counts have changed since they were last written. */
  private readonly dirty = new Map<string, number>();
  /** Each mailing's rate and content, read again after a second (a new rate applies within it). */
  private readonly cache = new Map<string, { at: number; mailing: MailingRow | undefined; content: unknown }>();
  /** When the housekeeping (sweep.ts) last ran. */
  private lastHousekeeping = 0;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly settings: MailingSettings = mailingSettings(),
    private readonly transport: Transporter = smtpTransport(settings),
  ) {
    this.t = tables(strapi);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          if (Date.now() - this.lastHousekeeping >= this.settings.housekeepingMs) {
            this.lastHousekeeping = Date.now();
            await housekeeping(this.strapi);
          }
          if ((await this.runOnce()) > 0) continue;
        } catch (error) {
          this.strapi.log.error(`[mailing] worker: ${error instanceof Error ? error.message : String(error)}`);
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.settings.idleMs);
        });
      }
    })();
  }

  /** Finishes the batch in hand, then stops; the transport's connections are closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.transport.close();
  }

  /** Sends until nothing is due (tests and the benchmark). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  /** One batch: claim, re-check, send, record. Returns how many rows were claimed. */
  async runOnce(): Promise<number> {
    const rows = await this.claim(this.settings.poolSize);
    // Idle (nothing due, or paused): the next batch reads its mailing afresh.
    if (rows.length === 0) this.cache.clear();
    const byMailing = new Map<string, Claimed[]>();
    for (const row of rows) byMailing.set(row.mailingKey, [...(byMailing.get(row.mailingKey) ?? []), row]);
    for (const [key, batch] of byMailing) await this.sendBatch(key, batch);
    // Counts are written at most once a second while sending, and whenever the work runs out,
    // which is when a mailing can be finished.
    const now = Date.now();
    for (const key of byMailing.keys()) if (!this.dirty.has(key)) this.dirty.set(key, now);
    for (const [key, since] of this.dirty) {
      if (rows.length === 0 || rows.length < this.settings.poolSize || now - since >= 1000) {
        this.dirty.delete(key);
        await refreshMailing(this.t, key);
      }
    }
    return rows.length;
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const { db, outbox, o, mailings, m } = this.t;
    const now = new Date();
    const leaseOver = new Date(now.getTime() - this.settings.leaseMs);
    const due = db(outbox)
      .select('id')
      .whereIn(o.mailingKey, db(mailings).select(m.key).where(m.state, 'running'))
      .where((q) =>
        q
          .where((w) => w.where(o.state, 'queued').where(o.nextAttemptAt, '<=', now))
          .orWhere((w) => w.where(o.state, 'sending').where(o.claimedAt, '<', leaseOver)),
      )
      // No ORDER BY: sorting every due row to take a few costs more than the order is worth.
      .limit(limit);
    if (isPostgres(this.strapi)) due.forUpdate().skipLocked();
    const claimed = (await db(outbox)
      .whereIn('id', due)
      .update({ [o.state]: 'sending', [o.claimedAt]: now, [o.attempts]: db.raw('?? + 1', [o.attempts]) })
      .returning('id')) as Array<{ id: number } | number>;
    const ids = claimed.map((c) => (typeof c === 'number' ? c : c.id));
    if (ids.length === 0) return [];
    const link = this.t.recipient;
    const rows = (await db(`${outbox} as o`)
      .leftJoin(`${link.table} as l`, `l.${link.source}`, 'o.id')
      .leftJoin(`${tableOf(this.strapi, UID.profile)} as p`, 'p.id', `l.${link.target}`)
      .whereIn('o.id', ids)
      .orderBy('o.id')
      .select(
        'o.id as id',
        `o.${o.key} as key`,
        `o.${o.mailingKey} as mailingKey`,
        `o.${o.address} as address`,
        `o.${o.domain} as domain`,
        `o.${o.language} as language`,
        `o.${o.attempts} as attempts`,
        'p.id as profileId',
        'p.document_id as profileDocumentId',
      )) as Claimed[];
    return rows;
  }

  private async mailing(mailingKey: string) {
    const cached = this.cache.get(mailingKey);
    if (cached && Date.now() - cached.at < 1000) return cached;
    const { db, mailings, m } = this.t;
    const mailing = (await db(mailings)
      .where(m.key, mailingKey)
      .first({ key: m.key, kind: m.kind, item: m.item, ratePerSecond: m.ratePerSecond })) as MailingRow | undefined;
    const content = mailing ? await kinds[mailing.kind].load(this.strapi, mailing.item) : null;
    const fresh = { at: Date.now(), mailing, content };
    this.cache.set(mailingKey, fresh);
    return fresh;
  }

  private async sendBatch(mailingKey: string, rows: Claimed[]): Promise<void> {
    const { mailing, content } = await this.mailing(mailingKey);
    const prepared = mailing
      ? await kinds[mailing.kind].prepare(this.strapi, rows, content)
      : rows.map(() => ({ skip: 'the mailing is gone' }));
    // Read just before sending, so that mail queued before an address became invalid is skipped too.
    const bounced = await bouncesAmong(
      this.strapi,
      rows.map((r) => r.address),
    );
    await Promise.all(
      rows.map(async (row, i) => {
        const mail = prepared[i]!;
        if ('skip' in mail) return this.record(row, { state: 'skipped', error: mail.skip });
        const address = row.address.toLowerCase();
        if (bounced.get(address)) return this.record(row, { state: 'skipped', error: INVALID_ADDRESS });
        await this.limiter.slot(mailingKey, Number(mailing!.ratePerSecond), row.domain, this.settings.perDomainRate);
        const outcome = await this.deliver(row, mail);
        if (outcome.state === 'failed' && outcome.permanent)
          await recordPermanentFailure(this.strapi, address, outcome.error);
        else if (outcome.state === 'sent' && bounced.has(address)) await forgetRefusals(this.strapi, address);
        return this.record(row, outcome);
      }),
    );
  }

  private async deliver(row: Claimed, mail: OutgoingMail): Promise<Outcome> {
    try {
      await this.transport.sendMail({ ...mail, from: this.from });
      return { state: 'sent' };
    } catch (error) {
      const code = Number((error as { responseCode?: number }).responseCode ?? 0);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      // 5xx: the server will never take it. Anything else (4xx, connection lost) may pass later.
      if (code >= 500) return { state: 'failed', error: message, permanent: true };
      if (row.attempts >= this.settings.maxAttempts) return { state: 'failed', error: message, permanent: false };
      const delay = this.settings.retryBaseMs * 2 ** (row.attempts - 1);
      return { state: 'queued', error: message, retryAt: new Date(Date.now() + delay) };
    }
  }

  private async record(row: Claimed, outcome: Outcome): Promise<void> {
    const { db, outbox, o } = this.t;
    const now = new Date();
    await db(outbox)
      .where('id', row.id)
      .where(o.state, 'sending')
      .update({
        [o.state]: outcome.state,
        [o.lastError]: 'error' in outcome ? outcome.error : null,
        [o.sentAt]: outcome.state === 'sent' ? now : null,
        [o.nextAttemptAt]: outcome.state === 'queued' ? outcome.retryAt : now,
        updated_at: now,
      });
  }
}

/** A mailing's counts from its rows, and finished once every recipient is accounted for. */
export async function refreshMailing(t: Tables, key: string): Promise<void> {
  const { db, outbox, o, mailings, m } = t;
  const counts = (await db(outbox)
    .where(o.mailingKey, key)
    .whereIn(o.state, ['sent', 'failed', 'skipped'])
    .groupBy(o.state)
    .select({ state: o.state })
    .count({ n: '*' })) as Array<{ state: string; n: number | string }>;
  const n = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
  const [sent, failed, skipped] = [n('sent'), n('failed'), n('skipped')];
  const now = new Date();
  await db(mailings)
    .where(m.key, key)
    .update({ [m.sent]: sent, [m.failed]: failed, [m.skipped]: skipped, updated_at: now });
  await db(mailings)
    .where(m.key, key)
    .whereNot(m.state, 'finished')
    .where(m.recipients, '=', sent + failed + skipped)
    .update({ [m.state]: 'finished', [m.finishedAt]: now });
}
