/** Dates, times and sizes as people read them: always in the organisation's time zone. */
import { timeZone, type Locale } from '@notre-asso/config';

const bcp47: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(bcp47[locale], { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** « 22 août 2026 » / “22 August 2026”. A bare `YYYY-MM-DD` is a calendar date, not an instant. */
export function formatDate(value: string, locale: Locale): string {
  const date = /^\d{4}-\d\d-\d\d$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return formatter(locale, { dateStyle: 'long' }).format(date);
}

/** « samedi 6 juin 2026, 14:00 – 21:00 », the end date repeated only when it differs. */
export function formatRange(startsAt: string, endsAt: string, locale: Locale): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = formatter(locale, { dateStyle: 'full' });
  const time = formatter(locale, { timeStyle: 'short' });
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** Strapi stores sizes in kilobytes. */
export function formatSize(kilobytes: number, locale: Locale): string {
  const n = new Intl.NumberFormat(bcp47[locale], { maximumFractionDigits: 1 });
  const [value, unit] = kilobytes >= 1024 ? [kilobytes / 1024, 'M'] : [kilobytes, 'k'];
  return `${n.format(value)} ${locale === 'fr' ? `${unit.toLowerCase() === 'k' ? 'k' : 'M'}o` : `${unit.toUpperCase()}B`}`;
}

/** Markdown reduced to plain text, for descriptions and feeds. */
export function plainText(markdown: string | null | undefined, max = 300): string {
  const text = (markdown ?? '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** « samedi 6 juin 2026, 14:00 »: one instant, day and time. */
export function formatDateTime(value: string, locale: Locale): string {
  return formatter(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(value));
}

/** « 1 250,00 € » / “€1,250.00”: amounts are integer cents, divided only to be shown. */
export function formatCents(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(bcp47[locale], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
