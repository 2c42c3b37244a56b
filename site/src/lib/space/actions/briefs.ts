/**
 * The forms of a collective's brief desk (its leads and the board): every button saves the draft
 * first, then previews it (the page shows it rendered), publishes it now or schedules it.
 */
import { failureText } from '../messages';
import { BRIEF_LINK_ROWS, type DeskBrief } from '../types';
import {
  documentIdIn,
  failure,
  success,
  ticked,
  typedValues,
  type Action,
  type ActionContext,
  type ActionResult,
} from './action';
import { instantOf, parisOffset } from './community';

const linkFields = Array.from({ length: BRIEF_LINK_ROWS }, (_, i) => [`link-label-${i}`, `link-url-${i}`]).flat();

/** The filled link rows; a row with only one of its two fields is an error naming that field. */
function linksOf(ctx: ActionContext, values: Record<string, string>) {
  const links: Array<{ label: string; url: string }> = [];
  for (let i = 0; i < BRIEF_LINK_ROWS; i += 1) {
    const label = values[`link-label-${i}`] ?? '';
    const url = values[`link-url-${i}`] ?? '';
    if (!label && !url) continue;
    if (!label) return failure(ctx.t('briefs.linkLabelMissing'), `link-label-${i}`, values);
    if (!/^https?:\/\/\S+$/.test(url)) return failure(ctx.t('briefs.linkUrlInvalid'), `link-url-${i}`, values);
    links.push({ label, url });
  }
  return links;
}

/** The image chosen in the form, when one was. */
function imageOf(form: FormData): File | null {
  const file = form.get('image');
  return file instanceof File && file.size > 0 ? file : null;
}

/** The draft saved (created, or edited when the form names one); its documentId, or what went wrong. */
async function saveDraft(ctx: ActionContext): Promise<{ id: string; values: Record<string, string> } | ActionResult> {
  const values = typedValues(ctx.form, ['brief', 'title', 'body', 'at', 'alt', ...linkFields]);
  const collective = documentIdIn(ctx.form, 'collective');
  if (!collective) return failure(ctx.t('error.notFound'));
  if (!values.title) return failure(ctx.t('briefs.titleMissing'), 'title', values);
  if (!values.body) return failure(ctx.t('briefs.bodyMissing'), 'body', values);
  const links = linksOf(ctx, values);
  if (!Array.isArray(links)) return links;
  const image = imageOf(ctx.form);
  if (image && !values.alt) return failure(ctx.t('briefs.altMissing'), 'alt', values);
  const brief = documentIdIn(ctx.form, 'brief');
  const text = { title: values.title, body: values.body, links };
  const base = `/api/space/collectives/${collective}/briefs`;
  const result = brief
    ? await ctx.api.put<DeskBrief>(`${base}/${brief}`, text)
    : await ctx.api.post<DeskBrief>(base, { ...text, locale: ctx.locale });
  if (!result.ok) return failure(failureText(ctx.t, result.error), result.error.field ?? 'body', values);
  const id = result.data.documentId;
  const kept = { ...values, brief: id };
  if (image) {
    const upload = new FormData();
    upload.set('image', image, image.name);
    upload.set('alt', values.alt ?? '');
    const set = await ctx.api.put<DeskBrief>(`${base}/${id}/image`, upload);
    if (!set.ok) return failure(failureText(ctx.t, set.error), set.error.field ?? 'image', kept);
  } else if (ticked(ctx.form, 'removeImage')) {
    const removed = await ctx.api.del<DeskBrief>(`${base}/${id}/image`);
    if (!removed.ok) return failure(failureText(ctx.t, removed.error), 'image', kept);
  }
  return { id, values };
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
    if (!at)
      return failure(
        ctx.t('briefs.atMissing'),
        'at',
        typedValues(ctx.form, ['brief', 'title', 'body', 'at', ...linkFields]),
      );
    return publish(ctx, at);
  },
};
