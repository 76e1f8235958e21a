import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSIS_VERSION, createAnalysis, type Analysis, type AnalysisData } from '../core/analysis';
import { parseEnglishDf, problemWithEnglishTerms, type EnglishDf, type EnglishTerms } from '../core/text/english';
import { parseRelatedWords } from '../core/text/related-words';
import { parseVocabulary } from '../core/text/vocabulary';
import { parseTopics } from '../core/topics';
import { writeFileAtomic } from '../util/atomic-file';
import type { Logger } from '../util/logger';
import { projectPath } from '../util/project-path';
import { pruneCacheFiles } from './library-cache';

/** The team's data files analysis is made from (data/ in the project). */
export interface AnalysisFiles {
  vocabulary: string;
  topics: string;
  english: string;
  related: string;
}

export const DEFAULT_ANALYSIS_FILES: AnalysisFiles = {
  vocabulary: projectPath('data', 'vocabulary.json'),
  topics: projectPath('data', 'topics.json'),
  english: projectPath('data', 'english-df.json'),
  related: projectPath('data', 'related-words.json'),
};

export interface LoadedAnalysis {
  analysis: Analysis;
  /** Changes whenever analysing could: the data files or the analyzer's version. Caches are keyed by it. */
  key: string;
}

interface DataTexts {
  vocabulary: string;
  topics: string;
  english: string;
  related: string;
}

/** The data files' texts and the key of what they say (the bytes are hashed as read: hashing the decoded text costs 15 times more). */
function readTexts(files: AnalysisFiles): { texts: DataTexts; key: string } {
  const names = ['vocabulary', 'topics', 'english', 'related'] as const;
  const bytes = names.map((name) => readFileSync(files[name]));
  const hash = createHash('sha256').update(`analysis ${ANALYSIS_VERSION}`);
  for (const file of bytes) hash.update('\0').update(file);
  const [vocabulary, topics, english, related] = bytes.map((file) => file.toString('utf8')) as [string, string, string, string];
  return { texts: { vocabulary, topics, english, related }, key: hash.digest('hex').slice(0, 24) };
}

/** Reads and checks the data files (throws an error naming a bad one), and the key of what they say. */
export function readAnalysisData(files: AnalysisFiles = DEFAULT_ANALYSIS_FILES): { data: AnalysisData; key: string } {
  const { texts, key } = readTexts(files);
  const data = {
    vocabulary: parseVocabulary(texts.vocabulary, files.vocabulary),
    topics: parseTopics(texts.topics, files.topics),
    english: parseEnglishDf(texts.english, files.english),
    related: parseRelatedWords(texts.related, files.related),
  };
  return { data, key };
}

/** The English model as cached: the model, what it was made from (so that it is checked without reading the word counts), and a checksum. */
interface CachedEnglish extends EnglishTerms {
  key: string;
  words: number;
  /** SHA-256 (shortened) of everything else: a changed byte that still parses (a count, a letter of a term) is caught. */
  sum: string;
}

/** The checksum of a cached English model (about 2 ms for the team's 16,000 terms). */
function sumOf(cached: Omit<CachedEnglish, 'sum'>): string {
  return createHash('sha256').update(JSON.stringify([cached.key, cached.words, cached.paragraphs, cached.terms])).digest('hex').slice(0, 32);
}

const ENGLISH_MODEL_FILE = /^english-[0-9a-f]+\.json$/;

/**
 * The analysis of the team's data. The English model in analysed terms is read from `cacheDir`
 * when it was made before from the same data (and checked before it is trusted, its shape and its
 * checksum: a damaged copy is logged, deleted and made again); otherwise made now (about 0.2 s) and
 * saved there, and models made from older data beyond the newest few are deleted.
 */
export async function loadAnalysis(options: { cacheDir?: string; files?: AnalysisFiles; log?: Logger } = {}): Promise<LoadedAnalysis> {
  const files = options.files ?? DEFAULT_ANALYSIS_FILES;
  const { texts, key } = readTexts(files);
  const vocabulary = parseVocabulary(texts.vocabulary, files.vocabulary);
  const topics = parseTopics(texts.topics, files.topics);
  const related = parseRelatedWords(texts.related, files.related);
  const fromCounts = (english: EnglishDf) => createAnalysis({ vocabulary, topics, related, english });
  if (!options.cacheDir) return { analysis: fromCounts(parseEnglishDf(texts.english, files.english)), key };
  const file = join(options.cacheDir, `english-${key}.json`);
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<CachedEnglish>;
    const shape =
      value?.key !== key || !Number.isInteger(value.words)
        ? 'not made from these data files'
        : problemWithEnglishTerms(value, { paragraphs: value.paragraphs as number, words: value.words as number });
    if (!shape && value.sum === sumOf(value as CachedEnglish)) return { analysis: createAnalysis({ vocabulary, topics, related, english: value as CachedEnglish }), key };
    if (!shape && value.sum === undefined) options.log?.info({ file }, `cache: ${file} was written by an earlier version (without a checksum); made again`);
    else options.log?.warn({ file, problem: shape ?? 'checksum mismatch' }, `cache: ${file} is not a usable English model (${shape ?? 'checksum mismatch'}); deleted, and made again`);
    await unlink(file).catch(() => {});
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      options.log?.warn({ file, err }, `cache: ${file} cannot be read; deleted, and made again`);
      await unlink(file).catch(() => {});
    }
  }
  const english = parseEnglishDf(texts.english, files.english);
  const analysis = fromCounts(english);
  const model = { key, words: Object.keys(english.df).length, paragraphs: analysis.englishTerms.paragraphs, terms: analysis.englishTerms.terms };
  const cached: CachedEnglish = { ...model, sum: sumOf(model) };
  try {
    await writeFileAtomic(file, JSON.stringify(cached));
    // Each change of the data files or the analyzer makes a new model: the older ones go.
    await pruneCacheFiles(options.cacheDir, ENGLISH_MODEL_FILE);
  } catch (err) {
    options.log?.debug({ err }, 'cache: the English model could not be saved (only speed is lost)');
  }
  return { analysis, key };
}
