/** Request helpers: schema checks and the body from the kit, and this plugin's own. */
import { yup } from '@strapi/utils';
export { bodyOf, validate } from '@notre-asso/plugin-kit';
export { yup };

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
