/** The vote form of the votes page: the ballot goes to the governance plugin, the receipt comes back in the message. */
import { failureText } from '../messages';
import { ballotFrom, type Poll } from '../votes';
import { byIntent, documentIdIn, failure, success } from './action';

export const votes = byIntent({
  async vote(ctx) {
    const id = documentIdIn(ctx.form, 'poll');
    if (!id) return failure(ctx.t('error.notFound'));
    const poll = await ctx.api.get<Poll>(`/api/governance/polls/${id}`);
    if (!poll.ok) return failure(failureText(ctx.t, poll.error));
    const choices = ballotFrom(ctx.form, poll.data);
    if (!choices) return failure(ctx.t('votes.rankTwice'));
    const result = await ctx.api.post<{ receipt: string }>(`/api/governance/polls/${id}/ballots`, { choices });
    if (!result.ok) return failure(failureText(ctx.t, result.error));
    return success(ctx.t('votes.thanks', { receipt: result.data.receipt }));
  },
});
