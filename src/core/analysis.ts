import { createAnalyzer, inCyrillic, type Analyzer } from './text/analyzer';
import { englishModelOf, englishTermsOf, type EnglishDf, type EnglishModel, type EnglishTerms } from './text/english';
import { createRelatedWords, type RelatedTerm, type RelatedWords, type RelatedWordsFile } from './text/related-words';
import type { Vocabulary } from './text/vocabulary';
import type { Topics } from './topics';

/**
 * Bump when analysing text changes in a way the data cannot show (the analyzer's code, how
 * passages are split, the catalog's rules): everything cached from an analysis is then made again.
 */
export const ANALYSIS_VERSION = 65;

/** What analysis is made from: the team's data files, already read and checked. */
export interface AnalysisData {
  vocabulary: Vocabulary;
  topics: Topics;
  /** English word counts, or (cheaper) the model already made from them with this vocabulary. */
  english: EnglishDf | EnglishTerms;
  /** Words of one root or one meaning (data/related-words.json, from WordNet). */
  related: RelatedWordsFile;
}

/** The topics in analysed terms, so that a passage's terms tell what it is about. */
export interface TopicTerms {
  minerals: { name: string; terms: string[] }[];
  /** Words that mark an agreement ("memorandum", "deal"). */
  agreement: string[];
  /** Words of signing ("signed", "inked"). */
  signing: string[];
  /** The minerals' names of one term ("uranium", "neodymium", "уран"): a question naming one asks about it (see answer.ts). */
  mineralNames: ReadonlySet<string>;
  /** Every name of every mineral, as terms ("rare earths" is two): a passage with one names a mineral. */
  mineralPhrases: readonly (readonly string[])[];
}

/** How text becomes terms, and how common terms are in English: the same for articles and questions. */
export interface Analysis {
  analyzer: Analyzer;
  english: EnglishModel;
  /** Other forms and synonyms of a term, for partial credit (see answer.ts). */
  related: RelatedWords;
  /** The English model in terms, as cached (see englishTermsOf). */
  englishTerms: EnglishTerms;
  topics: TopicTerms;
  /** The places of a country, by the country's term ("usa"), each as its terms ("baton", "roug"). */
  places: PlacesByCountry;
}

const uniqueTerms = (analyzer: Analyzer, words: string[]) => [...new Set(words.flatMap((word) => analyzer.queryTerms(word)))];

/**
 * The analysis made from `data`. Making the English model from word counts analyses 26,000 words
 * (about 0.2 s); the model made before with the same data (a cache) skips it.
 */
export function createAnalysis(data: AnalysisData): Analysis {
  const analyzer = createAnalyzer(data.vocabulary);
  const english = 'df' in data.english ? englishTermsOf(analyzer, data.english) : data.english;
  // Each word of a mineral's in terms, once: what /minerals finds it by, and its names across languages.
  const mineralWords = data.topics.minerals.map((mineral) => mineral.words.map((word) => analyzer.queryTerms(word)));
  return {
    analyzer,
    english: englishModelOf(english),
    related: withForms(createRelatedWords(data.related, data.vocabulary), [
      ...mineralNameLinks(mineralWords),
      ...nameLinks(data.related.names ?? '', analyzer),
      ...groupLinks(data.vocabulary.relatedWords.map((group) => group.map((word) => analyzer.queryTerms(word)))),
    ]),
    englishTerms: english,
    topics: {
      minerals: data.topics.minerals.map((mineral, i) => ({ name: mineral.name, terms: [...new Set(mineralWords[i]!.flat())] })),
      agreement: uniqueTerms(analyzer, data.topics.agreementWords),
      signing: uniqueTerms(analyzer, data.topics.signingWords),
      mineralNames: new Set(mineralWords.flat().filter((terms) => terms.length === 1).flat()),
      mineralPhrases: mineralWords.flat().filter((terms) => terms.length > 0),
    },
    places: placesByCountry(data.related.places ?? '', analyzer),
  };
}

export interface PlacesByCountry {
  get(country: string): readonly (readonly string[])[] | undefined;
}

/**
 * The places of each country in the analyzer's terms, by the country's one term (see
 * RelatedWordsFile.places). A country's names are analysed when a question first asks about it: the
 * thousand of them at every start (and in every build worker) cost 15–25 ms.
 */
function placesByCountry(lines: string, analyzer: Analyzer): PlacesByCountry {
  const names = new Map<string, string[]>();
  for (const line of lines.split('\n')) {
    const [country, ...named] = line.split('|');
    const terms = analyzer.queryTerms(country ?? '');
    if (terms.length === 1) names.set(terms[0]!, named);
  }
  const analysed = new Map<string, string[][]>();
  return {
    get(country) {
      let places = analysed.get(country);
      const named = places ? undefined : names.get(country);
      if (named) analysed.set(country, (places = named.map((name) => analyzer.queryTerms(name)).filter((place) => place.length > 0)));
      return places;
    },
  };
}

/**
 * A mineral's one-word names in Russian and in other letters are forms of one another ("uranium",
 * "уран", "урана"), so that a question in either language finds the passages naming the mineral in
 * the other. (Names of several words are left out: "редкоземельные металлы" would make "металл" a
 * rare earth.)
 */
function mineralNameLinks(mineralWords: readonly string[][][]): [string, string[]][] {
  const links: [string, string[]][] = [];
  for (const words of mineralWords) {
    const terms = words.filter((found) => found.length === 1).map(([term]) => term!);
    const russian = [...new Set(terms.filter(inCyrillic))];
    const other = [...new Set(terms.filter((term) => !inCyrillic(term)))];
    for (const [from, to] of [[russian, other], [other, russian]] as const) for (const term of from) links.push([term, to]);
  }
  return links;
}

/** The words of names and the words made from them ("irish ireland") in the analyzer's terms: forms of one another. */
function nameLinks(lines: string, analyzer: Analyzer): [string, string[]][] {
  const links: [string, string[]][] = [];
  for (const line of lines.split('\n')) {
    const [word, ...others] = line.split(' ');
    const terms = analyzer.queryTerms(word ?? '');
    if (terms.length !== 1) continue;
    const related = [...new Set(others.flatMap((other) => analyzer.queryTerms(other)))].filter((term) => term !== terms[0]);
    if (related.length > 0) links.push([terms[0]!, related]);
  }
  return links;
}

/** The vocabulary's groups of related words (see Vocabulary.relatedWords): each word's terms are forms of the others'. */
function groupLinks(groups: readonly string[][][]): [string, string[]][] {
  return groups.flatMap((group) => {
    const terms = [...new Set(group.flat())];
    return terms.map((term): [string, string[]] => [term, terms.filter((other) => other !== term)]);
  });
}

/** WordNet's related words, with more forms of some terms put first. */
function withForms(related: RelatedWords, links: readonly [string, string[]][]): RelatedWords {
  const forms = new Map<string, RelatedTerm[]>();
  for (const [term, others] of links) {
    const known = forms.get(term) ?? [];
    forms.set(term, [...known, ...others.filter((other) => !known.some((form) => form.term === other)).map((other): RelatedTerm => ({ term: other, relation: 'form' }))]);
  }
  const memo = new Map<string, readonly RelatedTerm[]>();
  return {
    of(term) {
      const added = forms.get(term);
      if (!added) return related.of(term);
      let all = memo.get(term);
      if (!all) {
        const own = related.of(term).filter((other) => !added.some((form) => form.term === other.term));
        memo.set(term, (all = [...added, ...own]));
      }
      return all;
    },
    knows: (term) => related.knows(term),
  };
}
