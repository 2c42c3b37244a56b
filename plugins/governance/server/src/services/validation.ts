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

/** Open, closed or not yet open: computed from the times at every request, never by a scheduled job. */
export type VoteState = 'upcoming' | 'open' | 'closed';

export function stateAt(opensAt: string | Date, closesAt: string | Date, now: Date): VoteState {
  if (now.getTime() < new Date(opensAt).getTime()) return 'upcoming';
  return now.getTime() < new Date(closesAt).getTime() ? 'open' : 'closed';
}

/** A row as members see it: without its database id and its stored result (shown by the results route). */
export function withoutInternals<T extends { id: number; result: unknown }>(row: T): Omit<T, 'id' | 'result'> {
  const copy: Partial<T> = { ...row };
  delete copy.id;
  delete copy.result;
  return copy as Omit<T, 'id' | 'result'>;
}
