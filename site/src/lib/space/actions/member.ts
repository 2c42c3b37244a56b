/** Forms of the dashboard, the profile and the board's invitations. */
import { failureText } from '../messages';
import { byIntent, failure, outcome, success, ticked, typedValues, type Action } from './action';

export const dashboard = byIntent({
  async markRead(ctx) {
    return outcome(ctx, await ctx.api.post('/api/space/notifications/read', {}), ctx.t('dashboard.marked'));
  },
});

/** An optional number field: null when empty, NaN when not a number (the CMS says why). */
const numberOrNull = (value: string) => (value === '' ? null : Number(value.replace(',', '.')));

export const profile: Action = async (ctx) => {
  const fields = ['displayName', 'city', 'postcode', 'lat', 'lon', 'skills', 'bio', 'mailFrequency', 'moderationMail'];
  const values = typedValues(ctx.form, fields);
  if (!values.displayName) return failure(ctx.t('error.invalid'), 'displayName', values);
  for (const field of ['lat', 'lon'] as const) {
    if (Number.isNaN(numberOrNull(values[field]))) return failure(ctx.t('error.invalid'), field, values);
  }
  const result = await ctx.api.put('/api/member-profiles/me', {
    data: {
      displayName: values.displayName,
      city: values.city || null,
      postcode: values.postcode.toUpperCase() || null,
      lat: numberOrNull(values.lat),
      lon: numberOrNull(values.lon),
      skills: values.skills
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bio: values.bio || null,
      directoryConsent: ticked(ctx.form, 'directoryConsent'),
      newsletterConsent: ticked(ctx.form, 'newsletterConsent'),
      ...(values.mailFrequency ? { mailFrequency: values.mailFrequency } : {}),
      ...(values.moderationMail ? { moderationMail: values.moderationMail } : {}),
    },
  });
  if (!result.ok) return failure(failureText(ctx.t, result.error), result.error.field ?? undefined, values);
  return success(ctx.t('profile.saved'));
};

export const invitations: Action = async (ctx) => {
  const values = typedValues(ctx.form, ['email', 'displayName', 'college', 'locale']);
  if (!values.email) return failure(ctx.t('error.invalid'), 'email', values);
  if (!values.displayName) return failure(ctx.t('error.invalid'), 'displayName', values);
  const result = await ctx.api.post('/api/space/invitations', {
    email: values.email,
    displayName: values.displayName,
    college: values.college || undefined,
    locale: values.locale || ctx.locale,
  });
  return outcome(ctx, result, ctx.t('invitations.sent', { email: values.email }), {
    field: 'email',
    values: result.ok ? undefined : values,
  });
};
