import { createHash } from 'node:crypto';
import type { Article } from '../core/types';
import type { StateStore } from '../state/state-file';

/** A hash of what an article says (front matter and text), to tell a renamed file from a new article. */
export function articleHash(article: Article): string {
  const { title, publisher, published, url, tags, body } = article;
  return createHash('sha256').update(JSON.stringify([title, publisher, published, url, tags, body])).digest('hex').slice(0, 32);
}

/**
 * Records when the bot first saw each article, in the state file, and returns file → first seen
 * (ISO). "New" for the digest means new to the bot: a changed file keeps its date, a renamed file
 * (same content under another name) keeps the old one's, and the articles present when the state
 * began count as already known (they are dated at the state's start).
 */
export async function recordFirstSeen(store: StateStore | undefined, articles: readonly Article[], now: Date): Promise<Map<string, string>> {
  const joined = new Map<string, string>();
  if (!store) {
    for (const article of articles) joined.set(article.file, now.toISOString());
    return joined;
  }
  const state = store.state;
  const known = state.knowledge.articles;
  const present = new Set(articles.map((a) => a.file));
  const firstSeenOfGone = new Map<string, string>();
  for (const [file, entry] of Object.entries(known)) if (!present.has(file)) firstSeenOfGone.set(entry.hash, entry.firstSeen);

  const seenAt = state.knowledge.seeded ? now.toISOString() : state.createdAt;
  const changes: [file: string, entry: { firstSeen: string; hash: string }][] = [];
  for (const article of articles) {
    const hash = articleHash(article);
    const entry = known[article.file];
    if (entry) {
      joined.set(article.file, entry.firstSeen);
      if (entry.hash !== hash) changes.push([article.file, { firstSeen: entry.firstSeen, hash }]);
    } else {
      const firstSeen = firstSeenOfGone.get(hash) ?? seenAt;
      joined.set(article.file, firstSeen);
      changes.push([article.file, { firstSeen, hash }]);
    }
  }
  if (changes.length || !state.knowledge.seeded) {
    await store.update((draft) => {
      draft.knowledge.seeded = true;
      for (const [file, entry] of changes) draft.knowledge.articles[file] = entry;
    });
  }
  return joined;
}
