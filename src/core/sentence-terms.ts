import type { Analyzer } from './text/analyzer';

// A sentence ends at . ! ? followed by space and a capital, digit or quote ("in 1066. William …").
const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u;

/** A passage's text in sentences (at least one). */
export function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_END);
}

/** Each sentence of a passage's text, as the index's analyzer reads it. */
export function sentenceTermsOf(text: string, analyzer: Analyzer): string[][] {
  return sentencesOf(text).map((sentence) => analyzer.indexTerms(sentence));
}

/** A question term a sentence may hold: which of the question's terms it stands for, and the credit it earns. */
export interface TermHit {
  index: number;
  credit: number;
}

/** The table as the cache file keeps it, passages in the order given to `save`. */
export interface SavedSentenceTerms {
  /** Every sentence's terms, one after the other, as numbers of `dictionary`. */
  termNumbers: Uint32Array;
  /** Where each sentence's terms end in `termNumbers`. */
  sentenceEnds: Uint32Array;
  /** How many sentences each passage has. */
  passageSentences: Uint32Array;
  /** The terms, one after the other, and their lengths. */
  dictionary: string;
  termLengths: Uint32Array;
}

/** `array`, or a copy of it with room for `needed` and a quarter more (not double: a table read from the cache is large and rarely grows much). */
const grown = <T extends Uint32Array | Int32Array>(array: T, needed: number, make: (size: number) => T): T => {
  if (needed <= array.length) return array;
  const larger = make(Math.max(needed, Math.ceil(array.length * 1.25), 256));
  larger.set(array);
  return larger;
};

/** Sentences' terms one after the other (as numbers), and where each sentence ends in them. */
interface Segment {
  termNumbers: Uint32Array;
  termCount: number;
  sentenceEnds: Uint32Array;
  sentenceCount: number;
}

/** Where the segment's `k`th sentence's terms start (where the one before it ends). */
const startOf = (segment: Segment, k: number): number => (k === 0 ? 0 : segment.sentenceEnds[k - 1]!);

/**
 * Every passage's sentences as analysed terms, kept compactly (a number per term), by passage id:
 * what proximity reads of a question's best candidates (see proximity.ts). Made when an article is
 * prepared and saved with the index, so that a question never analyses the text of a passage it
 * meets for the first time (a seventh of a first question's time at 100,000 passages, when it did).
 * What was read from the cache stays where it was read (never copied); passages added after go to
 * a second part that grows.
 */
export class SentenceTermTable {
  private readonly numbers = new Map<string, number>();
  private readonly terms: string[];
  /** The sentences read from the cache (none in a new table), then those added since: sentence numbers run on from one to the other. */
  private readonly read: Segment;
  private readonly added: Segment = { termNumbers: new Uint32Array(0), termCount: 0, sentenceEnds: new Uint32Array(0), sentenceCount: 0 };
  /** Per passage id: its first sentence (-1: not in the table), and one past its last. */
  private from = new Int32Array(0);
  private to = new Int32Array(0);

  constructor(saved?: { terms: string[]; termNumbers: Uint32Array; sentenceEnds: Uint32Array }) {
    this.terms = saved?.terms ?? [];
    this.terms.forEach((term, number) => this.numbers.set(term, number));
    const termNumbers = saved?.termNumbers ?? new Uint32Array(0);
    const sentenceEnds = saved?.sentenceEnds ?? new Uint32Array(0);
    this.read = { termNumbers, termCount: termNumbers.length, sentenceEnds, sentenceCount: sentenceEnds.length };
  }

  has(id: number): boolean {
    return id < this.from.length && this.from[id]! >= 0;
  }

  /** How many sentences the passage has in the table (0 when it is not in it). */
  sentenceCountOf(id: number): number {
    return this.has(id) ? this.to[id]! - this.from[id]! : 0;
  }

  /** Room for these passages' sentences at once: a library built from nothing adds thousands of passages at a time, and growing passage by passage would copy the arrays over and over. */
  reserve(passages: readonly (readonly (readonly string[])[])[]): void {
    let terms = 0;
    let sentences = 0;
    for (const passage of passages) {
      sentences += passage.length;
      for (const sentence of passage) terms += sentence.length;
    }
    const { added } = this;
    added.termNumbers = grown(added.termNumbers, added.termCount + terms, (size) => new Uint32Array(size));
    added.sentenceEnds = grown(added.sentenceEnds, added.sentenceCount + sentences, (size) => new Uint32Array(size));
  }

  add(id: number, sentences: readonly (readonly string[])[]): void {
    this.reserve([sentences]);
    const { added } = this;
    const first = this.read.sentenceCount + added.sentenceCount;
    this.place(id, first, first + sentences.length);
    for (const terms of sentences) {
      for (const term of terms) added.termNumbers[added.termCount++] = this.numberOf(term);
      added.sentenceEnds[added.sentenceCount++] = added.termCount;
    }
  }

  /** Takes a passage out (what it held stays in the arrays until a start reads the table from the cache again). */
  remove(id: number): void {
    if (id < this.from.length) this.from[id] = -1;
  }

  /** The terms of the passage's `k`th sentence. */
  termsOf(id: number, k: number): string[] {
    const [segment, first] = this.partOf(id);
    const sentence = first + k;
    const terms: string[] = [];
    for (let i = startOf(segment, sentence), end = segment.sentenceEnds[sentence]!; i < end; i++) terms.push(this.terms[segment.termNumbers[i]!]!);
    return terms;
  }

  /** The question's terms (analysed term → hit) by their numbers here; a term no passage has is left out. */
  numbered(byTerm: ReadonlyMap<string, TermHit>): Map<number, TermHit> {
    const byNumber = new Map<number, TermHit>();
    for (const [term, hit] of byTerm) {
      const number = this.numbers.get(term);
      if (number !== undefined) byNumber.set(number, hit);
    }
    return byNumber;
  }

  /**
   * The largest share of the question's weight one sentence of the passage holds (see focusOf in
   * proximity.ts, which this computes in the same order, to the same bit); 0 for a passage not in the table.
   */
  bestShare(id: number, byNumber: ReadonlyMap<number, TermHit>, weights: Float64Array, found: Float64Array): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let best = 0;
    if (total <= 0 || !this.has(id)) return best;
    const [segment, first] = this.partOf(id);
    const last = first + this.sentenceCountOf(id);
    for (let sentence = first; sentence < last; sentence++) {
      found.fill(0);
      const end = segment.sentenceEnds[sentence]!;
      for (let i = startOf(segment, sentence); i < end; i++) {
        const hit = byNumber.get(segment.termNumbers[i]!);
        if (hit && hit.credit > found[hit.index]!) found[hit.index] = hit.credit;
      }
      let share = 0;
      for (let i = 0; i < found.length; i++) share += found[i]! * weights[i]!;
      share /= total;
      if (share > best) best = share;
    }
    return best;
  }

  /** The table for the cache file, passages in the order of `ids` (each must be in the table). */
  save(ids: readonly number[]): SavedSentenceTerms {
    let termTotal = 0;
    let sentenceTotal = 0;
    for (const id of ids) {
      const [segment, first] = this.partOf(id);
      const count = this.sentenceCountOf(id);
      sentenceTotal += count;
      termTotal += startOf(segment, first + count) - startOf(segment, first);
    }
    const termNumbers = new Uint32Array(termTotal);
    const sentenceEnds = new Uint32Array(sentenceTotal);
    const passageSentences = new Uint32Array(ids.length);
    let terms = 0;
    let sentences = 0;
    ids.forEach((id, i) => {
      const [segment, first] = this.partOf(id);
      passageSentences[i] = this.sentenceCountOf(id);
      for (let sentence = first; sentence < first + passageSentences[i]!; sentence++) {
        const start = startOf(segment, sentence);
        termNumbers.set(segment.termNumbers.subarray(start, segment.sentenceEnds[sentence]!), terms);
        terms += segment.sentenceEnds[sentence]! - start;
        sentenceEnds[sentences++] = terms;
      }
    });
    return { termNumbers, sentenceEnds, passageSentences, dictionary: this.terms.join(''), termLengths: Uint32Array.from(this.terms, (term) => term.length) };
  }

  /** The table `save` saved, the passages having the ids given; throws, saying what is wrong, when its parts do not fit together. */
  static restore(saved: SavedSentenceTerms, ids: readonly number[]): SentenceTermTable {
    const corrupt = (what: string): never => {
      throw new Error(`corrupt sentence table: ${what}`);
    };
    const { termNumbers, sentenceEnds, passageSentences, dictionary, termLengths } = saved;
    if (!(termNumbers instanceof Uint32Array && sentenceEnds instanceof Uint32Array && passageSentences instanceof Uint32Array && termLengths instanceof Uint32Array)) corrupt('arrays');
    if (typeof dictionary !== 'string' || passageSentences.length !== ids.length) corrupt('sizes');
    const terms: string[] = [];
    let at = 0;
    for (const length of termLengths) terms.push(dictionary.slice(at, (at += length)));
    if (at !== dictionary.length) corrupt('dictionary');
    // Indexed loops: run once at start over millions of numbers, a for…of over a typed array is ten times slower until V8 optimises it.
    for (let i = 0; i < termNumbers.length; i++) if (termNumbers[i]! >= terms.length) corrupt('a term number');
    let previous = 0;
    for (let i = 0; i < sentenceEnds.length; i++) {
      if (sentenceEnds[i]! < previous) corrupt('sentence ends');
      previous = sentenceEnds[i]!;
    }
    if (previous !== termNumbers.length) corrupt('sentence ends');
    const table = new SentenceTermTable({ terms, termNumbers, sentenceEnds });
    let sentence = 0;
    ids.forEach((id, i) => {
      const count = passageSentences[i]!;
      if (count === 0 || !Number.isInteger(id) || id < 0) corrupt(`passage ${id}`);
      table.place(id, sentence, (sentence += count));
    });
    if (sentence !== sentenceEnds.length) corrupt('sentence counts');
    return table;
  }

  /** The part of the table a passage in it is in, and its first sentence there (a passage is added whole, so all its sentences are in one part). */
  private partOf(id: number): [Segment, number] {
    const from = this.from[id]!;
    return from < this.read.sentenceCount ? [this.read, from] : [this.added, from - this.read.sentenceCount];
  }

  private place(id: number, from: number, to: number): void {
    if (id >= this.from.length) {
      const size = Math.max(id + 1, this.from.length * 2, 256);
      this.from = grown(this.from, size, (n) => new Int32Array(n).fill(-1));
      this.to = grown(this.to, size, (n) => new Int32Array(n));
    }
    this.from[id] = from;
    this.to[id] = to;
  }

  private numberOf(term: string): number {
    let number = this.numbers.get(term);
    if (number === undefined) {
      number = this.terms.length;
      this.terms.push(term);
      this.numbers.set(term, number);
    }
    return number;
  }
}
