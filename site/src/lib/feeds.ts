/**
 * The site's feeds, per locale and per collective: iCalendar of public events (Europe/Paris, with
 * its VTIMEZONE) and RSS 2.0 of news. Static endpoints call these at build time.
 */
import rss from '@astrojs/rss';
import { organisation, timeZone, wallClock, type Locale } from '@notre-asso/config';
import ical from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { paths } from '../i18n/routes';
import type { Brief, Collective, Event } from './content';
import { plainText } from './format';
import { briefPath } from './static-paths';

const vtimezone = (tz: string): string | null => {
  const block = tzlib_get_ical_block(tz);
  return Array.isArray(block) ? (block[0] ?? null) : null;
};

/**
 * ical-generator writes a zoned DTSTART from a native Date's *local* fields: hand it a Date whose
 * local fields are the Paris wall clock, whatever the time zone of the machine building the site.
 */
function parisDate(iso: string): Date {
  const w = wallClock(new Date(iso));
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export interface CalendarOptions {
  locale: Locale;
  site: URL;
  name: string;
  events: Event[];
  /** Stamped on every event (DTSTAMP): the build time. */
  now?: Date;
}

export function calendarResponse({ locale, site, name, events, now = new Date() }: CalendarOptions): Response {
  // No calendar-wide zone: DTSTAMP stays in UTC; each event's zone brings its VTIMEZONE.
  const calendar = ical({
    name,
    prodId: { company: organisation.name, product: 'site', language: locale.toUpperCase() },
    timezone: { name: null, generator: vtimezone },
  });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.documentId}@${site.host}`,
      stamp: now,
      start: parisDate(event.startsAt),
      end: parisDate(event.endsAt),
      timezone: timeZone,
      summary: event.title,
      description: plainText(event.description, 2000) || null,
      location: event.place ?? event.onlineLink ?? null,
      url: new URL(paths.event(locale, event.documentId), site).href,
    });
  }
  return new Response(calendar.toString(), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}

export interface NewsFeedOptions {
  locale: Locale;
  site: URL;
  title: string;
  description: string;
  briefs: Brief[];
  /** Every brief of the locale: where a site-wide one is read depends on its rank. */
  allBriefs: Brief[];
  collectives: Collective[];
}

export function newsFeedResponse({
  locale,
  site,
  title,
  description,
  briefs,
  allBriefs,
  collectives,
}: NewsFeedOptions) {
  const names = new Map(collectives.map((c) => [c.slug, c.name]));
  return rss({
    title,
    description,
    site,
    customData: `<language>${locale}</language>`,
    items: briefs.map((brief) => ({
      title: brief.title,
      link: new URL(briefPath(locale, brief, allBriefs), site).href,
      pubDate: new Date(brief.publicationDate),
      description: plainText(brief.body, 1000),
      categories: brief.collective ? [names.get(brief.collective.slug) ?? brief.collective.slug] : undefined,
    })),
  });
}
