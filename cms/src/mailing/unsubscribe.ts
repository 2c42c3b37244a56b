/**
 * One-click unsubscribe (RFC 8058): every mail carries a link signed for its recipient and scope
 * (one collective, or all mail), so that no login is needed and nobody can unsubscribe someone
 * else. POST unsubscribes (and again changes nothing); GET only shows a confirmation page, because
 * mail scanners follow links.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { UID } from '../space/tables';
import { mailingSettings } from './settings';

/** `all`, or `collective:<documentId>`. */
export type Scope = 'all' | `collective:${string}`;

export interface UnsubscribeRequest {
  profile: string;
  scope: Scope;
}

export class BadUnsubscribeLink extends InvalidRequest {
  constructor() {
    super(
      'Ce lien de désabonnement n’est pas valide (il a peut-être été coupé).',
      'This unsubscribe link is not valid (it may have been cut).',
    );
  }
}

export function signatureOf(request: UnsubscribeRequest): string {
  return createHmac('sha256', mailingSettings().unsubscribeSecret)
    .update(`${request.profile}\n${request.scope}`)
    .digest('base64url');
}

export function unsubscribeUrl(request: UnsubscribeRequest, locale: string): string {
  const params = new URLSearchParams({ p: request.profile, s: request.scope, sig: signatureOf(request), lang: locale });
  return `${mailingSettings().publicUrl}/api/mail/unsubscribe?${params}`;
}

/** The request a link names, once its signature is checked. */
export function verified(query: Record<string, unknown>): UnsubscribeRequest {
  const profile = String(query.p ?? '');
  const scope = String(query.s ?? '');
  const given = Buffer.from(String(query.sig ?? ''));
  if (!profile || !(scope === 'all' || /^collective:[A-Za-z0-9]+$/.test(scope))) throw new BadUnsubscribeLink();
  const request = { profile, scope: scope as Scope };
  const expected = Buffer.from(signatureOf(request));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadUnsubscribeLink();
  return request;
}

/**
 * Stops the mails the scope names: the collective's briefs, or every brief and the newsletter.
 * The same choices the members' space shows (mailedCollectives, newsletterConsent).
 */
export async function unsubscribe(strapi: Core.Strapi, request: UnsubscribeRequest): Promise<void> {
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
      : [request.scope.slice('collective:'.length)];
  const data: Record<string, unknown> = {};
  if (collectives.length) data.mailedCollectives = { disconnect: collectives };
  if (request.scope === 'all') data.newsletterConsent = false;
  if (Object.keys(data).length)
    await strapi.documents(UID.profile).update({ documentId: request.profile, data: data as never });
}
