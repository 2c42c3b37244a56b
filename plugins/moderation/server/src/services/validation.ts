/** Request bodies checked against one schema each; a 400 that names every problem. */
import { yup } from '@strapi/utils';
import { InvalidRequest } from '@notre-asso/plugin-kit';

export { yup };

export async function validate<T>(schema: yup.AnySchema, body: unknown): Promise<T> {
  try {
    return (await schema.validate(body, { abortEarly: false, stripUnknown: true })) as T;
  } catch (error) {
    const messages = (error as { errors?: string[] }).errors ?? [String(error)];
    throw new InvalidRequest(`Requête invalide : ${messages.join('; ')}`, `Invalid request: ${messages.join('; ')}`);
  }
}

/** The body, whether sent bare or wrapped in `data` as Strapi's own routes expect. */
export function bodyOf(body: unknown): Record<string, unknown> {
  const outer = (body ?? {}) as Record<string, unknown>;
  const inner = outer.data;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : outer;
}

/** A row id from the path; anything else is a thing that does not exist. */
export function rowId(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}

/** Page number and size from the query string, bounded. */
export function pageOf(query: Record<string, unknown>, size = 20): { limit: number; offset: number } {
  const page = Math.min(Math.max(Number.parseInt(String(query.page ?? '1'), 10) || 1, 1), 10_000);
  return { limit: size, offset: (page - 1) * size };
}
