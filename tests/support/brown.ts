import { loadBrownArticles } from '../../scripts/brown';
import type { ArticleText } from '../../src/core/types';

let articles: readonly ArticleText[] | undefined;

/**
 * The Brown corpus as articles, read once per test thread (the files of a thread share their
 * modules, see vitest.config.ts; reading and detokenizing it takes about half a second). Frozen:
 * no test can change what the next one reads.
 */
export function brownArticles(): readonly ArticleText[] {
  return (articles ??= Object.freeze(loadBrownArticles().map((article) => Object.freeze(article))));
}
