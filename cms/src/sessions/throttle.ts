import { errors } from '@strapi/utils';

/**
 * Slows down password guessing on `POST /api/auth/local`: failures are counted per client
 * address and per identifier; after `maxFailures` within `windowMs`, that address or account is
 * locked, and each further failure locks it again for twice as long (1, 2, 4, 8, then 15
 * minutes), until `windowMs` passes quietly after the last failure or lock.
 * A successful login clears the account's counter, never the address's (one valid account must
 * not reset an address that guesses others' passwords).
 *
 * Counters live in memory: the supported set-up is one CMS process; a restart forgets them,
 * which an attacker cannot trigger, and failed logins cost no database write.
 */
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  firstLockMs: number;
  maxLockMs: number;
}

const defaults: ThrottleOptions = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
};

interface Counter {
  failures: number[];
  lockedUntil: number;
  /** Locks imposed since the last quiet period: the next one lasts 2^locks times the first. */
  locks: number;
}

export class LoginThrottle {
  private counters = new Map<string, Counter>();
  private readonly options: ThrottleOptions;

  constructor(
    options: Partial<ThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Milliseconds before any of these keys may try again; 0 when none is locked. */
  waitMs(keys: string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((key) => (this.counters.get(key)?.lockedUntil ?? 0) - now));
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    const { maxFailures, windowMs, firstLockMs, maxLockMs } = this.options;
    for (const key of keys) {
      const counter = this.counters.get(key) ?? { failures: [], lockedUntil: 0, locks: 0 };
      const last = counter.failures[counter.failures.length - 1] ?? -Infinity;
      // Quiet since the last failure or the end of the last lock: start over.
      if (Math.max(last, counter.lockedUntil) <= now - windowMs) counter.locks = 0;
      counter.failures = [...counter.failures.filter((t) => t > now - windowMs), now];
      if (counter.locks > 0 || counter.failures.length >= maxFailures) {
        counter.lockedUntil = now + Math.min(maxLockMs, firstLockMs * 2 ** counter.locks);
        counter.locks += 1;
      }
      this.counters.set(key, counter);
    }
    this.forgetStale(now);
  }

  recordSuccess(key: string): void {
    this.counters.delete(key);
  }

  /** Keeps memory bounded under a spray of made-up identifiers. */
  private forgetStale(now: number): void {
    if (this.counters.size < 10_000) return;
    for (const [key, counter] of this.counters) {
      const last = counter.failures[counter.failures.length - 1] ?? 0;
      if (Math.max(last, counter.lockedUntil) <= now - this.options.windowMs) this.counters.delete(key);
    }
  }
}

interface LoginContext {
  request: { ip: string; body?: { identifier?: unknown } };
  status: number;
  set(field: string, value: string): void;
}

/** The error users-permissions throws for a wrong identifier or password (and only then). */
const isWrongCredentials = (error: unknown) =>
  error instanceof errors.ValidationError && error.message === 'Invalid identifier or password';

export function tooManyAttempts(waitMs: number): errors.RateLimitError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  const span = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return new errors.RateLimitError(
    `Trop de tentatives de connexion échouées : réessayez dans ${span} / Too many failed login attempts: try again in ${span}.`,
    { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  );
}

/** Route middleware for the login route. */
export function loginThrottleMiddleware(throttle: LoginThrottle) {
  return async (ctx: LoginContext, next: () => Promise<unknown>) => {
    const raw = ctx.request.body?.identifier;
    const identifier = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    const account = identifier ? [`account:${identifier}`] : [];
    const keys = [`address:${ctx.request.ip}`, ...account];
    const wait = throttle.waitMs(keys);
    if (wait > 0) {
      ctx.set('Retry-After', String(Math.ceil(wait / 1000)));
      throw tooManyAttempts(wait);
    }
    try {
      await next();
    } catch (error) {
      if (isWrongCredentials(error)) throttle.recordFailure(keys);
      throw error;
    }
    if (ctx.status === 200) account.forEach((key) => throttle.recordSuccess(key));
  };
}
