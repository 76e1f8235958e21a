import type { Analyzer } from './text/analyzer';
import type { Passage } from './types';

/**
 * Where in a passage the question's words come together. A passage that has the question's words
 * in one sentence ("the Battle of Hastings in 1066") answers it more surely than one that has
 * them scattered over unrelated sentences; and the answer is usually in that sentence.
 *
 * Computed at query time for the few best candidates only, from the passage text (its sentences
 * remembered by the engine's `PassageSentences`).
 */
export interface QuestionWords {
  /** An analysed term of the passage → which question term it stands for, and the credit it earns. */
  byTerm: ReadonlyMap<string, { index: number; credit: number }>;
  /** Each question term's weight. */
  weights: Float64Array;
}

export interface Focus {
  /** The largest share of the question's weight one sentence of the passage holds (0–1). */
  share: number;
  /** That sentence. */
  sentence: string;
}

// A sentence ends at . ! ? followed by space and a capital, digit or quote ("in 1066. William …").
const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u;

/** A sentence of a passage, and its analysed terms. */
interface AnalysedSentence {
  sentence: string;
  terms: readonly string[];
}

/** Passages whose sentences are remembered, at most: the same passages come up for question after question. */
const REMEMBERED_PASSAGES = 5_000;

/**
 * Passages' sentences with their analysed terms, remembered for the most recently used
 * REMEMBERED_PASSAGES passages, by id: a passage's text never changes under its id, and a text
 * restored from the cache is decoded each time it is read. Its owner (the engine) keeps one for as
 * long as its analyzer.
 */
export class PassageSentences {
  private readonly remembered = new Map<number, AnalysedSentence[]>();

  constructor(private readonly analyzer: Analyzer) {}

  of(passage: Pick<Passage, 'id' | 'text'>): AnalysedSentence[] {
    let sentences = this.remembered.get(passage.id);
    if (sentences) {
      // Most recently used last: the oldest is forgotten first.
      this.remembered.delete(passage.id);
    } else {
      sentences = passage.text.split(SENTENCE_END).map((sentence) => ({ sentence, terms: this.analyzer.indexTerms(sentence) }));
      if (this.remembered.size >= REMEMBERED_PASSAGES) this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(passage.id, sentences);
    return sentences;
  }
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
