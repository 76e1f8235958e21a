import { answerQuestion, ANSWER_DEFAULTS } from './answer';
import { cacheKey, readCachedIndex, writeCachedIndex } from './index-cache';
import { splitArticle } from './passages';
import { SearchIndex } from './search-index';
import { createAnalyzer, type Analyzer } from './text/analyzer';
import { createEnglishModel } from './text/english';
import { defaultVocabulary } from './text/vocabulary';
import type { Answer, Article, Passage } from './types';

export interface EngineOptions {
  /** Folder for the serialized index, keyed by the articles' content; omit to always build. */
  cacheDir?: string;
  /** Called when building takes a while (large knowledge bases), for progress output. */
  onProgress?: (message: string) => void;
}

export interface Engine {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  readonly index: SearchIndex;
  readonly analyzer: Analyzer;
  /** How the index was obtained: built now, or read from the cache. */
  readonly origin: 'built' | 'cache';
  answer(question: string, options?: { limit?: number }): Answer;
}

/** Splits the articles into passages and indexes them (or reads the index from the cache). */
export function createEngine(articles: readonly Article[], options: EngineOptions = {}): Engine {
  const { vocabulary, source: vocabularySource } = defaultVocabulary();
  const analyzer = createAnalyzer(vocabulary);
  const passages: Passage[] = [];
  for (const article of articles) passages.push(...splitArticle(article, passages.length));

  let index: SearchIndex | undefined;
  let origin: Engine['origin'] = 'built';
  const key = options.cacheDir ? cacheKey(articles, vocabularySource) : undefined;
  if (options.cacheDir && key) {
    index = readCachedIndex(options.cacheDir, key);
    if (index) origin = 'cache';
  }
  if (!index) {
    if (passages.length > 5_000) options.onProgress?.(`Indexing ${passages.length.toLocaleString('en-US')} passages…`);
    index = SearchIndex.build(passages, analyzer);
    if (options.cacheDir && key) writeCachedIndex(options.cacheDir, key, index);
  }

  const termsOf = new Map<number, ReadonlySet<string>>();
  const passageTerms = (passage: Passage) => {
    let terms = termsOf.get(passage.id);
    if (!terms) {
      const { article } = passage;
      terms = new Set(analyzer.indexTerms(`${passage.text}\n${passage.section ?? ''}\n${article.title} ${article.published?.slice(0, 4) ?? ''}`));
      if (termsOf.size >= 20_000) termsOf.clear();
      termsOf.set(passage.id, terms);
    }
    return terms;
  };
  const context = { index, passages, analyzer, english: createEnglishModel(analyzer), passageTerms };
  return {
    articles,
    passages,
    index,
    analyzer,
    origin,
    answer: (question, answerOptions = {}) =>
      answerQuestion(question, context, { limit: answerOptions.limit ?? ANSWER_DEFAULTS.limit }),
  };
}
