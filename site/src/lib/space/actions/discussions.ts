/**
 * The forms of a collective's discussions and moderation queue: start a thread, reply, edit my
 * message, report one (charter article and comment), appeal a decision once, decide a case.
 */
import { paths } from '../../../i18n/routes';
import { failureText } from '../messages';
import type { DiscussionMessage } from '../types';
import { documentIdIn, failure, outcome, success, text, typedValues, type Action, type ActionContext } from './action';

export const kindIn = (form: FormData) => {
  const kind = text(form, 'kind');
  return kind === 'thread' || kind === 'reply' || kind === 'exchange' ? kind : null;
};
export const rowIdIn = (form: FormData, name: string) => {
  const value = text(form, name);
  return /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
};
const slugOf = (ctx: ActionContext) => ctx.route.collectiveSlug ?? '';

export const discussionIntents: Record<string, Action> = {
  async startThread(ctx) {
    const collective = documentIdIn(ctx.form, 'collective');
    const values = typedValues(ctx.form, ['title', 'body']);
    if (!collective) return failure(ctx.t('error.notFound'));
    if (!values.title) return failure(ctx.t('discussions.titleMissing'), 'title', values);
    if (!values.body) return failure(ctx.t('discussions.bodyMissing'), 'body', values);
    const about = text(ctx.form, 'about');
    const result = await ctx.api.post<DiscussionMessage>(`/api/moderation/collectives/${collective}/threads`, {
      ...values,
      ...(about ? { about } : {}),
    });
    if (!result.ok) return failure(failureText(ctx.t, result.error), 'body', values);
    return success(ctx.t('discussions.started'), paths.spaceThread(ctx.locale, slugOf(ctx), result.data.id));
  },
  async replyThread(ctx) {
    const thread = rowIdIn(ctx.form, 'thread');
    const values = typedValues(ctx.form, ['body']);
    if (!thread) return failure(ctx.t('error.notFound'));
    if (!values.body) return failure(ctx.t('discussions.bodyMissing'), 'body', values);
    const result = await ctx.api.post<DiscussionMessage>(`/api/moderation/threads/${thread}/replies`, values);
    if (!result.ok) return failure(failureText(ctx.t, result.error), 'body', values);
    return success(ctx.t('discussions.replied'), `${ctx.url.pathname}#reply-${result.data.id}`);
  },
  async editMessage(ctx) {
    const kind = kindIn(ctx.form);
    const id = rowIdIn(ctx.form, 'item');
    if (!kind || kind === 'exchange' || !id) return failure(ctx.t('error.notFound'));
    const anchor = `${kind}-${id}`;
    const values = typedValues(ctx.form, ['title', 'body']);
    const typed = { [`title-${anchor}`]: values.title, [`body-${anchor}`]: values.body };
    if (!values.body) return failure(ctx.t('discussions.bodyMissing'), `body-${anchor}`, typed);
    const result = await ctx.api.put(
      `/api/moderation/${kind === 'thread' ? 'threads' : 'replies'}/${id}`,
      kind === 'thread' ? values : { body: values.body },
    );
    if (!result.ok) return failure(failureText(ctx.t, result.error), `body-${anchor}`, typed);
    return success(ctx.t('discussions.saved'), `${ctx.url.pathname}#${anchor}`);
  },
  async reportMessage(ctx) {
    const kind = kindIn(ctx.form);
    const id = rowIdIn(ctx.form, 'item');
    if (!kind || !id) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post('/api/moderation/reports', {
      kind,
      id,
      article: text(ctx.form, 'article'),
      comment: text(ctx.form, 'comment') || undefined,
    });
    return outcome(ctx, result, ctx.t('discussions.reported'), { field: `article-${kind}-${id}` });
  },
  async appealDecision(ctx) {
    const kind = kindIn(ctx.form);
    const id = rowIdIn(ctx.form, 'item');
    if (!kind || !id) return failure(ctx.t('error.notFound'));
    const statement = text(ctx.form, 'statement');
    const result = await ctx.api.post('/api/moderation/appeals', { kind, id, statement });
    return outcome(ctx, result, ctx.t('mycases.appealSent'));
  },
  async decideCase(ctx) {
    const id = rowIdIn(ctx.form, 'case');
    if (!id) return failure(ctx.t('error.notFound'));
    const values = typedValues(ctx.form, ['action', 'reason', 'part', 'days']);
    if (!values.reason) return failure(ctx.t('moderation.reasonMissing'), `reason-${id}`, { [`reason-${id}`]: '' });
    const result = await ctx.api.post(`/api/moderation/queue/${id}/decisions`, {
      action: values.action,
      reason: values.reason,
      version: Number(text(ctx.form, 'version')),
      ...(values.action === 'edit-out' ? { part: values.part } : {}),
      ...(values.action === 'suspend' ? { days: Number(values.days) } : {}),
    });
    return outcome(ctx, result, ctx.t('moderation.decided'), {
      field: `reason-${id}`,
      values: { [`reason-${id}`]: values.reason },
    });
  },
};
