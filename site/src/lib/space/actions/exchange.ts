/** The forms of the exchange board: post an offer or a request, withdraw mine, report one. */
import { failureText } from '../messages';
import { byIntent, failure, outcome, success, text, typedValues, type Action } from './action';
import { instantOf, parisOffset } from './community';
import { discussionIntents, rowIdIn } from './discussions';

const fields = ['type', 'category', 'title', 'body', 'place', 'expires'];

export const exchange: Action = byIntent({
  async postExchange(ctx) {
    const values = typedValues(ctx.form, fields);
    for (const name of ['title', 'body', 'place'])
      if (!values[name]) return failure(ctx.t('exchange.missing'), name, values);
    // The last minute of the chosen day, in the organisation's time zone.
    const expiresAt = /^\d{4}-\d\d-\d\d$/.test(values.expires)
      ? instantOf(`${values.expires}T23:59`, parisOffset(values.expires))
      : undefined;
    if (!expiresAt) return failure(ctx.t('exchange.expiresMissing'), 'expires', values);
    const result = await ctx.api.post('/api/moderation/exchange', {
      type: values.type,
      category: values.category,
      title: values.title,
      body: values.body,
      place: values.place,
      expiresAt,
    });
    if (!result.ok) return failure(failureText(ctx.t, result.error), result.error.field ?? 'title', values);
    return success(ctx.t('exchange.posted'));
  },
  async withdrawExchange(ctx) {
    const id = rowIdIn(ctx.form, 'item');
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/moderation/exchange/${id}`), ctx.t('exchange.withdrawn'));
  },
  reportMessage: (ctx) =>
    text(ctx.form, 'kind') === 'exchange'
      ? discussionIntents.reportMessage(ctx)
      : Promise.resolve(failure(ctx.t('error.notFound'))),
});
