/**
 * The newsletter's sign-up form, handled by its on-demand pages (/lettre, /en/newsletter): the
 * post is forwarded to the CMS (POST /api/newsletter/subscribers), which mails a confirmation link
 * (double opt-in) and answers the same whatever the address's state.
 */
import type { Locale } from '@notre-asso/config';
import { cmsUrl } from './cms';

export interface SignUpOutcome {
  status: number;
  sent: boolean;
  /** Why the CMS refused, in the page's language. */
  failure: string | null;
  email: string;
}

export async function handleSignUp(request: Request, locale: Locale): Promise<SignUpOutcome> {
  if (request.method !== 'POST') return { status: 200, sent: false, failure: null, email: '' };
  const form = await request.formData();
  const email = String(form.get('email') ?? '');
  const res = await fetch(`${cmsUrl()}/api/newsletter/subscribers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, language: locale, consent: form.get('consent') === 'yes' }),
  });
  if (res.ok) return { status: 200, sent: true, failure: null, email };
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  const message = body.error?.message ?? String(res.status);
  // The CMS says it in French, then in English.
  const failure = message.split(' / ')[locale === 'fr' ? 0 : 1] ?? message;
  return { status: res.status === 400 ? 400 : 502, sent: false, failure, email };
}
