import { answerTypesOf, holds, REQUIRED_TYPES } from './answer-type';
import type { SearchIndex } from './search-index';
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
  /** Passages holding the kind of answer asked for (a person for "who", a place for "where", …) score this much more. */
  answerTypeBoost: 2.5,
  /** Scores within this fraction of each other count as equal, and the newer article wins. */
  tieTolerance: 0.01,
  /** Questions longer than this many terms are cut (the rest adds noise, not meaning). */
  maxTerms: 24,
  /**
   * A term in more than this share of passages (and more than `commonFloor`) is "common": rarer
   * terms pick the candidates, and common ones only count for the best of them. This bounds the
   * work of a query however large the knowledge base grows.
   */
  commonShare: 0.005,
  commonFloor: 100,
  /** Candidates the common terms are checked against. */
  rescored: 40,
};

export type AnswerSettings = typeof ANSWER_DEFAULTS;

/** What answering needs: the index and its passages, the analyzer, and the model of English. */
export interface AnswerContext {
  index: SearchIndex;
  passages: readonly Passage[];
  analyzer: Analyzer;
  english: EnglishModel;
  /** The analysed terms of a passage (text, section and title), cached by the engine. */
  passageTerms(passage: Passage): ReadonlySet<string>;
}

interface Candidate {
  passage: Passage;
  score: number;
  coverage: number;
  /** The passage lacks a name the question uses ("Did Japan sign …"): it is about something else. */
  missesName: boolean;
  /** The passage lacks what the question needs: a date for "when", an amount for "how many". */
  missesType: boolean;
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

/** A question term and how it is looked up: itself when the index knows it, otherwise similar index terms. */
interface QueryTerm {
  term: string;
  /** Index terms standing in for an unknown term (typos, shared roots); they earn partial credit. */
  similar: string[];
  common: boolean;
}

function queryTermsOf(terms: readonly string[], index: SearchIndex, settings: AnswerSettings): QueryTerm[] {
  const commonAbove = Math.max(settings.commonFloor, index.documentCount * settings.commonShare);
  const query = terms.map((term) => {
    const df = index.frequency(term);
    return { term, similar: df > 0 ? [] : index.similarTerms(term), common: df > commonAbove };
  });
  // With only common terms, the two rarest pick the candidates.
  if (query.every((q) => q.common)) {
    for (const q of [...query].sort((a, b) => index.frequency(a.term) - index.frequency(b.term)).slice(0, 2)) q.common = false;
  }
  return query;
}

/** Credit a passage earns for a term: 1 for the term itself, partial for a similar term, 0 without. */
function creditFor(q: QueryTerm, has: (term: string) => boolean, settings: AnswerSettings): number {
  if (has(q.term)) return 1;
  return q.similar.some(has) ? settings.partialCredit : 0;
}

/** Share of the question's weight a passage contains. */
function coverageOf(query: QueryTerm[], has: (term: string) => boolean, weights: Map<string, number>, settings: AnswerSettings): number {
  let covered = 0;
  let total = 0;
  for (const q of query) {
    const rarity = weights.get(q.term)!;
    const weight = Math.min(rarity, settings.maxTermWeight);
    const credit = creditFor(q, has, settings);
    covered += weight * credit;
    // A specific word the passage lacks counts with more of its rarity than one it has.
    total += credit > 0 ? weight : Math.min(rarity, settings.maxMissingWeight);
  }
  return total > 0 ? covered / total : 0;
}

/** Answers a question from the index: best passages first, and whether they really answer it. */
export function answerQuestion(question: string, context: AnswerContext, options: Partial<AnswerSettings> = {}): Answer {
  const settings = { ...ANSWER_DEFAULTS, ...options };
  const { index, passages, analyzer } = context;
  const terms = analyzer.queryTerms(question).slice(0, settings.maxTerms);
  if (terms.length === 0) return { question, answered: false, results: [] };

  const query = queryTermsOf(terms, index, settings);
  const weights = new Map(terms.map((term) => [term, termWeight(term, context, settings)]));
  const lookedUp = query.filter((q) => !q.common).flatMap((q) => [q.term, ...q.similar]);
  const matches = index.search(lookedUp).slice(0, settings.rescored);

  const names = nameTerms(question, terms, analyzer);
  const types = answerTypesOf(question);
  const candidates: Candidate[] = matches.map((match) => {
    const passage = passages[match.id as number]!;
    const passageTerms = context.passageTerms(passage);
    const has = (term: string) => passageTerms.has(term);
    const coverage = coverageOf(query, has, weights, settings);
    const commonScore = query.filter((q) => q.common && has(q.term)).reduce((sum, q) => sum + index.idf(q.term), 0);
    const typesHeld = types.filter((type) => holds(type, passage.text));
    const boost = typesHeld.length ? settings.answerTypeBoost : 1;
    const score = (match.score + commonScore) * boost * coverage ** settings.coverageExponent;
    return {
      passage,
      score,
      coverage,
      missesName: [...names].some((name) => !has(name)),
      missesType: types.some((type) => REQUIRED_TYPES.has(type) && !typesHeld.includes(type)),
      matchedTerms: [...terms, ...query.flatMap((q) => q.similar)].filter(has),
    };
  });

  candidates.sort((a, b) => compareCandidates(a, b, settings.tieTolerance));
  const best = candidates[0];
  if (!best || best.coverage < settings.minCoverage || best.missesName || best.missesType) {
    return { question, answered: false, results: [] };
  }

  const results: AnswerResult[] = candidates
    .filter((candidate) => candidate.coverage >= settings.minResultCoverage)
    .slice(0, settings.limit)
    .map(({ passage, score, matchedTerms }) => ({ passage, score, matchedTerms }));
  return { question, answered: true, results };
}

function compareCandidates(a: Candidate, b: Candidate, tolerance: number): number {
  const high = Math.max(a.score, b.score);
  if (high > 0 && Math.abs(a.score - b.score) > high * tolerance) return b.score - a.score;
  const newer = (b.passage.article.published ?? '').localeCompare(a.passage.article.published ?? '');
  return newer !== 0 ? newer : b.score - a.score;
}
