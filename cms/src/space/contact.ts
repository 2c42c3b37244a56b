import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { organisation, type Locale, spacePath } from '@notre-asso/config';
import { renderMail, sendMail } from '../mail';
import { ContactLimitReached, MemberNotInDirectory } from './errors';
import { knexOf, linkOf, tableOf, UID } from './tables';

/**
 * Writing to a member through the directory: the message is mailed to them with the sender's
 * name only; neither address is shown to the other (the mail says to answer through the
 * directory, and its Reply-To stays the organisation's). Only the fact of the contact is stored,
 * to hold each sender to a daily limit.
 */
export const CONTACTS_PER_DAY = 10;
export const MAX_MESSAGE_LENGTH = 2000;
const CONTACT = 'api::directory.contact';
const DAY_MS = 86_400_000;

interface Recipient {
  id: number;
  email: string;
}

async function consentingRecipient(strapi: Core.Strapi, documentId: string): Promise<Recipient | null> {
  const profile = (await strapi.db.query(UID.profile).findOne({
    where: { documentId, directoryConsent: true, erasedAt: null },
    select: ['id'],
    populate: { user: { select: ['email', 'blocked'] } },
  })) as { id: number; user?: { email: string; blocked: boolean } | null } | null;
  if (!profile?.user || profile.user.blocked) return null;
  return { id: profile.id, email: profile.user.email };
}

/** Locks the sender's profile row until commit (PostgreSQL), so that parallel requests count one after the other. */
async function lockSender(strapi: Core.Strapi, trx: Knex.Transaction, senderId: number) {
  await knexOf(strapi)
    .select('id')
    .from(tableOf(strapi, UID.profile))
    .where('id', senderId)
    .forUpdate()
    .transacting(trx);
}

async function sentToday(strapi: Core.Strapi, trx: Knex.Transaction, senderId: number, now: Date): Promise<number> {
  const link = linkOf(strapi, CONTACT, 'sender');
  const [row] = (await knexOf(strapi)
    .from(`${tableOf(strapi, CONTACT)} as c`)
    .join(`${link.table} as l`, `l.${link.source}`, 'c.id')
    .where(`l.${link.target}`, senderId)
    .where('c.created_at', '>', new Date(now.getTime() - DAY_MS))
    .count({ n: '*' })
    .transacting(trx)) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}

const wording = {
  fr: {
    subject: (name: string) => `${name} vous écrit via l’annuaire de ${organisation.name}`,
    intro: (name: string) => `${name}, membre de ${organisation.name}, vous a écrit via l’annuaire des membres :`,
    reply: (name: string) =>
      `Pour répondre à ${name}, passez par l’annuaire de votre espace membre : votre adresse e-mail ne lui a pas été communiquée, ni la sienne à vous. Répondre à ce message ne l’atteindrait pas.`,
    action: 'Ouvrir l’annuaire',
    path: spacePath('fr', 'directory'),
  },
  en: {
    subject: (name: string) => `${name} wrote to you through the ${organisation.name} directory`,
    intro: (name: string) => `${name}, a member of ${organisation.name}, wrote to you through the members' directory:`,
    reply: (name: string) =>
      `To answer ${name}, use the directory in your members' space: your e-mail address was not given to them, nor theirs to you. Replying to this message would not reach them.`,
    action: 'Open the directory',
    path: spacePath('en', 'directory'),
  },
} satisfies Record<Locale, unknown>;

export interface ContactInput {
  senderId: number;
  senderName: string;
  recipientDocumentId: string;
  message: string;
  /** The recipient's language; French until members can choose theirs. */
  locale: Locale;
}

export async function contactMember(strapi: Core.Strapi, input: ContactInput, now = new Date()): Promise<void> {
  const recipient = await consentingRecipient(strapi, input.recipientDocumentId);
  if (!recipient || recipient.id === input.senderId) throw new MemberNotInDirectory();
  await strapi.db.transaction(
    async ({ trx, onCommit }: { trx: Knex.Transaction; onCommit: (fn: () => void) => void }) => {
      await lockSender(strapi, trx, input.senderId);
      if ((await sentToday(strapi, trx, input.senderId, now)) >= CONTACTS_PER_DAY)
        throw new ContactLimitReached(CONTACTS_PER_DAY);
      await strapi.db.query(CONTACT).create({ data: { sender: input.senderId, recipient: recipient.id } });
      const words = wording[input.locale];
      const site = process.env.SITE_URL ?? 'http://localhost:4321';
      const mail = renderMail(input.locale, {
        subject: words.subject(input.senderName),
        paragraphs: [words.intro(input.senderName), input.message, words.reply(input.senderName)],
        action: { label: words.action, url: `${site}${words.path}` },
      });
      onCommit(() => {
        sendMail(strapi, { to: recipient.email, ...mail }).catch((error: unknown) =>
          strapi.log.error(`directory contact mail to profile ${recipient.id} failed: ${String(error)}`),
        );
      });
    },
  );
}
