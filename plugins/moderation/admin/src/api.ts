/** What the plugin's admin routes answer (server/src/services/admin-queue.ts and queue.ts). */
import { isFetchError } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

export const PLUGIN_ID = 'moderation';

/** The plugin's texts (translations/{fr,en}.json) by their unprefixed id. */
export function usePluginText() {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `${PLUGIN_ID}.${id}` }, values);
  const when = (iso: string) => formatDate(iso, { dateStyle: 'short', timeStyle: 'short' });
  return { t, when };
}

export type CaseState = 'pending' | 'upheld' | 'dismissed' | 'appealed' | 'overturned';

export interface QueueCase {
  id: number;
  item: { kind: 'thread' | 'reply'; id: number };
  collective: string;
  collectiveName: string;
  state: CaseState;
  version: number;
  reportCount: number;
  openedAt: string;
  decidedAt: string | null;
  excerpt: string;
  articles: Array<{ article: string; count: number }>;
}

export interface CaseDetail extends Omit<QueueCase, 'collectiveName' | 'excerpt' | 'articles'> {
  content: { title?: string; body: string; html: string; hidden: boolean; author: { displayName: string | null } };
  reports: Array<{ article: string; comment: string | null; reportedAt: string }>;
  log: Array<{ id: number; action: string; reason: string | null; at: string }>;
}

export interface Filters {
  collectives: Array<{ documentId: string; name: string }>;
  articles: string[];
}

/** The message for people that the server put in Strapi's error shape. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
