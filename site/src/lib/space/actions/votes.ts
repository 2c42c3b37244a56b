/**
 * The forms of the votes page and of an assembly's page: each ballot goes to the governance plugin,
 * its receipt comes back in the message; refusals are the API's, in the page's language.
 */
import { failureText } from '../messages';
import { ballotFrom, type Poll } from '../votes';
import { byIntent, documentIdIn, failure, outcome, success, text, typedValues, type Action } from './action';

/** The ballot of an open poll, on the votes page. */
const pollVote: Action = async (ctx) => {
  const id = documentIdIn(ctx.form, 'poll');
  if (!id) return failure(ctx.t('error.notFound'));
  const poll = await ctx.api.get<Poll>(`/api/governance/polls/${id}`);
  if (!poll.ok) return failure(failureText(ctx.t, poll.error));
  const choices = ballotFrom(ctx.form, poll.data);
  if (!choices) return failure(ctx.t('votes.rankTwice'));
  const result = await ctx.api.post<{ receipt: string }>(`/api/governance/polls/${id}/ballots`, { choices });
  if (!result.ok) return failure(failureText(ctx.t, result.error));
  return success(ctx.t('votes.thanks', { receipt: result.data.receipt }));
};

/** The forms of an assembly's page (`/espace/votes/ag/<id>/`): ballots, proxy, co-drafting. */
const assemblyIntents: Record<string, Action> = {
  async voteResolution(ctx) {
    const id = documentIdIn(ctx.form, 'resolution');
    if (!id) return failure(ctx.t('error.notFound'));
    const choice = text(ctx.form, 'choice');
    const onBehalfOf = documentIdIn(ctx.form, 'onBehalfOf');
    const result = await ctx.api.post<{ receipt: string }>(`/api/governance/resolutions/${id}/ballots`, {
      choice,
      ...(onBehalfOf ? { onBehalfOf } : {}),
    });
    if (!result.ok) return failure(failureText(ctx.t, result.error));
    return success(ctx.t('votes.thanks', { receipt: result.data.receipt }));
  },
  async giveProxy(ctx) {
    const id = documentIdIn(ctx.form, 'assembly');
    if (!id) return failure(ctx.t('error.notFound'));
    // A member picked from the list, or named by their membership number.
    const holder = documentIdIn(ctx.form, 'holder');
    const holderNumber = text(ctx.form, 'holderNumber');
    const result = await ctx.api.post(`/api/governance/assemblies/${id}/proxy`, holder ? { holder } : { holderNumber });
    return outcome(ctx, result, ctx.t('assembly.proxyGiven'), {
      overrides: { 404: ctx.t('assembly.noSuchMember') },
      field: 'holderNumber',
      values: { holderNumber },
    });
  },
  async revokeProxy(ctx) {
    const id = documentIdIn(ctx.form, 'assembly');
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/governance/assemblies/${id}/proxy`), ctx.t('assembly.proxyRevoked'));
  },
  async propose(ctx) {
    const id = documentIdIn(ctx.form, 'assembly');
    if (!id) return failure(ctx.t('error.notFound'));
    const amendment = text(ctx.form, 'kind') === 'amendment';
    const names = amendment ? ['resolution', 'text', 'reason'] : ['title', 'resolutionKind', 'text'];
    const fields = typedValues(ctx.form, names);
    const result = await ctx.api.post(`/api/governance/assemblies/${id}/proposals`, {
      kind: amendment ? 'amendment' : 'resolution',
      ...fields,
    });
    if (result.ok) return success(ctx.t('assembly.proposed'));
    // The API names the field in its message only: blame an empty field, else the one it names. The
    // page's fields are named apart per form (amend-text, draft-text) for the message to point at.
    const prefix = amendment ? 'amend' : 'draft';
    const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}-${k}`, v]));
    const blamed =
      names.find((n) => !fields[n]) ?? names.find((n) => result.error.messages.some((m) => m.includes(`${n} `)));
    const field = blamed ? `${prefix}-${blamed}` : undefined;
    return failure(failureText(ctx.t, result.error), field, values);
  },
  async support(ctx) {
    const id = proposalIn(ctx.form);
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.post(`/api/governance/proposals/${id}/support`), ctx.t('assembly.supported'));
  },
  async withdrawSupport(ctx) {
    const id = proposalIn(ctx.form);
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/governance/proposals/${id}/support`), ctx.t('assembly.withdrawn'));
  },
  async comment(ctx) {
    const id = proposalIn(ctx.form);
    if (!id) return failure(ctx.t('error.notFound'));
    const comment = text(ctx.form, 'text');
    const result = await ctx.api.post(`/api/governance/proposals/${id}/comments`, { text: comment });
    if (result.ok) return success(ctx.t('assembly.commented'));
    return failure(failureText(ctx.t, result.error), `comment-${id}`, { [`comment-${id}`]: comment });
  },
};

/** Proposals are named by a UUID. */
function proposalIn(form: FormData): string | null {
  const value = text(form, 'proposal');
  return /^[0-9a-f-]{36}$/.test(value) ? value : null;
}

export const votes = byIntent({ vote: pollVote, ...assemblyIntents });
