/** The engine and library as the bot builds them (the team's vocabulary, topics and English model), over articles given by a test. */
import { createAnalysis, type Analysis } from '../../src/core/analysis';
import { Engine, type EngineOptions } from '../../src/core/engine';
import type { ArticleText } from '../../src/core/types';
import { readAnalysisData, type LoadedAnalysis } from '../../src/library/analysis-data';
import { Library, type LibraryOptions } from '../../src/library/library';
import { createLogger } from '../../src/util/logger';

let loaded: LoadedAnalysis | undefined;

/** The analysis of the team's data files (and its key), made once per test file. */
export function teamLoadedAnalysis(): LoadedAnalysis {
  if (!loaded) {
    const { data, key } = readAnalysisData();
    loaded = { analysis: createAnalysis(data), key };
  }
  return loaded;
}

export function teamAnalysis(): Analysis {
  return teamLoadedAnalysis().analysis;
}

export function engineOf(articles: Iterable<ArticleText>, options: EngineOptions = {}): Engine {
  return Engine.build(teamAnalysis(), articles, options);
}

/** A library over a folder, built on the test's own thread unless it asks for the worker, logging nothing unless given a logger. */
export function openLibrary(dir: string, options: Partial<LibraryOptions> = {}): Promise<Library> {
  return Library.open({ dir, analysis: teamLoadedAnalysis(), log: createLogger('silent'), worker: false, cacheRewriteDelayMs: 0, ...options });
}
