/** The exchange board's page: live posts, filtered by the query, and the page number. */
import { memberSpaceOf } from './context';
import type { ApiFailure } from './api';
import type { ExchangePost } from './types';

export const exchangeTypes = ['offer', 'request'] as const;
export const exchangeCategories = ['skills', 'equipment', 'services'] as const;
/** The plugin's default charter articles (`charterArticles`); another setting is refused with a clear message. */
export const charterArticles = ['1', '2', '3', '4', '5', '6', '7', '8'];

export interface ExchangePage {
  posts: ExchangePost[];
  error: ApiFailure | null;
  page: number;
  filters: { type: string; category: string; q: string };
}

export async function loadExchange(locals: App.Locals, url: URL): Promise<ExchangePage> {
  const { api } = memberSpaceOf(locals);
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1), 10_000);
  const filters = {
    type: exchangeTypes.find((t) => t === url.searchParams.get('type')) ?? '',
    category: exchangeCategories.find((c) => c === url.searchParams.get('category')) ?? '',
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 100),
  };
  const query = Object.fromEntries(Object.entries({ ...filters, page }).filter(([, v]) => v !== ''));
  const result = await api.get<ExchangePost[]>('/api/moderation/exchange', query);
  return result.ok
    ? { posts: result.data, error: null, page, filters }
    : { posts: [], error: result.error, page, filters };
}
