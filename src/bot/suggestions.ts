import type { AgreementEntry, Catalog } from '../core/catalog';
import { ANSWER_DEFAULTS } from '../core/answer';
import { code, MESSAGE_LIMITS, type RichText, type TryInstead } from '../core/reply';
import type { Library } from '../library/library';
import type { Choice } from './command';

const STARTERS = [
  'Who signed the memorandum?',
  'How much tungsten does Kazakhstan have?',
  'Which critical minerals does Kazakhstan offer the US?',
  'How many exploration licenses has Kazakhstan granted?',
  'What share of tungsten production does China have?',
];

/** A question the knowledge base may answer, and what it asks about (its words that a declined question may share). */
interface KnownQuestion {
  question: string;
  about: string;
  /** The command offered for it after a decline, when /ask is not the one that answers it best. */
  command?: string;
  /** It asks about one thing, which `about` names (a person, a mineral): any specific word of it shared relates it. */
  thing?: true;
}

/** What `memo` holds for the library's catalog, made by `make` the first time: per state of the catalog (it is made anew when the articles change). */
function perCatalog<T>(memo: WeakMap<Catalog, T>, library: Library, make: (catalog: Catalog) => T): T {
  const { catalog } = library.engine;
  let value = memo.get(catalog);
  if (value === undefined) memo.set(catalog, (value = make(catalog)));
  return value;
}

const knownOf = new WeakMap<Catalog, KnownQuestion[]>();

/** How /who signed is told of an agreement: its title, or its file when the title is another's too or longer than the option takes. */
function agreementNamed(catalog: Catalog, agreement: AgreementEntry): string {
  const name = catalog.nameOf(agreement);
  return name.length <= MESSAGE_LIMITS.choiceLength ? name : agreement.article.file;
}

/** Questions the knowledge base can answer, drawn from what it covers. */
function knownQuestions(library: Library): KnownQuestion[] {
  return perCatalog(knownOf, library, (catalog) => [
    ...STARTERS.map((question) => ({ question, about: question })),
    ...catalog.people.map((person) => ({ question: `Who is ${person.name}?`, about: person.name, thing: true as const })),
    ...catalog.minerals.map((mineral) => ({ question: `What do the articles say about ${mineral.name}?`, about: mineral.name, thing: true as const })),
    ...catalog.agreements.map((agreement) => ({
      question: `Who signed: ${agreement.article.title}`,
      about: agreement.article.title,
      // /who signed names the signatories with their roles; /ask would quote whichever passage has the title's words.
      command: `/who signed agreement: ${agreementNamed(catalog, agreement)}`,
    })),
    ...catalog.sections.map((section) => ({ question: section, about: section })),
  ]);
}

/** Whether each suggested question is answered: one the bot would decline is never suggested. */
const answeredOf = new WeakMap<Catalog, Map<string, boolean>>();

/**
 * Whether the knowledge base answers a question, worked out once per state of the articles;
 * undefined when it is not known yet and `mayCheck` says no more may be worked out now.
 */
function answers(library: Library, question: string, mayCheck: () => boolean = () => true): boolean | undefined {
  const answered = perCatalog(answeredOf, library, () => new Map<string, boolean>());
  let verdict = answered.get(question);
  if (verdict === undefined && mayCheck()) answered.set(question, (verdict = library.engine.answer(question).answered));
  return verdict;
}

/** Suggestions worked out per keystroke at most (an answer each, about 1–3 ms; remembered): autocomplete has 3 s, and many keystrokes. */
const NEW_CHECKS_PER_CALL = 40;

/**
 * Suggestions for what a person is typing: their own words first, then known questions containing
 * every word typed that the knowledge base answers, as many as Discord shows.
 */
export function suggestQuestions(library: Library, typed: string): Choice[] {
  const text = typed.replace(/\s+/g, ' ').trim();
  const words = text.toLowerCase().split(' ').filter(Boolean);
  // Text longer than a choice takes is not offered cut short: picked, it would send the cut question.
  const own = text && text.length <= MESSAGE_LIMITS.choiceLength ? [{ name: text, value: text }] : [];
  const suggested: Choice[] = [];
  let checks = 0;
  for (const { question, command } of knownQuestions(library)) {
    if (own.length + suggested.length >= MESSAGE_LIMITS.choices) break;
    // Answered best by a command of its own (/who signed), not by /ask.
    if (command !== undefined) continue;
    const lower = question.toLowerCase();
    if (!words.every((word) => lower.includes(word))) continue;
    const verdict = answers(library, question, () => checks++ < NEW_CHECKS_PER_CALL);
    if (verdict === undefined) break;
    if (verdict) suggested.push({ name: question, value: question });
  }
  return [...own, ...suggested];
}

/** What each known question asks about, as specific terms with their weights (see Engine.specificTerms), per state of the catalog. */
const aboutOf = new WeakMap<Catalog, Map<string, Map<string, number>>>();

/**
 * Known questions answered per declined question at most, to see whether the knowledge base
 * answers them (remembered until the library changes; then the first declined question pays again,
 * 2–7 ms each at 100,000 passages, with gathering the catalog again).
 */
const NEW_CHECKS_PER_DECLINE = 4;

/** A known question longer than this is not offered after a decline (a long section heading): the reply lists a few short ones. */
const RELATED_MAX_LENGTH = 150;

/**
 * A known question is related to a declined one when they share a word at least this specific
 * (as answering weighs it): a name, a mineral, a rare word; not "price" or "production".
 */
const RELATED_MIN_WEIGHT = ANSWER_DEFAULTS.maxTermWeight;

/**
 * A word in more than this share of the passages is what the whole library is about ("Kazakhstan"
 * in a library on Kazakhstan): it relates a declined question only to a known question about that
 * thing itself ("What do the articles say about uranium?" in a library on uranium), not to any
 * question or title that has it in passing ("How much tungsten does Kazakhstan have?" for "What is
 * the capital of Kazakhstan?").
 */
const LIBRARY_WIDE_SHARE = 0.5;

/**
 * What to ask instead of a declined question, as command lines: known questions the knowledge base
 * answers about something it names ("How much does a tonne of lithium cost?" → "/ask question: What
 * do the articles say about lithium?"; "What did Rubio say at the meeting?" → "/ask question: Who is
 * Marco Rubio?"; "When will the MOU be ratified?" → "/who signed agreement: …"), those sharing its
 * most specific words first, at most `limit`; none when no known question shares a specific word.
 */
export function relatedQuestions(library: Library, question: string, limit = 3): string[] {
  const { engine } = library;
  const asked = engine.specificTerms(question);
  if (![...asked.values()].some((weight) => weight >= RELATED_MIN_WEIGHT)) return [];
  const libraryWide = new Set([...asked.keys()].filter((term) => engine.termShare(term) > LIBRARY_WIDE_SHARE));
  const termsOf = perCatalog(aboutOf, library, () => new Map<string, Map<string, number>>());
  const sharing: { question: string; command: string | undefined; weight: number }[] = [];
  const typed = question.trim().toLowerCase();
  for (const { question: known, about, command, thing } of knownQuestions(library)) {
    if (known.length > RELATED_MAX_LENGTH || known.toLowerCase() === typed) continue;
    let terms = termsOf.get(about);
    if (!terms) termsOf.set(about, (terms = engine.specificTerms(about)));
    let weight = 0;
    let specific = false;
    for (const term of terms.keys()) {
      const shared = asked.get(term);
      if (shared === undefined || (!thing && libraryWide.has(term))) continue;
      weight += shared;
      if (shared >= RELATED_MIN_WEIGHT) specific = true;
    }
    if (specific) sharing.push({ question: known, command, weight });
  }
  // The most specific first; among equals, in the order autocomplete offers them. One that shares
  // much less than the best is about something else ("Who is Howard Simpson?" beside "Who is Howard Lutnick?").
  sharing.sort((a, b) => b.weight - a.weight);
  const related: string[] = [];
  let checks = 0;
  for (const { question: known, command, weight } of sharing) {
    if (related.length >= limit || weight < sharing[0]!.weight / 2) break;
    // A command of its own shows what the catalog gathered: nothing to check.
    const verdict = command === undefined ? answers(library, known, () => checks++ < NEW_CHECKS_PER_DECLINE) : true;
    if (verdict === undefined) break;
    const line = command ?? `/ask question: ${known}`;
    if (verdict && !related.includes(line)) related.push(line);
  }
  return related;
}

/** The commands a reply that found nothing may offer: a command just answered with nothing is not offered again. */
export type OfferedCommand = 'tungsten' | 'minerals' | 'sources';

/**
 * What to try after a reply that found nothing (see notFound), each checked against the knowledge
 * base: the first of the starter questions it answers (not the one just asked), /tungsten and
 * /minerals when it has something on them, /sources; without articles, nothing but how to add them.
 */
export function whatToTry(library: Library, asked: { question?: string; command?: OfferedCommand } = {}): TryInstead {
  const { engine } = library;
  if (engine.articles.length === 0) return { articles: false };
  const typed = asked.question?.trim().toLowerCase();
  const starter = STARTERS.find((question) => question.toLowerCase() !== typed && answers(library, question));
  const lines: RichText[] = starter ? [[code(`/ask question: ${starter}`)]] : [];
  const { catalog } = engine;
  if (asked.command !== 'tungsten' && catalog.mineral('tungsten')) lines.push([code('/tungsten'), ' — reserves, deposits and market share']);
  if (asked.command !== 'minerals' && catalog.minerals.length) lines.push([code('/minerals'), ' — which critical minerals the articles cover']);
  if (asked.command !== 'sources') lines.push([code('/sources'), ' — the articles the answers come from']);
  return { articles: true, lines };
}
