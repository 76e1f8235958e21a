import { sentencesOf, type SentenceTermTable, type TermHit } from './sentence-terms';
import type { Analyzer } from './text/analyzer';
import type { Passage } from './types';

/**
 * Where in a passage the question's words come together. A passage that has the question's words
 * in one sentence ("the Battle of Hastings in 1066") answers it more surely than one that has
 * them scattered over unrelated sentences; and the answer is usually in that sentence.
 *
 * Computed at query time for the few best candidates only, from the passages' sentences as the
 * engine's `PassageSentences` holds them.
 */
export interface QuestionWords {
  /** An analysed term of the passage → which question term it stands for, and the credit it earns. */
  byTerm: ReadonlyMap<string, TermHit>;
  /** Each question term's weight. */
  weights: Float64Array;
  /** `byTerm` by the sentence table's numbers, made when first needed. */
  byNumber?: ReadonlyMap<number, TermHit>;
}

export interface Focus {
  /** The largest share of the question's weight one sentence of the passage holds (0–1). */
  share: number;
  /** That sentence. */
  sentence: string;
}

/** A sentence of a passage, and its analysed terms. */
interface AnalysedSentence {
  sentence: string;
  terms: readonly string[];
}

/** Passages whose sentences are remembered, at most: the same passages come up for question after question. */
const REMEMBERED_PASSAGES = 5_000;

/**
 * Passages' sentences with their analysed terms: the terms from the engine's sentence table (made
 * when the article was prepared), or for a passage not in it, from the analyzer; remembered for the
 * most recently used REMEMBERED_PASSAGES passages, by id: a passage's text never changes under its
 * id, and a text restored from the cache is decoded each time it is read. Its owner (the engine)
 * keeps one for as long as its analyzer.
 */
export class PassageSentences {
  private readonly remembered = new Map<number, AnalysedSentence[]>();

  constructor(
    private readonly analyzer: Analyzer,
    readonly table: SentenceTermTable,
  ) {}

  of(passage: Pick<Passage, 'id' | 'text'>): AnalysedSentence[] {
    let sentences = this.remembered.get(passage.id);
    if (sentences) {
      // Most recently used last: the oldest is forgotten first.
      this.remembered.delete(passage.id);
    } else {
      const texts = sentencesOf(passage.text);
      // A count that differs (a damaged cache) reads the text again rather than misplace terms.
      const tabled = texts.length === this.table.sentenceCountOf(passage.id);
      sentences = texts.map((sentence, k) => ({ sentence, terms: tabled ? this.table.termsOf(passage.id, k) : this.analyzer.indexTerms(sentence) }));
      if (this.remembered.size >= REMEMBERED_PASSAGES) this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(passage.id, sentences);
    return sentences;
  }
}

/**
 * The largest share of the question's weight one sentence of the passage holds (focusOf's share),
 * read from the sentence table's numbers, without the passage's text, when the passage is in it.
 */
export function focusShareOf(passage: Pick<Passage, 'id' | 'text'>, words: QuestionWords, sentences: PassageSentences, found: Float64Array): number {
  const { table } = sentences;
  if (!table.has(passage.id)) return focusOf(passage, words, sentences).share;
  words.byNumber ??= table.numbered(words.byTerm);
  return table.bestShare(passage.id, words.byNumber, words.weights, found);
}

/** The sentence of the passage that holds most of the question's weight. */
export function focusOf(passage: Pick<Passage, 'id' | 'text'>, words: QuestionWords, sentences: PassageSentences): Focus {
  let total = 0;
  for (const weight of words.weights) total += weight;
  const best: Focus = { share: 0, sentence: '' };
  if (total <= 0) return best;
  const found = new Float64Array(words.weights.length);
  for (const { sentence, terms } of sentences.of(passage)) {
    found.fill(0);
    for (const term of terms) {
      const hit = words.byTerm.get(term);
      if (hit && hit.credit > found[hit.index]!) found[hit.index] = hit.credit;
    }
    let share = 0;
    for (let i = 0; i < found.length; i++) share += found[i]! * words.weights[i]!;
    share /= total;
    if (share > best.share) {
      best.share = share;
      best.sentence = sentence;
    }
  }
  return best;
}
