import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Analyzer } from './analyzer';

const ENGLISH_DF_FILE = fileURLToPath(new URL('../../../data/english-df.json', import.meta.url));

interface EnglishDfFile {
  paragraphs: number;
  df: Record<string, number>;
}

/**
 * How common a term is in general English (paragraphs of the Brown corpus, see
 * scripts/build-english-df.ts): lets the engine weigh words its own small knowledge base has
 * never seen. Words absent from the file count as seen in no paragraph.
 */
export interface EnglishModel {
  readonly paragraphs: number;
  frequency(term: string): number;
}

let cachedFile: EnglishDfFile | undefined;

function readEnglishDf(): EnglishDfFile {
  cachedFile ??= JSON.parse(readFileSync(ENGLISH_DF_FILE, 'utf8')) as EnglishDfFile;
  return cachedFile;
}

/**
 * The model in the analyzer's terms: each word is analysed like a question word, and the words of
 * one term add up ("talk", "talks", "talked" → "talk"), so the model follows the vocabulary.
 */
export function createEnglishModel(analyzer: Analyzer, file: EnglishDfFile = readEnglishDf()): EnglishModel {
  const byTerm = new Map<string, number>();
  for (const [word, df] of Object.entries(file.df)) {
    const term = analyzer.termOf(word);
    if (term) byTerm.set(term, Math.min(file.paragraphs, (byTerm.get(term) ?? 0) + df));
  }
  return { paragraphs: file.paragraphs, frequency: (term) => byTerm.get(term) ?? 0 };
}
