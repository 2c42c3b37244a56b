/**
 * Public subscribers to the newsletter, with double opt-in: signing up stores the address
 * unconfirmed and queues a confirmation mail through the outbox; the link in it confirms (a POST:
 * link scanners only GET). Unconfirmed addresses are never mailed anything else and are purged
 * after a week. Every sign-up gets the same answer, so that nobody learns whether an address is
 * subscribed; a sign-up sends at most one confirmation mail per address in RESEND_AFTER_MS.
 *
 * The token is not stored: it is derived from the subscriber and the time of the request with the
 * mailing secret (so that the worker can put it in the mail), and only its hash is kept, cleared
 * once used.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { InvalidRequest, isUniqueViolation } from '@notre-asso/plugin-kit';
import type { Locale } from '@notre-asso/config';
import { renderMail } from '../mail';
import { messageIdOf, type OutgoingMail } from './compose';
import { mailingKeyOf, queueMailing } from './queue';
import { mailingSettings } from './settings';
import { SUBSCRIBER, tables } from './store';

export const UNCONFIRMED_KEPT_MS = 7 * 24 * 3600 * 1000;
export const RESEND_AFTER_MS = 10 * 60 * 1000;

export interface Subscriber {
  id: number;
  documentId: string;
  email: string;
  language: Locale;
  requestedAt: Date | string;
  tokenHash: string | null;
  confirmedAt: Date | string | null;
}

export class BadConfirmationLink extends InvalidRequest {
  constructor() {
    super(
      'Ce lien de confirmation n’est pas valide ou a déjà servi.',
      'This confirmation link is not valid or has already been used.',
    );
  }
}

export interface SignUp {
  email: string;
  language: Locale;
}

const addressPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The sign-up form's fields, checked: an address, fr or en, and the consent box ticked. */
export function signUpRequest(body: Record<string, unknown>): SignUp {
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!email || email.length > 254 || !addressPattern.test(email))
    throw new InvalidRequest('Adresse électronique manquante ou invalide.', 'Missing or invalid e-mail address.');
  const language = body.language ?? 'fr';
  if (language !== 'fr' && language !== 'en')
    throw new InvalidRequest('Langue inconnue : fr ou en.', 'Unknown language: fr or en.');
  if (body.consent !== true && body.consent !== 'true')
    throw new InvalidRequest(
      'Le consentement est nécessaire pour recevoir la lettre d’information.',
      'Consent is needed to receive the newsletter.',
    );
  return { email, language };
}

/** The token of a sign-up request, derived, never stored. */
export function tokenOf(subscriber: Pick<Subscriber, 'documentId' | 'requestedAt'>): string {
  const at = new Date(subscriber.requestedAt).getTime();
  return createHmac('sha256', mailingSettings().unsubscribeSecret)
    .update(`newsletter-confirmation\n${subscriber.documentId}\n${at}`)
    .digest('base64url');
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A sign-up from the public site (consent given): the same answer whatever the address's state.
 * An unconfirmed address gets a new confirmation mail, unless one went out a moment ago.
 */
export async function signUp(strapi: Core.Strapi, input: SignUp): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const existing = (await strapi.db.query(SUBSCRIBER).findOne({ where: { email } })) as Subscriber | null;
  if (existing?.confirmedAt) return;
  if (existing && now.getTime() - new Date(existing.requestedAt).getTime() < RESEND_AFTER_MS) return;
  await strapi.db
    .transaction(async () => {
      const subscriber = (
        existing
          ? await strapi.db.query(SUBSCRIBER).update({
              where: { id: existing.id },
              data: { language: input.language, requestedAt: now, consentAt: now },
            })
          : await strapi.db
              .query(SUBSCRIBER)
              .create({ data: { email, language: input.language, requestedAt: now, consentAt: now } })
      ) as Subscriber;
      await strapi.db
        .query(SUBSCRIBER)
        .update({ where: { id: subscriber.id }, data: { tokenHash: hashOf(tokenOf(subscriber)) } });
      const item = confirmationItemOf(subscriber);
      await queueMailing(strapi, 'confirmation', item, [
        { key: `${mailingKeyOf('confirmation', item)}:s`, email, language: input.language, profileId: null },
      ]);
    })
    .catch((error: unknown) => {
      // The same address signed up at the same moment: the other request sends the mail.
      if (!isUniqueViolation(error)) throw error;
    });
}

/** One confirmation mailing per request: the subscriber and the time it was asked. */
const confirmationItemOf = (s: Pick<Subscriber, 'documentId' | 'requestedAt'>) =>
  `${s.documentId}-${new Date(s.requestedAt).getTime()}`;

async function byToken(strapi: Core.Strapi, token: string): Promise<Subscriber> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new BadConfirmationLink();
  const found = (await strapi.db
    .query(SUBSCRIBER)
    .findOne({ where: { tokenHash: hashOf(token), confirmedAt: { $null: true } } })) as Subscriber | null;
  if (!found) throw new BadConfirmationLink();
  const expected = Buffer.from(tokenOf(found));
  if (expected.length !== token.length || !timingSafeEqual(expected, Buffer.from(token)))
    throw new BadConfirmationLink();
  return found;
}

/** Checks a link before showing its confirmation button (GET changes nothing). */
export async function checkConfirmation(strapi: Core.Strapi, token: string): Promise<void> {
  await byToken(strapi, token);
}

/** Confirms the address; the token is spent. */
export async function confirm(strapi: Core.Strapi, token: string): Promise<void> {
  const subscriber = await byToken(strapi, token);
  await strapi.db
    .query(SUBSCRIBER)
    .update({ where: { id: subscriber.id }, data: { confirmedAt: new Date(), tokenHash: null } });
}

/**
 * Forgets addresses never confirmed within the week, with their confirmation mails (the outbox
 * keeps addresses). Run by the worker loop; returns how many were forgotten.
 */
export async function purgeUnconfirmed(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const stale = (await strapi.db.query(SUBSCRIBER).findMany({
    where: { confirmedAt: { $null: true }, requestedAt: { $lt: new Date(now.getTime() - UNCONFIRMED_KEPT_MS) } },
    select: ['id', 'documentId'],
  })) as Array<Pick<Subscriber, 'id' | 'documentId'>>;
  if (stale.length === 0) return 0;
  const t = tables(strapi);
  await strapi.db.transaction(async ({ trx }) => {
    for (const s of stale) {
      const prefix = `${mailingKeyOf('confirmation', s.documentId)}-%`;
      await t.db(t.outbox).transacting(trx).where(t.o.mailingKey, 'like', prefix).delete();
      await t.db(t.mailings).transacting(trx).where(t.m.key, 'like', prefix).delete();
    }
    await strapi.db.query(SUBSCRIBER).deleteMany({ where: { id: { $in: stale.map((s) => s.id) } } });
  });
  return stale.length;
}

/** The subscriber a confirmation mailing was queued for, when that request is still the last one. */
export async function pendingSubscriber(strapi: Core.Strapi, item: string): Promise<Subscriber | null> {
  const documentId = item.slice(0, item.lastIndexOf('-'));
  const subscriber = (await strapi.db
    .query(SUBSCRIBER)
    .findOne({ where: { documentId, confirmedAt: { $null: true } } })) as Subscriber | null;
  return subscriber && confirmationItemOf(subscriber) === item ? subscriber : null;
}

const wording = {
  fr: {
    subject: 'Confirmez votre inscription à la lettre d’information',
    intro: 'Quelqu’un, sans doute vous, a demandé à recevoir notre lettre d’information à cette adresse.',
    ignore: 'Si ce n’est pas vous, ignorez ce message : l’adresse sera oubliée dans une semaine.',
    confirm: 'Confirmer mon inscription',
  },
  en: {
    subject: 'Confirm your subscription to the newsletter',
    intro: 'Someone, probably you, asked to receive our newsletter at this address.',
    ignore: 'If it was not you, ignore this message: the address will be forgotten within a week.',
    confirm: 'Confirm my subscription',
  },
} as const;

export function confirmationMail(subscriber: Subscriber, key: string): OutgoingMail {
  const words = wording[subscriber.language];
  const params = new URLSearchParams({ token: tokenOf(subscriber), lang: subscriber.language });
  const rendered = renderMail(subscriber.language, {
    subject: words.subject,
    paragraphs: [words.intro, words.ignore],
    action: { label: words.confirm, url: `${mailingSettings().publicUrl}/api/newsletter/confirm?${params}` },
    audience: 'subscriber',
  });
  return { to: subscriber.email, ...rendered, messageId: messageIdOf(key), headers: {} };
}
