/** Reading the board's and members' requests: one check per field, a 400 that names the field. */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { isIsoDay } from '../rules';

export type Body = Record<string, unknown>;

export interface ActionContext {
  state: { user?: { id: number } };
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
  set(field: string, value: string): void;
}

/** The request body, bare or wrapped in `data` as Strapi's own routes expect. */
export function bodyOf(ctx: ActionContext): Body {
  const body = (ctx.request.body ?? {}) as Body;
  const inner = body.data;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Body) : body;
}

export function positiveInteger(body: Body, field: string, max = 1_000_000_000): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw new InvalidRequest(
      `« ${field} » doit être un nombre entier entre 1 et ${max}.`,
      `"${field}" must be a whole number from 1 to ${max}.`,
      { field },
    );
  return value;
}

export function wholeNumber(body: Body, field: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw new InvalidRequest(
      `« ${field} » doit être un nombre entier positif ou nul (au plus ${max}).`,
      `"${field}" must be a whole number, zero or more (at most ${max}).`,
      { field },
    );
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new InvalidRequest(`« ${field} » vaut true ou false.`, `"${field}" is true or false.`, { field });
}

export function text(body: Body, field: string, maxLength = 200): string {
  const value = body[field];
  if (typeof value !== 'string' || !value.trim() || value.length > maxLength)
    throw new InvalidRequest(
      `« ${field} » est obligatoire (texte de ${maxLength} caractères au plus).`,
      `"${field}" is required (text of at most ${maxLength} characters).`,
      { field },
    );
  return value.trim();
}

export function optionalText(body: Body, field: string, maxLength = 200): string | undefined {
  return body[field] === undefined || body[field] === null ? undefined : text(body, field, maxLength);
}

export function day(value: unknown, field: string): string {
  if (!isIsoDay(value))
    throw new InvalidRequest(`« ${field} » doit être une date AAAA-MM-JJ.`, `"${field}" must be a date YYYY-MM-DD.`, {
      field,
    });
  return value;
}

export function optionalDay(value: unknown, field: string): string | null {
  return value === undefined || value === '' ? null : day(value, field);
}

export function oneOf<T extends string>(body: Body, field: string, allowed: readonly T[]): T {
  const value = body[field];
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new InvalidRequest(
      `« ${field} » doit valoir ${allowed.map((a) => `« ${a} »`).join(', ')}.`,
      `"${field}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`,
      { field },
    );
  return value as T;
}

/**
 * The board's explicit override of the tax lots (`overrideTaxLots: true` and its `reason`), for a
 * disposal of shares still in their tax-reduction period; null when not asked.
 */
export function taxLotOverrideOf(body: Body): { reason: string } | null {
  if (optionalBoolean(body, 'overrideTaxLots') !== true) return null;
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (!reason || reason.length > 500)
    throw new InvalidRequest(
      'Donnez la raison (« reason », 500 caractères au plus) de passer outre la réduction d’impôt : elle est gardée avec la décision.',
      'Give the reason ("reason", at most 500 characters) for overriding the tax reduction: it is kept with the decision.',
      { field: 'reason' },
    );
  return { reason };
}
