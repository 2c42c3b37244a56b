/**
 * What a person reads when the CMS refuses something: one mapping from HTTP statuses to sentences
 * in the page's language. A 400 keeps the CMS's own message (written for people) after ours.
 */
import type { Locale } from '@notre-asso/config';
import type { Translate } from '../../i18n/space';
import type { ApiFailure } from './api';

const frenchMarks = /[àâçéèêëîïôûùœ’«]/gi;

/**
 * The CMS writes its messages for people in both languages, `français / English` (some validation
 * messages the other way round): the page keeps the half in its own language, the French one being
 * the half with more French letters; a message in one language only is kept whole.
 */
export function inLocale(message: string, locale: Locale): string {
  const halves = message.split(' / ');
  if (halves.length !== 2) return message;
  const marks = halves.map((h) => h.match(frenchMarks)?.length ?? 0);
  const french = marks[1] > marks[0] ? 1 : 0;
  return halves[locale === 'fr' ? french : 1 - french].trim();
}

/** Per-page wording for a status, when the generic one would be vague (login: 400 = wrong password). */
export type Overrides = Partial<Record<number, string>>;

export function failureText(t: Translate, failure: ApiFailure, overrides: Overrides = {}): string {
  const detail = failure.messages
    .map((m) => inLocale(m, t.locale))
    .map((m) => (/[.!?]$/.test(m) ? m : `${m}.`))
    .join(' ');
  const specific = overrides[failure.status];
  if (specific) return specific;
  switch (failure.status) {
    case 400:
    case 422:
      return detail ? `${t('error.invalid')} ${detail}` : t('error.invalid');
    case 401:
      return t('error.session');
    case 403:
      return detail || t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return detail || t('error.conflict');
    case 410:
      return t('error.gone');
    case 429: {
      const minutes = Math.ceil((failure.retryAfter ?? 15 * 60) / 60);
      return minutes <= 1 ? t('error.tooManyOne') : t('error.tooMany', { n: minutes });
    }
    default:
      return t('error.generic');
  }
}
