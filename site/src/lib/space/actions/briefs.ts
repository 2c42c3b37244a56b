/**
 * The forms of a collective's brief desk (its leads and the board): every button saves the draft
 * first, then previews it (the page shows it rendered), publishes it now or schedules it.
 */
import { failureText } from '../messages';
import type { DeskBrief } from '../types';
import {
  documentIdIn,
  failure,
  success,
  typedValues,
  type Action,
  type ActionContext,
  type ActionResult,
} from './action';
import { instantOf, parisOffset } from './community';

/** The draft saved (created, or edited when the form names one); its documentId, or what went wrong. */
async function saveDraft(ctx: ActionContext): Promise<{ id: string; values: Record<string, string> } | ActionResult> {
  const values = typedValues(ctx.form, ['brief', 'title', 'body', 'at']);
  const collective = documentIdIn(ctx.form, 'collective');
  if (!collective) return failure(ctx.t('error.notFound'));
  if (!values.title) return failure(ctx.t('briefs.titleMissing'), 'title', values);
  if (!values.body) return failure(ctx.t('briefs.bodyMissing'), 'body', values);
  const brief = documentIdIn(ctx.form, 'brief');
  const text = { title: values.title, body: values.body, locale: ctx.locale };
  const base = `/api/space/collectives/${collective}/briefs`;
  const result = brief
    ? await ctx.api.put<DeskBrief>(`${base}/${brief}`, { title: text.title, body: text.body })
    : await ctx.api.post<DeskBrief>(base, text);
  if (!result.ok) return failure(failureText(ctx.t, result.error), result.error.field ?? 'body', values);
  return { id: result.data.documentId, values };
}

const saved = (s: Awaited<ReturnType<typeof saveDraft>>): s is { id: string; values: Record<string, string> } =>
  'id' in s;

async function publish(ctx: ActionContext, at: string | undefined): Promise<ActionResult> {
  const draft = await saveDraft(ctx);
  if (!saved(draft)) return draft;
  const collective = documentIdIn(ctx.form, 'collective');
  const result = await ctx.api.post(
    `/api/space/collectives/${collective}/briefs/${draft.id}/publish`,
    at ? { at } : {},
  );
  if (!result.ok) return failure(failureText(ctx.t, result.error), 'at', { ...draft.values, brief: draft.id });
  return success(ctx.t(at ? 'briefs.scheduled' : 'briefs.published'), ctx.url.pathname);
}

export const briefIntents: Record<string, Action> = {
  async previewBrief(ctx) {
    const draft = await saveDraft(ctx);
    if (!saved(draft)) return draft;
    return success(ctx.t('briefs.saved'), `${ctx.url.pathname}?brief=${draft.id}#preview`);
  },
  publishBrief: (ctx) => publish(ctx, undefined),
  async scheduleBrief(ctx) {
    const value = typedValues(ctx.form, ['at']).at;
    const at = value ? instantOf(value, parisOffset(value)) : undefined;
    if (!at) return failure(ctx.t('briefs.atMissing'), 'at', typedValues(ctx.form, ['brief', 'title', 'body', 'at']));
    return publish(ctx, at);
  },
};
