import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

let cachedSource: string | undefined;
let cachedFile: EnglishDfFile | undefined;

function readEnglishSource(): string {
  return (cachedSource ??= readFileSync(ENGLISH_DF_FILE, 'utf8'));
}

function readEnglishDf(): EnglishDfFile {
  return (cachedFile ??= JSON.parse(readEnglishSource()) as EnglishDfFile);
}

/**
 * The model, read from `cacheDir` when it was made before with the same words and the same
 * analysis (`analysisKey`: vocabulary and analyzer version), otherwise made and saved there.
 * Analysing the 26,000 words takes about 0.2 s, a large part of a start from the index cache.
 */
export function loadEnglishModel(analyzer: Analyzer, cacheDir: string | undefined, analysisKey: string): EnglishModel {
  // A reload of the knowledge base uses the same model: made or read once per process.
  const memoKey = `${analysisKey}\0${cacheDir ?? ''}`;
  const known = models.get(memoKey);
  if (known) return known;
  let model: EnglishModel;
  if (cacheDir) {
    const key = createHash('sha256').update(`${analysisKey}\0${readEnglishSource()}`).digest('hex').slice(0, 24);
    model = readOrBuildModel(analyzer, join(cacheDir, `english-${key}.json`), cacheDir);
  } else {
    model = createEnglishModel(analyzer);
  }
  models.set(memoKey, model);
  return model;
}

const models = new Map<string, EnglishModel>();

function readOrBuildModel(analyzer: Analyzer, file: string, cacheDir: string): EnglishModel {
  try {
    const { paragraphs, terms } = JSON.parse(readFileSync(file, 'utf8')) as { paragraphs: number; terms: [string, number][] };
    const byTerm = new Map(terms);
    return { paragraphs, frequency: (term) => byTerm.get(term) ?? 0 };
  } catch {
    const { model, byTerm } = buildModel(analyzer, readEnglishDf());
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ paragraphs: model.paragraphs, terms: [...byTerm] }));
      renameSync(`${file}.${process.pid}.tmp`, file);
    } catch {
      // Only speed is lost.
    }
    return model;
  }
}

/**
 * The model in the analyzer's terms: each word is analysed like a question word, and the words of
 * one term add up ("talk", "talks", "talked" → "talk"), so the model follows the vocabulary.
 */
export function createEnglishModel(analyzer: Analyzer, file: EnglishDfFile = readEnglishDf()): EnglishModel {
  return buildModel(analyzer, file).model;
}

function buildModel(analyzer: Analyzer, file: EnglishDfFile) {
  const byTerm = new Map<string, number>();
  for (const [word, df] of Object.entries(file.df)) {
    const term = analyzer.termOf(word);
    if (term) byTerm.set(term, Math.min(file.paragraphs, (byTerm.get(term) ?? 0) + df));
  }
  const model: EnglishModel = { paragraphs: file.paragraphs, frequency: (term) => byTerm.get(term) ?? 0 };
  return { model, byTerm };
}
