/**
 * The queue as the admin page shows it: the same cases, rules and decisions as the members'
 * space (queue.ts), each case with what a moderator needs to triage it at a glance — the
 * collective's name, the charter articles its reports cite, and the start of the message.
 */
import type { Core } from '@strapi/strapi';
import { MEMBER_UID } from '@notre-asso/plugin-kit';
import { settingsOf } from '../settings';
import { knexOf, TABLE, tableOfItem, type ItemKind } from '../store';
import type { Participant } from '../viewer';
import { listCases } from './queue';

const EXCERPT = 160;

/** Names of collectives by documentId, in French (the default locale) when they have it. */
async function collectiveNames(strapi: Core.Strapi, documentIds: string[]): Promise<Map<string, string>> {
  const rows = (await strapi.db.query(MEMBER_UID.collective).findMany({
    where: documentIds.length ? { documentId: { $in: documentIds } } : {},
    select: ['documentId', 'name', 'locale'],
  })) as Array<{ documentId: string; name: string; locale: string }>;
  const names = new Map<string, string>();
  for (const row of rows) if (!names.has(row.documentId) || row.locale === 'fr') names.set(row.documentId, row.name);
  return names;
}

async function excerpts(strapi: Core.Strapi, kind: ItemKind, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await knexOf(strapi)(tableOfItem(kind))
    .whereIn('id', ids)
    .select(kind === 'thread' ? ['id', 'title', 'body'] : ['id', 'body'])) as Array<{
    id: number;
    title?: string;
    body: string;
  }>;
  return new Map(
    rows.map((r) => [r.id, (r.title ? `${r.title} — ${r.body}` : r.body).replace(/\s+/g, ' ').slice(0, EXCERPT)]),
  );
}

export async function queuePage(strapi: Core.Strapi, p: Participant, query: Record<string, unknown>) {
  const cases = await listCases(strapi, p, query);
  const ids = cases.map((c) => c.id);
  const reports = ids.length
    ? ((await knexOf(strapi)(TABLE.report)
        .whereIn('case_id', ids)
        .groupBy('case_id', 'article')
        .select('case_id', 'article')
        .count({ count: '*' })) as Array<{ case_id: number; article: string; count: number | string }>)
    : [];
  const idsOf = (kind: ItemKind) => cases.filter((c) => c.item.kind === kind).map((c) => c.item.id);
  const [names, threads, replies] = await Promise.all([
    collectiveNames(strapi, [...new Set(cases.map((c) => c.collective))]),
    excerpts(strapi, 'thread', idsOf('thread')),
    excerpts(strapi, 'reply', idsOf('reply')),
  ]);
  return cases.map((c) => ({
    ...c,
    collectiveName: names.get(c.collective) ?? c.collective,
    excerpt: (c.item.kind === 'thread' ? threads : replies).get(c.item.id) ?? '',
    articles: reports
      .filter((r) => r.case_id === c.id)
      .map((r) => ({ article: r.article, count: Number(r.count) }))
      .sort((a, b) => a.article.localeCompare(b.article)),
  }));
}

/** What the page's filters offer: every collective, and the charter's articles. */
export async function queueFilters(strapi: Core.Strapi) {
  const names = await collectiveNames(strapi, []);
  return {
    collectives: [...names]
      .map(([documentId, name]) => ({ documentId, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    articles: settingsOf(strapi).charterArticles,
  };
}
