import type { TopicTerms } from './analysis';
import { CALENDAR_WORDS, newestPublishedFirst } from './catalog';
import { abbreviationAsked, ordinalsNumbered, answerTypesOf, asksAge, howAdjectiveOf, statesAge, asksAboutRecentDay, attributeNextToOwner, attributeOfName, attributeOwners, attributeTermsOf, type AttributeAsked, askedNoun, asksHowLong, textAsked, foundingAsked, asksNegated, asksOutcome, statesPlan, statesPast, asksDid, namesOnlyOtherOrdinal, ordinalsOf, asksPrice, asksWhenItHappened, countedTerms, countsIn, definesThing, measuresAsked, definitionAsked, asksSpending, holdsMoney, holdsShare, LIGHT_VERBS, FRAMING_WORDS, PLACE_FRAMING_WORDS, nameAsked, namesOnlyDeputy, namesThing, officeAsked, type AnswerTypesHeld, reportsWordsOf, REQUIRED_TYPES, speakerAsked, spellingOut, statesNegation, timeWordAsked } from './answer-type';
import { refersBack } from './back-reference';
import { focusOf, focusShareOf, type PassageSentences, type QuestionWords } from './proximity';
import { onlyInProperNames, writtenAsName } from './proper-names';
import type { TermPostings } from './postings';
import { CHAMPION_LISTS, type SearchIndex } from './search-index';
import { inCyrillic, mostlyCyrillic, rawTokens, type Analyzer } from './text/analyzer';
import { MONTH_ABBREVIATIONS, MONTH_NAMES } from './text/number-words';
import type { EnglishModel } from './text/english';
import { transliterated } from './text/name-spelling';
import type { RelatedWords } from './text/related-words';
import type { Answer, AnswerResult, Article, Passage } from './types';
import { asksWhich, mentionsOnlyUnnamed, namedThingAsked, withholdsNameAsked, asksWhoOne, namesNothing } from './withheld';
import { DAY_MS } from '../util/time-of-day';

export const ANSWER_DEFAULTS = {
  /** Results returned at most. */
  limit: 5,
  /**
   * Share of the question's weight that the best passage must contain to count as an answer.
   * Below it the question is declined: "What is the capital of France?" shares only "capital"
   * with the articles.
   */
  minCoverage: 0.6,
  /**
   * Below minCoverage, down to this, the best passage still answers when it has the attribute the
   * question asks about ("the population of …", see askedNoun) and either minEvidence of the
   * question's words, or every specific word of it while ranking clearly first: a question phrased
   * in other words than the passage ("In what country is Normandy located?" and "Normandy, a region
   * in France") misses framing words, not its subject. Below this share, it never answers.
   */
  lowCoverage: 0.25,
  /**
   * The weight of the question's words (each capped at maxTermWeight, times its credit) such a
   * passage must have. Names count for nameEvidence of theirs: "Which party does Marco Rubio
   * belong to?" names someone the articles know but asks what they do not say.
   */
  minEvidence: 3.5,
  nameEvidence: 0.25,
  /** "Ranks clearly first": its score is this many times the next passage's. */
  clearlyFirst: 3,
  /**
   * When the best passage does not cover enough of the question, the first of this many best that
   * has every word of it answers instead (if it passes every other rule) …
   */
  completeAmong: 10,
  /** … and scores at least this share of the best. */
  completeWithin: 0.1,
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
  /** Credit for a term matched by another form of its word ("arrival" for "arriving", "told" for "tell"). */
  formCredit: 0.8,
  /** Credit for a term matched by a synonym ("employ" for "use"). */
  synonymCredit: 0.5,
  /**
   * Credit, in ordering the passages of one article, for a word a passage has only in its article's
   * title, which every passage of the article shares: it says which article, not which passage.
   * "Who signed the memorandum on tungsten?" in "Kazakhstan and US Ink MOU …" is answered by the
   * passage saying who signed, not by the one on tungsten that signs nothing. Among articles, and in
   * deciding whether to answer, the word counts fully.
   */
  titleOnlyCredit: 0.25,
  /** Related words (forms, synonyms) looked up per question term, at most. */
  maxRelatedTerms: 8,
  /** How much coverage shapes the ranking: score × coverage^this. */
  coverageExponent: 2,
  /** Passages holding the kind of answer asked for (a person for "who", a place for "where", …) score this much more. */
  answerTypeBoost: 2.5,
  /**
   * A memo's or a cable's header ("To: …", "From: …", "Subject: …", its lines often run together in
   * one paragraph) says what the whole document is about, as its title does: it scores this much of
   * what it would.
   */
  headerWeight: 0.1,
  /** Scores within this fraction of each other count as equal, and the newer article wins. */
  tieTolerance: 0.01,
  /**
   * For a question about now ("Who is the current minister of industry?"), the newest passage
   * scoring at least this share of the best answers first: news of the office's holder changes.
   */
  currentWithin: 0.5,
  /** Questions longer than this many terms are cut (the rest adds noise, not meaning). */
  maxTerms: 24,
  /**
   * A term in more passages than this is "common": its posting list is not walked. Rarer terms
   * find the candidates, and a common term offers only its champion list (the passages where it
   * weighs most). This bounds the work of a query however large the knowledge base grows.
   */
  commonAbove: CHAMPION_LISTS.termsAbove,
  /** Candidates each common term offers from its champion list. */
  championsPerTerm: CHAMPION_LISTS.size,
  /** Candidates from the walked terms that are scored in full. */
  candidates: 100,
  /** Further candidates found by related words (see maxRelatedTerms). */
  relatedCandidates: 30,
  /** The best candidates whose sentences are read to see whether the question's words come together (see proximity.ts). */
  focusCandidates: 10,
  /** How much a sentence holding the question's words together raises a score: × (1 + this × share). */
  focusWeight: 3,
  focusExponent: 2,
  /**
   * The share of general English's paragraphs a word must be in to be read as a common noun that a
   * name may hold without saying it ("capital" in "Cove Kaz Capital Group"; see answersAsAsked).
   */
  commonWordShare: 1 / 2000,
  /** How much a passage that says what the thing asked about is raises its score: × (1 + this) (see definesThing). */
  definitionWeight: 1,
  /**
   * For a question asking what something is, the best candidates searched for a passage saying so
   * (then read as the focus candidates are): in the article about the thing, every passage names
   * it, and the one saying what it is may not be among the best few.
   */
  definitionCandidates: 50,
  /**
   * A question about yesterday, last night or this morning is answered only from an article
   * published at most this many days before the day it is asked (or a day after it: the asker's
   * time zone may be ahead of UTC): "What did Tokayev say yesterday?" is not answered from last
   * year's report.
   */
  recentDays: 2,
};

export type AnswerSettings = typeof ANSWER_DEFAULTS;

/** What answering needs: the index and its passages, the analyzer, and the model of English. */
export interface AnswerContext {
  index: SearchIndex;
  /** Passages by id (a removed passage leaves a hole). */
  passages: readonly (Passage | undefined)[];
  analyzer: Analyzer;
  /** The passages' sentences as the analyzer reads them, remembered across questions (see proximity.ts). */
  sentences: PassageSentences;
  /** Which kinds of answer the passages hold, remembered across questions. */
  answerTypes: AnswerTypesHeld;
  english: EnglishModel;
  /** Words of one root or one meaning (see text/related-words.ts); without it only typos and shared roots earn partial credit. */
  related?: RelatedWords;
  /** The day a question is asked (YYYY-MM-DD, UTC): what "yesterday" means. Without it, a question about a recent day is declined. */
  today?: () => string;
  /**
   * The words of the library's topics (see TopicTerms): the minerals' one-word names, which a passage
   * must have (or a form of) to answer a question naming them, every name of a mineral, the words of
   * an agreement and of signing one.
   */
  topics?: Pick<TopicTerms, 'mineralNames' | 'mineralPhrases' | 'agreement' | 'signing'>;
  /** The passages naming a place of a country, by the country's term (see Analysis.places): "of Pittsburgh" is in the US. */
  placesOf?: (country: string) => ReadonlySet<number> | undefined;
}

interface Candidate {
  passage: Passage;
  /** Where its term scores are (see scoreTerms). */
  slot: number;
  score: number;
  coverage: number;
  /** The passage lacks a name the question uses ("Did Japan sign …", "uzbekistan deal"): it is about something else. */
  missesName: boolean;
  /** The largest share of the question's weight one of its sentences holds (see proximity.ts); found for the best few candidates, 0 for the others. */
  focus: number;
}

/** Whether each passage refers back to a name before it (see back-reference.ts), found when first needed. */
const REFERS_BACK = new WeakMap<Passage, boolean>();

/** Coverage of every word of the question (up to rounding). */
const FULL_COVERAGE = 0.999;

const NAME_TOKEN = /^\p{Lu}/u;
const LOWERCASE_WORD = /^\p{Ll}/u;
/** A word of capitals only, an abbreviation ("APT", "DFC", "MOUs"). */
const ABBREVIATION = /^\p{Lu}{2,6}s?$/u;

/**
 * Terms of the names in a question: capitalized words after the first. Questions typed without
 * lowercase words (all caps, Title Case) say nothing about names.
 */
function nameTerms(question: string, terms: readonly string[], analyzer: Analyzer): Set<string> {
  const tokens = rawTokens(question);
  if (!tokens.some((token) => LOWERCASE_WORD.test(token))) return new Set();
  const asked = new Set(terms);
  // Not a month or a day: "in March 2024" names no one a passage must name.
  const names = tokens.slice(1).filter((token) => NAME_TOKEN.test(token) && !CALENDAR_WORDS.has(token.toLowerCase()));
  return new Set(names.flatMap((name) => analyzer.queryTerms(name)).filter((term) => asked.has(term)));
}

/** The terms of each name of a question: its runs of capitalized words after the first ("President Tokayev", "Alan Turing"). */
function namesOf(question: string, analyzer: Analyzer): string[][] {
  const names: string[][] = [];
  let run: string[] = [];
  for (const token of [...rawTokens(question).slice(1), '']) {
    if (NAME_TOKEN.test(token)) run.push(token);
    else {
      if (run.length > 1) names.push(run.flatMap((word) => analyzer.queryTerms(word)));
      run = [];
    }
  }
  return names;
}

/** Terms of the question's words written in lower case (after the first word): common nouns, verbs, adjectives. */
function commonNounTerms(question: string, analyzer: Analyzer): string[] {
  return rawTokens(question)
    .slice(1)
    .filter((token) => LOWERCASE_WORD.test(token))
    .flatMap((token) => analyzer.queryTerms(token));
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

/** A question term and the index terms that stand in for it where a passage lacks it. */
interface QueryTerm {
  term: string;
  /**
   * Index terms standing in for the term, for partial credit: for an unknown term, close ones
   * (typos, shared roots); for a known one, its derived forms ("politician" and "politics"); for
   * both, other forms of its word and synonyms (`related`).
   */
  similar: string[];
  /** The credit each similar term earns (same order). */
  credits: number[];
  /** How many of `similar` come from the index itself (typos, roots, suffixes); the rest are related words. */
  own: number;
}

/** A decade's term, "1990s" (see the analyzer). */
const DECADE_TERM = /^(\d{3})0s$/;

function queryTermsOf(terms: readonly string[], context: AnswerContext, settings: AnswerSettings, names: ReadonlySet<string>, ordinals: ReadonlyMap<string, string>): QueryTerm[] {
  const { index, related, english } = context;
  const query: QueryTerm[] = [];
  for (const term of terms) {
    // A word of general English is spelled right: it is not looked for as a typo of another.
    const found = index.frequency(term) > 0 ? index.relatedTerms(term) : index.similarTerms(term, { typos: english.frequency(term) === 0 });
    const similar = stringList();
    const credits = numberList();
    // A Russian word with another ending is the word itself in another case, where the stems disagree.
    for (const other of index.otherEndings(term)) {
      similar.push(other);
      credits.push(settings.formCredit);
    }
    // A word neither English nor the articles have, typed in lower case, is a slip of the keys
    // ("tungsen", "galium"): the word it was meant to be earns the credit of another form of it. Not
    // a capitalized one: "Who is Rubin?" may ask about someone the articles do not name, not Rubio.
    const misspelt = index.frequency(term) === 0 && english.frequency(term) === 0 && !names.has(term);
    // A name spelled another way from the Cyrillic ("Tokaev", "Nagaspaev", "Kasym") is the name the
    // articles spell ("Tokayev", "Nagaspayev", "Kassym"); "Rubin" is not "Rubio".
    const written = names.has(term) && index.frequency(term) === 0 ? transliterated(term) : undefined;
    for (const close of found) {
      // A slip of the keys for a word the vocabulary reads as another term is that term: "memorandom"
      // is "memorandum", which a question means as "mou" (the index keeps the word only beside it).
      const other = misspelt ? meantTerm(close, context) : close;
      if (similar.includes(other)) continue;
      similar.push(other);
      credits.push(misspelt || (written !== undefined && transliterated(other) === written) ? settings.formCredit : settings.partialCredit);
    }
    // "Why was it shelved in the 90s?": a year of the decade is the decade ("shelved in 1991").
    const decade = DECADE_TERM.exec(term);
    for (let year = 0; decade && year < 10; year++) {
      const other = `${decade[1]}${year}`;
      if (index.frequency(other) > 0 && !similar.includes(other)) {
        similar.push(other);
        credits.push(settings.formCredit);
      }
    }
    // "after stage 1": "the first stage".
    const ordinal = ordinals.get(term);
    if (ordinal !== undefined && index.frequency(ordinal) > 0 && !similar.includes(ordinal)) {
      similar.push(ordinal);
      credits.push(settings.formCredit);
    }
    const own = similar.length;
    let added = 0;
    for (const other of related?.of(term) ?? []) {
      if (added >= settings.maxRelatedTerms) break;
      if (index.frequency(other.term) === 0) continue;
      const credit = other.relation === 'form' ? settings.formCredit : settings.synonymCredit;
      const at = similar.indexOf(other.term);
      if (at >= 0) {
        credits[at] = Math.max(credits[at]!, credit);
      } else {
        similar.push(other.term);
        credits.push(credit);
      }
      added++;
    }
    query.push({ term, similar, credits, own });
  }
  return query;
}

/** The term a question means by a word of the index (an alias's word is the alias: "memorandum" is "mou"). */
function meantTerm(term: string, { analyzer, index }: AnswerContext): string {
  const meant = analyzer.queryTerms(term);
  return meant.length === 1 && meant[0] !== term && index.frequency(meant[0]!) > 0 ? meant[0]! : term;
}

/**
 * Empty lists that hold strings (numbers) to the JIT from the start: an empty array literal holds
 * small integers until something else is put in it, and lists of both kinds met at one place in
 * answerQuestion made V8 deoptimize it at question after question (its compiled code kept, and
 * left again at the same check each time). One function per kind (objectsOf below too), not one
 * generic one: an array literal remembers every kind it has made, and would make them all generic.
 */
function stringList(): string[] {
  const list = [''];
  list.pop();
  return list;
}
function numberList(): number[] {
  const list = [0.5];
  list.pop();
  return list;
}
/**
 * `items` mapped into a list that holds objects to the JIT, empty or not: `map` of an empty list
 * makes one of small integers, and each kind first met by a compiled loop after the start-up
 * warm-up sent answerQuestion (a quarter of a second to compile) back to slow code.
 */
function objectsOf<T, U extends object>(items: Iterable<T>, map: (item: T) => U): U[] {
  const list = [OBJECT_KIND as U];
  list.pop();
  for (const item of items) list.push(map(item));
  return list;
}
const OBJECT_KIND = {};

/**
 * The passages worth scoring: those the rarer terms find (best first, at most `candidates`), and
 * the champions of the common terms.
 */
function candidateIds(query: QueryTerm[], index: SearchIndex, settings: AnswerSettings): Set<number> {
  const common = (term: string) => index.frequency(term) > settings.commonAbove;
  const searchTerms = query.flatMap((q) => [q.term, ...q.similar.slice(0, q.own)]);
  const ids = new Set<number>(index.bestMatches(searchTerms.filter((term) => !common(term)), settings.candidates));
  for (const term of searchTerms.filter(common)) for (const id of index.champions(term, settings.championsPerTerm)) ids.add(id);
  // Related words (forms, synonyms) find candidates of their own, apart, so that they do not crowd
  // out the passages with the question's own words; only rare ones (no champion lists to make).
  const related = query.flatMap((q) => q.similar.slice(q.own)).filter((term) => !common(term));
  if (related.length) for (const id of index.bestMatches(related, settings.relatedCandidates)) ids.add(id);
  return ids;
}

/**
 * The mineral (see AnswerContext.topics) a question term names: itself, or, for a word neither
 * English nor the articles have, the one it is a slip of the keys from ("uranim" for "uranium").
 */
function subjectNamed(term: string, context: AnswerContext): string | undefined {
  const subjects = context.topics?.mineralNames;
  if (!subjects || subjects.has(term)) return subjects && term;
  if (context.index.frequency(term) > 0 || context.english.frequency(term) > 0) return undefined;
  for (const subject of subjects) if (oneEditApart(term, subject)) return subject;
  return undefined;
}

/** Whether two words are one letter left out, added or changed apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A question about a signing ("Who signed the gallium agreement?"), and the agreements it names (see
 * TopicTerms): a passage telling of neither the act nor the very agreement asked about cannot say
 * who signed, or when; an offer to supply gallium is no answer, while "the treaty of
 * Saint-Clair-sur-Epte between Charles III and Rollo" says who signed that treaty.
 */
function signingAsked(question: string, terms: readonly string[], topics: AnswerContext['topics']): { act: string; agreements: Set<string> } | undefined {
  // The act, not a sign of something: "Is there any sign of progress?", "What signs show …?".
  if (!SIGNING_ASKED.test(question)) return undefined;
  const act = topics && terms.find((term) => topics.signing.includes(term));
  return act === undefined ? undefined : { act, agreements: new Set(terms.filter((term) => topics!.agreement.includes(term))) };
}

/** Signing as an act: "signed", "inked", "signatories", "Who signs …", "did … sign", "to sign"; not "sign(s) of", "signs that". */
const SIGNING_ASKED = /\b(?:signed|signing|inked|signator(?:y|ies)|signers?|подпис\p{L}*)|\b(?:who|did|does|do|will|would|to|can|could|should|must|they|he|she|we)\s+(?:\p{L}+\s+){0,2}?(?:sign|signs|ink)\b(?!\s+(?:of|that)\b)/iu;

/** "Which critical minerals …?", "What metals does … export?": a question whose answer is minerals (see AnswerContext.topics). */
const MINERALS_ASKED = /^\s*(?:which|what)\s+((?:(?!(?:about|of|are|is|was|were|do|does|did|other)\s)[\p{L}-]+\s+)?(?:minerals|metals|rare earths))\b/iu;

/** What a text is said to hold, in "Which minerals does the MOU cover?": the minerals named are what it covers. */
const CONTENT_VERBS = 'mention cover include list involve concern';

/** A question answered from some passages only looks through this many times the candidates: most it finds are not kept. */
const SCOPED_CANDIDATES = 5;

/** Words asking about the present state of things ("the current minister", "the latest figures", "Who is the minister …?"). */
const ASKS_ABOUT_NOW = /\b(?:current|currently|nowadays|presently|at present|latest|most recent|as of now|right now)\b|^\s*who(?:['’]s| is| are) the\b/i;
/** The words of ASKS_ABOUT_NOW that say "now" and nothing else. */
const NOW_WORDS = 'current currently nowadays presently latest';
/** Parts of a year, each kind apart: quarters, halves (the vocabulary's terms for "Q2", "second quarter", "H1", "first half"). */
const PERIODS = [['q1', 'q2', 'q3', 'q4'], ['h1', 'h2']];
/** "Who is …", "who was …": with only names after it, the question asks what someone is ("Who is Colin Ferrier?"). */
const WHO_IS_NAMED = /^\W*who(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s/iu;
/** A year named in a question: what it asks about is of that time, not of now. */
const NAMES_A_YEAR = /(?<!\d)(?:1[5-9]|20)\d\d(?!\d)/;
/** Every year a text names; a question term that is a year. */
const YEARS = new RegExp(NAMES_A_YEAR.source, 'g');
const YEAR_TERM = new RegExp(`^${NAMES_A_YEAR.source}$`);

/** The years each passage's text names, found when first needed. */
const YEARS_NAMED = new WeakMap<Passage, readonly string[]>();

/** Whether a passage's text names a year other than `year`. */
function namesOtherYear(passage: Passage, year: string): boolean {
  let years = YEARS_NAMED.get(passage);
  if (!years) YEARS_NAMED.set(passage, (years = [...passage.text.matchAll(YEARS)].map(([found]) => found)));
  return years.some((found) => found !== year);
}

/** A month's name, or any of `names`; "May" (as `may` is written) only next to a day's number: "in may" may be the verb. */
const monthPattern = (names: readonly string[], may: string) => `\\b(?:${names.filter((month) => month !== 'May').join('|')})\\b|\\b${may}\\b(?=\\s+\\d)|(?<=\\d\\s+)${may}\\b`;
/** A month named in words, as a question types it. */
const MONTH_ASKED = new RegExp(monthPattern(MONTH_NAMES, 'may'), 'gi');
/** The same as an article writes it, capitalized ("march" is the verb), or short ("10 Apr", "Sept."). */
const MONTH_WRITTEN = new RegExp(monthPattern([...MONTH_NAMES, ...MONTH_ABBREVIATIONS], 'May'), 'g');

/** A month found by MONTH_ASKED or MONTH_WRITTEN, as its first three letters in lower case ("mar"). */
const monthOf = (found: string) => found.slice(0, 3).toLowerCase();

/** The months a question names. */
function monthsAskedIn(question: string): string[] {
  return [...question.matchAll(MONTH_ASKED)].map(([found]) => monthOf(found));
}

/** The months each passage's text names, found when first needed. */
const MONTHS_NAMED = new WeakMap<Passage, readonly string[]>();

/**
 * Whether a passage names a month, and none of `months`, nor does its article's title or date of
 * publication: "our December call" is not the call "On 11 September"; a weekly note "(week to 6
 * March 2026)" that reports February's volumes still gives March's price. A passage naming no month
 * is of its article's time when the title names one: the note's "Dy oxide was assessed at $268/kg"
 * is March's price, not January's.
 */
function namesOnlyOtherMonths(passage: Passage, months: readonly string[]): boolean {
  let named = MONTHS_NAMED.get(passage);
  if (!named) MONTHS_NAMED.set(passage, (named = [...passage.text.matchAll(MONTH_WRITTEN)].map(([found]) => monthOf(found))));
  if (named.some((month) => months.includes(month))) return false;
  const { title, published } = passage.article;
  const titleMonths = [...title.matchAll(MONTH_WRITTEN)].map(([found]) => monthOf(found));
  if (named.length === 0 && titleMonths.length === 0) return false;
  const publishedIn = published === null ? undefined : MONTH_NAMES[Number(published.slice(5, 7)) - 1]?.slice(0, 3).toLowerCase();
  return !months.some((month) => month === publishedIn || titleMonths.includes(month));
}

/** Share of the question's weight a passage contains, given the credit it earns for each term. */
function coverageOf(rarities: ArrayLike<number>, credits: ArrayLike<number>, settings: AnswerSettings): number {
  let covered = 0;
  let total = 0;
  for (let i = 0; i < rarities.length; i++) {
    const rarity = rarities[i]!;
    const weight = Math.min(rarity, settings.maxTermWeight);
    const credit = credits[i]!;
    covered += weight * credit;
    // A specific word the passage lacks counts with more of its rarity than one it has.
    total += credit > 0 ? weight : Math.min(rarity, settings.maxMissingWeight);
  }
  return total > 0 ? covered / total : 0;
}

/**
 * Answers a question from the index: best passages first, and whether they really answer it. With
 * `keep`, only from the passages it keeps (a publisher's, an article's, a topic's): those are the
 * ones judged, so that what is shown is what answers.
 */
export function answerQuestion(question: string, context: AnswerContext, options: Partial<AnswerSettings> = {}, keep?: (passage: Passage) => boolean): Answer {
  const settings = { ...ANSWER_DEFAULTS, ...options, ...(keep ? { candidates: (options.candidates ?? ANSWER_DEFAULTS.candidates) * SCOPED_CANDIDATES } : {}) };
  const { index, passages, analyzer } = context;
  // "What did Lutnick say about …": whose words are asked for. Any words reporting speech answer
  // for the verb asked with ("noted", "заявил" for "сказал"), so the verb itself is not searched for.
  const speaker = speakerAsked(question);
  // "What does DFC stand for?": only a passage spelling it out answers, and "stand" is not searched for.
  const expansion = abbreviationAsked(question);
  const spelledOut = expansion ? spellingOut(expansion.abbreviation) : null;
  // "Who is the current minister …?", "the latest figures": a question about now (see below), whose
  // word for now is not searched for ("Currently, China dominates …" is no answer for it).
  const asksAboutNow = ASKS_ABOUT_NOW.test(question) && !NAMES_A_YEAR.test(question);
  const mineralsAsked = context.topics ? MINERALS_ASKED.exec(question) : null;
  const howAdjective = howAdjectiveOf(question, analyzer);
  const askingVerb = new Set([
    ...(speaker ? analyzer.queryTerms(speaker.verb) : []),
    ...(expansion ? analyzer.queryTerms(expansion.asking) : []),
    ...(asksAboutNow ? analyzer.queryTerms(NOW_WORDS) : []),
    // "Which critical minerals …?": the minerals named are the answer; the words for them are not looked for.
    ...(mineralsAsked ? analyzer.queryTerms(`${mineralsAsked[1]!} ${CONTENT_VERBS}`) : []),
    // "What date was the MOU signed?": a date is the answer; the word is not looked for.
    ...analyzer.queryTerms(timeWordAsked(question) ?? ''),
    // "How long do suppliers have to deliver?": a length of time is the answer; "long" is not looked for.
    ...(howAdjective !== null ? [howAdjective] : []),
  ]);
  const terms = analyzer
    .queryTerms(question)
    .filter((term) => !askingVerb.has(term))
    .slice(0, settings.maxTerms);
  if (terms.length === 0) return { question, answered: false, results: [] };
  const askedTerms = new Set(terms);

  const capitalized = nameTerms(question, terms, analyzer);
  const namesWritten = namesOf(question, analyzer);
  const nameMates = (term: string) => {
    const mates = new Set(namesWritten.filter((name) => name.includes(term)).flat());
    mates.delete(term);
    return [...mates].map((mate) => terms.indexOf(mate)).filter((j) => j >= 0);
  };
  const query = queryTermsOf(terms, context, settings, capitalized, ordinalsNumbered(question));
  // Each term's weight (its rarity), in the order of `terms` and of `query`.
  const rarities = Float64Array.from(terms, (term) => termWeight(term, context, settings));
  // The same, light verbs weighing nothing (see coversAllButLightVerbs); made when first needed.
  let withoutLightVerbs: Float64Array | undefined;
  // Names: capitalized words, and words typed in lower case that English does not have and the
  // articles write as a name ("sharlapaev").
  const writtenName = (term: string) => {
    if (context.english.frequency(term) > 0 || !/^\p{L}/u.test(term)) return false;
    const [first] = index.postingsOf(term).ids();
    const passage = first === undefined ? undefined : passages[first];
    return passage !== undefined && writtenAsName(term, passage.text, analyzer);
  };
  const names = new Set([...capitalized, ...terms.filter((term) => !capitalized.has(term) && writtenName(term))]);
  const types = answerTypesOf(question);
  // "Who is Colin Ferrier?" asks what a named person is, not for a name: a passage holding a name
  // (a list of authors) is no better an answer.
  const typesHeld = types.includes('person') && WHO_IS_NAMED.test(question) && terms.length > 0 && terms.every((term) => names.has(term)) ? types.filter((type) => type !== 'person') : types;
  // Every term the question may be matched by, each once.
  const tableTerms = [...new Set([...terms, ...query.flatMap((q) => q.similar)])];
  const postingsRead = new Map<string, TermPostings>();
  const postings = (term: string) => {
    let read = postingsRead.get(term);
    if (!read) postingsRead.set(term, (read = index.postingsOf(term)));
    return read;
  };
  // A name counts as present, for partial credit, in the passages of an article from the one that
  // first names it on that refer back to someone (see back-reference.ts): "What will Sharlapaev
  // discuss?" is answered by a later passage of his article that says "the Minister"; a passage
  // before he is named is about someone else, and so is one after that refers back to no one
  // ("What role does Lutnick play?": "As Kazakhstan strengthens its collaborations, it could play a
  // pivotal role").
  // (Only for names in few passages: a common one says little about an article.) For each name:
  // the position of the first passage of each article that names it.
  const firstNamedAt = new Map(
    [...names].map((name) => {
      const articles = new Map<Article, number>();
      if (index.frequency(name) <= settings.commonAbove) {
        for (const id of postings(name).ids()) {
          const passage = passages[id];
          if (passage) articles.set(passage.article, Math.min(passage.position, articles.get(passage.article) ?? Infinity));
        }
      }
      return [name, articles];
    }),
  );
  const namedSoFar = (firstNamed: Map<Article, number>, passage: Passage) => (firstNamed.get(passage.article) ?? Infinity) <= passage.position;
  const referringBack = (passage: Passage) => {
    let refers = REFERS_BACK.get(passage);
    if (refers === undefined) REFERS_BACK.set(passage, (refers = refersBack(passage.text)));
    return refers;
  };

  // A word found nowhere (not in English, not in the articles, nothing close to it) is a name the
  // articles do not know, typed in lower case ("uzbekistan"): a passage without it cannot answer.
  // Not a Russian word: the model of English says nothing of those; nor a misspelt English word
  // ("guage", "ned").
  const unknown = new Set(
    query
      .filter((q) => q.similar.length === 0 && index.frequency(q.term) === 0 && context.english.frequency(q.term) === 0 && /^\p{L}/u.test(q.term) && !inCyrillic(q.term))
      .filter((q) => !context.related?.knows(q.term) && !context.english.misspells(q.term))
      .map((q) => q.term),
  );
  // The passages worth scoring, and each term's score in each of them, found once (see
  // PostingsReader.scoreTable: the shorter of the postings and the candidates is looked for in the other).
  const candidateList = [...candidateIds(query, index, settings)].map((id) => passages[id]).filter((passage): passage is Passage => passage !== undefined && (!keep || keep(passage)));
  const table = index.scoreTable(tableTerms, candidateList.map((passage) => passage.id));
  const scoresOf = new Map(tableTerms.map((term, i) => [term, table[i]!]));
  const measures = measuresAsked(question, analyzer);
  const termData = query.map((q) => ({
    exact: scoresOf.get(q.term)!.scores,
    onlyInTitle: scoresOf.get(q.term)!.onlyIn,
    similar: objectsOf(q.similar, (term) => scoresOf.get(term)!.scores),
    credits: q.credits,
    firstNamedAt: firstNamedAt.get(q.term),
    // The other terms of the name it is a word of ("President" in "President Tokayev", "Alan" in "Alan Turing").
    sameName: nameMates(q.term),
    // Names, and numbers: "the 1000's" is not "the 10th century".
    required: names.has(q.term) || unknown.has(q.term) || /^\d/.test(q.term),
    year: YEAR_TERM.test(q.term) ? q.term : undefined,
    measure: measures.get(q.term),
    // Whether each candidate states the measure, read once (creditsOf is asked again by the rules):
    // 0 not read yet, 1 no, 2 yes.
    measured: measures.has(q.term) ? new Uint8Array(candidateList.length) : undefined,
    places: context.placesOf?.(q.term),
  }));
  const requiredTypes = types.filter((type) => REQUIRED_TYPES.has(type));
  const negated = asksNegated(question);
  const askedAt = terms.indexOf(askedNoun(question, analyzer) ?? '');
  // "How many mineral deposits": a passage holds the answer when a number comes with what is counted.
  const counted = new Set(types.includes('quantity') ? countedTerms(question, analyzer) : []);
  const countedPostings = objectsOf(counted, postings);
  const counts = (passage: Passage) => countedPostings.some((p) => p.has(passage.id)) && countsIn(passage.text, counted, analyzer);
  // What holds the answer to "What did Lutnick say …" is a passage reporting the speaker's words (see reportsWordsOf).
  const speakerTerms = new Set(speaker ? analyzer.queryTerms(speaker.who) : []);
  const speakerPostings = objectsOf(speakerTerms, postings);
  const reportsSpeaker = (passage: Passage) => speakerPostings.some((p) => p.has(passage.id)) && reportsWordsOf(context.sentences.of(passage), speakerTerms);
  // "Which critical minerals does Kazakhstan offer?": the minerals a passage names are the answer.
  const mineralPostings = mineralsAsked ? context.topics!.mineralPhrases.map((phrase) => objectsOf(phrase, postings)) : null;
  const namesMineral = (passage: Passage) => mineralPostings!.some((phrase) => phrase.every((p) => p.has(passage.id)));
  // "How much is the contract worth?": a sum of money answers, not "2,500 tonnes a year".
  const priceAsked = asksPrice(question);
  // "How long did the crossing take?": a length of time answers, not any number ("Caspian crossing of 28 hours").
  const howLong = asksHowLong(question);
  // A sum of money, or for what is spent or paid, a share of one too (see asksSpending).
  const sharesAnswer = priceAsked && asksSpending(question);
  const holdsSum = (text: string) => holdsMoney(text) || (sharesAnswer && holdsShare(text));
  // What a passage's text must hold to answer at all: a sum for "How much is the contract worth?"; for "whats
  // the phone number …", "what's the interest rate …", "how many people work at …", "who runs …" or "who
  // won …", a number to call, a percentage, a count of people, who leads, who won (see textAsked).
  const textAnswers = priceAsked ? holdsSum : textAsked(question);
  const holdsAnswer = (passage: Passage) => {
    if (speakerTerms.size) return reportsSpeaker(passage);
    if (spelledOut) return spelledOut.test(passage.text);
    if (mineralPostings) return namesMineral(passage);
    if (textAnswers) return textAnswers(passage.text);
    if (howLong) return context.answerTypes.statesSpan(passage);
    return typesHeld.some((type) => (type === 'quantity' && counted.size ? counts(passage) : context.answerTypes.holds(type, passage)));
  };

  /** Fills in the credit the candidate in `slot` earns for each term, in the question's order (see coverageOf), and returns its relevance. */
  const scoreTerms = (slot: number, credits: Float64Array): number => {
    const passage = candidateList[slot]!;
    let relevance = 0;
    for (let i = 0; i < termData.length; i++) {
      const data = termData[i]!;
      let exact = data.exact[slot]!;
      // A year the passage has only as its article's year of publication (searchable with the title)
      // while it names another is not its year: "How much gold did Kazakhstan produce in 2025?" is not
      // answered by "Production of selected commodities, 2024: …" of a digest published in 2025, and
      // "… in 2024?" is answered by that digest before a history published in 2024 that tells of 2009.
      if (exact && data.year !== undefined && data.onlyInTitle?.[slot] === 1 && namesOtherYear(passage, data.year)) exact = 0;
      let similar = 0;
      let credit = 0;
      if (!exact) {
        // The best-credited similar term the passage has (the highest score among equals).
        for (let j = 0; j < data.similar.length; j++) {
          const score = data.similar[j]![slot]!;
          const termCredit = data.credits[j]!;
          if (score && (termCredit > credit || (termCredit === credit && score * termCredit > similar))) {
            credit = termCredit;
            similar = score * termCredit;
          }
        }
      }
      relevance += exact + similar;
      // 1 for the term itself; partial for a similar term, or for a name its article gave in this passage or before.
      credits[i] = exact ? 1 : credit || (data.firstNamedAt !== undefined && namedSoFar(data.firstNamedAt, passage) && (referringBack(passage) || data.sameName.some((j) => termData[j]!.exact[slot])) ? settings.partialCredit : 0);
      // A word the passage states without it (see measuresAsked): a measure by an amount in its unit
      // ("1,870 kilometres" for "distance"), a rate without "per" ("a day"), a company by "Inc.".
      if (credits[i] === 0 && data.measure && data.measured) {
        if (data.measured[slot] === 0) data.measured[slot] = data.measure.test(passage.text) ? 2 : 1;
        if (data.measured[slot] === 2) credits[i] = settings.formCredit;
      }
      // A country the passage names by one of its places ("Harlan Industrial Group of Pittsburgh" for "American company").
      if (credits[i] === 0 && data.places?.has(passage.id)) credits[i] = settings.partialCredit;
    }
    return relevance;
  };

  /** The credit the candidate in `slot` earns for each term, in a list of its own (see scoreTerms). */
  const creditsOf = (slot: number): Float64Array => {
    const credits = new Float64Array(query.length);
    scoreTerms(slot, credits);
    return credits;
  };

  const credits = new Float64Array(query.length);
  // The same, with titleOnlyCredit for the words the passage has only in its article's title.
  const creditsInArticle = new Float64Array(query.length);
  const candidates: Candidate[] = [];
  // Each candidate's score among the passages of its article (see titleOnlyCredit).
  const scoresInArticle: number[] = [];
  let anyOnlyInTitle = false;
  for (let slot = 0; slot < candidateList.length; slot++) {
    const passage = candidateList[slot]!;
    const relevance = scoreTerms(slot, credits);
    let matched = 0;
    let matchedInArticle = 0;
    let missesName = false;
    for (let i = 0; i < credits.length; i++) {
      const credit = credits[i]!;
      const onlyInTitle = credit === 1 && termData[i]!.onlyInTitle?.[slot] === 1;
      creditsInArticle[i] = onlyInTitle ? settings.titleOnlyCredit : credit;
      if (credit > 0) {
        matched++;
        matchedInArticle += onlyInTitle ? settings.titleOnlyCredit : 1;
      } else if (termData[i]!.required) missesName = true;
    }
    const coverage = coverageOf(rarities, credits, settings);
    const boost = (holdsAnswer(passage) ? settings.answerTypeBoost : 1) * (context.answerTypes.isHeader(passage) ? settings.headerWeight : 1);
    // As MiniSearch does, a passage matching more of the question's terms scores more.
    const score = relevance * matched * boost * coverage ** settings.coverageExponent;
    if (matchedInArticle === matched) {
      scoresInArticle.push(score);
    } else {
      anyOnlyInTitle = true;
      scoresInArticle.push(relevance * matchedInArticle * boost * coverageOf(rarities, creditsInArticle, settings) ** settings.coverageExponent);
    }
    candidates.push({ passage, slot, score, coverage, missesName, focus: 0 });
  }
  if (anyOnlyInTitle) orderWithinArticles(candidates, scoresInArticle);

  candidates.sort((a, b) => compareCandidates(a, b, settings.tieTolerance));
  // The question's words as its sentences are read for them (see proximity.ts).
  const byTerm = new Map<string, { index: number; credit: number }>();
  query.forEach((q, index) => byTerm.set(q.term, { index, credit: 1 }));
  query.forEach((q, index) => q.similar.forEach((term, j) => {
    if (!byTerm.has(term)) byTerm.set(term, { index, credit: q.credits[j]! });
  }));
  const words: QuestionWords = { byTerm, weights: rarities.map((rarity) => Math.min(rarity, settings.maxTermWeight)) };
  // The best few again, with how closely their sentences hold the question's words together.
  if (settings.focusWeight > 0 && candidates.length > 1) {
    const top = candidates.slice(0, settings.focusCandidates);
    const found = new Float64Array(words.weights.length);
    // "What is a Turing machine?" is best answered by the passage that says what one is.
    const defined = settings.definitionWeight > 0 ? definitionAsked(question, analyzer) : null;
    const defining = new Set<Candidate>();
    if (defined) {
      // "What is APT?": an abbreviation is said by spelling it out, "ammonium paratungstate (APT)".
      const [word] = defined.words;
      const spelled = defined.words.length === 1 && ABBREVIATION.test(word!) ? spellingOut(word!) : null;
      for (let i = 0; i < Math.min(candidates.length, settings.definitionCandidates); i++) {
        const { passage } = candidates[i]!;
        if (definesThing(context.sentences.of(passage), defined, analyzer) || spelled?.test(passage.text)) defining.add(candidates[i]!);
      }
    }
    const focused = top.length;
    for (const candidate of defining) if (!top.includes(candidate)) top.push(candidate);
    for (const candidate of top) {
      candidate.focus = focusShareOf(candidate.passage, words, context.sentences, found);
      candidate.score *= 1 + settings.focusWeight * candidate.focus ** settings.focusExponent;
      if (defining.has(candidate)) candidate.score *= 1 + settings.definitionWeight;
    }
    top.sort((a, b) => compareCandidates(a, b, settings.tieTolerance));
    if (top.length === focused) candidates.splice(0, top.length, ...top);
    else {
      const joined = new Set(top);
      const rest = candidates.filter((candidate) => !joined.has(candidate));
      candidates.splice(0, candidates.length, ...top, ...rest);
    }
  }
  // A passage lacking a name the question uses cannot answer it: a passage with every word of the
  // question, names and all, comes before it ("How much did Kazakhstan export to the US in mining
  // products?": not the digest's introduction on Kazakhstan's exports, which never names the US).
  // Only one with every word: one that lacks another instead is no surer an answer, and the
  // question is declined as before ("How much tungsten does Kazakhstan export to China each year?").
  if (candidates[0]?.missesName) putFirst(candidates, (candidate) => !candidate.missesName && candidate.coverage >= FULL_COVERAGE);
  // "How old was Muratova at the time?": of the best few passages with her name, the one that gives an age.
  const ageAsked = asksAge(question);
  if (ageAsked && candidates[0] && !statesAge(candidates[0].passage.text)) putFirst(candidates, (candidate) => !candidate.missesName && statesAge(candidate.passage.text), AGE_AMONG);
  const signing = signingAsked(question, terms, context.topics);
  const signedAt = signing ? terms.indexOf(signing.act) : -1;
  const missesSigning = (candidate: Candidate) => {
    // Only the English words of the act are known: a Russian report of a signing is not judged by them.
    if (signedAt < 0 || mostlyCyrillic(candidate.passage.text)) return false;
    const credits = creditsOf(candidate.slot);
    // The act's own words (the vocabulary's "inked", "signatory"), not WordNet's kin ("significant"),
    // in the passage, not only in its article's title ("… Ink MOU …" is over every passage of it).
    const told = (i: number) => credits[i] === 1 && termData[i]!.onlyInTitle?.[candidate.slot] !== 1;
    return !told(signedAt) && !terms.some((term, i) => told(i) && signing!.agreements.has(term));
  };
  // "What did President Tokayev say?": only a passage reporting his words can answer, however many
  // of the question's words another has (the one giving his full name and office): the best of
  // those that can comes first. So too for a mineral asked for, an abbreviation's expansion, and a
  // signing ("Who signed the uranium deal with Cascade?": not the opening paragraph naming the deal).
  // "Who is the Minister of Industry?" is not answered by "Deputy Minister Zhunusov said …".
  const office = officeAsked(question);
  const missesOffice = (candidate: Candidate) => office !== null && namesOnlyDeputy(candidate.passage.text, office);
  const kindRequired = speakerTerms.size > 0 || spelledOut !== null || mineralPostings !== null || textAnswers !== null;
  if (kindRequired || signedAt >= 0 || office !== null) {
    const at = candidates.findIndex((candidate) => (!kindRequired || holdsAnswer(candidate.passage)) && !missesSigning(candidate) && !missesOffice(candidate));
    if (at > 0) candidates.unshift(...candidates.splice(at, 1));
  }
  // Read within bounds: a read past the end (a question with one candidate or none) sent the
  // compiled answerQuestion back to slow code, to be compiled again (170–270 ms on a background
  // thread, questions meanwhile in slower code).
  const best = candidates.length > 0 ? candidates[0] : undefined;
  // The runner-up is the best passage with other words: a copy of the best in another article
  // (a syndicated story) is no rival to it. (A restored passage's text is decoded at each read:
  // each is read once here.)
  const bestText = best?.passage.text;
  let second: Candidate | undefined;
  for (let i = 1; best !== undefined && i < candidates.length; i++) {
    if (candidates[i]!.passage.text !== bestText) {
      second = candidates[i];
      break;
    }
  }
  // Without what the question needs (a date for "when", an amount for "how many"), it is not an answer.
  // A dated report answers "When was … signed?" only with every word of the question (light verbs
  // aside: "go", "take"): the event asked about, not another.
  const datedByReport = ({ passage, slot }: Candidate) => passage.article.published !== null && asksWhenItHappened(question) && coversAllButLightVerbs(slot);
  // "when was Aralis founded": a passage telling of a founding (not ranked first for it: the best passage
  // about another company's founding would come first).
  const founding = foundingAsked(question);
  const missesType = (candidate: Candidate) =>
    (mineralPostings !== null && !namesMineral(candidate.passage)) ||
    (textAnswers !== null && !textAnswers(candidate.passage.text)) ||
    (founding !== null && !founding(candidate.passage.text)) ||
    requiredTypes.some((type) => !context.answerTypes.holds(type, candidate.passage) && !(type === 'time' && datedByReport(candidate)));
  const clearlyFirst = best !== undefined && (second === undefined || best.score >= settings.clearlyFirst * second.score);
  // "Who won the match yesterday?" is not answered from last year's report (see recentDays).
  const missesDay = (candidate: Candidate) => asksAboutRecentDay(question) && !publishedRecently(candidate.passage.article, context.today?.(), settings.recentDays);
  // "Which problems are not known to be in P?" is answered by the sentence holding the question's
  // words saying that something is not so, not by a passage that denies something elsewhere.
  const focusSentence = (candidate: Candidate) => focusOf(candidate.passage, words, context.sentences).sentence;
  const missesNegation = (candidate: Candidate) => negated && !statesNegation(focusSentence(candidate));
  // "did the dfc end up lending kokorai the 40m" is not answered by "… said the loan would …": a plan is no outcome.
  const outcomeAsked = asksOutcome(question);
  // Any "did …?" asks what happened too, but a sentence may tell of a plan beside what happened
  // ("was told at the gate that he was suspended pending an inquiry"): only one telling nothing past
  // fails it ("The committee vote is scheduled for 14 April").
  const didAsked = asksDid(question);
  const missesOutcome = (candidate: Candidate) => {
    if (!outcomeAsked && !didAsked) return false;
    const sentence = focusSentence(candidate);
    return statesPlan(sentence) && (outcomeAsked || !statesPast(sentence));
  };
  // "What did Rubio say at the meeting?" is not answered by a passage that lists him among those at it.
  const missesWords = (candidate: Candidate) => speakerTerms.size > 0 && !reportsSpeaker(candidate.passage);
  // "What does DFC stand for?" is not answered by a passage that only uses the letters.
  const missesExpansion = (candidate: Candidate) => spelledOut !== null && !spelledOut.test(candidate.passage.text);
  // "What is the name of Kazakhstan's sovereign wealth fund?" is not answered by a passage that mentions the fund without naming it.
  const named = nameAsked(question);
  const missesThingsName = (candidate: Candidate) => named !== null && !namesThing(context.sentences.of(candidate.passage), named, askedTerms, analyzer);
  // "Who is the president of the United States?" is not answered by "Kazakhstan President Tokayev, … in the US".
  // (In its own word or one standing for it, by the question's credits: "Who is the mayor of Aksu-Tas?" and "The town's akim".)
  const withItsForms = (asked: AttributeAsked | null): AttributeAsked | null => {
    if (!asked) return null;
    const own = analyzer.termOf(asked.attribute);
    if (own === null) return { ...asked, terms: [] };
    const q = query.find((entry) => entry.term === own);
    return { ...asked, terms: [own, ...(q?.similar.filter((_, j) => q.credits[j]! >= settings.formCredit) ?? [])] };
  };
  const attribute = withItsForms(attributeOfName(question));
  // "whats the name of the ammo primer maker" is not answered by "a maker whose name … not to share".
  const thingAsked = namedThingAsked(question, analyzer);
  // "which regional bank lent …" is not answered by "a loan with a regional bank".
  const whichAsked = asksWhich(question);
  const whoOneAsked = asksWhoOne(question);
  const missesWithheld = (candidate: Candidate) => thingAsked !== null && (withholdsNameAsked(candidate.passage.text, thingAsked, analyzer) || ((whichAsked || whoOneAsked) && mentionsOnlyUnnamed(candidate.passage.text, thingAsked, analyzer)));
  // "who is the deputy akim for construction" is not answered by a passage that names no one ("Rapporteur: the deputy akim for construction.").
  const missesSomeone = (candidate: Candidate) => whoOneAsked && namesNothing(candidate.passage.text, analyzer);
  const missesOwner = (candidate: Candidate) => attribute !== null && !attributeNextToOwner(context.sentences.of(candidate.passage), attribute, analyzer) && !ownedByItsArticle(candidate.passage, attribute);
  // An earnings call names "chief executive Marcus Delaney" without the company its title names:
  // the office is the company's when no mention of it in the article is another's ("Kazakhstan
  // President Tokayev" in an article titled on the US keeps "Who is the president of the US?" unanswered).
  const ownedByItsArticle = (passage: Passage, asked: AttributeAsked) => {
    const title = new Set(analyzer.indexTerms(passage.article.title));
    if (!analyzer.indexTerms(asked.owner).every((term) => title.has(term))) return false;
    const attributeTerms = attributeTermsOf(asked, analyzer);
    const ownersIn = (other: Passage) =>
      context.sentences.of(other).flatMap(({ sentence, terms }) => (terms.some((term) => attributeTerms.includes(term)) ? attributeOwners(sentence, asked, analyzer) : []));
    if (!ownersIn(passage).includes('none')) return false;
    return !passagesOfArticle(passage).some((other) => ownersIn(other).includes('other'));
  };
  // "Who signed the uranium agreement?" is not answered by the signing of another: a mineral the
  // question names is in the passage, or in its article (what the article is about).
  const subjectsAsked = query.flatMap((q, i) => {
    const subject = subjectNamed(q.term, context);
    return subject === undefined ? [] : [{ i, subject }];
  });
  const missesSubject = (candidate: Candidate) => {
    if (!subjectsAsked.length) return false;
    const credits = creditsOf(candidate.slot);
    return subjectsAsked.some(({ i, subject }) => credits[i] === 0 && !articleHas(candidate.passage, subject));
  };
  const articleHas = (passage: Passage, term: string) => {
    const found = postings(term);
    return passagesOfArticle(passage).some((other) => found.has(other.id));
  };
  // The passages of a passage's article, in order (an article's passages have consecutive ids).
  const passagesOfArticle = ({ article, id, position }: Passage): Passage[] => {
    const all: Passage[] = [];
    for (let other = id - position; passages[other]?.article === article; other++) all.push(passages[other]!);
    return all;
  };
  // "When was Dinara Akhmetova born?", "How much does Jennifer Caldwell earn?": a figure or a date
  // asked of a name is not answered by a passage that names it and has none of the question's other
  // words, which say what is asked of it ("How far is Kokpekty from Oskemen?" says it with "how far":
  // "190 kilometres south of Oskemen" answers).
  // So too a place ("Where was Dinara Akhmetova born?"), where what says it is somewhere frames the
  // question ("located", "based", "work", "находится"), and so does the kind of place asked for ("In
  // what country is Normandy located?": "Normandy, a region in France").
  const placeAsked = types.includes('place') && !types.includes('quantity') && !types.includes('time');
  const framing = (term: string) =>
    termsOfWords(LIGHT_VERBS, analyzer).has(term) || termsOfWords(FRAMING_WORDS, analyzer).has(term) || term === howAdjective || (placeAsked && termsOfWords(PLACE_FRAMING_WORDS, analyzer).has(term));
  const askedOfNames =
    termData.some((data) => data.required) && types.some((type) => type === 'quantity' || type === 'time' || type === 'place')
      ? termData.map((data, i) => !data.required && !framing(terms[i]!))
      : [];
  const missesWhatIsAsked = (candidate: Candidate) => {
    if (!askedOfNames.some(Boolean)) return false;
    const credits = creditsOf(candidate.slot);
    return askedOfNames.every((asked, i) => !asked || credits[i] === 0);
  };
  // "What did they discuss on their December call?" is not answered by the call "On 11 September".
  const monthsAsked = monthsAskedIn(question);
  const missesMonth = (candidate: Candidate) => monthsAsked.length > 0 && namesOnlyOtherMonths(candidate.passage, monthsAsked);
  // "the first session of the working group" is not its third session.
  const ordinalsAsked = ordinalsOf(question, analyzer);
  const missesOrdinal = ({ passage }: Candidate) => namesOnlyOtherOrdinal(ordinalsAsked, passage.text, analyzer);
  // "revenue in the second quarter" is not the third quarter's: a passage (or its title) naming
  // another part of the year of the same kind, and not the one asked, is of another time.
  const periodsAsked = PERIODS.filter((kind) => kind.some((term) => terms.includes(term)));
  const missesPeriod = ({ passage }: Candidate) =>
    periodsAsked.some((kind) => {
      const named = kind.filter((term) => postings(term).has(passage.id));
      return named.length > 0 && !named.some((term) => terms.includes(term));
    });
  // "How old is Kevin Marsh?" is answered by an age ("Marsh, 52,", "a 52-year-old", "born in 1973").
  const missesAge = (candidate: Candidate) => ageAsked && !statesAge(candidate.passage.text);
  const declines = (candidate: Candidate) =>
    !coversQuestion(candidate) || missesWhatIsAsked(candidate) || missesAge(candidate) || missesMonth(candidate) || missesPeriod(candidate) || missesOrdinal(candidate) || candidate.missesName || missesSubject(candidate) || missesSigning(candidate) || missesOffice(candidate) || missesType(candidate) || missesDay(candidate) || missesNegation(candidate) || missesOutcome(candidate) || missesWords(candidate) || missesExpansion(candidate) || missesThingsName(candidate) || missesOwner(candidate) || missesWithheld(candidate) || missesSomeone(candidate) || !answersAsAsked(candidate);
  let answer = best && !declines(best) ? best : undefined;
  // A best passage short of the question's words gives way to one of the next few that has every one
  // of them and passes every other rule ("payment terms for kazygurt antimony?", "whats the dwt of the
  // kaspiy tolqyn"): a passage with all the question's words is no guess, as one ranked above it
  // for some of them is.
  if (best && !answer && !coversQuestion(best)) {
    const floor = best.score * settings.completeWithin;
    answer = candidates.slice(1, settings.completeAmong).find((candidate) => candidate.coverage >= FULL_COVERAGE && candidate.score >= floor && !declines(candidate));
  }
  // "Who is the current minister of industry?" is answered from the newest report that answers
  // about as well (not "Who are the signatories of the 2023 roadmap?", which names its time).
  if (best && asksAboutNow) {
    const floor = best.score * settings.currentWithin;
    for (let i = 0; i < candidates.length && candidates[i]!.score >= floor; i++) {
      const candidate = candidates[i]!;
      // Newer than the best and than any chosen so far.
      if (newestPublishedFirst(candidate.passage.article, (answer ?? best).passage.article) < 0 && !declines(candidate)) answer = candidate;
    }
  }
  if (!answer) return { question, answered: false, results: [] };
  if (answer !== best) putFirst(candidates, (candidate) => candidate === answer);
  const answerText = answer === best ? bestText! : answer.passage.text;

  function coversAllButLightVerbs(slot: number): boolean {
    const credits = creditsOf(slot);
    if (!withoutLightVerbs) {
      const light = termsOfWords(LIGHT_VERBS, analyzer);
      withoutLightVerbs = Float64Array.from(terms, (term, i) => (light.has(term) ? 0 : rarities[i]!));
    }
    return coverageOf(withoutLightVerbs, credits, settings) >= FULL_COVERAGE;
  }

  /**
   * Whether a passage covers enough of the question: minCoverage of its weight, or, down to
   * lowCoverage, what it asks about and enough of its specific words (see lowCoverage).
   */
  function coversQuestion(candidate: Candidate, weak?: ReadonlySet<string>): boolean {
    const credits = creditsOf(candidate.slot);
    if (weak) for (let i = 0; i < credits.length; i++) if (weak.has(query[i]!.term)) credits[i] = 0;
    const coverage = coverageOf(rarities, credits, settings);
    if (coverage >= settings.minCoverage) return true;
    if (coverage < settings.lowCoverage || (askedAt >= 0 && credits[askedAt] === 0)) return false;
    let evidence = 0;
    for (let i = 0; i < credits.length; i++) {
      const term = query[i]!.term;
      evidence += (names.has(term) ? settings.nameEvidence : 1) * credits[i]! * Math.min(rarities[i]!, settings.maxTermWeight);
    }
    if (evidence >= settings.minEvidence) return true;
    // Or it has every specific word of the question and no other passage comes close.
    if (candidate !== best || !clearlyFirst) return false;
    for (let i = 0; i < credits.length; i++) if (rarities[i]! >= settings.maxTermWeight && credits[i]! < settings.formCredit) return false;
    return true;
  }

  /**
   * The best passage still covers the question when English words it has only inside names earn
   * nothing: "the capital of Kazakhstan" is not answered by "Cove Kaz Capital Group".
   */
  function answersAsAsked(candidate: Candidate): boolean {
    const { passage } = candidate;
    // Only words the passage has can be in it only inside names: most questions' are not, and its text is not read.
    // (Not a mineral's name: "Steppe Uranium" and "Irtysh Gallium" say what the company deals in; nor
    // a word English seldom uses, a name itself: "dashiell" in "Dashiell Verhoeven", "consulate" in
    // "the US Consulate General".)
    const had = commonNounTerms(question, analyzer).filter((term) => commonInEnglish(term) && !context.topics?.mineralNames.has(term) && postings(term).has(passage.id));
    const weak = had.length ? onlyInProperNames(had, passage.text, analyzer, askedTerms) : new Set<string>();
    return weak.size === 0 || coversQuestion(candidate, weak);
  }

  /** Whether general English uses the term often enough to be a common noun (see commonWordShare). */
  function commonInEnglish(term: string): boolean {
    return context.english.frequency(term) >= context.english.paragraphs * settings.commonWordShare;
  }

  // The question's words and their typos and roots are shown in bold; related words are not ("accounting" for "share").
  const highlighted = [...new Set([...terms, ...query.flatMap((q) => q.similar.slice(0, q.own))])];
  const results: AnswerResult[] = [];
  const shownTexts: string[] = [];
  for (const { passage, score, coverage } of candidates) {
    if (results.length === settings.limit) break;
    // The passage that answers (see coversQuestion); the others must cover enough on their own.
    if (passage !== answer.passage && coverage < settings.minResultCoverage) continue;
    // A passage that several articles print word for word (a syndicated story, a press release's
    // "About …" paragraph) is shown once, from the best-placed of them.
    const text = passage === answer.passage ? answerText : passage.text;
    if (shownTexts.includes(text)) continue;
    shownTexts.push(text);
    results.push({ passage, score, matchedTerms: highlighted.filter((term) => postings(term).has(passage.id)) });
  }
  return { question, answered: true, results };
}

/** The terms of each list of words, per analyzer: made once, not at each question. */
const WORD_LIST_TERMS = new WeakMap<Analyzer, Map<readonly string[], ReadonlySet<string>>>();

function termsOfWords(words: readonly string[], analyzer: Analyzer): ReadonlySet<string> {
  let lists = WORD_LIST_TERMS.get(analyzer);
  if (!lists) WORD_LIST_TERMS.set(analyzer, (lists = new Map()));
  let terms = lists.get(words);
  if (!terms) lists.set(words, (terms = new Set(words.flatMap((word) => analyzer.queryTerms(word)))));
  return terms;
}

/** How many of the best passages are looked through for one that gives the age asked for. */
const AGE_AMONG = 5;

/** Moves the first of the best `among` candidates that `fits` to the front. */
function putFirst(candidates: Candidate[], fits: (candidate: Candidate) => boolean, among = candidates.length): void {
  const at = candidates.slice(0, among).findIndex(fits);
  if (at > 0) candidates.unshift(...candidates.splice(at, 1));
}

/**
 * Each article's candidates take the order of their scores among its passages (`inArticle`, see
 * titleOnlyCredit), scaled so that the article's best keeps the best score it had among articles.
 */
function orderWithinArticles(candidates: Candidate[], inArticle: readonly number[]): void {
  const best = new Map<Article, { score: number; inArticle: number }>();
  candidates.forEach((candidate, at) => {
    const article = best.get(candidate.passage.article);
    if (!article) {
      best.set(candidate.passage.article, { score: candidate.score, inArticle: inArticle[at]! });
    } else {
      article.score = Math.max(article.score, candidate.score);
      article.inArticle = Math.max(article.inArticle, inArticle[at]!);
    }
  });
  candidates.forEach((candidate, at) => {
    const article = best.get(candidate.passage.article)!;
    if (article.inArticle > 0) candidate.score = inArticle[at]! * (article.score / article.inArticle);
  });
}

/** Whether an article was published at most `days` before `today`, or a day after it (see recentDays). */
function publishedRecently(article: Pick<Article, 'published'>, today: string | undefined, days: number): boolean {
  if (today === undefined || article.published === null) return false;
  const daysBefore = (Date.parse(today) - Date.parse(article.published)) / DAY_MS;
  return daysBefore >= -1 && daysBefore <= days;
}

function compareCandidates(a: Candidate, b: Candidate, tolerance: number): number {
  const high = Math.max(a.score, b.score);
  if (high > 0 && Math.abs(a.score - b.score) > high * tolerance) return b.score - a.score;
  const newer = newestPublishedFirst(a.passage.article, b.passage.article);
  if (newer !== 0) return newer;
  if (a.score !== b.score) return b.score - a.score;
  // The same score in articles of the same day: by file and position, never by the order passages were indexed.
  return a.passage.article.file < b.passage.article.file ? -1 : a.passage.article.file > b.passage.article.file ? 1 : a.passage.position - b.passage.position;
}
