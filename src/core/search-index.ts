import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Analyzer } from './text/analyzer';
import type { Passage } from './types';

const FIELDS = ['text', 'section', 'title', 'root'] as const;
type Field = (typeof FIELDS)[number];
const WORD_FIELDS: Field[] = ['text', 'section', 'title'];

/**
 * Field boosts: a word in the section heading says more than one in the text; the title, shared by
 * every passage of an article, less; a shared root ("politician" ~ "polit") least.
 */
export const FIELD_BOOSTS: Record<Field, number> = { text: 1, section: 1.5, title: 0.4, root: 0.3 };

const ROOT_LENGTH = 5;

/**
 * The first letters of a term, so that forms Porter stemming leaves apart still meet:
 * "politician" and "polit" (politics), "environment" and "environ". Null for short terms,
 * numbers and alias terms.
 */
export function rootOf(term: string): string | null {
  return term.length >= ROOT_LENGTH && /^[a-z]+$/.test(term) ? term.slice(0, ROOT_LENGTH) : null;
}

/** What is indexed of a passage: its analysed terms per field, joined by spaces. */
interface IndexedPassage {
  id: number;
  text: string;
  section: string;
  title: string;
  root: string;
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

export interface TermQuery {
  term: string;
  /** Allow typo matches (for terms the index does not know). */
  fuzzy?: boolean;
  prefix?: boolean;
  /** Also match passages sharing the term's root (see rootOf), with a low boost. */
  root?: boolean;
}

/**
 * The full-text index over passages: MiniSearch plus the document frequency of each term,
 * which ranking uses to weigh terms and to skip the very common ones.
 */
export class SearchIndex {
  private constructor(
    private readonly miniSearch: MiniSearch<IndexedPassage>,
    private readonly documentFrequency: Map<string, number>,
  ) {}

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
      const roots = new Set([...fields.text, ...fields.section].map(rootOf).filter((root) => root !== null));
      return {
        id: passage.id,
        text: fields.text.join(' '),
        section: fields.section.join(' '),
        title: fields.title.join(' '),
        root: [...roots].join(' '),
      };
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

  /** Inverse document frequency (BM25's), also for terms the index has never seen. */
  idf(term: string): number {
    const n = this.documentCount;
    const df = this.frequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Passages matching any of the terms, best first. With `among`, only those passages are scored
   * (the others are skipped as they are met, which keeps very common terms cheap).
   */
  search(terms: TermQuery[], among?: ReadonlySet<number>): SearchResult[] {
    if (terms.length === 0) return [];
    // MiniSearch keeps one field list per matched term, so a root equal to a query term is not asked
    // separately (the term itself finds those passages).
    const asked = new Set(terms.map(({ term }) => term));
    return this.miniSearch.search(
      {
        combineWith: 'OR',
        queries: terms.flatMap(({ term, fuzzy, prefix, root }) => {
          const exact = {
            queries: [term],
            fields: WORD_FIELDS,
            fuzzy: fuzzy && term.length >= 4 ? 0.2 : false,
            prefix: prefix ?? false,
            maxFuzzy: 2,
          };
          const rootTerm = root ? rootOf(term) : null;
          return rootTerm && !asked.has(rootTerm) ? [exact, { queries: [rootTerm], fields: ['root'] }] : [exact];
        }),
      },
      among ? { boostDocument: (id) => (among.has(id as number) ? 1 : 0) } : {},
    );
  }

  /** Index terms starting with `prefix`, most frequent first (for autocomplete). */
  termsStartingWith(prefix: string, limit: number): string[] {
    const found: [string, number][] = [];
    for (const [term, df] of this.documentFrequency) if (term.startsWith(prefix)) found.push([term, df]);
    return found
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([term]) => term);
  }

  toJSON(): { miniSearch: unknown; documentFrequency: [string, number][] } {
    return { miniSearch: this.miniSearch.toJSON(), documentFrequency: [...this.documentFrequency] };
  }

  static fromJSON(json: { miniSearch: unknown; documentFrequency: [string, number][] }): SearchIndex {
    const miniSearch = MiniSearch.loadJS<IndexedPassage>(json.miniSearch as never, MINISEARCH_OPTIONS);
    return new SearchIndex(miniSearch, new Map(json.documentFrequency));
  }
}
