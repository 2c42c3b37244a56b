/**
 * One-click unsubscribe (RFC 8058): every mail carries a link signed for its recipient and scope
 * (one collective, the newsletter, or all mail), so that no login is needed and nobody can
 * unsubscribe someone else. POST unsubscribes (and again changes nothing); GET only shows a
 * confirmation page, because mail scanners follow links.
 *
 * The recipient is a member (their profile) or a public subscriber to the newsletter.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { UID } from '../space/tables';
import { mailingSettings } from './settings';
import { SUBSCRIBER } from './store';

/** `all`, `newsletter`, or `collective:<documentId>`. */
export type Scope = 'all' | 'newsletter' | `collective:${string}`;

export type UnsubscribeRequest = { profile: string; scope: Scope } | { subscriber: string; scope: 'all' };

export class BadUnsubscribeLink extends InvalidRequest {
  constructor() {
    super(
      'Ce lien de désabonnement n’est pas valide (il a peut-être été coupé).',
      'This unsubscribe link is not valid (it may have been cut).',
    );
  }
}

export function signatureOf(request: UnsubscribeRequest): string {
  // Members' links keep the form they had before subscribers existed, so that they stay valid.
  const who = 'profile' in request ? request.profile : `subscriber:${request.subscriber}`;
  return createHmac('sha256', mailingSettings().unsubscribeSecret)
    .update(`${who}\n${request.scope}`)
    .digest('base64url');
}

export function unsubscribeUrl(request: UnsubscribeRequest, locale: string): string {
  const who: Record<string, string> = 'profile' in request ? { p: request.profile } : { sub: request.subscriber };
  const params = new URLSearchParams({ ...who, s: request.scope, sig: signatureOf(request), lang: locale });
  return `${mailingSettings().publicUrl}/api/mail/unsubscribe?${params}`;
}

/** The request a link names, once its signature is checked. */
export function verified(query: Record<string, unknown>): UnsubscribeRequest {
  const profile = String(query.p ?? '');
  const subscriber = String(query.sub ?? '');
  const scope = String(query.s ?? '');
  const given = Buffer.from(String(query.sig ?? ''));
  const validScope = scope === 'all' || scope === 'newsletter' || /^collective:[A-Za-z0-9]+$/.test(scope);
  if (!validScope || Boolean(profile) === Boolean(subscriber)) throw new BadUnsubscribeLink();
  if (subscriber && scope !== 'all') throw new BadUnsubscribeLink();
  const request: UnsubscribeRequest = profile ? { profile, scope: scope as Scope } : { subscriber, scope: 'all' };
  const expected = Buffer.from(signatureOf(request));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadUnsubscribeLink();
  return request;
}

/**
 * Stops the mails the scope names: the collective's briefs, the newsletter, or every brief and
 * the newsletter: the same choices the members' space shows (mailedCollectives,
 * newsletterConsent). A public subscriber is forgotten altogether.
 */
export async function unsubscribe(strapi: Core.Strapi, request: UnsubscribeRequest): Promise<void> {
  if ('subscriber' in request) {
    await strapi.db.query(SUBSCRIBER).delete({ where: { documentId: request.subscriber } });
    return;
  }
  const profile = (await strapi.db.query(UID.profile).findOne({
    where: { documentId: request.profile },
    select: ['id'],
    populate: { mailedCollectives: { select: ['documentId'] } },
  })) as { id: number; mailedCollectives: Array<{ documentId: string }> } | null;
  // An erased member's link: there is nothing left to stop.
  if (!profile) return;
  const collectives =
    request.scope === 'all'
      ? profile.mailedCollectives.map((c) => c.documentId)
      : request.scope === 'newsletter'
        ? []
        : [request.scope.slice('collective:'.length)];
  const data: Record<string, unknown> = {};
  if (collectives.length) data.mailedCollectives = { disconnect: collectives };
  if (request.scope === 'all' || request.scope === 'newsletter') data.newsletterConsent = false;
  if (Object.keys(data).length)
    await strapi.documents(UID.profile).update({ documentId: request.profile, data: data as never });
}
