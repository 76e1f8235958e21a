import type { Analyzer } from './analyzer';

/**
 * How common words are in general English: paragraphs of the Brown corpus (data/english-df.json,
 * made by scripts/build-english-df.ts), so that the engine can weigh words its own knowledge base
 * has never seen. Words absent from it count as seen in no paragraph.
 */
export interface EnglishDf {
  paragraphs: number;
  /** Word → number of paragraphs that have it. */
  df: Record<string, number>;
}

/** The same counts in the analyzer's terms ("talk", "talks", "talked" → "talk"): what the engine reads, and what is cached. */
export interface EnglishTerms {
  paragraphs: number;
  terms: [term: string, paragraphs: number][];
}

export interface EnglishModel {
  readonly paragraphs: number;
  frequency(term: string): number;
  /**
   * Whether a term English does not have is one slip of the keys from one it has in a few
   * paragraphs or more (a letter left out, added or changed, or two swapped: "guage", "ned"): a
   * misspelt word, not a name.
   */
  misspells(term: string): boolean;
}

/** In how many paragraphs of English, at least, the word a misspelling stands for is found. */
const MISSPELT_WORD_PARAGRAPHS = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The terms one edit from `term`. */
function* oneEditFrom(term: string): Generator<string> {
  for (let i = 0; i <= term.length; i++) {
    const before = term.slice(0, i);
    const after = term.slice(i);
    if (after) yield before + after.slice(1);
    if (after.length > 1) yield before + after[1] + after[0] + after.slice(2);
    for (const letter of LETTERS) {
      if (after) yield before + letter + after.slice(1);
      yield before + letter + after;
    }
  }
}

/** The words `typed` may stand for by the commonest slips: a letter left out ("minster"), or two neighbours swapped ("sigend"). */
export function* commonSlipsUndone(typed: string): Generator<string> {
  for (let i = 0; i <= typed.length; i++) {
    for (const letter of LETTERS) yield typed.slice(0, i) + letter + typed.slice(i);
    if (i + 1 < typed.length && typed[i] !== typed[i + 1]) yield typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
  }
}

/** Checks the shape of english-df.json; throws an error naming the file when it is not one. */
export function parseEnglishDf(json: string, file: string): EnglishDf {
  let raw: { paragraphs?: unknown; df?: unknown };
  try {
    raw = JSON.parse(json) as typeof raw;
  } catch (err) {
    throw new Error(`english: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const { paragraphs, df } = raw ?? {};
  if (!Number.isInteger(paragraphs) || (paragraphs as number) <= 0 || typeof df !== 'object' || df === null || Array.isArray(df)) {
    throw new Error(`english: ${file} must be { "paragraphs": a positive whole number, "df": { word: count } }`);
  }
  return { paragraphs: paragraphs as number, df: df as Record<string, number> };
}

/** Analyses each word as a question word would be, adding up the counts of the words of one term. */
export function englishTermsOf(analyzer: Analyzer, source: EnglishDf): EnglishTerms {
  const byTerm = new Map<string, number>();
  for (const [word, count] of Object.entries(source.df)) {
    if (!Number.isInteger(count) || count <= 0) continue;
    const term = analyzer.termOf(word);
    if (term) byTerm.set(term, Math.min(source.paragraphs, (byTerm.get(term) ?? 0) + count));
  }
  return { paragraphs: source.paragraphs, terms: [...byTerm] };
}

/**
 * Why `value` is not EnglishTerms made from word counts of `source.paragraphs` paragraphs and
 * `source.words` words (undefined when it is): a cached copy is checked before it is trusted, so
 * that a damaged cache cannot make every word "unknown English" (which would decline every question).
 */
export function problemWithEnglishTerms(value: unknown, source: { paragraphs: number; words: number }): string | undefined {
  const candidate = value as Partial<EnglishTerms> | null;
  if (typeof candidate !== 'object' || candidate === null) return 'not an object';
  if (!Number.isInteger(source.paragraphs) || source.paragraphs <= 0 || candidate.paragraphs !== source.paragraphs) return 'no paragraph count';
  if (!Array.isArray(candidate.terms)) return 'no term list';
  const { words } = source;
  // Stemming merges words; it never makes more terms than words, nor (for English) fewer than a third.
  if (candidate.terms.length > words || candidate.terms.length < words / 3) return `${candidate.terms.length} terms for ${words} words`;
  for (const entry of candidate.terms) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Number.isInteger(entry[1]) || entry[1] <= 0 || entry[1] > source.paragraphs) {
      return 'a term entry is not [term, count]';
    }
  }
  return undefined;
}

export function englishModelOf(english: EnglishTerms): EnglishModel {
  const byTerm = new Map(english.terms);
  const frequency = (term: string) => byTerm.get(term) ?? 0;
  // One edit is one letter more at most: a longer word is no slip (and its edits, 54 a letter, are
  // not made: those of a pasted 3,000-letter word took 0.9 s).
  let longest = 0;
  for (const [term] of english.terms) longest = Math.max(longest, term.length);
  const misspells = (term: string) => {
    if (term.length > longest + 1 || frequency(term) > 0 || !/^[a-z]{3,}$/.test(term)) return false;
    for (const other of oneEditFrom(term)) if (frequency(other) >= MISSPELT_WORD_PARAGRAPHS) return true;
    return false;
  };
  return { paragraphs: english.paragraphs, frequency, misspells };
}
