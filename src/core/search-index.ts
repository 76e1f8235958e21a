import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { captureMiniSearch, restoreMiniSearch, type Snapshot } from './minisearch-snapshot';
import { Postings, type TermPostings } from './postings';
import type { Analyzer } from './text/analyzer';
import type { Passage } from './types';

const FIELDS = ['text', 'section', 'title'] as const;
type Field = (typeof FIELDS)[number];

/** Field boosts: a word in the section heading says more than one in the text; the title, shared by every passage of an article, less. */
export const FIELD_BOOSTS: Record<Field, number> = { text: 1, section: 1.5, title: 0.4 };

const ROOT_LENGTH = 5;
const SHORTEST_ROOT = 4;

/**
 * The first letters of a term, so that forms Porter stemming leaves apart still meet:
 * "politician" and "polit" (politics), "environment" and "environ". Null for short terms,
 * numbers and alias terms.
 */
function rootOf(term: string): string | null {
  return term.length >= SHORTEST_ROOT && /^[a-z]+$/.test(term) ? term.slice(0, ROOT_LENGTH) : null;
}

/** Suffixes (as Porter stems end) that make a related word of the same sense: polit → politician, environ → environment, leader → leadership. (Not -al or -ion: sign → signal, bill → billion.) */
const DERIVATIONAL_SUFFIXES = ['ician', 'ian', 'ist', 'ment', 'ship'];

/** What is indexed of a passage: its analysed terms per field, joined by spaces. */
interface IndexedPassage {
  id: number;
  text: string;
  section: string;
  title: string;
}

// Terms are analysed before they reach MiniSearch (see Analyzer), so MiniSearch only splits them apart.
const splitTerms = (terms: string) => (terms ? terms.split(' ') : []);
const asIs = (term: string) => term;

const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: splitTerms,
  processTerm: asIs,
  searchOptions: { boost: FIELD_BOOSTS, combineWith: 'OR', tokenize: (query: string) => [query], processTerm: asIs },
};

const yearOf = (published: string | null): string[] => (published ? [published.slice(0, 4)] : []);

/**
 * The full-text index over passages: MiniSearch plus the document frequency of each term,
 * which ranking uses to weigh terms and to skip the very common ones.
 */
export class SearchIndex {
  private constructor(
    private readonly miniSearch: MiniSearch<IndexedPassage>,
    private readonly documentFrequency: Map<string, number>,
  ) {}

  /** The index's terms, for typo and root matches; built on first need (questions with unknown words). */
  private dictionary?: SearchableMap<number>;

  static build(passages: readonly Passage[], analyzer: Analyzer): SearchIndex {
    const miniSearch = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
    const documentFrequency = new Map<string, number>();
    const titleTerms = new Map<string, string[]>();
    const docs = passages.map((passage): IndexedPassage => {
      const { title } = passage.article;
      // The year of publication is searchable with the title: "the 2024 visit".
      const titleKey = `${title}\0${passage.article.published}`;
      const titleTermList = titleTerms.get(titleKey) ?? [...analyzer.indexTerms(title), ...yearOf(passage.article.published)];
      titleTerms.set(titleKey, titleTermList);
      const fields = {
        text: analyzer.indexTerms(passage.text),
        section: passage.section ? analyzer.indexTerms(passage.section) : [],
        title: titleTermList,
      };
      for (const term of new Set([...fields.text, ...fields.section, ...fields.title])) {
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
      return { id: passage.id, text: fields.text.join(' '), section: fields.section.join(' '), title: fields.title.join(' ') };
    });
    miniSearch.addAll(docs);
    return new SearchIndex(miniSearch, documentFrequency);
  }

  get documentCount(): number {
    return this.miniSearch.documentCount;
  }

  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  private postingsReader?: Postings;
  private get postings(): Postings {
    return (this.postingsReader ??= new Postings(this.miniSearch, FIELD_BOOSTS));
  }

  /** An (analysed) term's postings: which passages have it, and its score in each. */
  postingsOf(term: string): TermPostings {
    return this.postings.term(term);
  }

  /** The passages where a term weighs most, best first (candidates for questions made only of common words). */
  champions(term: string, size: number): number[] {
    return this.postings.championList(term, size);
  }

  /** Passages containing any of the terms (exact index terms), best first. */
  search(terms: readonly string[]): SearchResult[] {
    return terms.length ? this.miniSearch.search({ combineWith: 'OR', queries: [...terms] }) : [];
  }

  /**
   * Index terms close to one the index does not know: one or two typos away ("tungstan"), or
   * sharing its root ("politician" finds "polit"). The most frequent first, at most `limit`.
   */
  similarTerms(term: string, limit = 3): string[] {
    this.dictionary ??= SearchableMap.from(this.documentFrequency);
    const found = new Map<string, number>();
    if (term.length >= 5 && !/^\d/.test(term)) {
      for (const [similar, [df]] of this.dictionary.fuzzyGet(term, term.length >= 9 ? 2 : 1)) found.set(similar, df);
    }
    const root = rootOf(term);
    if (root) for (const [similar, df] of this.dictionary.atPrefix(root)) found.set(similar, df);
    found.delete(term);
    return [...found].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([similar]) => similar);
  }

  /**
   * Index terms that are a known term plus or minus a derivational suffix, which Porter stemming
   * leaves apart: "politician" and "polit" (politics), "environment" and "environ". The most frequent first.
   */
  relatedTerms(term: string, limit = 3): string[] {
    if (term.length < SHORTEST_ROOT || !/^[a-z]+$/.test(term)) return [];
    const found = new Map<string, number>();
    for (const suffix of DERIVATIONAL_SUFFIXES) {
      const longer = this.documentFrequency.get(term + suffix);
      if (longer !== undefined) found.set(term + suffix, longer);
      if (term.endsWith(suffix) && term.length - suffix.length >= SHORTEST_ROOT) {
        const stem = term.slice(0, -suffix.length);
        const shorter = this.documentFrequency.get(stem);
        if (shorter !== undefined) found.set(stem, shorter);
      }
    }
    return [...found].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([related]) => related);
  }

  /** The index as typed arrays and strings, for the cache file: much faster to restore than toJSON's (see minisearch-snapshot.ts). */
  serialize(): Snapshot {
    const { meta, arrays, strings } = captureMiniSearch(this.miniSearch);
    const terms = [...this.documentFrequency.keys()];
    return {
      meta: { miniSearch: meta },
      arrays: {
        ...arrays,
        frequencyTermLengths: Uint32Array.from(terms, (term) => term.length),
        frequencies: Uint32Array.from(this.documentFrequency.values()),
      },
      strings: { ...strings, frequencyTerms: terms.join('') },
    };
  }

  /** The index `serialize` saved. Throws when the snapshot is not one (the cache then rebuilds the index). */
  static deserialize(snapshot: Snapshot): SearchIndex {
    const miniSearch = restoreMiniSearch<IndexedPassage>({ ...snapshot, meta: snapshot.meta.miniSearch as Snapshot['meta'] }, MINISEARCH_OPTIONS);
    const { frequencyTermLengths: lengths, frequencies } = snapshot.arrays;
    const terms = snapshot.strings.frequencyTerms;
    if (!(lengths instanceof Uint32Array && frequencies instanceof Uint32Array) || lengths.length !== frequencies.length || terms === undefined) {
      throw new Error('corrupt index snapshot: document frequencies');
    }
    const documentFrequency = new Map<string, number>();
    let at = 0;
    for (let i = 0; i < lengths.length; i++) documentFrequency.set(terms.slice(at, (at += lengths[i]!)), frequencies[i]!);
    if (at !== terms.length) throw new Error('corrupt index snapshot: document frequency terms');
    return new SearchIndex(miniSearch, documentFrequency);
  }
}
