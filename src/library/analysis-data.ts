import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSIS_VERSION, createAnalysis, type Analysis, type AnalysisData } from '../core/analysis';
import { parseEnglishDf, problemWithEnglishTerms, type EnglishTerms } from '../core/text/english';
import { parseRelatedWords } from '../core/text/related-words';
import { parseVocabulary } from '../core/text/vocabulary';
import { parseTopics } from '../core/topics';
import { writeFileAtomic } from '../util/atomic-file';
import type { Logger } from '../util/logger';
import { projectPath } from '../util/project-path';

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

function readTexts(files: AnalysisFiles): DataTexts {
  const read = (file: string) => readFileSync(file, 'utf8');
  return { vocabulary: read(files.vocabulary), topics: read(files.topics), english: read(files.english), related: read(files.related) };
}

function keyOf(texts: DataTexts): string {
  return createHash('sha256').update(`analysis ${ANALYSIS_VERSION}\0${texts.vocabulary}\0${texts.topics}\0${texts.english}\0${texts.related}`).digest('hex').slice(0, 24);
}

/** Reads and checks the data files (throws an error naming a bad one), and the key of what they say. */
export function readAnalysisData(files: AnalysisFiles = DEFAULT_ANALYSIS_FILES): { data: AnalysisData; key: string } {
  const texts = readTexts(files);
  const data = {
    vocabulary: parseVocabulary(texts.vocabulary, files.vocabulary),
    topics: parseTopics(texts.topics, files.topics),
    english: parseEnglishDf(texts.english, files.english),
    related: parseRelatedWords(texts.related, files.related),
  };
  return { data, key: keyOf(texts) };
}

/** The English model as cached: the model, and what it was made from (so that it is checked without reading the word counts). */
interface CachedEnglish extends EnglishTerms {
  key: string;
  words: number;
}

/**
 * The analysis of the team's data. The English model in analysed terms is read from `cacheDir`
 * when it was made before from the same data (and checked before it is trusted: a damaged copy is
 * logged, deleted and made again); otherwise made now (about 0.2 s) and saved there.
 */
export async function loadAnalysis(options: { cacheDir?: string; files?: AnalysisFiles; log?: Logger } = {}): Promise<LoadedAnalysis> {
  const files = options.files ?? DEFAULT_ANALYSIS_FILES;
  const texts = readTexts(files);
  const key = keyOf(texts);
  const vocabulary = parseVocabulary(texts.vocabulary, files.vocabulary);
  const topics = parseTopics(texts.topics, files.topics);
  const related = parseRelatedWords(texts.related, files.related);
  const fromCounts = () => createAnalysis({ vocabulary, topics, related, english: parseEnglishDf(texts.english, files.english) });
  if (!options.cacheDir) return { analysis: fromCounts(), key };
  const file = join(options.cacheDir, `english-${key}.json`);
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<CachedEnglish>;
    const problem =
      value?.key !== key || !Number.isInteger(value.words)
        ? 'not made from these data files'
        : problemWithEnglishTerms(value, { paragraphs: value.paragraphs as number, words: value.words as number });
    if (!problem) return { analysis: createAnalysis({ vocabulary, topics, related, english: value as CachedEnglish }), key };
    options.log?.warn({ file, problem }, `cache: ${file} is not a usable English model (${problem}); deleted, and made again`);
    await unlink(file).catch(() => {});
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      options.log?.warn({ file, err }, `cache: ${file} cannot be read; deleted, and made again`);
      await unlink(file).catch(() => {});
    }
  }
  const analysis = fromCounts();
  const english = parseEnglishDf(texts.english, files.english);
  const cached: CachedEnglish = { key, words: Object.keys(english.df).length, ...analysis.englishTerms };
  try {
    await writeFileAtomic(file, JSON.stringify(cached));
  } catch (err) {
    options.log?.debug({ err }, 'cache: the English model could not be saved (only speed is lost)');
  }
  return { analysis, key };
}
