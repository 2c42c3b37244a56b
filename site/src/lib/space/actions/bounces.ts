/** The board's form on the invalid addresses page: reactivate (clear) one, once confirmed. */
import { paths } from '../../../i18n/routes';
import { byIntent, documentIdIn, failure, outcome, type Action } from './action';

export const invalidAddresses: Action = byIntent({
  async clearAddress(ctx) {
    const id = documentIdIn(ctx.form, 'address');
    if (!id) return failure(ctx.t('error.notFound'));
    const result = outcome(ctx, await ctx.api.del(`/api/space/mail/invalid-addresses/${id}`), ctx.t('bounces.cleared'));
    // Back to the list as it was searched, the confirmation closed.
    const back = new URLSearchParams();
    const q = ctx.url.searchParams.get('q');
    if (q) back.set('q', q);
    const query = back.toString();
    return { ...result, redirect: `${paths.space(ctx.locale, 'invalidAddresses')}${query ? `?${query}` : ''}` };
  },
});
