import type { Analysis } from './analysis';
import { AnswerTypesHeld, answerTypeBitsOf, validAnswerTypeBits } from './answer-type';
import { answerQuestion, ANSWER_DEFAULTS, termWeight, type AnswerContext, type AnswerSettings } from './answer';
import { Catalog, factsOf, problemWithFacts, type ArticleFacts } from './catalog';
import { articleHash, articleMeta, loadFrontMatterParsers, parseArticle } from './knowledge';
import type { Packed } from './minisearch-snapshot';
import { splitBody } from './passages';
import { PassageSentences } from './proximity';
import { SentenceTermTable, sentenceTermsOf, type SavedSentenceTerms } from './sentence-terms';
import { whatIsAsked } from './question';
import { SearchIndex, type IndexedPassage, type IndexOptions } from './search-index';
import type { Answer, Article, ArticleText, Passage } from './types';
import { WARM_UP_ARTICLES, warmUpQuestions } from './warm-up';

/** Everything the engine derives from one article, made once when the article is read (and cached with the index). */
export interface PreparedArticle {
  article: Article;
  /** Identifies what the article says: the same text under another file name has the same hash. */
  hash: string;
  passages: { section: string | null; text: string }[];
  facts: ArticleFacts;
  /** The passages' analysed terms, for the index. */
  indexed: Omit<IndexedPassage, 'id'>[];
  /** Each passage's sentences in analysed terms, for proximity (see sentence-terms.ts). */
  sentences: string[][][];
  /** The kinds of answer each passage holds (see answerTypeBitsOf). */
  answerTypes: number[];
}

/** An article as the engine holds it. */
export interface ArticleRecord {
  article: Article;
  hash: string;
  /** In order; their ids are consecutive. */
  passages: Passage[];
  facts: ArticleFacts;
}

/**
 * The year of publication is searchable with the title ("the 2024 visit"), and so is the author a
 * byline names ("What should the Pentagon stockpile do according to Pryce?": every paragraph of his
 * opinion piece is his).
 */
const titleTermsOf = (article: Article, analysis: Analysis, texts: readonly string[]) => {
  const author = bylineOf(texts);
  return [...analysis.analyzer.indexTerms(article.title), ...(article.published ? [article.published.slice(0, 4)] : []), ...(author ? analysis.analyzer.indexTerms(author) : [])];
};

/** "By Jonathan Pryce." opening an article (its first or second paragraph): two to four capitalized words, not "By March 2025". */
const BYLINE = /^\s*By\s+(\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{L}'’-]+){1,3})(?=\s*(?:[.,|—–]|$))/u;

/** The author an article's byline names, if it has one. */
export function bylineOf(texts: readonly string[]): string | undefined {
  for (const text of texts.slice(0, 2)) {
    const found = BYLINE.exec(text);
    if (found) return found[1];
  }
  return undefined;
}

/** Splits an article into passages, analyses them and finds what they cover. Pure: the same article always prepares the same. */
export function prepareArticle(source: ArticleText, analysis: Analysis): PreparedArticle {
  const { analyzer } = analysis;
  const article = articleMeta(source);
  const passages = splitBody(source.body);
  const title = titleTermsOf(article, analysis, passages.slice(0, 2).map((passage) => passage.text));
  const sentences = passages.map((passage) => sentenceTermsOf(passage.text, analyzer));
  const indexed = passages.map((passage, position) => ({
    // A passage's terms are its sentences' one after the other: its text is analysed once (no
    // word or phrase of the vocabulary spans two sentences).
    text: sentences[position]!.flat(),
    section: passage.section ? analyzer.indexTerms(passage.section) : [],
    title,
  }));
  const facts = factsOf(passages, (position) => new Set([...indexed[position]!.section, ...indexed[position]!.text]), analysis.topics);
  const answerTypes = passages.map((passage) => answerTypeBitsOf(passage.text));
  return { article, hash: articleHash(source), passages, facts, indexed, sentences, answerTypes };
}

/** What an engine saves of itself for the cache file: the index, and the articles with their passages. */
export interface SavedEngine {
  index: Packed;
  articles: Packed;
}

export interface EngineOptions {
  index?: IndexOptions;
  /** The day questions are asked on (YYYY-MM-DD, UTC), for questions about yesterday (see answerQuestion); without it they are declined. */
  today?: () => string;
}

/** The passages' texts in a cache file, as bytes: each decoded when first read. */
class PassageTexts {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly ends: Float64Array,
    private readonly encoding: 'utf8' | 'utf16le',
  ) {}

  /** Whether passage `i`'s bytes lie inside the table, after the previous passage's. */
  has(i: number): boolean {
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i];
    return end !== undefined && Number.isInteger(end) && end >= start && end <= this.bytes.length && (this.encoding === 'utf8' || end % 2 === 0);
  }

  text(i: number): string {
    return this.bytesOf(i).toString(this.encoding);
  }

  /** Passage `i`'s text as UTF-8 bytes when the table holds it so (a view, not a copy), else undefined. */
  utf8Of(i: number): Buffer | undefined {
    return this.encoding === 'utf8' ? this.bytesOf(i) : undefined;
  }

  private bytesOf(i: number): Buffer {
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.ends[i]! - start);
  }
}

/**
 * A passage restored from the cache: its text is read from the cache's bytes each time it is
 * needed, and not kept: a question reads the texts of a few hundred candidates once, and keeping
 * them would fill the heap, over a long run, with every text ever read (each kept string also
 * makes the garbage collector's frequent small collections slower).
 */
class StoredPassage implements Passage {
  constructor(
    readonly id: number,
    readonly article: Article,
    readonly section: string | null,
    readonly position: number,
    private readonly texts: PassageTexts,
    private readonly index: number,
  ) {}

  get text(): string {
    return this.texts.text(this.index);
  }

  /** The text's UTF-8 bytes as the cache holds them, when it holds them so. */
  get utf8(): Buffer | undefined {
    return this.texts.utf8Of(this.index);
  }

  toJSON(): Passage {
    return { id: this.id, article: this.article, section: this.section, position: this.position, text: this.text };
  }
}

/**
 * The passages' texts as bytes, each passage's end recorded, so that a restored engine reads a
 * passage's text only when it is needed (most never are, between two starts). In UTF-8, or in
 * UTF-16 when a text has a lone surrogate (UTF-8 cannot carry one). A restored passage's bytes are
 * copied as the cache held them: decoding every text and encoding it again was most of the memory
 * the cache builder's rewrite from the cache took.
 */
function packTexts(passages: readonly Passage[]): { textBytes: Buffer; textEnds: Float64Array; encoding: 'utf8' | 'utf16le' } {
  const utf8 = passages.map((passage) => (passage instanceof StoredPassage ? passage.utf8 : undefined));
  const wellFormed = passages.every((passage, i) => utf8[i] !== undefined || (passage.text as unknown as { isWellFormed(): boolean }).isWellFormed());
  const encoding = wellFormed ? 'utf8' : 'utf16le';
  const textEnds = new Float64Array(passages.length);
  let end = 0;
  passages.forEach((passage, i) => (textEnds[i] = end += wellFormed ? (utf8[i]?.length ?? Buffer.byteLength(passage.text, 'utf8')) : Buffer.byteLength(passage.text, 'utf16le')));
  const textBytes = Buffer.allocUnsafe(end);
  passages.forEach((passage, i) => {
    const start = i === 0 ? 0 : textEnds[i - 1]!;
    const bytes = wellFormed ? utf8[i] : undefined;
    if (bytes) bytes.copy(textBytes, start);
    else textBytes.write(passage.text, start, encoding);
  });
  return { textBytes, textEnds, encoding };
}

/**
 * Questions the start-up warm-up asks (each a few milliseconds at 100,000 passages, about 1 s in
 * all for one round, 1.3–1.5 s for three, in slices between answers). Measured at 5× (scripts/bench.ts): with 24, the p99 of
 * questions asked for the first time was 9–14 ms; with 300, 6–7 ms, for about 45 MB more memory
 * right after the warm-up (9 MB more once a few hundred questions have been asked either way).
 * A small library asks fewer: there every question is quick from the start, and 300 would cost
 * half a second of CPU for the 16 passages of the project's two articles.
 * Each is asked in three rounds (the same questions again; see warmUp): at 5×, alternated with a
 * single round in four processes each (the bench's 772 questions, timed once the warm-up is over),
 * the p99 of questions asked for the first time 6.0–6.6 → 3.6–5.1 ms and their p50 0.89–0.93 →
 * 0.76–0.89 ms, for 0.4–0.5 s more of warm-up and no more memory.
 */
const WARM_UP_QUESTIONS = { most: 300, least: 24, passagesPerQuestion: 50, rounds: 3 };

/** How many questions the warm-up asks of a library of this many passages. */
export function warmUpQuestionCount(passages: number): number {
  const { most, least, passagesPerQuestion } = WARM_UP_QUESTIONS;
  return Math.min(most, least + Math.floor(passages / passagesPerQuestion));
}

/**
 * The search engine over a set of articles: their passages, the index, and what they cover.
 * Articles are added, replaced and removed a few at a time (`apply`), each change whole: a
 * question asked between two changes sees every article either before or after it.
 */
export class Engine {
  private readonly records = new Map<string, ArticleRecord>();
  /** Passages by id; removed passages leave a hole. */
  private readonly byId: (Passage | undefined)[] = [];
  private nextId = 0;
  private passageList?: Passage[];
  private articleList?: Article[];
  private recordList?: ArticleRecord[];
  private catalogView?: Catalog;
  private placesView?: Map<string, Set<number>>;
  /** The passages' sentences as proximity reads them (see proximity.ts), from their table of analysed terms (see sentence-terms.ts). */
  private sentences: PassageSentences;
  private readonly answerTypes = new AnswerTypesHeld();

  private constructor(
    readonly analysis: Analysis,
    readonly index: SearchIndex,
    private readonly today: (() => string) | undefined,
  ) {
    this.sentences = new PassageSentences(analysis.analyzer, new SentenceTermTable());
  }

  static create(analysis: Analysis, options: EngineOptions = {}): Engine {
    return new Engine(analysis, SearchIndex.create(options.index), options.today);
  }

  /** An engine over `articles`, built at once (tests, the evaluation and the benchmark). */
  static build(analysis: Analysis, articles: Iterable<ArticleText>, options: EngineOptions = {}): Engine {
    const engine = Engine.create(analysis, options);
    engine.apply({ add: [...articles].map((article) => prepareArticle(article, analysis)) });
    return engine;
  }

  get analyzer() {
    return this.analysis.analyzer;
  }

  /** Removes the articles of `remove` and of `add` (by file), then adds those of `add`. */
  apply(change: { remove?: Iterable<string>; add?: Iterable<PreparedArticle> }): void {
    const add = [...(change.add ?? [])];
    const gone = new Set([...(change.remove ?? []), ...add.map((prepared) => prepared.article.file)]);
    const removed: IndexedPassage[] = [];
    for (const file of gone) {
      const record = this.records.get(file);
      if (!record) continue;
      const title = titleTermsOf(record.article, this.analysis, record.passages.slice(0, 2).map((passage) => passage.text));
      for (const passage of record.passages) {
        removed.push(this.indexedOf(passage, title));
        this.byId[passage.id] = undefined;
        this.sentences.table.remove(passage.id);
      }
      this.records.delete(file);
    }
    if (removed.length) this.index.remove(removed);

    const added: IndexedPassage[] = [];
    this.sentences.table.reserve(add.flatMap((prepared) => prepared.sentences));
    for (const prepared of add) {
      const { article } = prepared;
      const passages = prepared.passages.map((piece, position): Passage => ({ id: this.nextId++, article, section: piece.section, position, text: piece.text }));
      passages.forEach((passage, position) => {
        this.byId[passage.id] = passage;
        added.push({ id: passage.id, ...prepared.indexed[position]! });
        this.sentences.table.add(passage.id, prepared.sentences[position]!);
        this.answerTypes.preset(passage.id, prepared.answerTypes[position]!);
      });
      this.records.set(article.file, { article, hash: prepared.hash, passages, facts: prepared.facts });
    }
    if (added.length) this.index.add(added);
    if (gone.size || add.length) this.changed();
  }

  private changed(): void {
    this.passageList = undefined;
    this.articleList = undefined;
    this.recordList = undefined;
    this.catalogView = undefined;
    this.placesView = undefined;
  }

  /**
   * The passages naming a place of a country (see AnswerContext.places), found when a question first
   * names the country in each state of the articles.
   */
  private passagesNamingPlaceOf(country: string): ReadonlySet<number> | undefined {
    const places = this.analysis.places.get(country);
    if (!places) return undefined;
    this.placesView ??= new Map();
    let naming = this.placesView.get(country);
    if (!naming) {
      naming = new Set<number>();
      for (const place of places) {
        if (!place.every((term) => this.index.frequency(term) > 0)) continue;
        // From the rarest word's passages: "new" of "New York" is in many.
        const [rarest, ...others] = [...place].sort((a, b) => this.index.frequency(a) - this.index.frequency(b));
        const otherPostings = others.map((term) => this.index.postingsOf(term));
        for (const id of this.index.postingsOf(rarest!).ids()) if (otherPostings.every((postings) => postings.has(id))) naming.add(id);
      }
      this.placesView.set(country, naming);
    }
    return naming;
  }

  /** The records by file name: whatever order articles came in, everything made from all of them is the same. */
  private get sortedRecords(): ArticleRecord[] {
    return (this.recordList ??= [...this.records.values()].sort((a, b) => (a.article.file < b.article.file ? -1 : a.article.file > b.article.file ? 1 : 0)));
  }

  /** A passage as the index holds it: analysed exactly as when it was added, so that it can be taken out again. */
  private indexedOf(passage: Passage, title: string[]): IndexedPassage {
    const { analyzer } = this.analysis;
    return { id: passage.id, text: analyzer.indexTerms(passage.text), section: passage.section ? analyzer.indexTerms(passage.section) : [], title };
  }

  /** The articles, by file name. */
  get articles(): readonly Article[] {
    return (this.articleList ??= this.sortedRecords.map((record) => record.article));
  }

  /** Every passage, article by article (by file name). */
  get passages(): readonly Passage[] {
    return (this.passageList ??= this.sortedRecords.flatMap((record) => record.passages));
  }

  get passageCount(): number {
    return this.index.documentCount;
  }

  passage(id: number): Passage | undefined {
    return this.byId[id];
  }

  record(file: string): ArticleRecord | undefined {
    return this.records.get(file);
  }

  get files(): IterableIterator<string> {
    return this.records.keys();
  }

  /** What the articles cover (minerals, agreements, people, meetings), gathered once after each change. */
  get catalog(): Catalog {
    return (this.catalogView ??= new Catalog(this.sortedRecords));
  }

  /**
   * Pays now, in steps, for what the first questions would otherwise wait for (see warm-up.ts):
   * the dictionary of terms for typo searches; what the first article read while running would
   * (see warmUpReading); and a few questions answered and thrown away. The reading comes before
   * the questions: the new kinds of objects its throwaway engine makes sent the code compiled for
   * questions back to slow code (traced: scoreTable, bestMatches and six more at 5×). The caller
   * yields to the event loop between steps.
   */
  *warmUp(questions = warmUpQuestionCount(this.passageCount)): Generator<void> {
    yield* this.index.warmUpSteps();
    yield* this.warmUpReading();
    const asked = warmUpQuestions(this.passages, questions);
    // Asked again: answerQuestion is compiled to fast code only once the first round has made it
    // hot (170–270 ms on a background thread, meanwhile questions run in slower code) and again
    // each time what it meets differs from what it was compiled for (traced with --trace-opt
    // --trace-deopt: the first real questions found it still compiling). Asked again, the
    // questions cost little: their terms' lookups are remembered.
    for (let round = 0; round < WARM_UP_QUESTIONS.rounds; round++) {
      for (const question of asked) {
        this.answer(question);
        yield;
      }
    }
  }

  /**
   * The front-matter parsers loaded, and sample articles (see WARM_UP_ARTICLES) parsed, prepared,
   * and added to, changed in and removed from a throwaway engine restored from a snapshot, as
   * the library's is from its cache. A start from the cache reads no file, so otherwise the first
   * article added while running pays for all that at once: the event loop held 90–150 ms, against
   * 3–10 ms for the next ones.
   */
  private *warmUpReading(): Generator<void> {
    yield* loadFrontMatterParsers();
    const prepared: PreparedArticle[] = [];
    for (const [i, text] of WARM_UP_ARTICLES.entries()) {
      const parsed = parseArticle(`warm-up-${i}.md`, Buffer.from(text));
      if ('article' in parsed) prepared.push(prepareArticle(parsed.article, this.analysis));
      yield;
    }
    const [first, ...others] = prepared;
    if (!first) return;
    const built = Engine.create(this.analysis);
    built.apply({ add: [first] });
    const throwaway = Engine.restore(this.analysis, built.save());
    throwaway.apply({ add: others });
    throwaway.apply({ add: [first] });
    throwaway.apply({ remove: others.map((other) => other.article.file) });
    yield;
  }

  /**
   * Answers what the question asks (a greeting or polite opening before it left out: see
   * whatIsAsked); the answer keeps the question as typed. `settings` other than the defaults are
   * for evaluation scripts measuring what a rule changes; `keep` answers from some passages only
   * (see answerQuestion).
   */
  answer(question: string, options: { limit?: number; settings?: Partial<AnswerSettings>; keep?: (passage: Passage) => boolean } = {}): Answer {
    const limit = options.limit ?? ANSWER_DEFAULTS.limit;
    return { ...answerQuestion(whatIsAsked(question), this.answerContext(), options.settings ? { ...options.settings, limit } : { limit }, options.keep), question };
  }

  /** The share of the passages that have the term, 0 to 1 (0 without passages). */
  termShare(term: string): number {
    const count = this.index.documentCount;
    return count ? this.index.frequency(term) / count : 0;
  }

  /** The terms of a text that say what it is about, with their weight in answering it: those rarer than everyday English (see termWeight). */
  specificTerms(text: string): Map<string, number> {
    const context = this.answerContext();
    const terms = new Map<string, number>();
    for (const term of this.analysis.analyzer.queryTerms(text)) {
      const weight = termWeight(term, context, ANSWER_DEFAULTS);
      if (weight > 0) terms.set(term, weight);
    }
    return terms;
  }

  private answerContext(): AnswerContext {
    const { analyzer, english, related } = this.analysis;
    return { index: this.index, passages: this.byId, analyzer, sentences: this.sentences, answerTypes: this.answerTypes, english, related, today: this.today, topics: this.analysis.topics, placesOf: (country) => this.passagesNamingPlaceOf(country) };
  }

  /** The engine as typed arrays and strings, for the cache file; `restore` reads it back. */
  save(): SavedEngine {
    const records = [...this.records.values()];
    const passages = records.flatMap((record) => record.passages);
    const { termNumbers, sentenceEnds, passageSentences, dictionary, termLengths } = this.sentences.table.save(passages.map((passage) => passage.id));
    const sections = new Map<string, number>();
    const sectionOf = new Uint32Array(passages.length);
    passages.forEach((passage, i) => {
      if (passage.section !== null && !sections.has(passage.section)) sections.set(passage.section, sections.size + 1);
      sectionOf[i] = passage.section === null ? 0 : sections.get(passage.section)!;
    });
    const { textBytes, textEnds, encoding } = packTexts(passages);
    return {
      index: this.index.serialize(),
      articles: {
        meta: {
          articles: records.map(({ article, hash, facts, passages: list }) => ({ ...article, hash, facts, firstId: list[0]?.id ?? 0, count: list.length })),
          textEncoding: encoding,
        },
        arrays: {
          sectionOf,
          textEnds,
          textBytes,
          sectionLengths: Uint32Array.from(sections.keys(), (section) => section.length),
          termNumbers,
          sentenceEnds,
          passageSentences,
          termLengths,
          answerTypes: Uint8Array.from(passages, (passage) => this.answerTypes.allHeld(passage)),
        },
        strings: { sections: [...sections.keys()].join(''), dictionary },
      },
    };
  }

  /**
   * The engine `save` saved. Checks that everything in it fits together (so that no cache content
   * can make answering fail) and throws, naming what is wrong, when it does not.
   */
  static restore(analysis: Analysis, saved: SavedEngine, options: EngineOptions = {}): Engine {
    const corrupt = (what: string): never => {
      throw new Error(`corrupt engine snapshot: ${what}`);
    };
    const index = SearchIndex.restore(saved.index, options.index);
    const engine = new Engine(analysis, index, options.today);
    const { sectionOf, textEnds, textBytes, sectionLengths, termNumbers, sentenceEnds, passageSentences, termLengths, answerTypes } = saved.articles.arrays;
    const { sections: sectionText, dictionary } = saved.articles.strings;
    const { articles: list, textEncoding } = saved.articles.meta;
    if (!(sectionOf instanceof Uint32Array && textEnds instanceof Float64Array && textBytes instanceof Uint8Array && sectionLengths instanceof Uint32Array && answerTypes instanceof Uint8Array)) corrupt('passage tables');
    if (typeof sectionText !== 'string' || !Array.isArray(list) || (textEncoding !== 'utf8' && textEncoding !== 'utf16le')) corrupt('passage strings');
    const sections: (string | null)[] = [null];
    let at = 0;
    for (const length of sectionLengths as Uint32Array) sections.push((sectionText as string).slice(at, (at += length)));
    if (at !== (sectionText as string).length) corrupt('sections');
    const texts = new PassageTexts(textBytes as Uint8Array, textEnds as Float64Array, textEncoding as 'utf8' | 'utf16le');

    let passageAt = 0;
    const ids: number[] = [];
    for (const entry of list as Record<string, unknown>[]) {
      const { file, title, publisher, published, url, tags, hash, facts, firstId, count } = entry ?? {};
      const text = (value: unknown) => value === null || typeof value === 'string';
      if (typeof file !== 'string' || typeof title !== 'string' || !text(publisher) || !text(published) || !text(url)) corrupt('an article');
      if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string') || typeof hash !== 'string') corrupt(`article ${String(file)}`);
      if (!Number.isInteger(firstId) || !Number.isInteger(count) || (firstId as number) < 0 || (count as number) < 0) corrupt(`article ${String(file)}: ids`);
      if (engine.records.has(file as string)) corrupt(`article ${String(file)} twice`);
      const factsProblem = problemWithFacts(facts, count as number);
      if (factsProblem) corrupt(`article ${String(file)}: ${factsProblem}`);
      const article = { file, title, publisher, published, url, tags } as Article;
      const passages: Passage[] = [];
      for (let position = 0; position < (count as number); position++, passageAt++) {
        const section = sections[(sectionOf as Uint32Array)[passageAt] ?? -1];
        if (section === undefined || !texts.has(passageAt)) corrupt('passage texts');
        const id = (firstId as number) + position;
        if (engine.byId[id] !== undefined || !index.has(id)) corrupt(`passage ${id}`);
        const passage = new StoredPassage(id, article, section!, position, texts, passageAt);
        const types = (answerTypes as Uint8Array)[passageAt];
        if (types === undefined || !validAnswerTypeBits(types)) corrupt(`passage ${id}: kinds of answer`);
        engine.byId[id] = passage;
        engine.answerTypes.preset(id, types!);
        passages.push(passage);
        ids.push(id);
      }
      engine.records.set(file as string, { article, hash: hash as string, passages, facts: facts as ArticleFacts });
      engine.nextId = Math.max(engine.nextId, (firstId as number) + (count as number));
    }
    if (passageAt !== (textEnds as Float64Array).length || passageAt !== (sectionOf as Uint32Array).length || passageAt !== (answerTypes as Uint8Array).length) corrupt('passage counts');
    if (passageAt !== index.documentCount) corrupt(`${passageAt} passages for an index of ${index.documentCount}`);
    engine.sentences = new PassageSentences(analysis.analyzer, SentenceTermTable.restore({ termNumbers, sentenceEnds, passageSentences, termLengths, dictionary } as SavedSentenceTerms, ids));
    return engine;
  }
}
