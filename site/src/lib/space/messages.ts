/**
 * What a person reads when the CMS refuses something: one mapping from HTTP statuses to sentences
 * in the page's language. A 400 keeps the CMS's own message (written for people) after ours.
 */
import type { Locale } from '@notre-asso/config';
import type { Translate } from '../../i18n/space';
import type { ApiFailure } from './api';

/**
 * The CMS writes its messages for people in French, then English, as `français / English`: the
 * page keeps the half in its own language (the whole message when it is in one language only).
 */
export function inLocale(message: string, locale: Locale): string {
  const halves = message.split(' / ');
  if (halves.length !== 2) return message;
  return (locale === 'fr' ? halves[0] : halves[1]).trim();
}

/** Per-page wording for a status, when the generic one would be vague (login: 400 = wrong password). */
export type Overrides = Partial<Record<number, string>>;

export function failureText(t: Translate, failure: ApiFailure, overrides: Overrides = {}): string {
  const detail = inLocale(failure.message, t.locale);
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
