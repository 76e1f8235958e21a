import type { SearchResult } from 'minisearch';
import { rootOf, type SearchIndex, type TermQuery } from './search-index';
import { rawTokens, type Analyzer } from './text/analyzer';
import type { EnglishModel } from './text/english';
import type { Answer, AnswerResult, Passage } from './types';

export const ANSWER_DEFAULTS = {
  /** Results returned at most. */
  limit: 5,
  /**
   * Share of the question's weight that the best passage must contain to count as an answer.
   * Below it the question is declined: "What is the capital of France?" shares only "capital"
   * with the articles.
   */
  minCoverage: 0.6,
  /** Further results must cover at least this share of the question. */
  minResultCoverage: 0.34,
  /**
   * A term's weight in coverage is its rarity (IDF) over general English plus the knowledge base,
   * capped here: beyond this, words are all "specific", so a question's names do not outweigh
   * what it asks about them ("When was Howard Lutnick born?").
   */
  maxTermWeight: 2.5,
  /** The cap for a term the passage lacks: rare words ("uranium") count fully against it. */
  maxMissingWeight: 4,
  /**
   * IDF below which a word counts as plain English and weighs nothing in coverage; above it, its
   * weight is how much rarer it is. "went" and "look" hardly count; "born" and "uranium" do.
   */
  commonIdf: 2.5,
  /** Credit for a term matched only by a typo match or a shared root. */
  partialCredit: 0.5,
  /** How much coverage shapes the ranking: score × coverage^this. */
  coverageExponent: 2,
  /** "Who …" questions: passages that name people score this much more. */
  whoBoost: 1.5,
  /** Scores within this fraction of each other count as equal, and the newer article wins. */
  tieTolerance: 0.01,
  /** Questions longer than this many terms are cut (the rest adds noise, not meaning). */
  maxTerms: 24,
  /** A term in more than this share of passages is skipped when rarer terms can find the candidates. */
  commonShare: 0.02,
};

export type AnswerSettings = typeof ANSWER_DEFAULTS;

/** What answering needs: the index and its passages, the analyzer, and the model of English. */
export interface AnswerContext {
  index: SearchIndex;
  passages: readonly Passage[];
  analyzer: Analyzer;
  english: EnglishModel;
}

const WHO_QUESTION = /\bwho(?:m|se)?\b/i;
const PERSON_TITLE =
  /\b(?:Minister|Secretary|President|Envoy|CEO|Chairman|Chairwoman|Director|Ambassador|Senator|Governor|Deputy|Mayor|Commissioner|Premier|Chancellor|Mr|Mrs|Ms|Dr)\b/u;
const PERSON_NAME = /\b\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+/u;

export function namesPeople(text: string): boolean {
  return PERSON_TITLE.test(text) && PERSON_NAME.test(text);
}

interface Candidate {
  passage: Passage;
  score: number;
  coverage: number;
  /** The passage lacks a name the question uses ("Did Japan sign …"): it is about something else. */
  missesName: boolean;
  matchedTerms: string[];
}

const NAME_TOKEN = /^\p{Lu}/u;
const LOWERCASE_WORD = /^\p{Ll}/u;

/**
 * Terms of the names in a question: capitalized words after the first. Questions typed without
 * lowercase words (all caps, Title Case) say nothing about names.
 */
function nameTerms(question: string, terms: readonly string[], analyzer: Analyzer): Set<string> {
  const tokens = rawTokens(question);
  if (!tokens.some((token) => LOWERCASE_WORD.test(token))) return new Set();
  const asked = new Set(terms);
  const names = tokens.slice(1).filter((token) => NAME_TOKEN.test(token));
  return new Set(names.flatMap((name) => analyzer.queryTerms(name)).filter((term) => asked.has(term)));
}

/**
 * The weight of a question term for coverage: its IDF over general English and the knowledge
 * base together, capped. Words the articles never use but English uses all the time ("went",
 * "happen") weigh little; specific words ("uranium", "Japan") weigh the most.
 */
export function termWeight(term: string, context: AnswerContext, settings: AnswerSettings): number {
  const n = context.english.paragraphs + context.index.documentCount;
  const df = Math.min(n, context.english.frequency(term) + context.index.frequency(term));
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return Math.max(0, idf - settings.commonIdf);
}

/** Share of the question's weight a search result contains: full credit for the term itself, partial for a typo or root match. */
function coverageOf(match: SearchResult, queries: TermQuery[], weights: Map<string, number>, settings: AnswerSettings): number {
  let covered = 0;
  let total = 0;
  for (const { term } of queries) {
    const rarity = weights.get(term)!;
    const weight = Math.min(rarity, settings.maxTermWeight);
    let credit = 0;
    if (match.queryTerms.includes(term)) {
      credit = matchedExactly(match, term) ? 1 : settings.partialCredit;
    } else {
      const root = rootOf(term);
      if (root && match.match[root]?.includes('root')) credit = settings.partialCredit;
    }
    covered += weight * credit;
    // A specific word the passage lacks counts with more of its rarity than one it has.
    total += credit > 0 ? weight : Math.min(rarity, settings.maxMissingWeight);
  }
  return total > 0 ? covered / total : 0;
}

const matchedExactly = (match: SearchResult, term: string) => match.match[term]?.some((field) => field !== 'root') ?? false;

/** Answers a question from the index: best passages first, and whether they really answer it. */
export function answerQuestion(question: string, context: AnswerContext, options: Partial<AnswerSettings> = {}): Answer {
  const settings = { ...ANSWER_DEFAULTS, ...options };
  const { index, passages, analyzer } = context;
  const terms = analyzer.queryTerms(question).slice(0, settings.maxTerms);
  if (terms.length === 0) return { question, answered: false, results: [] };

  const queries: TermQuery[] = terms.map((term) => {
    const known = index.frequency(term) > 0;
    // Typo tolerance only for words the index does not know: "tungstan" finds "tungsten".
    return { term, fuzzy: !known && term.length >= 5 && !/^\d/.test(term), root: !known };
  });
  const weights = new Map(terms.map((term) => [term, termWeight(term, context, settings)]));

  const matches = search(index, queries, settings.commonShare);
  const names = nameTerms(question, terms, analyzer);
  const who = WHO_QUESTION.test(question);
  const candidates: Candidate[] = matches.map((match) => {
    const passage = passages[match.id as number]!;
    const coverage = coverageOf(match, queries, weights, settings);
    const boost = who && namesPeople(passage.text) ? settings.whoBoost : 1;
    const missesName = [...names].some((name) => !match.queryTerms.includes(name));
    const score = match.score * boost * coverage ** settings.coverageExponent;
    return { passage, score, coverage, missesName, matchedTerms: match.terms };
  });

  candidates.sort((a, b) => compareCandidates(a, b, settings.tieTolerance));
  const best = candidates[0];
  if (!best || best.coverage < settings.minCoverage || best.missesName) return { question, answered: false, results: [] };

  const results: AnswerResult[] = candidates
    .filter((candidate) => candidate.coverage >= settings.minResultCoverage)
    .slice(0, settings.limit)
    .map(({ passage, score, matchedTerms }) => ({ passage, score, matchedTerms }));
  return { question, answered: true, results };
}

/**
 * Runs the query. When some terms are common (in more than `commonShare` of passages) and others
 * are rarer, the rare terms pick the candidates and the common ones only add to their scores, so a
 * word like "said" never makes every passage a candidate.
 */
function search(index: SearchIndex, queries: TermQuery[], commonShare: number): SearchResult[] {
  const limit = Math.max(50, index.documentCount * commonShare);
  const rare = queries.filter((query) => index.frequency(query.term) <= limit);
  if (rare.length === 0 || rare.length === queries.length) return index.search(queries);
  const among = new Set(index.search(rare).map((result) => result.id as number));
  return index.search(queries, among);
}

function compareCandidates(a: Candidate, b: Candidate, tolerance: number): number {
  const high = Math.max(a.score, b.score);
  if (high > 0 && Math.abs(a.score - b.score) > high * tolerance) return b.score - a.score;
  const newer = (b.passage.article.published ?? '').localeCompare(a.passage.article.published ?? '');
  return newer !== 0 ? newer : b.score - a.score;
}
