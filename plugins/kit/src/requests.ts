import type { Core } from '@strapi/strapi';
import { InvalidRequest } from './errors';

/** Request bodies checked against one schema each (yup); a 400 that names every problem. */
export async function validate<T>(
  schema: { validate(body: unknown, options: object): Promise<unknown> },
  body: unknown,
): Promise<T> {
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

interface ActionContext {
  status: number;
  body: unknown;
}

export type Action<W, C> = (strapi: Core.Strapi, who: W, ctx: C) => Promise<unknown>;
export type ActionTable<W, C> = Record<string, Action<W, C> | [Action<W, C>, number]>;

/**
 * A plugin's thin controllers from a table of actions: who asks (`whoOf`), then the action, its
 * answer in Strapi's `{ data }` shape with the status given beside it (200 otherwise).
 */
export function actionsOf<W, C extends ActionContext>(
  strapi: Core.Strapi,
  whoOf: (strapi: Core.Strapi, ctx: C) => Promise<W>,
  table: ActionTable<W, C>,
) {
  return Object.fromEntries(
    Object.entries(table).map(([name, entry]) => {
      const [action, status] = Array.isArray(entry) ? entry : [entry, 200];
      return [
        name,
        async (ctx: C) => {
          const data = await action(strapi, await whoOf(strapi, ctx), ctx);
          ctx.status = status;
          ctx.body = { data };
        },
      ];
    }),
  );
}
