/**
 * What a person reads when the CMS refuses something: one mapping from HTTP statuses to sentences
 * in the page's language. A 400 keeps the CMS's own message (written for people) after ours.
 */
import type { Translate } from '../../i18n/space';
import type { ApiFailure } from './api';

/** Per-page wording for a status, when the generic one would be vague (login: 400 = wrong password). */
export type Overrides = Partial<Record<number, string>>;

export function failureText(t: Translate, failure: ApiFailure, overrides: Overrides = {}): string {
  const specific = overrides[failure.status];
  if (specific) return specific;
  switch (failure.status) {
    case 400:
    case 422:
      return failure.message ? `${t('error.invalid')} (${failure.message})` : t('error.invalid');
    case 401:
      return t('error.session');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return failure.message ? `${t('error.conflict')} (${failure.message})` : t('error.conflict');
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
