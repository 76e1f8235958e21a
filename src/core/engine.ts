import { answerQuestion, ANSWER_DEFAULTS } from './answer';
import { analysisKey, cacheKey, readCachedIndex, writeCachedIndexSoon } from './index-cache';
import { splitArticle } from './passages';
import { SearchIndex } from './search-index';
import { createAnalyzer, type Analyzer } from './text/analyzer';
import { loadEnglishModel } from './text/english';
import { createRelatedWords, defaultRelatedWords } from './text/related-words';
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
  // The cache holds the passages as well as the index: a cache hit neither splits nor indexes.
  const { cacheDir } = options;
  const key = cacheDir ? cacheKey(articles, vocabularySource) : undefined;
  const cached = cacheDir && key ? readCachedIndex(cacheDir, key, articles) : undefined;
  const origin: Engine['origin'] = cached ? 'cache' : 'built';
  let passages: Passage[];
  let index: SearchIndex;
  if (cached) {
    ({ passages, index } = cached);
  } else {
    passages = [];
    for (const article of articles) passages.push(...splitArticle(article, passages.length));
    if (passages.length > 5_000) options.onProgress?.(`Indexing ${passages.length.toLocaleString('en-US')} passages…`);
    index = SearchIndex.build(passages, analyzer);
    // Written once the current task is over: after the first answer, when it follows at once.
    if (cacheDir && key) writeCachedIndexSoon(cacheDir, key, articles, passages, index);
  }

  const english = loadEnglishModel(analyzer, cacheDir, analysisKey(vocabularySource));
  const related = createRelatedWords(defaultRelatedWords(), vocabulary);
  const context = { index, passages, analyzer, english, related };
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
