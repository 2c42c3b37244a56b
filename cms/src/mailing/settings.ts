/**
 * The outbox's knobs, from the environment so that the CMS and a worker started on its own
 * (`npm run worker`) read the same ones.
 */
import { organisation } from '@notre-asso/config';

export interface MailingSettings {
  /** Run the worker inside the CMS process (MAILING_WORKER=off when workers run on their own). */
  inProcess: boolean;
  /** SMTP connections kept open; also the claim batch, hence the most mails in flight at a crash. */
  poolSize: number;
  /** Mails per second of a new mailing (0: no limit); each mailing's rate can be changed afterwards. */
  defaultRate: number;
  /** Mails per second to one recipient domain (0: no limit), on top of each mailing's own rate. */
  perDomainRate: number;
  /** A claimed row not marked sent within this time is taken to be lost with its worker and queued again. */
  leaseMs: number;
  /** First retry delay after a temporary (4xx) refusal; doubled at each attempt. */
  retryBaseMs: number;
  /** Temporary refusals after which the mail is given up as failed. */
  maxAttempts: number;
  /** How long an idle worker waits before looking for work again. */
  idleMs: number;
  /** How often the worker loop sweeps unqueued publications and purges unconfirmed subscribers. */
  housekeepingMs: number;
  /** How far back the sweep looks for publications whose mailing was never queued. */
  sweepWindowMs: number;
  /** Key of the unsubscribe links' signatures. */
  unsubscribeSecret: string;
  /** Where the links in the mails point: the CMS's public address. */
  publicUrl: string;
}

const int = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

export function mailingSettings(): MailingSettings {
  const secret = process.env.UNSUBSCRIBE_SECRET ?? '';
  if (!secret && process.env.NODE_ENV === 'production')
    throw new Error('UNSUBSCRIBE_SECRET must be set in production (see .env.example)');
  return {
    inProcess: process.env.MAILING_WORKER !== 'off',
    poolSize: Math.max(1, int('SMTP_POOL_SIZE', 5)),
    defaultRate: int('MAILING_RATE', 10),
    perDomainRate: int('MAILING_RATE_PER_DOMAIN', 0),
    leaseMs: int('MAILING_LEASE_MS', 120_000),
    retryBaseMs: int('MAILING_RETRY_BASE_MS', 60_000),
    maxAttempts: Math.max(1, int('MAILING_MAX_ATTEMPTS', 6)),
    idleMs: int('MAILING_IDLE_MS', 1000),
    housekeepingMs: int('MAILING_HOUSEKEEPING_MS', 60_000),
    sweepWindowMs: int('MAILING_SWEEP_WINDOW_MS', 24 * 3600 * 1000),
    unsubscribeSecret: secret || 'notre-asso-development-only-unsubscribe_secret',
    publicUrl: (process.env.PUBLIC_URL || `http://127.0.0.1:${process.env.PORT ?? 1337}`).replace(/\/+$/, ''),
  };
}

export const mailDomain = () => organisation.contactEmail.split('@')[1] ?? 'localhost';

/** An uploaded file's address as a mail or another site must write it (`/uploads/…` is the CMS's). */
export const absoluteFileUrl = (url: string) =>
  /^https?:\/\//.test(url) ? url : `${mailingSettings().publicUrl}${url.startsWith('/') ? '' : '/'}${url}`;
