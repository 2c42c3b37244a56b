/** The forms of « Mes parts »: ask for more shares or for a redemption, cancel a request not yet reviewed. */
import { paymentMethods } from '../shares';
import { byIntent, documentIdIn, failure, outcome, text, typedValues } from './action';

const subscribeFields = ['shareClass', 'quantity', 'paymentMethod', 'paymentReference'];

export const shares = byIntent({
  async subscribe(ctx) {
    const quantity = Number(text(ctx.form, 'quantity'));
    const values = typedValues(ctx.form, subscribeFields);
    if (!Number.isInteger(quantity) || quantity < 1)
      return failure(ctx.t('shares.quantityInvalid'), 'quantity', values);
    const method = text(ctx.form, 'paymentMethod');
    const result = await ctx.api.post('/api/shares/subscriptions', {
      shareClass: text(ctx.form, 'shareClass'),
      quantity,
      paymentMethod: (paymentMethods as readonly string[]).includes(method) ? method : 'transfer',
      paymentReference: text(ctx.form, 'paymentReference') || null,
    });
    return outcome(ctx, result, ctx.t('shares.requested'), { values });
  },
  async cancel(ctx) {
    const id = documentIdIn(ctx.form, 'subscription');
    const version = Number(text(ctx.form, 'version'));
    if (!id || !Number.isInteger(version)) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post(`/api/shares/subscriptions/${id}/cancellation`, { version });
    return outcome(ctx, result, ctx.t('shares.cancelled'));
  },
  async redeem(ctx) {
    const quantity = Number(text(ctx.form, 'redeemQuantity'));
    const values = typedValues(ctx.form, ['redeemClass', 'redeemQuantity']);
    if (!Number.isInteger(quantity) || quantity < 1)
      return failure(ctx.t('shares.quantityInvalid'), 'redeemQuantity', values);
    const result = await ctx.api.post('/api/shares/redemptions', {
      shareClass: text(ctx.form, 'redeemClass'),
      quantity,
    });
    return outcome(ctx, result, ctx.t('shares.redeemRequested'), { values, field: 'redeemQuantity' });
  },
  async cancelRedemption(ctx) {
    const id = documentIdIn(ctx.form, 'redemption');
    const version = Number(text(ctx.form, 'version'));
    if (!id || !Number.isInteger(version)) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post(`/api/shares/redemptions/${id}/cancellation`, { version });
    return outcome(ctx, result, ctx.t('shares.redemptionCancelled'));
  },
});
