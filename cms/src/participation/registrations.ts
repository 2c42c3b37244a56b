/**
 * Event registrations, first come first served: exactly `capacity` confirmed, the others waiting
 * in arrival order (createdAt, then id). Counting then inserting races (two requests both see a
 * free seat), so each change runs in one transaction that first takes the event's lock:
 * PostgreSQL locks the event's rows (SELECT … FOR UPDATE) until the commit; SQLite has a single
 * connection (knex's pool of one) on which transactions run one after the other.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale, organisation, timeZone, type Locale, spacePath } from '@notre-asso/config';
import type { Knex } from 'knex';
import { renderMail, sendMail } from '../mail';
import { notify } from '../notifications';
import { Conflict, NotFound } from './errors';
import type { Member } from './http';
import { contactOf, published, query, UID } from './store';

export type RegistrationState = 'confirmed' | 'waiting';

export const eventsPath: Record<Locale, string> = { fr: spacePath('fr', 'events'), en: spacePath('en', 'events') };

export interface EventRow {
  id: number;
  documentId: string;
  locale: Locale;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  audience: 'public' | 'members';
  capacity: number | null;
  registrationOpen: boolean;
  collective: { documentId: string; name: string; slug: string } | null;
  organiser: { id: number } | null;
}

export const eventFields = [
  'id',
  'documentId',
  'locale',
  'title',
  'startsAt',
  'endsAt',
  'place',
  'audience',
  'capacity',
  'registrationOpen',
];
export const eventRelations = {
  collective: { select: ['documentId', 'name', 'slug'] },
  organiser: { select: ['id'] },
};

export interface RegistrationRow {
  id: number;
  state: RegistrationState;
  createdAt: string;
  promotedAt: string | null;
  event: { documentId: string } | null;
  profile: { id: number; documentId: string; displayName: string } | null;
}

/** The published event, in this locale when it has it, else in the default one; 404 otherwise. */
export async function publishedEvent(strapi: Core.Strapi, documentId: string, locale: Locale = defaultLocale) {
  const rows = (await query(strapi, UID.event).findMany({
    where: { documentId, ...published },
    select: eventFields,
    populate: eventRelations,
  })) as EventRow[];
  const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === defaultLocale) ?? rows[0];
  if (!row) throw new NotFound('Cet événement n’existe pas.', 'No such event.');
  return row;
}

/** Takes the event's lock for the rest of the transaction (see the file's comment). */
async function lockEvent(strapi: Core.Strapi, trx: Knex.Transaction, documentId: string) {
  if (strapi.db.dialect.client !== 'postgres') return;
  const table = strapi.db.metadata.get(UID.event).tableName;
  await strapi.db
    .connection(table)
    .transacting(trx)
    .where('document_id', documentId)
    .orderBy('id')
    .forUpdate()
    .select('id');
}

/** Every registration of the event, in arrival order. */
export async function registrationsOf(strapi: Core.Strapi, eventDocumentIds: string[]): Promise<RegistrationRow[]> {
  return (await query(strapi, UID.registration).findMany({
    where: { event: { documentId: { $in: eventDocumentIds } } },
    select: ['id', 'state', 'createdAt', 'promotedAt'],
    populate: { event: { select: ['documentId'] }, profile: { select: ['id', 'documentId', 'displayName'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) as RegistrationRow[];
}

/** Place of a registration among those of its state: seat number when confirmed, rank in the queue when waiting. */
export function positionIn(rows: RegistrationRow[], registrationId: number): number | null {
  const mine = rows.find((r) => r.id === registrationId);
  if (!mine) return null;
  return rows.filter((r) => r.state === mine.state).findIndex((r) => r.id === registrationId) + 1;
}

function assertOpen(event: EventRow, now: Date) {
  if (new Date(event.startsAt) <= now)
    throw new Conflict('Cet événement a déjà commencé ou est passé.', 'This event has already started or is over.');
  if (!event.registrationOpen)
    throw new Conflict('Les inscriptions à cet événement sont fermées.', 'Registration for this event is closed.');
}

export async function register(strapi: Core.Strapi, member: Member, documentId: string) {
  return strapi.db.transaction(async ({ trx }) => {
    await lockEvent(strapi, trx, documentId);
    const event = await publishedEvent(strapi, documentId);
    assertOpen(event, new Date());
    const before = await registrationsOf(strapi, [documentId]);
    if (before.some((r) => r.profile?.id === member.profileId))
      throw new Conflict('Vous êtes déjà inscrit·e à cet événement.', 'You are already registered for this event.');
    const confirmed = before.filter((r) => r.state === 'confirmed').length;
    const state: RegistrationState = event.capacity === null || confirmed < event.capacity ? 'confirmed' : 'waiting';
    const created = (await strapi.documents(UID.registration).create({
      data: {
        event: { connect: [{ documentId, locale: event.locale }] },
        profile: member.profileDocumentId,
        state,
      } as never,
    })) as { id: number };
    const after = await registrationsOf(strapi, [documentId]);
    return { state, position: positionIn(after, created.id) };
  });
}

/**
 * Fills the free seats of an event with the first waiting members, inside the caller's transaction
 * (which holds the event's lock); they get a notification now and one mail once it commits.
 */
async function promoteWaiting(
  strapi: Core.Strapi,
  event: EventRow,
  onCommit: (callback: () => void | Promise<void>) => void,
) {
  const rows = await registrationsOf(strapi, [event.documentId]);
  const confirmed = rows.filter((r) => r.state === 'confirmed').length;
  const free = event.capacity === null ? Infinity : event.capacity - confirmed;
  const promoted = rows.filter((r) => r.state === 'waiting').slice(0, Math.max(0, free));
  for (const row of promoted) {
    await query(strapi, UID.registration).update({
      where: { id: row.id },
      data: { state: 'confirmed', promotedAt: new Date() },
    });
    if (row.profile)
      await notify(strapi, row.profile.id, {
        kind: 'registration.promoted',
        title: `Une place s’est libérée : vous êtes inscrit·e à « ${event.title} ».`,
        link: eventsPath.fr,
      });
  }
  onCommit(async () => {
    for (const row of promoted) await mailPromotion(strapi, row.id, event);
  });
}

/**
 * Tells a promoted member by e-mail, once: the mail is claimed by setting promotionMailedAt where
 * it is still empty, so a second call (a retry, a second promotion path) sends nothing.
 */
export async function mailPromotion(strapi: Core.Strapi, registrationId: number, event: EventRow) {
  const { count } = await query(strapi, UID.registration).updateMany({
    where: { id: registrationId, promotionMailedAt: null },
    data: { promotionMailedAt: new Date() },
  });
  if (count !== 1) return;
  const row = (await query(strapi, UID.registration).findOne({
    where: { id: registrationId },
    populate: { profile: { select: ['id'] } },
  })) as { profile: { id: number } | null };
  if (!row?.profile) return;
  const contact = await contactOf(strapi, row.profile.id);
  if (!contact.email) return;
  const when = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(event.startsAt));
  const mail = renderMail('fr', {
    subject: `Place confirmée : ${event.title}`,
    paragraphs: [
      `Bonjour ${contact.displayName},`,
      `Une place s’est libérée : vous n’êtes plus sur la liste d’attente, votre inscription à « ${event.title} » (${when}${event.place ? `, ${event.place}` : ''}) est confirmée.`,
      'Si vous ne pouvez plus venir, désinscrivez-vous pour laisser la place à la personne suivante.',
    ],
    action: { label: 'Voir mes événements', url: `${organisation.siteUrl}${eventsPath.fr}` },
  });
  try {
    await sendMail(strapi, { to: contact.email, ...mail });
  } catch (error) {
    strapi.log.error(`promotion mail for registration ${registrationId} failed: ${String(error)}`);
  }
}

/**
 * Cancels a member's registration; a freed seat goes to the first waiting member in the same
 * transaction. Also what the GDPR erasure calls for each upcoming registration.
 */
export async function cancelRegistration(strapi: Core.Strapi, profileId: number, documentId: string) {
  await strapi.db.transaction(async ({ trx, onCommit }) => {
    await lockEvent(strapi, trx, documentId);
    const rows = (await query(strapi, UID.registration).findMany({
      where: { event: { documentId }, profile: { id: profileId } },
      select: ['id', 'state'],
    })) as Array<{ id: number; state: RegistrationState }>;
    if (!rows.length)
      throw new NotFound('Vous n’êtes pas inscrit·e à cet événement.', 'You are not registered for this event.');
    for (const row of rows) await query(strapi, UID.registration).delete({ where: { id: row.id } });
    const event = await publishedEvent(strapi, documentId).catch(() => null);
    if (event && rows.some((r) => r.state === 'confirmed')) await promoteWaiting(strapi, event, onCommit);
  });
}

/**
 * Seats an editor adds by raising an event's capacity go to the waiting list at once, in order,
 * as a freed seat does (`seats.ts` calls this after every publication of an event).
 */
export async function fillFreedSeats(strapi: Core.Strapi, documentId: string) {
  await strapi.db.transaction(async ({ trx, onCommit }) => {
    await lockEvent(strapi, trx, documentId);
    const event = await publishedEvent(strapi, documentId).catch(() => null);
    if (event) await promoteWaiting(strapi, event, onCommit);
  });
}

/** A member unregisters from an event that has not started yet. */
export async function unregister(strapi: Core.Strapi, member: Member, documentId: string) {
  const event = await publishedEvent(strapi, documentId);
  if (new Date(event.startsAt) <= new Date())
    throw new Conflict('Cet événement a déjà commencé ou est passé.', 'This event has already started or is over.');
  await cancelRegistration(strapi, member.profileId, documentId);
}

/** Every upcoming registration of a member cancelled (GDPR erasure), seats passed on as usual. */
export async function cancelUpcomingRegistrations(strapi: Core.Strapi, profileId: number) {
  const rows = (await query(strapi, UID.registration).findMany({
    where: { profile: { id: profileId }, event: { startsAt: { $gt: new Date() } } },
    populate: { event: { select: ['documentId'] } },
  })) as RegistrationRow[];
  const events = new Set(rows.map((r) => r.event?.documentId).filter((d): d is string => Boolean(d)));
  for (const documentId of events) await cancelRegistration(strapi, profileId, documentId);
}
