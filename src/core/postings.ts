import type MiniSearch from 'minisearch';
import { internalsOf, type Internals, type TermData } from './minisearch-snapshot';

/**
 * Direct reads of MiniSearch's posting lists, which its public API does not offer: whether a
 * passage has a term, the term's BM25 score in it, and the term's "champion list" (the passages
 * where it weighs most).
 *
 * Why: a search walks every posting of every term, so one common word ("America" in 20,000
 * passages) costs milliseconds. With these reads a query looks up common words only for the
 * candidates its rarer words found, and takes candidates for a question of common words only
 * from their champion lists, so the work per query stays bounded as the knowledge base grows.
 *
 * This leans on MiniSearch 7 internals, checked by minisearch-snapshot.ts's `internalsOf`;
 * tests/postings.test.ts compares every read with MiniSearch's own search, so an upgrade that
 * changes them fails loudly.
 */
export interface TermPostings {
  has(id: number): boolean;
  /** The passages that have the term (each once). */
  ids(): Iterable<number>;
  /** The term's BM25 score in the passage, summed over the fields with their boosts (as MiniSearch scores one term); 0 without it. */
  score(id: number): number;
}

const NO_POSTINGS: TermPostings = { has: () => false, ids: () => [], score: () => 0 };

/** MiniSearch's default BM25 parameters, which the index uses. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

export class Postings {
  private readonly internals: Internals;
  private readonly boosts: [fieldId: number, boost: number][];
  private readonly champions = new Map<string, number[]>();

  constructor(miniSearch: MiniSearch<any>, boosts: Record<string, number>) {
    this.internals = internalsOf(miniSearch);
    this.boosts = Object.entries(boosts).map(([field, boost]) => [this.internals._fieldIds[field]!, boost]);
  }

  /** One term's postings, looked up once, for many passages. */
  term(term: string): TermPostings {
    const data = this.internals._index.get(term);
    const { _idToShortId: shortIds, _documentIds: documentIds } = this.internals;
    if (!data) return NO_POSTINGS;
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
            yield documentIds.get(short) as number;
          }
        }
      },
      score: (id) => {
        const short = shortIds.get(id);
        return short === undefined ? 0 : this.scoreShort(fields, short);
      },
    };
  }

  /** The fields a term occurs in, each with what its BM25 score needs that does not depend on the passage. */
  private fieldsOf(data: TermData) {
    const { _documentCount: total, _avgFieldLength } = this.internals;
    return this.boosts
      .filter(([fieldId]) => data.has(fieldId))
      .map(([fieldId, boost]) => {
        const postings = data.get(fieldId)!;
        const idf = Math.log(1 + (total - postings.size + 0.5) / (postings.size + 0.5));
        return { fieldId, postings, weight: boost * idf, averageLength: _avgFieldLength[fieldId]! };
      });
  }

  /** BM25 as MiniSearch computes it (see its calcBM25Score), summed over the term's fields. */
  private scoreShort(fields: ReturnType<Postings['fieldsOf']>, short: number): number {
    let score = 0;
    for (const { fieldId, postings, weight, averageLength } of fields) {
      const tf = postings.get(short);
      if (tf === undefined) continue;
      const length = this.internals._fieldLength.get(short)![fieldId]!;
      score += weight * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
    }
    return score;
  }

  /** The `size` passages where the term scores highest, best first; computed once per term. */
  championList(term: string, size: number): number[] {
    const key = `${size}\0${term}`;
    const cached = this.champions.get(key);
    if (cached) return cached;
    const data = this.internals._index.get(term);
    const scored: [number, number][] = [];
    if (data) {
      const fields = this.fieldsOf(data);
      const seen = new Set<number>();
      for (const { postings } of fields) {
        for (const short of postings.keys()) {
          if (seen.has(short)) continue;
          seen.add(short);
          scored.push([short, this.scoreShort(fields, short)]);
        }
      }
    }
    const list = scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, size)
      .map(([short]) => this.internals._documentIds.get(short) as number);
    this.champions.set(key, list);
    return list;
  }
}
