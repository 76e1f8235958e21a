import type MiniSearch from 'minisearch';
import { indexOf, PostingArray, type Internals, type TermData } from './minisearch-snapshot';

/**
 * Reads of posting lists: whether a passage has a term, the term's BM25 score in it, and the term's
 * "champion list" (the passages where it weighs most). A query looks up common words only for the
 * candidates its rarer words found, and takes candidates for a question of common words only from
 * their champion lists, so the work per query stays bounded as the knowledge base grows.
 *
 * Two readers give the same answers: `InternalPostings` reads MiniSearch 7.2's own maps directly
 * (fast: nothing is walked that the query does not need), and `PublicPostings` asks MiniSearch's
 * public search for one term at a time (slower: every lookup walks the whole list), used when
 * MiniSearch's layout is not the one this code knows (see minisearch-snapshot.ts).
 */
export interface TermPostings {
  has(id: number): boolean;
  /** The passages that have the term (each once). */
  ids(): Iterable<number>;
  /** The term's BM25 score in the passage, summed over the fields with their boosts (as MiniSearch scores one term); 0 without it. */
  score(id: number): number;
  /** About how many passages have the term: at least as many as have it (a passage with it in two fields may count twice). */
  readonly size: number;
}

/** Champion lists made ahead (by the cache builder), read when first asked for: term → its best passages, best first. */
export type PresetChampions = Map<string, number[]>;

export interface PostingsReader {
  readonly kind: 'internals' | 'public';
  term(term: string): TermPostings;
  /** The `size` passages where the term scores highest, best first (ties: lower id first). */
  championList(term: string, size: number): number[];
  /**
   * Each term's score in each of the passages, per term in the order of `ids`: the scores a query's
   * candidates are ranked by, read in one go; and, with `onlyIn` (a field), where the term is in
   * that field and no other.
   */
  scoreTable(terms: readonly string[], ids: readonly number[], onlyIn?: string): TermScores[];
  /**
   * The passages having any of the (distinct) terms, best first, at most `limit`: each scores the
   * sum of its terms' scores, added in the order of `terms`, times the number of terms it has (as
   * MiniSearch ranks an OR query); equal scores by id.
   */
  bestMatches(terms: readonly string[], limit: number): number[];
  /** Forgets what was remembered of these terms (their postings changed). */
  forget(terms: Iterable<string>): void;
}

/** A term's row of a score table: per passage (in the order asked for), its score, and whether one field alone has it. */
export interface TermScores {
  /** 0 where the passage lacks the term. */
  scores: Float64Array;
  /** 1 where the field asked about (`onlyIn`) has the term and no other field of the passage does; null when no passage has it in that field. */
  onlyIn: Uint8Array | null;
}

export const NO_POSTINGS: TermPostings = { has: () => false, ids: () => [], score: () => 0, size: 0 };

/** Terms whose postings are remembered, at most (see InternalPostings.termData). */
const REMEMBERED_TERMS = 100_000;

/** MiniSearch's default BM25 parameters, which the index uses. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** A term's BM25 score in one field of a passage, as MiniSearch's calcBM25Score: `weight` is the field's boost × the term's IDF, `norm` the passage's length term (see normOf). */
const bm25 = (weight: number, tf: number, norm: number) => weight * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm));

/** The `size` best of (id, score) pairs, best first; equal scores by id so that the order never depends on insertion. */
function best(scored: [id: number, score: number][], size: number): number[] {
  return scored
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, size)
    .map(([id]) => id);
}

/** The ids of the `limit` best of `count` scored passages (see PostingsReader.bestMatches): only those at or above the limit-th score are sorted. */
function bestOf(ids: ArrayLike<number>, scores: Float64Array, limit: number): number[] {
  const count = scores.length;
  let threshold = -Infinity;
  if (count > limit && limit > 0) threshold = kthSmallest(scores.slice(), count - limit);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (scores[i]! >= threshold) kept.push(i);
  return kept
    .sort((a, b) => scores[b]! - scores[a]! || ids[a]! - ids[b]!)
    .slice(0, limit)
    .map((i) => ids[i]!);
}

/** The short ids that name a passage, with their scores. */
function withIdsOnly(shorts: readonly number[], scores: Float64Array, documentIds: Map<number, unknown>): [number[], Float64Array] {
  const kept = shorts.flatMap((short, i) => (typeof documentIds.get(short) === 'number' ? [i] : []));
  return [kept.map((i) => shorts[i]!), Float64Array.from(kept, (i) => scores[i]!)];
}

/** The k-th smallest (from 0) of the values, which it reorders: Hoare's selection, in linear time on average. */
function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** A term's fields, each with its posting list and what its BM25 score needs that does not depend on the passage. */
type TermFields = { fieldId: number; postings: Map<number, number>; weight: number; averageLength: number }[];

/** Exact per-field length totals, so that BM25's average field length does not depend on the order documents came and went. */
export interface FieldLengths {
  averageOf(fieldId: number): number;
}

export class InternalPostings implements PostingsReader {
  readonly kind = 'internals';
  private readonly boosts: [fieldId: number, boost: number][];
  private readonly champions = new Map<string, number[]>();

  constructor(
    private readonly internals: Internals,
    boosts: Record<string, number>,
    private readonly lengths: FieldLengths,
    /** Champion lists made by the cache builder; a list made here replaces one when its term's postings change. */
    private readonly preset: PresetChampions = new Map(),
  ) {
    this.boosts = Object.entries(boosts).map(([field, boost]) => [internals._fieldIds[field]!, boost]);
  }

  term(term: string): TermPostings {
    const data = this.dataOf(term);
    if (!data) return NO_POSTINGS;
    const { _idToShortId: shortIds, _documentIds: documentIds } = this.internals;
    const fields = this.fieldsOf(data);
    return {
      has: (id) => {
        const short = shortIds.get(id);
        return short !== undefined && fields.some((field) => field.postings.has(short));
      },
      // Lazy: a caller that needs only the first passage does not walk the whole list.
      *ids() {
        const seen = new Set<number>();
        for (const field of fields) {
          for (const short of field.postings.keys()) {
            if (seen.has(short)) continue;
            seen.add(short);
            const id = documentIds.get(short);
            if (typeof id === 'number') yield id;
          }
        }
      },
      score: (id) => {
        const short = shortIds.get(id);
        return short === undefined ? 0 : this.scoreShort(fields, short);
      },
      get size() {
        let size = 0;
        for (const field of fields) size += field.postings.size;
        return size;
      },
    };
  }

  scoreTable(terms: readonly string[], ids: readonly number[], onlyIn?: string): TermScores[] {
    const only = onlyIn === undefined ? undefined : this.internals._fieldIds[onlyIn];
    const shortIds = this.internals._idToShortId;
    const count = ids.length;
    // The candidates in ascending order of short id, to meet sorted posting lists in one pass:
    // sorted as the numbers short × count + slot, which a typed array sorts without a comparison function.
    const keys: number[] = [];
    for (let slot = 0; slot < count; slot++) {
      const short = shortIds.get(ids[slot]!);
      if (short !== undefined) keys.push(short * count + slot);
    }
    const sortedKeys = Float64Array.from(keys).sort();
    const ascending = new Uint32Array(sortedKeys.length);
    const ascendingShorts = new Uint32Array(sortedKeys.length);
    for (let c = 0; c < sortedKeys.length; c++) {
      const slot = sortedKeys[c]! % count;
      ascending[c] = slot;
      ascendingShorts[c] = (sortedKeys[c]! - slot) / count;
    }
    // Every row in one allocation: a question reads a few dozen terms for a few hundred candidates.
    const table = new Float64Array(terms.length * count);
    return terms.map((term, row) => {
      const scores = table.subarray(row * count, (row + 1) * count);
      const data = this.dataOf(term);
      if (!data) return { scores, onlyIn: null };
      const termFields = this.fieldsOf(data);
      // Made only for a term in the field asked about: 1 where that field has it, | 2 where another does.
      const marks = only !== undefined && termFields.some((field) => field.fieldId === only) ? new Uint8Array(count) : null;
      // Field by field, in the order scoreShort adds them, so that each sum is the same to the last bit.
      for (const { fieldId, postings, weight, averageLength } of termFields) {
        const mark = fieldId === only ? 1 : 2;
        const norms = this.normsOf(fieldId);
        const add = (slot: number, short: number, tf: number) => {
          let norm = norms[short]!;
          if (Number.isNaN(norm)) norm = this.normOf(fieldId, short, averageLength);
          scores[slot] = scores[slot]! + bm25(weight, tf, norm);
          if (marks) marks[slot] = marks[slot]! | mark;
        };
        const sorted = postings instanceof PostingArray ? postings.sorted : null;
        if (sorted && sorted.shorts.length > ascendingShorts.length) {
          // Each candidate looked for in the longer list, galloping on from the last one found.
          const listed = sorted.shorts;
          for (let c = 0, from = 0; c < ascendingShorts.length && from < listed.length; c++) {
            const short = ascendingShorts[c]!;
            const at = gallop(listed, short, from);
            if (at >= 0) add(ascending[c]!, short, sorted.counts[at]!);
            from = at >= 0 ? at + 1 : -at - 1;
          }
        } else if (sorted) {
          // Each passage of the shorter list looked for among the candidates, the same way.
          const listed = sorted.shorts;
          for (let i = 0, from = 0; i < listed.length && from < ascendingShorts.length; i++) {
            const short = listed[i]!;
            const at = gallop(ascendingShorts, short, from);
            if (at >= 0) add(ascending[at]!, short, sorted.counts[i]!);
            from = at >= 0 ? at + 1 : -at - 1;
          }
        } else {
          for (let c = 0; c < ascendingShorts.length; c++) {
            const tf = postings.get(ascendingShorts[c]!);
            if (tf !== undefined) add(ascending[c]!, ascendingShorts[c]!, tf);
          }
        }
      }
      if (marks) for (let slot = 0; slot < marks.length; slot++) marks[slot] = marks[slot] === 1 ? 1 : 0;
      return { scores, onlyIn: marks };
    });
  }

  /** Per short id, reused from question to question (and left zeroed): sums of scores, terms matched, and one term's score over its fields. */
  private scratch = { sums: new Float64Array(0), matched: new Uint16Array(0), termScores: new Float64Array(0) };

  bestMatches(terms: readonly string[], limit: number): number[] {
    const size = this.internals._nextId;
    if (this.scratch.sums.length < size) {
      this.scratch = { sums: new Float64Array(size), matched: new Uint16Array(size), termScores: new Float64Array(size) };
    }
    const { sums, matched, termScores } = this.scratch;
    const touched: number[] = [];
    const termTouched: number[] = [];
    for (const term of terms) {
      const data = this.dataOf(term);
      if (!data) continue;
      const fields = this.fieldsOf(data);
      const only = fields.length === 1 ? fields[0]!.postings : null;
      const sorted = only instanceof PostingArray ? only.sorted : null;
      if (sorted) {
        // One field, kept as arrays (most terms): its score in each passage added straight to the sums.
        const { fieldId, weight, averageLength } = fields[0]!;
        const norms = this.normsOf(fieldId);
        const { shorts, counts } = sorted;
        for (let i = 0; i < shorts.length; i++) {
          const short = shorts[i]!;
          const tf = counts[i]!;
          let norm = norms[short]!;
          if (Number.isNaN(norm)) norm = this.normOf(fieldId, short, averageLength);
          if (matched[short] === 0) touched.push(short);
          sums[short] = sums[short]! + bm25(weight, tf, norm);
          matched[short] = matched[short]! + 1;
        }
        continue;
      }
      // The term's score in each passage, summed over its fields in scoreShort's order.
      for (const { fieldId, postings, weight, averageLength } of fields) {
        const score = (short: number, tf: number) => {
          if (termScores[short] === 0 && fields.length > 1) termTouched.push(short);
          termScores[short] = termScores[short]! + bm25(weight, tf, this.normOf(fieldId, short, averageLength));
          if (fields.length === 1) termTouched.push(short);
        };
        const sorted = postings instanceof PostingArray ? postings.sorted : null;
        if (sorted) for (let i = 0; i < sorted.shorts.length; i++) score(sorted.shorts[i]!, sorted.counts[i]!);
        else postings.forEach((tf, short) => score(short, tf));
      }
      for (const short of termTouched) {
        if (matched[short] === 0) touched.push(short);
        sums[short] = sums[short]! + termScores[short]!;
        matched[short] = matched[short]! + 1;
        termScores[short] = 0;
      }
      termTouched.length = 0;
    }
    const scores = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const short = touched[i]!;
      scores[i] = sums[short]! * matched[short]!;
      sums[short] = 0;
      matched[short] = 0;
    }
    return this.bestOfShorts(touched, scores, limit);
  }

  /**
   * bestOf for passages given by short id: only those at or above the limit-th score are looked up
   * by id (a common term's list holds tens of thousands of passages). A short id that names no
   * passage (a damaged index) is left out, as if it had not matched.
   */
  private bestOfShorts(shorts: readonly number[], scores: Float64Array, limit: number): number[] {
    const documentIds = this.internals._documentIds;
    const threshold = scores.length > limit && limit > 0 ? kthSmallest(scores.slice(), scores.length - limit) : -Infinity;
    const ids: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < shorts.length; i++) {
      if (scores[i]! < threshold) continue;
      const id = documentIds.get(shorts[i]!);
      if (typeof id !== 'number') return this.bestOfShorts(...withIdsOnly(shorts, scores, documentIds), limit);
      ids.push(id);
      kept.push(scores[i]!);
    }
    return bestOf(ids, Float64Array.from(kept), limit);
  }

  /** Terms' postings as MiniSearch holds them, remembered: its radix tree costs a few microseconds a lookup, and a question looks up each term several times. */
  private readonly termData = new Map<string, TermData | null>();

  private dataOf(term: string): TermData | undefined {
    let data = this.termData.get(term);
    if (data === undefined) {
      data = this.internals._index.get(term) ?? null;
      if (this.termData.size >= REMEMBERED_TERMS) this.termData.clear();
      this.termData.set(term, data);
    }
    return data ?? undefined;
  }

  /** fieldsOf's answers, until the index changes (a term's weights depend on the number of passages and their lengths). */
  private fieldsRead = new WeakMap<TermData, TermFields>();

  /** The fields a term occurs in, each with what its BM25 score needs that does not depend on the passage. */
  private fieldsOf(data: TermData): TermFields {
    let fields = this.fieldsRead.get(data);
    if (!fields) this.fieldsRead.set(data, (fields = this.readFields(data)));
    return fields;
  }

  private readFields(data: TermData): TermFields {
    const total = this.internals._documentCount;
    return this.boosts
      .filter(([fieldId]) => data.has(fieldId))
      .map(([fieldId, boost]) => {
        const postings = data.get(fieldId)!;
        const idf = Math.log(1 + (total - postings.size + 0.5) / (postings.size + 0.5));
        return { fieldId, postings, weight: boost * idf, averageLength: this.lengths.averageOf(fieldId) };
      });
  }

  /**
   * Per field, each passage's length term of BM25 (k × (1 − b + b × length / average)), worked out
   * when first needed and kept until the index changes: a query reads it for hundreds of passages.
   */
  private norms: Float64Array[] = [];

  /** A field's norms as far as they are known (NaN where not yet), for every short id the index has given. */
  private normsOf(fieldId: number, atLeast = this.internals._nextId): Float64Array {
    let norms = this.norms[fieldId];
    if (!norms || atLeast > norms.length) {
      const grown = new Float64Array(Math.max(this.internals._nextId, atLeast)).fill(Number.NaN);
      if (norms) grown.set(norms);
      this.norms[fieldId] = norms = grown;
    }
    return norms;
  }

  private normOf(fieldId: number, short: number, averageLength: number): number {
    const norms = this.normsOf(fieldId, short + 1);
    let norm = norms[short]!;
    if (Number.isNaN(norm)) {
      const length = this.internals._fieldLength.get(short)?.[fieldId] ?? 0;
      norm = norms[short] = BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength);
    }
    return norm;
  }

  /** BM25 as MiniSearch computes it (see its calcBM25Score), summed over the term's fields. */
  private scoreShort(fields: TermFields, short: number): number {
    let score = 0;
    for (const { fieldId, postings, weight, averageLength } of fields) {
      const tf = postings.get(short);
      if (tf === undefined) continue;
      score += bm25(weight, tf, this.normOf(fieldId, short, averageLength));
    }
    return score;
  }

  championList(term: string, size: number): number[] {
    const key = `${size}\0${term}`;
    const cached = this.champions.get(key);
    if (cached) return cached;
    const preset = this.preset.get(term);
    if (preset && preset.length >= size) {
      const list = preset.slice(0, size);
      this.champions.set(key, list);
      return list;
    }
    // One term's matches ranked as bestMatches ranks them are its passages by its score in each.
    const list = this.bestMatches([term], size);
    this.champions.set(key, list);
    return list;
  }

  forget(terms: Iterable<string>): void {
    // Lengths and their average, and every term's IDF, change with any passage added or removed.
    this.norms = [];
    this.fieldsRead = new WeakMap();
    const changed = new Set(terms);
    for (const term of changed) {
      this.preset.delete(term);
      this.termData.delete(term);
    }
    if (this.champions.size === 0) return;
    for (const key of this.champions.keys()) if (changed.has(key.slice(key.indexOf('\0') + 1))) this.champions.delete(key);
  }
}

/** The same reads through MiniSearch's public search, one term at a time (slower, but right whatever MiniSearch's internals are). */
export class PublicPostings implements PostingsReader {
  readonly kind = 'public';
  private readonly champions = new Map<string, number[]>();

  constructor(
    private readonly miniSearch: MiniSearch<any>,
    private readonly boosts: Record<string, number>,
  ) {}

  private scores(term: string): Map<number, number> {
    return new Map(this.search(term).map((result) => [result.id as number, result.score]));
  }

  private search(term: string) {
    return this.miniSearch.search(term, { prefix: false, fuzzy: false, combineWith: 'OR', boost: this.boosts });
  }

  term(term: string): TermPostings {
    const scores = this.scores(term);
    if (scores.size === 0) return NO_POSTINGS;
    return {
      has: (id) => scores.has(id),
      ids: () => scores.keys(),
      score: (id) => scores.get(id) ?? 0,
      size: scores.size,
    };
  }

  scoreTable(terms: readonly string[], ids: readonly number[], onlyIn?: string): TermScores[] {
    return terms.map((term) => {
      const found = new Map(this.search(term).map((result) => [result.id as number, result]));
      const inField = onlyIn !== undefined && [...found.values()].some((result) => result.match[term]?.includes(onlyIn));
      const alone = (id: number) => found.get(id)?.match[term]?.join() === onlyIn;
      return {
        scores: Float64Array.from(ids, (id) => found.get(id)?.score ?? 0),
        onlyIn: inField ? Uint8Array.from(ids, (id) => (alone(id) ? 1 : 0)) : null,
      };
    });
  }

  bestMatches(terms: readonly string[], limit: number): number[] {
    const sums = new Map<number, { sum: number; matched: number }>();
    for (const term of terms) {
      for (const [id, score] of this.scores(term)) {
        const entry = sums.get(id);
        if (entry) {
          entry.sum += score;
          entry.matched++;
        } else {
          sums.set(id, { sum: score, matched: 1 });
        }
      }
    }
    const ids = [...sums.keys()];
    return bestOf(ids, Float64Array.from(sums.values(), ({ sum, matched }) => sum * matched), limit);
  }

  championList(term: string, size: number): number[] {
    const key = `${size}\0${term}`;
    const cached = this.champions.get(key);
    if (cached) return cached;
    const list = best([...this.scores(term)], size);
    this.champions.set(key, list);
    return list;
  }

  forget(terms: Iterable<string>): void {
    const changed = new Set(terms);
    for (const key of this.champions.keys()) if (changed.has(key.slice(key.indexOf('\0') + 1))) this.champions.delete(key);
  }
}

/**
 * Where `key` is in the ascending `array` at or after `from` (as indexOf answers: the index, or
 * -(insertion point) - 1), looking 1, 2, 4, … places on before a binary search of the last step.
 */
function gallop(array: Uint32Array, key: number, from: number): number {
  let low = from;
  let step = 1;
  let high = from;
  while (high < array.length && array[high]! < key) {
    low = high + 1;
    high = from + step;
    step *= 2;
  }
  return indexOf(array, key, low, Math.min(high, array.length - 1));
}
