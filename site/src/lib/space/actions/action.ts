/** A form handler of the members' space: it calls the CMS and says what the next page shows. */
import type { AstroCookies } from 'astro';
import type { SpaceContext } from '../context';
import { failureText, type Overrides } from '../messages';
import type { ApiResult } from '../api';
import type { Flash } from '../session';

export interface ActionContext extends SpaceContext {
  form: FormData;
  url: URL;
  cookies: AstroCookies;
  site: URL | undefined;
  clientAddress: string;
}

export interface ActionResult {
  flash?: Flash;
  /** Where to go next; the same page (path and query) by default. */
  redirect?: string;
}

export type Action = (ctx: ActionContext) => Promise<ActionResult>;

/** A text field, trimmed; '' when missing. */
export const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** A checkbox: present means ticked. */
export const ticked = (form: FormData, name: string): boolean => form.get(name) !== null;

/** A documentId taken from a form, safe to put in an API path. */
export const documentIdIn = (form: FormData, name: string): string | null => {
  const value = text(form, name);
  return /^[A-Za-z0-9]{1,64}$/.test(value) ? value : null;
};

export const success = (text: string, redirect?: string): ActionResult => ({
  flash: { kind: 'success', text },
  redirect,
});

export const failure = (text: string, field?: string, values?: Record<string, string>): ActionResult => ({
  flash: { kind: 'error', text, field, values },
});

/** The usual ending of a handler: success text, or the CMS's refusal put in words. */
export function outcome<T>(
  ctx: ActionContext,
  result: ApiResult<T>,
  successText: string,
  options: { overrides?: Overrides; field?: string; values?: Record<string, string> } = {},
): ActionResult {
  if (result.ok) return success(successText);
  return failure(
    failureText(ctx.t, result.error, options.overrides),
    result.error.field ?? options.field,
    options.values,
  );
}

/** The form's fields but passwords, to refill the form after an error. */
export function typedValues(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, text(form, name)]));
}

/** One action for a page with several forms, choosing by the form's `intent` field. */
export const byIntent =
  (intents: Record<string, Action>): Action =>
  (ctx) => {
    const name = text(ctx.form, 'intent');
    return Object.hasOwn(intents, name) ? intents[name](ctx) : Promise.resolve(failure(ctx.t('error.generic')));
  };
