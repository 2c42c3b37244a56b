/**
 * Forms about the account itself: log in and out, forgotten password, invitation, acceptance of
 * the charter and privacy notice, erasure. Only these open or close the session cookie.
 */
import { paths } from '../../../i18n/routes';
import { call } from '../api';
import { failureText } from '../messages';
import { closeSession, openSession, safeNext } from '../session';
import { failure, success, text, ticked, type Action, type ActionContext } from './action';

interface Login {
  jwt: string;
}

/** The CMS's rule for new passwords (bcrypt reads 72 bytes at most). */
const MIN_PASSWORD = 10;
const MAX_PASSWORD = 72;

const afterLogin = (ctx: ActionContext) =>
  safeNext(ctx.url.searchParams.get('next'), paths.space(ctx.locale, 'dashboard'));

export const login: Action = async (ctx) => {
  const { t, form } = ctx;
  const email = text(form, 'email');
  const password = form.get('password');
  if (!email || typeof password !== 'string' || !password)
    return failure(t('login.missing'), email ? 'password' : 'email', { email });
  // The CMS throttles failed logins per client address: it must see the person's, not the site's.
  const result = await call<Login>(null, 'POST', '/api/auth/local', {
    body: { identifier: email, password },
    headers: { 'X-Forwarded-For': ctx.clientAddress },
  });
  if (!result.ok) {
    const wrong = t('login.invalid');
    return failure(failureText(t, result.error, { 400: wrong, 401: wrong }), 'email', { email });
  }
  openSession(ctx.cookies, ctx.site, result.data.jwt);
  return { redirect: afterLogin(ctx) };
};

export const logout: Action = async (ctx) => {
  // Revoked on the CMS first: a copy of the cookie kept elsewhere then opens nothing.
  if (ctx.member) await ctx.api.post('/api/space/logout');
  closeSession(ctx.cookies, ctx.site);
  return success(ctx.t('logout.done'), paths.space(ctx.locale, 'login'));
};

export const forgotPassword: Action = async (ctx) => {
  const email = text(ctx.form, 'email');
  if (!email) return failure(ctx.t('login.missing'), 'email');
  const result = await call(null, 'POST', '/api/auth/forgot-password', {
    body: { email },
    headers: { 'X-Forwarded-For': ctx.clientAddress },
  });
  // The same answer whether or not the address has an account: the form tells nobody who is a member.
  if (!result.ok && result.error.status !== 400) return failure(failureText(ctx.t, result.error), 'email', { email });
  return success(ctx.t('forgot.sent'));
};

/** The new password twice, checked here first so that a typo costs no round trip. */
function passwordProblem(ctx: ActionContext): { text: string; field: string } | null {
  const password = ctx.form.get('password');
  const confirmation = ctx.form.get('passwordConfirmation');
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    return { text: ctx.t('reset.length'), field: 'password' };
  if (password !== confirmation) return { text: ctx.t('reset.mismatch'), field: 'passwordConfirmation' };
  return null;
}

export const newPassword: Action = async (ctx) => {
  const code = ctx.url.searchParams.get('code');
  if (!code) return failure(ctx.t('reset.noCode'));
  const problem = passwordProblem(ctx);
  if (problem) return failure(problem.text, problem.field);
  const password = ctx.form.get('password') as string;
  const result = await call(null, 'POST', '/api/auth/reset-password', {
    body: { code, password, passwordConfirmation: password },
  });
  if (!result.ok) {
    const badCode = result.error.messages.some((m) => /code/i.test(m)) ? ctx.t('reset.badCode') : undefined;
    return failure(failureText(ctx.t, result.error, { 400: badCode }), 'password');
  }
  // Every session of the account was revoked with the old password: the person logs in anew.
  return success(ctx.t('reset.done'), paths.space(ctx.locale, 'login'));
};

export const invitation: Action = async (ctx) => {
  const token = ctx.url.searchParams.get('token') ?? '';
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(token)) return failure(ctx.t('invitation.invalid'));
  const problem = passwordProblem(ctx);
  if (problem) return failure(problem.text, problem.field);
  const result = await call<Login>(null, 'POST', `/api/space/invitations/${token}/accept`, {
    body: { password: ctx.form.get('password') },
    headers: { 'X-Forwarded-For': ctx.clientAddress },
  });
  if (!result.ok)
    return failure(
      failureText(ctx.t, result.error, { 404: ctx.t('invitation.invalid'), 410: ctx.t('invitation.used') }),
      'password',
    );
  openSession(ctx.cookies, ctx.site, result.data.jwt);
  // The middleware sends a new member to the welcome page (charter and privacy) first.
  return { redirect: paths.space(ctx.locale, 'dashboard') };
};

export const welcome: Action = async (ctx) => {
  const pending = ctx.member?.pending;
  if (!pending) return { redirect: paths.space(ctx.locale, 'login') };
  const missing =
    (pending.charter && !ticked(ctx.form, 'charter')) || (pending.privacy && !ticked(ctx.form, 'privacy'));
  if (missing)
    return failure(ctx.t('welcome.missing'), pending.charter && !ticked(ctx.form, 'charter') ? 'charter' : 'privacy');
  // The versions the person was shown, so that a new version published meanwhile is not accepted unseen.
  const result = await ctx.api.post('/api/space/acceptances', {
    charterVersion: text(ctx.form, 'charterVersion') || undefined,
    privacyVersion: text(ctx.form, 'privacyVersion') || undefined,
  });
  if (!result.ok) return failure(failureText(ctx.t, result.error));
  return success(ctx.t('welcome.done'), afterLogin(ctx));
};

export const erasure: Action = async (ctx) => {
  const password = ctx.form.get('password');
  if (typeof password !== 'string' || !password) return failure(ctx.t('data.wrongPassword'), 'password');
  if (!ticked(ctx.form, 'confirm')) return failure(ctx.t('data.confirmMissing'), 'confirm');
  const result = await ctx.api.post('/api/space/privacy/erasure', { password });
  if (!result.ok) {
    const wrong = ctx.t('data.wrongPassword');
    return failure(failureText(ctx.t, result.error, { 400: wrong, 403: wrong }), 'password');
  }
  closeSession(ctx.cookies, ctx.site);
  return success(ctx.t('data.done'), paths.space(ctx.locale, 'login'));
};
