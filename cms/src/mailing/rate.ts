/**
 * Spacing of sends: each mailing at its own rate (mails per second) and each recipient domain at
 * the configured one, whichever is slower. Slots are handed out in order, so mails sent in
 * parallel over the pool still keep the rate.
 */
export class RateLimiter {
  private nextFor = new Map<string, number>();

  /** Waits for the next slot of this mailing and domain (a rate of 0 means no limit). */
  async slot(mailing: string, rate: number, domain: string, domainRate: number): Promise<void> {
    const now = Date.now();
    const mailingKey = `mailing:${mailing}`;
    const domainKey = `domain:${domain}`;
    const at = Math.max(
      now,
      rate > 0 ? (this.nextFor.get(mailingKey) ?? 0) : 0,
      domainRate > 0 ? (this.nextFor.get(domainKey) ?? 0) : 0,
    );
    if (rate > 0) this.nextFor.set(mailingKey, at + 1000 / rate);
    if (domainRate > 0) this.nextFor.set(domainKey, at + 1000 / domainRate);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
