/** What the members' space shows of events: upcoming ones with their seats, mine, and attendee lists. */
import type { Core } from '@strapi/strapi';
import type { Locale } from '@notre-asso/config';
import type { Viewer } from '../access/viewer';
import { leads } from './collectives';
import { NotAllowed } from './errors';
import type { Member } from './http';
import {
  eventFields,
  eventRelations,
  positionIn,
  publishedEvent,
  registrationsOf,
  type EventRow,
  type RegistrationRow,
} from './registrations';
import { collectiveTree, published, query, UID } from './store';

export interface EventSummary {
  documentId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  audience: string;
  collective: { documentId: string; name: string; slug: string } | null;
  capacity: number | null;
  registrationOpen: boolean;
  confirmed: number;
  waiting: number;
  registration: { state: string; position: number | null } | null;
  organiser: boolean;
}

function summarise(event: EventRow, rows: RegistrationRow[], member: Member): EventSummary {
  const mine = rows.filter((r) => r.event?.documentId === event.documentId);
  const registration = mine.find((r) => r.profile?.id === member.profileId);
  return {
    documentId: event.documentId,
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    place: event.place,
    audience: event.audience,
    collective: event.collective
      ? { documentId: event.collective.documentId, name: event.collective.name, slug: event.collective.slug }
      : null,
    capacity: event.capacity,
    registrationOpen: event.registrationOpen,
    confirmed: mine.filter((r) => r.state === 'confirmed').length,
    waiting: mine.filter((r) => r.state === 'waiting').length,
    registration: registration ? { state: registration.state, position: positionIn(mine, registration.id) } : null,
    organiser: event.organiser?.id === member.profileId,
  };
}

/** Upcoming published events (members see public and members-only ones), soonest first. */
export async function upcomingEvents(strapi: Core.Strapi, member: Member, locale: Locale): Promise<EventSummary[]> {
  const events = (await query(strapi, UID.event).findMany({
    where: { locale, ...published, startsAt: { $gt: new Date() } },
    select: eventFields,
    populate: eventRelations,
    orderBy: [{ startsAt: 'asc' }],
  })) as EventRow[];
  const rows = events.length
    ? await registrationsOf(
        strapi,
        events.map((e) => e.documentId),
      )
    : [];
  return events.map((event) => summarise(event, rows, member));
}

/** My registrations: upcoming events first (soonest first), then past ones (latest first). */
export async function myRegistrations(strapi: Core.Strapi, member: Member, locale: Locale): Promise<EventSummary[]> {
  const mine = (await query(strapi, UID.registration).findMany({
    where: { profile: { id: member.profileId } },
    populate: { event: { select: ['documentId'] } },
  })) as RegistrationRow[];
  const ids = [...new Set(mine.map((r) => r.event?.documentId).filter((d): d is string => Boolean(d)))];
  if (!ids.length) return [];
  const events = (await query(strapi, UID.event).findMany({
    where: { documentId: { $in: ids }, ...published },
    select: eventFields,
    populate: eventRelations,
  })) as EventRow[];
  const byDocument = new Map<string, EventRow>();
  for (const e of events) if (!byDocument.has(e.documentId) || e.locale === locale) byDocument.set(e.documentId, e);
  const rows = await registrationsOf(strapi, ids);
  const now = Date.now();
  const time = (e: EventRow) => new Date(e.startsAt).getTime();
  const list = [...byDocument.values()];
  const upcoming = list.filter((e) => time(e) > now).sort((a, b) => time(a) - time(b));
  const past = list.filter((e) => time(e) <= now).sort((a, b) => time(b) - time(a));
  return [...upcoming, ...past].map((event) => summarise(event, rows, member));
}

export interface Attendee {
  displayName: string;
  state: string;
  position: number | null;
  registeredAt: string;
}

/** The attendee list, for the event's organiser, the leads of its collective and the board. */
export async function attendees(strapi: Core.Strapi, viewer: Viewer, documentId: string, locale: Locale) {
  const event = await publishedEvent(strapi, documentId, locale);
  const node = event.collective ? (await collectiveTree(strapi)).get(event.collective.documentId) : undefined;
  const allowed =
    viewer.role === 'board' ||
    (viewer.profileId !== null && event.organiser?.id === viewer.profileId) ||
    (node !== undefined && leads(viewer, node));
  if (!allowed)
    throw new NotAllowed(
      'La liste des inscrits est réservée à l’organisateur, aux animateurs du collectif et au conseil.',
      'The attendee list is for the organiser, the collective’s leads and the board.',
    );
  const rows = await registrationsOf(strapi, [documentId]);
  const list: Attendee[] = rows.map((r) => ({
    displayName: r.profile?.displayName ?? '—',
    state: r.state,
    position: positionIn(rows, r.id),
    registeredAt: new Date(r.createdAt).toISOString(),
  }));
  return { event, attendees: list };
}
