import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { addDocuments, captureMiniSearch, hasKnownLayout, internalsOf, restoreMiniSearch, type Packed, type TermDocument } from './minisearch-snapshot';
import { InternalPostings, PublicPostings, type PostingsReader, type PresetChampions, type TermPostings, type TermScores } from './postings';
import { stemmer } from 'stemmer';
import { inCyrillic } from './text/analyzer';
import { commonSlipsUndone } from './text/english';

const FIELDS = ['text', 'section', 'title'] as const;
type Field = (typeof FIELDS)[number];

/** Field boosts: a word in the section heading says more than one in the text; the title, shared by every passage of an article, less. */
export const FIELD_BOOSTS: Record<Field, number> = { text: 1, section: 1.5, title: 0.4 };

/** A passage as the index takes it: its analysed terms per field (see Engine). */
export interface IndexedPassage {
  id: number;
  text: readonly string[];
  section: readonly string[];
  title: readonly string[];
}

/**
 * A term in more passages than this is "common": a query never walks its postings, and takes as
 * candidates only its champion list (the passages where it weighs most), made ahead by the cache
 * builder for every common term. This bounds the work of a query however large the library grows.
 * 25 a term: 50 found no answer more on any evaluation set, and scoring the extra candidates was
 * about a sixth of a question's time at 100,000 passages.
 */
export const CHAMPION_LISTS = { termsAbove: 150, size: 25 } as const;

/** similarTerms' and relatedTerms' answers remembered, at most (then forgotten all at once). */
const REMEMBERED_TERM_LOOKUPS = 20_000;

/** How unknown words find the index's terms: typos and shared roots. */
export const TERM_MATCHING = {
  /** Words this long or longer are matched with one typo… */
  oneTypoFrom: 5,
  /** …and this long or longer with two. */
  twoTyposFrom: 9,
  /** Longer words are not tried for the commonest slips (see findSimilar): a word is rarely longer, and each letter adds 27 look-ups. */
  slipsUpTo: 24,
  /** Words share a root when their first letters agree: "politician" and "polit" (politics). */
  rootLength: 5,
  /** Shorter words have no root to share. */
  shortestRoot: 4,
  /** A Russian stem this short still has other endings: "уран" (уране) and "ура" (урана, уран), "мед" (медь, меди). */
  shortestRussianStem: 3,
} as const;

/** Suffixes (as Porter stems end) that make a related word of the same sense: polit → politician, environ → environment, leader → leadership. (Not -al or -ion: sign → signal, bill → billion.) */
const DERIVATIONAL_SUFFIXES = ['ician', 'ian', 'ist', 'ment', 'ship'];

/** The letters of Russian words' endings (ё is read as е: see text/analyzer.ts). */
const RUSSIAN_LETTERS = [...'абвгдежзийклмнопрстуфхцчшщъыьэюя'];

/** The first letters of a term, for root matches; null for short terms, numbers and alias terms. */
function rootOf(term: string): string | null {
  return term.length >= TERM_MATCHING.shortestRoot && /^(?:[a-z]+|\p{Script=Cyrillic}+)$/u.test(term) ? term.slice(0, TERM_MATCHING.rootLength) : null;
}

/** What MiniSearch stores of a passage: its terms per field, joined by spaces (MiniSearch only splits them apart again). */
export interface StoredPassage {
  id: number;
  text: string;
  section: string;
  title: string;
}

const splitTerms = (terms: string) => (terms ? terms.split(' ') : []);
const asIs = (term: string) => term;

/** MiniSearch as the index uses it (addDocuments, which adds passages, must leave what its addAll would with these: see its test). */
export const MINISEARCH_OPTIONS: Options<StoredPassage> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: splitTerms,
  processTerm: asIs,
  // Removed passages are taken out of the posting lists at once (`remove`), so there is never anything to vacuum.
  autoVacuum: false,
  searchOptions: { boost: FIELD_BOOSTS, combineWith: 'OR', tokenize: (query: string) => [query], processTerm: asIs },
};

const stored = (passage: IndexedPassage): StoredPassage => ({
  id: passage.id,
  text: passage.text.join(' '),
  section: passage.section.join(' '),
  title: passage.title.join(' '),
});

/** The same as addDocuments takes it (the fields in FIELDS' order). */
const termsOf = (passage: IndexedPassage): TermDocument => ({ id: passage.id, fields: [passage.text, passage.section, passage.title] });

export interface IndexOptions {
  /**
   * Read MiniSearch's posting lists directly (the default, fast) when its layout is the one this
   * code knows; false reads them only through MiniSearch's public search (slower, same answers).
   */
  useInternals?: boolean;
  /** Told when the fast reads cannot be used, or when a restored index turns out to be damaged. */
  onWarning?: (message: string) => void;
}

/**
 * The full-text index over passages: MiniSearch, the document frequency of each term (which
 * ranking uses to weigh terms and to skip the very common ones), and a reader of its posting lists.
 * Passages are added and removed one article at a time as the knowledge base changes.
 */
export class SearchIndex {
  private readonly documentFrequency: Map<string, number>;
  /** Total length of each field over all passages: BM25's average, exact whatever the order of changes. */
  private readonly fieldTotals: number[];
  private readonly reader: PostingsReader;
  /** The index's terms, for typo and root matches; made on first need (questions with unknown words). */
  private dictionary?: SearchableMap<number>;
  /** The dictionary while warmUpSteps makes it (dropped by a change: it is made again when needed). */
  private partialDictionary?: { map: SearchableMap<number>; terms: Iterator<string> };
  private damage?: string;

  private constructor(
    private readonly miniSearch: MiniSearch<StoredPassage>,
    documentFrequency: Map<string, number>,
    fieldTotals: number[],
    private readonly options: IndexOptions,
    champions?: PresetChampions,
  ) {
    this.documentFrequency = documentFrequency;
    this.fieldTotals = fieldTotals;
    const fast = options.useInternals !== false && hasKnownLayout(miniSearch);
    if (options.useInternals !== false && !fast) {
      options.onWarning?.('MiniSearch is not the version this index was written for (7.2.0): searching through its public API instead, which is slower but answers the same');
    }
    this.reader = fast
      ? new InternalPostings(internalsOf(miniSearch), FIELD_BOOSTS, { averageOf: (fieldId) => this.averageLength(fieldId) }, champions)
      : new PublicPostings(miniSearch, FIELD_BOOSTS);
  }

  static create(options: IndexOptions = {}): SearchIndex {
    return new SearchIndex(new MiniSearch(MINISEARCH_OPTIONS), new Map(), FIELDS.map(() => 0), options);
  }

  /** The index `serialize` saved. Throws when the snapshot cannot be used (the caller then builds the index again). */
  static restore(snapshot: Packed, options: IndexOptions = {}): SearchIndex {
    const { frequencyTermLengths: lengths, frequencies, fieldLength } = snapshot.arrays;
    const terms = snapshot.strings.frequencyTerms;
    if (!(lengths instanceof Uint32Array && frequencies instanceof Uint32Array) || lengths.length !== frequencies.length || terms === undefined) {
      throw new Error('corrupt index snapshot: document frequencies');
    }
    const documentFrequency = new Map<string, number>();
    let at = 0;
    for (let i = 0; i < lengths.length; i++) documentFrequency.set(terms.slice(at, (at += lengths[i]!)), frequencies[i]!);
    if (at !== terms.length) throw new Error('corrupt index snapshot: document frequency terms');

    let index: SearchIndex;
    const warn = (what: string) => index.reportDamage(what);
    if (typeof snapshot.strings.miniSearchJson === 'string') {
      // Written through the public API (MiniSearch's own JSON), when its layout was not the known one.
      const miniSearch = MiniSearch.loadJSON<StoredPassage>(snapshot.strings.miniSearchJson, MINISEARCH_OPTIONS);
      const totals = snapshot.meta.fieldTotals;
      if (!Array.isArray(totals) || totals.length !== FIELDS.length || !totals.every((n) => Number.isInteger(n) && n >= 0)) {
        throw new Error('corrupt index snapshot: field totals');
      }
      index = new SearchIndex(miniSearch, documentFrequency, totals as number[], options);
    } else {
      if (options.useInternals === false || !hasKnownLayout(new MiniSearch(MINISEARCH_OPTIONS))) {
        throw new Error('the index snapshot was written for MiniSearch 7.2.0 and cannot be read through the public API');
      }
      if (!(fieldLength instanceof Uint32Array) || fieldLength.length % FIELDS.length !== 0) throw new Error('corrupt index snapshot: field lengths');
      const totals = FIELDS.map(() => 0);
      for (let i = 0; i < fieldLength.length; i++) totals[i % FIELDS.length]! += fieldLength[i]!;
      const miniSearch = restoreMiniSearch<StoredPassage>(snapshot, MINISEARCH_OPTIONS, warn);
      index = new SearchIndex(miniSearch, documentFrequency, totals, options, readChampions(snapshot, documentFrequency));
    }
    if (index.documentCount === 0 && documentFrequency.size > 0) throw new Error('corrupt index snapshot: terms without passages');
    return index;
  }

  /** How the posting lists are read: MiniSearch's own maps, or its public search. */
  get readerKind(): PostingsReader['kind'] {
    return this.reader.kind;
  }

  /** Why the restored index is not to be trusted (something in it named no passage), or undefined. */
  get damaged(): string | undefined {
    return this.damage;
  }

  private reportDamage(what: string): void {
    if (this.damage) return;
    this.damage = what;
    this.options.onWarning?.(`the index cache is damaged (${what}); that part is ignored, and the index will be built again`);
  }

  get documentCount(): number {
    return this.miniSearch.documentCount;
  }

  private averageLength(fieldId: number): number {
    const count = this.miniSearch.documentCount;
    return count > 0 ? this.fieldTotals[fieldId]! / count : 0;
  }

  add(passages: readonly IndexedPassage[]): void {
    this.partialDictionary = undefined;
    this.termsFound.clear();
    const touched = new Set<string>();
    for (const passage of passages) {
      for (const term of new Set([...passage.text, ...passage.section, ...passage.title])) {
        const df = (this.documentFrequency.get(term) ?? 0) + 1;
        this.documentFrequency.set(term, df);
        this.dictionary?.set(term, df);
        touched.add(term);
      }
      this.countLengths(passage, 1);
    }
    if (this.reader.kind === 'internals') addDocuments(this.miniSearch, FIELDS, passages.map(termsOf));
    else this.miniSearch.addAll(passages.map(stored));
    this.reader.forget(touched);
  }

  /** A field's length, as MiniSearch counts it: its distinct terms. */
  private countLengths(passage: IndexedPassage, sign: 1 | -1): void {
    this.fieldTotals[0]! += sign * new Set(passage.text).size;
    this.fieldTotals[1]! += sign * new Set(passage.section).size;
    this.fieldTotals[2]! += sign * new Set(passage.title).size;
  }

  /** Removes passages, which must be given exactly as they were added. */
  remove(passages: readonly IndexedPassage[]): void {
    this.partialDictionary = undefined;
    this.termsFound.clear();
    const touched = new Set<string>();
    for (const passage of passages) {
      if (!this.miniSearch.has(passage.id)) continue;
      this.miniSearch.remove(stored(passage));
      for (const term of new Set([...passage.text, ...passage.section, ...passage.title])) {
        const df = (this.documentFrequency.get(term) ?? 0) - 1;
        if (df > 0) {
          this.documentFrequency.set(term, df);
          this.dictionary?.set(term, df);
        } else {
          this.documentFrequency.delete(term);
          this.dictionary?.delete(term);
        }
        touched.add(term);
      }
      this.countLengths(passage, -1);
    }
    this.reader.forget(touched);
  }

  has(id: number): boolean {
    return this.miniSearch.has(id);
  }

  /** In how many passages a term occurs. */
  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /** An (analysed) term's postings: which passages have it, and its score in each. */
  postingsOf(term: string): TermPostings {
    return this.reader.term(term);
  }

  /** Each term's score in each of the passages, and where only the passage's title has it (see PostingsReader.scoreTable). */
  scoreTable(terms: readonly string[], ids: readonly number[]): TermScores[] {
    return this.reader.scoreTable(terms, ids, 'title');
  }

  /** The passages where a term weighs most, best first (candidates for questions made only of common words). */
  champions(term: string, size: number): number[] {
    return this.reader.championList(term, size);
  }

  /**
   * The passages having any of the terms, best first, at most `limit`: each scores the sum of its
   * terms' scores times the number of terms it has, as MiniSearch ranks an OR query.
   */
  bestMatches(terms: readonly string[], limit: number): number[] {
    return this.reader.bestMatches([...new Set(terms)], limit);
  }

  /** Makes what the first unusual question would otherwise pay for (the dictionary of terms), now. */
  warmUp(): void {
    for (const _ of this.warmUpSteps());
  }

  /** The warm-up in steps of a few thousand terms, for a caller that yields between them; a question that needs the dictionary meanwhile finishes it. */
  *warmUpSteps(termsPerStep = 20_000): Generator<void> {
    if (this.dictionary) return;
    const dictionary = (this.partialDictionary ??= { map: new SearchableMap<number>(), terms: this.documentFrequency.keys() });
    while (this.partialDictionary === dictionary) {
      for (let n = 0; n < termsPerStep; n++) {
        const next = dictionary.terms.next();
        if (next.done) {
          this.dictionary = dictionary.map;
          this.partialDictionary = undefined;
          return;
        }
        dictionary.map.set(next.value, this.documentFrequency.get(next.value)!);
      }
      yield;
    }
  }

  /**
   * Index terms close to one the index does not know: one or two typos away ("tungstan"), or
   * sharing its root ("politician" finds "polit"). The most frequent first, at most `limit`.
   * Without `typos` (a word spelled right that the articles happen not to use: "located" is not a
   * misspelt "local"), only terms sharing its root.
   */
  similarTerms(term: string, { typos = true, limit = 3 }: { typos?: boolean; limit?: number } = {}): readonly string[] {
    return this.remembered(`${typos ? 't' : 'r'}${limit}\0${term}`, () => this.findSimilar(term, typos, limit));
  }

  /**
   * similarTerms' and relatedTerms' answers until the index changes: questions come back to the same
   * words, and a walk of the dictionary for typos costs tens of microseconds, a term's related terms
   * ten look-ups.
   */
  private readonly termsFound = new Map<string, string[]>();

  private remembered(key: string, find: () => string[]): readonly string[] {
    let terms = this.termsFound.get(key);
    if (!terms) {
      if (this.termsFound.size >= REMEMBERED_TERM_LOOKUPS) this.termsFound.clear();
      this.termsFound.set(key, (terms = find()));
    }
    return terms;
  }

  private findSimilar(term: string, typos: boolean, limit: number): string[] {
    this.warmUp();
    const dictionary = this.dictionary!;
    const found = new Map<string, number>();
    if (typos && term.length >= TERM_MATCHING.oneTypoFrom && !/^\d/.test(term)) {
      const distance = term.length >= TERM_MATCHING.twoTyposFrom ? 2 : 1;
      for (const [similar, [df]] of dictionary.fuzzyGet(term, distance)) found.set(similar, df);
      // The commonest slips of the keys, a letter left out or two swapped, are one typo, though the
      // stems of the word and of the slip can be further apart than that ("minster" is "minister",
      // whose term is "minist"; "sigend" is "signed", the term "sign"), and fuzzyGet counts a swap as two.
      if (term.length <= TERM_MATCHING.slipsUpTo && /^[a-z]+$/.test(term)) {
        for (const word of commonSlipsUndone(term)) {
          // The term is a stem: "delgates" is "delgat", and "delegat" is the stem of "delegate" only with its "e" back.
          for (const form of [word, stemmer(word), stemmer(`${word}e`)]) {
            const df = this.documentFrequency.get(form);
            if (df !== undefined) found.set(form, df);
          }
        }
      }
    }
    const root = rootOf(term);
    if (root) for (const [similar, df] of dictionary.atPrefix(root)) found.set(similar, df);
    found.delete(term);
    return mostFrequent(found, limit);
  }

  /**
   * Index terms that are a known term plus or minus a derivational suffix, which Porter stemming
   * leaves apart: "politician" and "polit" (politics), "environment" and "environ". The most frequent first.
   */
  relatedTerms(term: string, limit = 3): readonly string[] {
    return this.remembered(`d${limit}\0${term}`, () => this.findRelated(term, limit));
  }

  private findRelated(term: string, limit: number): string[] {
    if (term.length < TERM_MATCHING.shortestRoot || !/^[a-z]+$/.test(term)) return [];
    const found = new Map<string, number>();
    for (const suffix of DERIVATIONAL_SUFFIXES) {
      const longer = this.documentFrequency.get(term + suffix);
      if (longer !== undefined) found.set(term + suffix, longer);
      if (term.endsWith(suffix) && term.length - suffix.length >= TERM_MATCHING.shortestRoot) {
        const stem = term.slice(0, -suffix.length);
        const shorter = this.documentFrequency.get(stem);
        if (shorter !== undefined) found.set(stem, shorter);
      }
    }
    return mostFrequent(found, limit);
  }

  /**
   * For a Russian term, index terms that are it with one or two letters more or fewer at the end:
   * Snowball's Russian stemmer takes a nominative's last letters for an ending ("вольфрам" →
   * "вольфр", "Казахстан" → "казахста", "уран" → "ура") but leaves them on its other cases
   * ("вольфрама" → "вольфрам", "уране" → "уран"). None for a term in other letters.
   */
  otherEndings(term: string, limit = 3): string[] {
    if (!inCyrillic(term)) return [];
    const shortest = TERM_MATCHING.shortestRussianStem;
    if (term.length < shortest) return [];
    const found = new Map<string, number>();
    const look = (other: string) => {
      const df = this.documentFrequency.get(other);
      if (df !== undefined) found.set(other, df);
    };
    // Looked up letter by letter (about a thousand lookups, 0.1 ms), not walked in the dictionary,
    // where the words sharing a short stem's letters can be thousands.
    for (const first of RUSSIAN_LETTERS) {
      look(term + first);
      for (const second of RUSSIAN_LETTERS) look(term + first + second);
    }
    for (let cut = 1; cut <= 2 && term.length - cut >= shortest; cut++) look(term.slice(0, -cut));
    return mostFrequent(found, limit);
  }

  /** The index as typed arrays and strings, for the cache file (see minisearch-snapshot.ts), or MiniSearch's own JSON when its internals are not read. */
  serialize(): Packed {
    const terms = [...this.documentFrequency.keys()];
    const frequencyArrays = {
      frequencyTermLengths: Uint32Array.from(terms, (term) => term.length),
      frequencies: Uint32Array.from(this.documentFrequency.values()),
    };
    if (this.reader.kind === 'public') {
      return {
        meta: { fieldTotals: this.fieldTotals },
        arrays: frequencyArrays,
        strings: { frequencyTerms: terms.join(''), miniSearchJson: JSON.stringify(this.miniSearch) },
      };
    }
    const { meta, arrays, strings } = captureMiniSearch(this.miniSearch);
    // Every common term's champion list, made now (in the cache builder's thread), so that a
    // question's first use of a common word costs no more than its next.
    const common = terms.filter((term) => this.documentFrequency.get(term)! > CHAMPION_LISTS.termsAbove);
    const championIds = new Float64Array(common.length * CHAMPION_LISTS.size).fill(-1);
    common.forEach((term, i) => this.champions(term, CHAMPION_LISTS.size).forEach((id, j) => (championIds[i * CHAMPION_LISTS.size + j] = id)));
    return {
      meta: { ...meta, championSize: CHAMPION_LISTS.size },
      arrays: { ...arrays, ...frequencyArrays, championTermLengths: Uint32Array.from(common, (term) => term.length), championIds },
      strings: { ...strings, frequencyTerms: terms.join(''), championTerms: common.join('') },
    };
  }
}

/** The champion lists a snapshot holds (none from an older one); lists of terms the index does not have are left out. */
function readChampions(snapshot: Packed, documentFrequency: Map<string, number>): PresetChampions {
  const champions: PresetChampions = new Map();
  const { championTermLengths: lengths, championIds: ids } = snapshot.arrays;
  const terms = snapshot.strings.championTerms;
  const size = snapshot.meta.championSize;
  if (!(lengths instanceof Uint32Array && ids instanceof Float64Array) || typeof terms !== 'string' || typeof size !== 'number' || ids.length !== lengths.length * size) return champions;
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const term = terms.slice(at, (at += lengths[i]!));
    const list: number[] = [];
    for (let j = i * size; j < (i + 1) * size && ids[j]! >= 0; j++) list.push(ids[j]!);
    if (documentFrequency.has(term)) champions.set(term, list);
  }
  return champions;
}

/** The `limit` most frequent terms; equal counts alphabetically, so that the choice never depends on the order terms came in. */
function mostFrequent(found: Map<string, number>, limit: number): string[] {
  return [...found]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([term]) => term);
}
