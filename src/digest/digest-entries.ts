import type { Library } from '../library/library';
import type { DigestArticle } from './compose-digest';

/** The articles of the library that joined after `since` (ISO), with what a digest shows of each. */
export function articlesJoinedAfter(library: Library, since: string): DigestArticle[] {
  const cut = Date.parse(since);
  const { engine } = library;
  const entries: DigestArticle[] = [];
  for (const article of engine.articles) {
    const joinedAt = library.joinedAt(article.file);
    if (joinedAt === undefined || !(Date.parse(joinedAt) > cut)) continue;
    const record = engine.record(article.file);
    entries.push({ article, joinedAt, lead: record?.passages[0]?.text ?? null, topics: engine.catalog.topicsOf(article) });
  }
  return entries;
}
