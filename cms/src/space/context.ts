import type { RequestContext } from '../access/viewer';

/** What the members' space controllers read from and write to Strapi's Koa context. */
export interface SpaceContext extends RequestContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; ip?: string };
  body: unknown;
  status: number;
  set(field: string, value: string): void;
  attachment(filename?: string): void;
  type: string;
}
