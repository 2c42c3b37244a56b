/**
 * A member's private iCalendar feed: the members-only events they may see and the events they are
 * registered for. Calendar applications cannot log in, so the URL carries a random token, the
 * feed's only secret; resetting it makes a new one and the old URL stops working.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { defaultLocale, organisation, timeZone, wallClock, type Locale } from '@notre-asso/config';
import ical from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { NotFound } from './errors';
import { eventFields, eventRelations, eventsPath, type EventRow } from './registrations';
import { published, query, UID } from './store';

/** 32 random bytes, URL-safe: 43 characters. */
const newToken = () => randomBytes(32).toString('base64url');

export const feedPath = (token: string) => `/api/space/calendar/${token}`;

/** The member's token, made on first use. */
export async function calendarToken(strapi: Core.Strapi, profileId: number): Promise<string> {
  const row = (await query(strapi, UID.profile).findOne({ where: { id: profileId }, select: ['calendarToken'] })) as {
    calendarToken: string | null;
  };
  if (row.calendarToken) return row.calendarToken;
  return resetCalendarToken(strapi, profileId);
}

export async function resetCalendarToken(strapi: Core.Strapi, profileId: number): Promise<string> {
  const token = newToken();
  await query(strapi, UID.profile).update({ where: { id: profileId }, data: { calendarToken: token } });
  return token;
}

const vtimezone = (tz: string): string | null => {
  const block = tzlib_get_ical_block(tz);
  return Array.isArray(block) ? (block[0] ?? null) : null;
};

/** A Date whose local fields are the Paris wall clock: ical-generator writes a zoned time from them. */
function parisDate(iso: string): Date {
  const w = wallClock(new Date(iso));
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The feed behind a token, as iCalendar text; an unknown token is a 404. */
export async function calendarFeed(
  strapi: Core.Strapi,
  token: string,
  locale: Locale = defaultLocale,
): Promise<string> {
  const unknown = () => new NotFound('Ce calendrier n’existe pas.', 'No such calendar.');
  if (token.length < 32) throw unknown();
  const profile = (await query(strapi, UID.profile).findOne({
    where: { calendarToken: token, erasedAt: null },
    select: ['id'],
  })) as { id: number } | null;
  if (!profile) throw unknown();
  const registered = (await query(strapi, UID.registration).findMany({
    where: { profile: { id: profile.id } },
    populate: { event: { select: ['documentId'] } },
  })) as Array<{ state: string; event: { documentId: string } | null }>;
  const states = new Map(registered.filter((r) => r.event).map((r) => [r.event!.documentId, r.state]));
  const rows = (await query(strapi, UID.event).findMany({
    where: { ...published, $or: [{ audience: 'members' }, { documentId: { $in: [...states.keys()] } }] },
    select: [...eventFields, 'description', 'onlineLink'],
    populate: eventRelations,
    orderBy: [{ startsAt: 'asc' }],
  })) as Array<EventRow & { description: string | null; onlineLink: string | null }>;
  const byDocument = new Map<string, (typeof rows)[number]>();
  for (const e of rows) if (!byDocument.has(e.documentId) || e.locale === locale) byDocument.set(e.documentId, e);

  const calendar = ical({
    name: locale === 'fr' ? `${organisation.name} — mes événements` : `${organisation.name} — my events`,
    prodId: { company: organisation.name, product: 'members-space', language: locale.toUpperCase() },
    timezone: { name: null, generator: vtimezone },
  });
  const site = new URL(organisation.siteUrl);
  for (const event of byDocument.values()) {
    const state = states.get(event.documentId);
    const prefix = state === 'waiting' ? (locale === 'fr' ? '[liste d’attente] ' : '[waiting list] ') : '';
    calendar.createEvent({
      id: `${event.documentId}@${site.host}`,
      start: parisDate(event.startsAt),
      end: parisDate(event.endsAt),
      timezone: timeZone,
      summary: `${prefix}${event.title}`,
      description: event.description ? event.description.slice(0, 2000) : null,
      location: event.place ?? event.onlineLink ?? null,
      url: new URL(eventsPath[locale], site).href,
    });
  }
  return calendar.toString();
}
