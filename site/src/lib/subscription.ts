/**
 * The public subscription form (bulletin de souscription de parts sociales), handled by its
 * on-demand pages (/souscrire, /en/subscribe): the classes on offer come from the CMS
 * (GET /api/shares/classes, public), the post is forwarded to POST /api/shares/subscriptions,
 * which records the request `submitted` for the board. A refusal comes back with the CMS's message
 * in the page's language, beside the field it is about, and what the person typed.
 */
import type { Locale } from '@notre-asso/config';
import { cmsUrl } from './cms';
import { inLocale } from './space/messages';
import type { paymentMethods, ShareClass } from './space/shares';

/** The form's fields as typed, sent back into the form when the CMS refuses. */
export const textFields = [
  'shareClass',
  'quantity',
  'paymentMethod',
  'paymentReference',
  'name',
  'email',
  'address',
  'postcode',
  'city',
  'country',
] as const;
export type TextField = (typeof textFields)[number];
export type Typed = Record<TextField, string> & { consent: boolean };

/** What the CMS recorded: the visitor's copy of their request. */
export interface Recorded {
  shareClass: string;
  quantity: number;
  subscribedCents: number;
  paymentMethod: (typeof paymentMethods)[number];
  paymentDeadline: string;
}

export interface SubscribeOutcome {
  status: number;
  /** Null when the CMS could not list them. */
  classes: ShareClass[] | null;
  typed: Typed;
  recorded: Recorded | null;
  /** Why the CMS refused, in the page's language, and the field it is about (if it names one). */
  failure: { message: string; field: TextField | 'consent' | null } | null;
}

const blank: Typed = {
  shareClass: '',
  quantity: '',
  paymentMethod: 'transfer',
  paymentReference: '',
  name: '',
  email: '',
  address: '',
  postcode: '',
  city: '',
  country: 'France',
  consent: false,
};

/** The statutes' limits on a quantity refuse with `details.rule`, not a field: they are about it. */
const ruleFields: Record<string, TextField> = {
  'minimum-subscription': 'quantity',
  'maximum-per-member': 'quantity',
};

async function offeredClasses(): Promise<ShareClass[] | null> {
  const res = await fetch(`${cmsUrl()}/api/shares/classes`).catch(() => null);
  if (!res?.ok) return null;
  return ((await res.json()) as { data: ShareClass[] }).data;
}

function typedOf(form: FormData): Typed {
  const typed = { ...blank, consent: form.get('consent') === 'yes' };
  for (const field of textFields) typed[field] = String(form.get(field) ?? '').trim();
  return typed;
}

/** The CMS's request body: numbers as numbers, optional fields left out when empty. */
function requestOf(typed: Typed, locale: Locale) {
  const { consent, quantity, paymentReference, country, ...rest } = typed;
  return {
    ...rest,
    // Anything but digits goes as typed, for the CMS to refuse by name.
    quantity: /^\d{1,9}$/.test(quantity) ? Number(quantity) : quantity,
    paymentReference: paymentReference || undefined,
    country: country || undefined,
    locale,
    consent,
  };
}

function fieldOf(details: Record<string, unknown> | undefined): TextField | 'consent' | null {
  const named = details?.field;
  if (named === 'consent' || textFields.includes(named as TextField)) return named as TextField | 'consent';
  return ruleFields[String(details?.rule)] ?? null;
}

export async function handleSubscription(request: Request, locale: Locale): Promise<SubscribeOutcome> {
  if (request.method !== 'POST')
    return { status: 200, classes: await offeredClasses(), typed: blank, recorded: null, failure: null };
  const typed = typedOf(await request.formData());
  const res = await fetch(`${cmsUrl()}/api/shares/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(requestOf(typed, locale)),
  }).catch(() => null);
  if (!res) return { status: 502, classes: null, typed, recorded: null, failure: { message: '', field: null } };
  if (res.status === 201) {
    const { data } = (await res.json()) as { data: Recorded };
    return { status: 200, classes: [], typed, recorded: data, failure: null };
  }
  const body = (await res.json().catch(() => ({}))) as {
    error?: { message?: string; details?: Record<string, unknown> };
  };
  const refused = res.status >= 400 && res.status < 500;
  return {
    // A refusal of this person's input keeps the CMS's status; anything else is the CMS failing.
    status: refused ? res.status : 502,
    classes: await offeredClasses(),
    typed,
    recorded: null,
    failure: {
      message: refused && body.error?.message ? inLocale(body.error.message, locale) : '',
      field: refused ? fieldOf(body.error?.details) : null,
    },
  };
}
