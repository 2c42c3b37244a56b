/**
 * Forms of the collectives, events and directory pages. Each form names what it does in a hidden
 * `intent` field and the thing it acts on (a documentId, checked before it goes into an API path).
 */
import { failureText } from '../messages';
import type { Registration } from '../types';
import { timeZone } from '@notre-asso/config';
import { briefIntents } from './briefs';
import { discussionIntents } from './discussions';
import { byIntent, documentIdIn, failure, outcome, success, text, ticked, typedValues, type Action } from './action';

const collectiveIntents: Record<string, Action> = {
  async follow(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    if (!id) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.put(`/api/space/collectives/${id}/follow`, {
      emailBriefs: ticked(ctx.form, 'emailBriefs'),
    });
    const done = text(ctx.form, 'following') ? 'collectives.emailSaved' : 'collectives.followed';
    return outcome(ctx, result, ctx.t(done));
  },
  async unfollow(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/space/collectives/${id}/follow`), ctx.t('collectives.unfollowed'));
  },
  async join(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    if (!id) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post<{ state: 'active' | 'requested' }>(`/api/space/collectives/${id}/membership`);
    if (!result.ok) return failure(failureText(ctx.t, result.error));
    return success(ctx.t(result.data.state === 'active' ? 'collectives.joined' : 'collectives.requestSent'));
  },
  async leave(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/space/collectives/${id}/membership`), ctx.t('collectives.left'));
  },
  async decide(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    const profile = documentIdIn(ctx.form, 'profile');
    if (!id || !profile) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post(`/api/space/collectives/${id}/requests/${profile}`, {
      accept: text(ctx.form, 'accept') === 'true',
    });
    return outcome(ctx, result, ctx.t('collectives.decided'));
  },
  async remove(ctx) {
    const id = documentIdIn(ctx.form, 'collective');
    const profile = documentIdIn(ctx.form, 'profile');
    if (!id || !profile) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.del(`/api/space/collectives/${id}/members/${profile}`);
    return outcome(ctx, result, ctx.t('collectives.removed'));
  },
};

/** `datetime-local` gives the organisation's wall-clock time; the CMS wants an instant. */
export function instantOf(value: string, offset: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value)) return undefined;
  const date = new Date(`${value}:00${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The offset of the organisation's time zone on a given day, e.g. `+02:00` for Paris in summer. */
export function parisOffset(value: string): string {
  const probe = new Date(`${value.slice(0, 10)}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name?.replace('GMT', '') || '+01:00';
}

const eventIntents: Record<string, Action> = {
  async register(ctx) {
    const id = documentIdIn(ctx.form, 'event');
    if (!id) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post<Registration>(`/api/space/events/${id}/registration`);
    if (!result.ok) return failure(failureText(ctx.t, result.error));
    return success(
      result.data.state === 'waiting'
        ? ctx.t('events.registeredWaiting', { n: result.data.position ?? '' })
        : ctx.t('events.registeredConfirmed'),
    );
  },
  async unregister(ctx) {
    const id = documentIdIn(ctx.form, 'event');
    if (!id) return failure(ctx.t('error.notFound'));
    return outcome(ctx, await ctx.api.del(`/api/space/events/${id}/registration`), ctx.t('events.unregistered'));
  },
  async calendarReset(ctx) {
    return outcome(ctx, await ctx.api.post('/api/space/calendar/reset'), ctx.t('events.calendarWasReset'));
  },
  async propose(ctx) {
    const { form } = ctx;
    const values = typedValues(form, [
      'collective',
      'title',
      'description',
      'startsAt',
      'endsAt',
      'place',
      'capacity',
      'audience',
    ]);
    const startsAt = values.startsAt ? instantOf(values.startsAt, parisOffset(values.startsAt)) : undefined;
    const endsAt = values.endsAt ? instantOf(values.endsAt, parisOffset(values.endsAt)) : undefined;
    if (!values.collective) return failure(ctx.t('error.invalid'), 'collective', values);
    if (!values.title) return failure(ctx.t('error.invalid'), 'title', values);
    if (!startsAt) return failure(ctx.t('error.invalid'), 'startsAt', values);
    if (!endsAt) return failure(ctx.t('error.invalid'), 'endsAt', values);
    const result = await ctx.api.post('/api/space/event-proposals', {
      collective: values.collective,
      title: values.title,
      description: values.description || undefined,
      startsAt,
      endsAt,
      place: values.place || undefined,
      capacity: values.capacity ? Number(values.capacity) : undefined,
      audience: values.audience === 'public' ? 'public' : 'members',
      locale: ctx.locale,
    });
    return outcome(ctx, result, ctx.t('events.proposed'), { field: 'title', values: result.ok ? undefined : values });
  },
  async decideProposal(ctx) {
    const id = documentIdIn(ctx.form, 'proposal');
    if (!id) return failure(ctx.t('error.notFound'));
    const result = await ctx.api.post(`/api/space/event-proposals/${id}/decision`, {
      approve: text(ctx.form, 'approve') === 'true',
      reason: text(ctx.form, 'reason') || undefined,
    });
    return outcome(ctx, result, ctx.t('events.decided'));
  },
};

const contact: Action = async (ctx) => {
  const id = documentIdIn(ctx.form, 'member');
  if (!id) return failure(ctx.t('error.notFound'));
  const message = text(ctx.form, 'message');
  if (!message) return failure(ctx.t('error.invalid'), `message-${id}`);
  const result = await ctx.api.post(`/api/space/directory/${id}/contact`, { message });
  return outcome(ctx, result, ctx.t('directory.sent'), {
    field: `message-${id}`,
    values: { [`message-${id}`]: message },
  });
};

export const collectives = byIntent({ ...collectiveIntents, ...briefIntents, ...discussionIntents });
export const events = byIntent(eventIntents);
export const directory = contact;
