import type { TopicTerms } from './analysis';
import { extractPeople, patronymicOf, type Person } from './people';
import { inCyrillic } from './text/analyzer';
import { transliterated } from './text/name-spelling';
import { MONTH_NAMES } from './text/number-words';
import type { Article, Passage } from './types';

/**
 * What one article covers, found once when the article is analysed (and cached with it): the
 * minerals its passages mention, the passages about signing an agreement, the people it names and
 * the passages about a meeting or a visit. Positions are passage positions within the article.
 */
export interface ArticleFacts {
  minerals: [name: string, positions: number[]][];
  agreement: number[];
  people: { name: string; role: string | null; positions: number[] }[];
  /** Passages naming someone (see extractPeople, or by last name: surnameMentions) that speak of a meeting. */
  meetings: number[];
  /** Passages naming someone that speak of a visit. */
  visits: number[];
}

/** A text's words as written, without accents, split at spaces, hyphens and punctuation. */
function wordsAsWritten(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A name's words as typed names are compared: lower case, without accents, split at spaces, hyphens and punctuation. */
function wordsOf(name: string): string[] {
  return wordsAsWritten(name).map((word) => word.toLowerCase());
}

const MEETING = /\b(?:met|meet|meets|meeting|meetings)\b|(?<!\p{L})(?:встреч|встрет|переговор)\p{L}*/giu;
const VISIT = /\b(?:visit|visits|visited|visiting|trip|trips|tour|toured|arrived)\b|(?<!\p{L})(?:визит|посети|посещ|поездк|прибы)\p{L}*/iu;
/** Things met that are not people: "the problems met in a private venture", "met the deadline", "demand was met". */
const THINGS_MET = String.raw`(?:problems?|difficult(?:y|ies)|obstacles?|needs?|demands?|requirements?|conditions?|criteria|standards?|targets?|goals?|expectations?|obligations?|quotas?|deadlines?|costs?|expenses?|challenges?|fate|death|end)`;
/** What something is met with that is not people: "met with little success", "met stiff opposition" (but "met the opposition", "opposition leaders"). */
const REACTIONS = String.raw`(?:resistance|opposition|approval|disapproval|criticism|skepticism|scepticism|enthusiasm|applause|silence|hostility|indifference|success|failure|derision|protests?|outrage|praise|acclaim|dismay|suspicion)`;
const DETERMINER = String.raw`(?:the|a|an|its|their|our|his|her|all|every|any|these|those|this|that|such)`;
const ADVERBS = String.raw`(?:not|fully|largely|partly|already|now|often|usually|always|never|generally)`;
const BE = String.raw`(?:is|are|was|were|be|been|being)`;
/** Where a reaction ends: punctuation, or a word that cannot go on its noun ("opposition leaders" are people). */
const REACTION_ENDS = String.raw`(?=\s*(?:[,.;:!?)"”]|$)|\s+(?:in|of|from|at|for|on|to|and|or|but|as|by|with|when|while|which|that|so|than|over|this|last|next|every|each)\b)`;
/** After "met": "met the deadline", "meet their needs", "met with little success", "met stiff opposition". */
const THING_AFTER_MET = new RegExp(
  String.raw`^\s+(?:with\s+)?(?:(?:${DETERMINER}\s+)?(?:(?!${DETERMINER}\s)\p{Ll}+\s+)?${THINGS_MET}\b|(?:(?!${DETERMINER}\s)\p{Ll}+\s+)?${REACTIONS}${REACTION_ENDS})`,
  // In lower case, as nouns run in text: "meet the Bills" is a team.
  'u',
);
/** Before "met": a thing met ("the problems met", "demand was met", "the difficulties met by …"). */
const THING_BEFORE_MET = new RegExp(String.raw`\b${THINGS_MET}\s+(?:(?:${BE}|has|have|had|${ADVERBS})\s+)*$`, 'iu');
/** Before "met": a passive ("was met"), and who was met when a name says it ("Tokayev was met at the airport"). */
const PASSIVE_MET = new RegExp(String.raw`\b${BE}\s+(?:${ADVERBS}\s+)*$`, 'iu');
const NAMED_PASSIVE_MET = new RegExp(String.raw`(?<![\p{L}’'-])(?!(?:It|This|That|These|Those|Which|What|There)\s)\p{Lu}[\p{L}’'-]*\s+${BE}\s+(?:${ADVERBS}\s+)*$`, 'u');
/** After a passive "met", who met: "was met by the ambassador", "were met at the airport by …". */
const PEOPLE_AFTER_MET = /^(?:\s+[^\s.;:]+){0,4}?\s+(?:by|with)\b/iu;

/** Whether a text speaks of a meeting: a word of meeting not used of things met ("problems met in a private venture"). */
export function speaksOfMeeting(text: string): boolean {
  for (const match of text.matchAll(MEETING)) {
    if (!/^me(?:t|ets?)$/i.test(match[0])) return true;
    const before = text.slice(Math.max(0, match.index - 60), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 60);
    if (THING_AFTER_MET.test(after) || THING_BEFORE_MET.test(before)) continue;
    if (!PASSIVE_MET.test(before) || NAMED_PASSIVE_MET.test(before) || PEOPLE_AFTER_MET.test(after)) return true;
  }
  return false;
}

/**
 * Whether two words of names (as wordsOf gives them) are one word in two cases: a Russian name
 * changes its ending with its case ("лютник", "лютником"; "нагаспаев", "нагаспаевым"), which
 * stemming does not always undo (Snowball stems "нагаспаев" to "нагаспа", but "нагаспаевым" to
 * "нагаспаев"). Words in other letters are one word only when they are equal.
 */
function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (!inCyrillic(a) || !inCyrillic(b)) return false;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= Math.max(3, Math.min(a.length, b.length) - 2) && Math.max(a.length, b.length) - common <= 3;
}

/** Whether `words` hold every word of `wanted` (as wordsOf gives them; see sameNameWord). */
function holdsEvery(words: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((word) => words.some((other) => sameNameWord(word, other)));
}

/** Words that join the words of a role or a name ("Minister of Industry and Construction", "Ambassador to Kazakhstan"): alone, they name no one. */
const ROLE_JOINING_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'for', 'and', 'in', 'on', 'at', 'by', 'with', 'from', 'or', 'as']);

/** A word typed in part shorter than this ("to", "mo", "ti") is not taken for the start of a word of a name or title. */
export const START_OF_WORD = 3;

/**
 * Whether each word of `wanted` begins a word of `words`: a name typed in part and sent without
 * picking it from the autocomplete list ("Toka", "lutn"). Never for a typed word shorter than START_OF_WORD.
 */
function beginsEvery(words: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((word) => word.length >= START_OF_WORD && words.some((other) => other.startsWith(word)));
}

/**
 * Whether a text names someone by a name as typed (any case, accents aside; a Russian name in
 * another case too): it has every word of the name, and the last one capitalized at least once, as
 * a name is written ("Rollo", "von der Leyen", "Condoleezza Rice" beside "rice exports").
 */
export function namesAsTyped(text: string, name: string): boolean {
  const wanted = wordsOf(name);
  if (!wanted.length) return false;
  const written = wordsAsWritten(text);
  const lower = written.map((word) => word.toLowerCase());
  if (!holdsEvery(lower, wanted)) return false;
  const last = wanted.at(-1)!;
  return written.some((word, i) => /^\p{Lu}/u.test(word) && sameNameWord(last, lower[i]!));
}

/** Whether `words` are the name `known`, or its last words ("Лютником" of "Говард Лютник"), each maybe in another case. */
function namesOneOf(words: readonly string[], known: readonly string[]): boolean {
  const offset = known.length - words.length;
  return offset >= 0 && words.every((word, i) => sameNameWord(word, known[offset + i]!));
}

/**
 * A person's entry is the first one with that name, or with a full name ending in it ("Lutnick"
 * joins "Howard Lutnick"), or, for a name in Russian, with that name in another case ("Говардом
 * Лютником" joins "Говард Лютник", which is the name shown: a Russian name's shortest case, its
 * nominative mostly). A name with a patronymic and the same name without it are one person
 * ("Kassym-Jomart Kemeluly Tokayev", "Kassym-Jomart Tokayev").
 */
class PeopleIndex<T extends { name: string }> {
  readonly entries: T[] = [];
  private readonly byName = new Map<string, T>();
  /** Entries with a name in Cyrillic letters, by the first three letters of its last word: where another case of a name is looked for. */
  private readonly russian = new Map<string, { entry: T; words: string[] }[]>();

  find(name: string): T | undefined {
    const found = this.findAs(name);
    if (found) return found;
    // Known without the patronymic, or with this one: "Ivan Ivanovich Petrov" is not "Ivan Sergeyevich Petrov".
    const named = patronymicOf(name);
    const short = named && this.findAs(named.without);
    const known = short && patronymicOf(short.name);
    return short && (!known || sameNameWord(wordsOf(known.patronymic)[0]!, wordsOf(named.patronymic)[0]!)) ? short : undefined;
  }

  private findAs(name: string): T | undefined {
    const exact = this.byName.get(name);
    if (exact || !inCyrillic(name)) return exact;
    const words = wordsOf(name);
    return this.russian.get(words.at(-1)?.slice(0, 3) ?? '')?.find((known) => namesOneOf(words, known.words))?.entry;
  }

  add(entry: T): void {
    this.entries.push(entry);
    this.addName(entry, entry.name);
  }

  /** Another spelling found to name a known entry (see find). */
  alsoNamed(entry: T, name: string): void {
    if (name === entry.name || !inCyrillic(name)) return;
    this.addName(entry, name);
    if (wordsOf(name).length === wordsOf(entry.name).length && name.length < entry.name.length) entry.name = name;
  }

  private addName(entry: T, name: string): void {
    const short = patronymicOf(name)?.without;
    if (short) this.addName(entry, short);
    // Every ending of the name after a space finds it, unless an earlier entry has that name.
    const words = name.split(' ');
    for (let i = 0; i < words.length; i++) {
      const ending = words.slice(i).join(' ');
      if (!this.byName.has(ending)) this.byName.set(ending, entry);
    }
    if (!inCyrillic(name)) return;
    const typed = wordsOf(name);
    const bucket = typed.at(-1)!.slice(0, 3);
    const known = this.russian.get(bucket);
    if (known) known.push({ entry, words: typed });
    else this.russian.set(bucket, [{ entry, words: typed }]);
  }
}

/** The facts of one article from its passages' texts and analysed terms (section and text together). */
export function factsOf(passages: readonly { text: string }[], termsOf: (position: number) => ReadonlySet<string>, topics: TopicTerms): ArticleFacts {
  const present = passages.map((_, position) => termsOf(position));
  const mentions = (position: number, terms: readonly string[]) => terms.some((term) => present[position]!.has(term));
  // Each passage's terms looked up once among the minerals' (rather than each mineral's among the passage's: 57 minerals).
  const mineralsOf = new Map<string, number[]>();
  topics.minerals.forEach((mineral, index) => {
    for (const term of mineral.terms) mineralsOf.set(term, [...(mineralsOf.get(term) ?? []), index]);
  });
  const positionsOf = topics.minerals.map((): number[] => []);
  present.forEach((terms, position) => {
    for (const term of terms) {
      const indexes = mineralsOf.get(term);
      if (!indexes) continue;
      for (const index of indexes) {
        const positions = positionsOf[index]!;
        if (positions[positions.length - 1] !== position) positions.push(position);
      }
    }
  });
  const minerals: ArticleFacts['minerals'] = topics.minerals.flatMap((mineral, index): ArticleFacts['minerals'] => (positionsOf[index]!.length ? [[mineral.name, positionsOf[index]!]] : []));
  const agreement = passages
    .map((_, position) => position)
    .filter((position) => mentions(position, topics.agreement) && mentions(position, topics.signing));

  const people = new PeopleIndex<ArticleFacts['people'][number]>();
  const naming = passages.map((passage) => extractPeople(passage.text));
  naming.forEach((named, position) => {
    for (const person of named) {
      const known = people.find(person.name);
      if (known) {
        if (known.positions[known.positions.length - 1] !== position) known.positions.push(position);
        known.role ??= person.role;
        people.alsoNamed(known, person.name);
      } else {
        people.add({ name: person.name, role: person.role, positions: [position] });
      }
    }
  });
  const bySurname = surnameMentions(passages, people.entries);
  const meetings: number[] = [];
  const visits: number[] = [];
  passages.forEach((passage, position) => {
    const namesSomeone = naming[position]!.length > 0 || bySurname.has(position);
    if (namesSomeone && speaksOfMeeting(passage.text)) meetings.push(position);
    if (namesSomeone && VISIT.test(passage.text)) visits.push(position);
  });
  return { minerals, agreement, people: people.entries, meetings, visits };
}

/** Names of months and days, capitalized as a name is: "in May" is not Theresa May. */
export const CALENDAR_WORDS = new Set([...MONTH_NAMES.map((month) => month.toLowerCase()), 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * Adds to each person's positions the passages after the first naming them in full that name them
 * by their last name alone, as news does ("Kassym-Jomart Tokayev … Tokayev noted …"), and returns those
 * positions. Not when two people of the article share the last name, nor when the article writes
 * the word in lower case too ("Condoleezza Rice" beside "rice exports"), nor a month or a day.
 */
function surnameMentions(passages: readonly { text: string }[], people: ArticleFacts['people']): Set<number> {
  const found = new Set<number>();
  // Each last name once; null when two people of the article have it.
  const surnames = new Map<string, ArticleFacts['people'][number] | null>();
  for (const person of people) {
    // The last word as written, accents kept (the text is searched for it as it is).
    const last = /[\p{L}\p{M}\p{N}]+$/u.exec(person.name)?.[0];
    if (!last || !/^\p{Lu}/u.test(last) || CALENDAR_WORDS.has(last.toLowerCase())) continue;
    surnames.set(last, surnames.has(last) ? null : person);
  }
  for (const [surname, person] of surnames) {
    if (!person || passages.some((passage) => hasWord(passage.text, surname.toLowerCase()))) continue;
    // After the full name: before it, the same last name may be someone else's.
    const from = Math.min(...person.positions);
    const positions = passages.flatMap((passage, position) => (position > from && hasWord(passage.text, surname) ? [position] : []));
    person.positions = [...new Set([...person.positions, ...positions])].sort((a, b) => a - b);
    for (const position of positions) found.add(position);
  }
  return found;
}

/** Whether `text` has `word` as a whole word, as written (found with indexOf: an article's passages are read once per last name, not split into words). */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Why `value` is not a well-formed ArticleFacts for an article of `passages` passages (undefined when it is). */
export function problemWithFacts(value: unknown, passages: number): string | undefined {
  const facts = value as Partial<ArticleFacts> | null;
  const positions = (list: unknown) => Array.isArray(list) && list.every((p) => Number.isInteger(p) && p >= 0 && p < passages);
  if (typeof facts !== 'object' || facts === null) return 'not an object';
  if (!Array.isArray(facts.minerals) || !facts.minerals.every((m) => Array.isArray(m) && typeof m[0] === 'string' && positions(m[1]))) return 'minerals';
  if (!positions(facts.agreement) || !positions(facts.meetings) || !positions(facts.visits)) return 'agreement, meeting or visit passages';
  if (
    !Array.isArray(facts.people) ||
    !facts.people.every((p) => typeof p?.name === 'string' && (p.role === null || typeof p.role === 'string') && positions(p.positions))
  ) {
    return 'people';
  }
  return undefined;
}

export interface MineralEntry {
  name: string;
  /** Passages that mention it, in knowledge-base order. */
  passages: Passage[];
  has(passage: Passage): boolean;
}

export interface AgreementEntry {
  /** The article that reports the agreement. */
  article: Article;
  /** Passages of that article about signing it. */
  passages: Passage[];
}

export interface PersonEntry extends Person {
  passages: Passage[];
}

/** One article as the catalog reads it: its passages in order, and its facts. */
export interface CatalogSource {
  article: Article;
  passages: readonly Passage[];
  facts: ArticleFacts;
}

/** Newest published first; undated last. */
export function newestPublishedFirst(a: Pick<Article, 'published'>, b: Pick<Article, 'published'>): number {
  return (b.published ?? '').localeCompare(a.published ?? '');
}

/**
 * What the knowledge base covers: minerals, agreements, people and meetings, gathered from the
 * articles' facts (linear in the number of passages that mention something; nothing is analysed again).
 */
export class Catalog {
  readonly minerals: MineralEntry[];
  readonly agreements: AgreementEntry[];
  readonly people: PersonEntry[];
  /** Passages about a meeting that name someone. */
  readonly meetings: Passage[];
  /** Passages about a visit that name someone. */
  readonly visits: Passage[];
  /** The section headings of the articles, each once. */
  readonly sections: string[];
  private readonly topicsByArticle = new Map<Article, string[]>();
  /** How many agreements have each title, as agreementsNamed compares titles; counted when first needed. */
  private titleCounts: Map<string, number> | undefined;

  constructor(sources: Iterable<CatalogSource>) {
    const minerals = new Map<string, Passage[]>();
    const people = new PeopleIndex<PersonEntry>();
    this.agreements = [];
    this.meetings = [];
    this.visits = [];
    const sections = new Set<string>();
    for (const { article, passages, facts } of sources) {
      for (const passage of passages) if (passage.section) sections.add(passage.section);
      const at = (position: number) => passages[position];
      const present = (list: number[]) => list.map(at).filter((passage): passage is Passage => passage !== undefined);
      for (const [name, positions] of facts.minerals) {
        const list = minerals.get(name) ?? [];
        list.push(...present(positions));
        minerals.set(name, list);
      }
      const agreement = present(facts.agreement);
      if (agreement.length) this.agreements.push({ article, passages: agreement });
      this.meetings.push(...present(facts.meetings));
      this.visits.push(...present(facts.visits));
      for (const person of facts.people) {
        const known = people.find(person.name);
        if (known) {
          known.passages.push(...present(person.positions));
          known.role ??= person.role;
          people.alsoNamed(known, person.name);
        } else {
          people.add({ name: person.name, role: person.role, passages: present(person.positions) });
        }
      }
      const mineralCounts = facts.minerals
        .map(([name, positions]) => ({ name, count: positions.length }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
      this.topicsByArticle.set(article, [...(agreement.length ? ['agreements'] : []), ...mineralCounts.map((mineral) => mineral.name)]);
    }
    this.minerals = [...minerals]
      .map(([name, passages]): MineralEntry => {
        const ids = new Set(passages.map((passage) => passage.id));
        return { name, passages, has: (passage) => ids.has(passage.id) };
      })
      .sort((a, b) => b.passages.length - a.passages.length || a.name.localeCompare(b.name));
    this.agreements.sort((a, b) => newestPublishedFirst(a.article, b.article));
    this.people = people.entries;
    this.sections = [...sections];
  }

  mineral(name: string): MineralEntry | undefined {
    const wanted = name.trim().toLowerCase();
    return this.minerals.find((entry) => entry.name.toLowerCase() === wanted);
  }

  /**
   * The people a typed name may mean: the one with exactly that name, else everyone whose name has
   * each typed word ("Tokayev", "kassym jomart"), else everyone whose role has them ("minister"), else
   * everyone whose name has a word beginning with each ("Toka"), in the catalog's order. Case and
   * accents do not matter, nor the case of a Russian word ("Лютником").
   */
  peopleNamed(name: string): PersonEntry[] {
    const wanted = wordsOf(name);
    if (!wanted.length) return [];
    const exact = this.people.filter((entry) => {
      const words = wordsOf(entry.name);
      return words.length === wanted.length && namesOneOf(wanted, words);
    });
    if (exact.length) return exact;
    // Words that only join others ("to", "and", "the") name no one and no role.
    if (wanted.every((word) => ROLE_JOINING_WORDS.has(word))) return [];
    const having = (text: string | null) => holdsEvery(wordsOf(text ?? ''), wanted);
    const byName = this.people.filter((entry) => having(entry.name));
    if (byName.length) return byName;
    // "Howard W. Lutnick" for the Howard Lutnick the articles name: an initial they do not write,
    // besides a first and a last name; "H. Lutnick", an initial of a name they write.
    const withoutInitials = wanted.filter((word) => word.length > 1);
    const initials = wanted.filter((word) => word.length === 1);
    if (withoutInitials.length && initials.length) {
      const initialled = this.people.filter((entry) => {
        const words = wordsOf(entry.name);
        // Not an initial other than one the articles write: "Robert J. Kennedy" is not Robert F. Kennedy.
        const own = words.filter((word) => word.length === 1);
        if (own.length && !initials.every((initial) => own.includes(initial) || words.some((word) => word.length > 1 && word.startsWith(initial) && !withoutInitials.includes(word)))) return false;
        return holdsEvery(words, withoutInitials) && (withoutInitials.length > 1 || initials.every((initial) => words.some((word) => word.startsWith(initial) && !withoutInitials.includes(word))));
      });
      if (initialled.length) return initialled;
    }
    const byRole = this.people.filter((entry) => having(entry.role));
    if (byRole.length) return byRole;
    const begun = this.people.filter((entry) => beginsEvery(wordsOf(entry.name), wanted));
    if (begun.length) return begun;
    // "Tokaev" for Tokayev: another transliteration of the name (a word of four letters or more).
    if (wanted.some((word) => word.length < 4)) return [];
    const spelled = wanted.map(transliterated);
    return this.people.filter((entry) => holdsEvery(wordsOf(entry.name).map(transliterated), spelled));
  }

  /** What agreementsNamed finds this agreement alone by: its title, or its file when another agreement has the same title. */
  nameOf(entry: AgreementEntry): string {
    const key = (title: string) => wordsOf(title).join(' ');
    if (!this.titleCounts) {
      this.titleCounts = new Map();
      for (const { article } of this.agreements) {
        const title = key(article.title);
        this.titleCounts.set(title, (this.titleCounts.get(title) ?? 0) + 1);
      }
    }
    const title = key(entry.article.title);
    return title && this.titleCounts.get(title) === 1 ? entry.article.title : entry.article.file;
  }

  /**
   * The agreements a typed name may mean: the one reported by the article of that file or title,
   * else those whose title contains what is typed ("mou"), else those whose title has it with its
   * last word cut short ("critical min"), newest first.
   */
  agreementsNamed(named: string): AgreementEntry[] {
    const wanted = wordsOf(named);
    if (wanted.length > 1 && wanted[0] === 'the') wanted.shift();
    const phrase = wanted.join(' ');
    // Words that only join others ("the", "a", "of") name no agreement.
    if (!phrase || wanted.every((word) => ROLE_JOINING_WORDS.has(word))) return [];
    const titles = this.agreements.map((entry) => ` ${wordsOf(entry.article.title).join(' ')} `);
    const exact = this.agreements.filter((entry, i) => entry.article.file === named.trim() || titles[i] === ` ${phrase} `);
    if (exact.length) return exact;
    const cutShort = wanted.at(-1)!.length >= START_OF_WORD;
    const titled = this.agreements.filter((_, i) => titles[i]!.includes(` ${phrase} `));
    if (titled.length) return titled;
    const begun = cutShort ? this.agreements.filter((_, i) => titles[i]!.includes(` ${phrase}`)) : [];
    if (begun.length) return begun;
    // "memorandum", "memorandum of understanding": what the agreement's own passages call it, its
    // title having another name for it ("… Ink MOU …").
    const calls = (entry: AgreementEntry, end: string) => entry.passages.some((passage) => ` ${wordsOf(passage.text).join(' ')} `.includes(` ${phrase}${end}`));
    const called = this.agreements.filter((entry) => calls(entry, ' '));
    return called.length || !cutShort ? called : this.agreements.filter((entry) => calls(entry, ''));
  }

  /** What an article is about, most prominent first: "agreements", then the minerals it mentions most. */
  topicsOf(article: Article): string[] {
    return this.topicsByArticle.get(article) ?? [];
  }
}
