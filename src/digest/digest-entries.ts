import type { Snapshot } from '../bot/library';
import type { Article } from '../core/types';
import type { DigestArticle } from './compose-digest';

/** Topics of an article: "agreements" when it reports one being signed, then the minerals it mentions, most passages first. */
function topicsOf(snapshot: Snapshot, article: Article): string[] {
  const { catalog } = snapshot;
  const topics: string[] = [];
  if (catalog.agreements.some((entry) => entry.article === article)) topics.push('agreements');
  const minerals = catalog.minerals
    .map((mineral) => ({ name: mineral.name, count: mineral.passages.filter((p) => p.article === article).length }))
    .filter((mineral) => mineral.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return [...topics, ...minerals.map((m) => m.name)];
}

/** The articles of `snapshot` that joined after `since` (ISO), with what a digest shows of each. */
export function articlesJoinedAfter(snapshot: Snapshot, since: string): DigestArticle[] {
  const cut = Date.parse(since);
  const leads = new Map<Article, string>();
  for (const passage of snapshot.engine.passages) if (!leads.has(passage.article)) leads.set(passage.article, passage.text);
  return snapshot.engine.articles
    .filter((article) => Date.parse(snapshot.joined.get(article.file) ?? since) > cut)
    .map((article) => ({
      article,
      joinedAt: snapshot.joined.get(article.file)!,
      lead: leads.get(article) ?? null,
      topics: topicsOf(snapshot, article),
    }));
}
