import { START_OF_WORD, type AgreementEntry, type MineralEntry } from './catalog';
import type { Engine } from './engine';
import { extractPeople, type Person } from './people';
import { checkQuestion } from './question';
import { mostlyCyrillic } from './text/analyzer';
import type { Answer, AnswerResult, Passage } from './types';
import { sentences } from '../util/text';

/**
 * The questions behind the topic commands (/minerals, /tungsten, /who): what they search for, and
 * how the results are kept to a topic. Commands call these; they hold no search logic themselves.
 */
export const TOPIC_QUESTIONS = {
  /** /minerals without a mineral: the passage on what Kazakhstan offers. */
  offer: 'What does Kazakhstan offer to supply to the USA?',
  /** /tungsten without a question. */
  tungsten: 'tungsten reserves deposits market share production Kazakhstan',
  signed: 'Who signed the memorandum of understanding agreement?',
  /** /who met without a person: the search rarely "answers" this, so passages about meetings follow. */
  met: 'Who met whom? meeting talks officials',
  visited: 'Who visited? working visit trip',
} as const;

export const TOPIC_RESULTS = {
  /** Passages shown for a topic. */
  shown: 5,
  /** Results searched through for those that belong to the topic. */
  searched: 50,
} as const;

/**
 * The best passages for a question among those that pass `keep` (a topic's passages): the search's
 * order first, then the topic's remaining passages, so that a topic with passages always shows some.
 */
export function passagesAbout(engine: Engine, question: string, keep: (passage: Passage) => boolean, fallback: readonly Passage[] = []): AnswerResult[] {
  const answer = engine.answer(question, { limit: TOPIC_RESULTS.searched });
  const ranked = answer.results.filter((result) => keep(result.passage));
  const seen = new Set(ranked.map((result) => result.passage.id));
  const matchedTerms = engine.analyzer.queryTerms(question);
  for (const passage of fallback) {
    if (ranked.length >= TOPIC_RESULTS.shown) break;
    if (!seen.has(passage.id)) ranked.push({ passage, score: 0, matchedTerms });
  }
  return ranked.slice(0, TOPIC_RESULTS.shown);
}

/**
 * /who signed: the passages of the agreement's article (of any, when none is given), those naming
 * who signed first ("The document was signed by …", not the opening paragraph on the agreement),
 * then those about its signing: a passage that names someone else would rank high for "who".
 */
export function signingPassages(engine: Engine, agreement: AgreementEntry | undefined): AnswerResult[] {
  const inAgreement = (passage: Passage) => !agreement || passage.article === agreement.article;
  const signing = new Set(agreement?.passages.map((passage) => passage.id));
  const rank = (result: AnswerResult) => (signatoriesOf(result.passage).length ? 2 : 0) + (signing.has(result.passage.id) ? 1 : 0);
  return passagesAbout(engine, TOPIC_QUESTIONS.signed, inAgreement, agreement?.passages)
    .map((result) => ({ result, rank: rank(result) }))
    .sort((a, b) => b.rank - a.rank)
    .map(({ result }) => result);
}

/**
 * A question answered only from some passages (a topic's: "/tungsten question: …"; a publisher's):
 * they are the ones judged, so a passage shown is one that answers.
 */
export function answerWithin(engine: Engine, question: string, topicWords: string, keep: (passage: Passage) => boolean): Answer {
  const answer = engine.answer(topicWords ? `${question} ${topicWords}` : question, { limit: TOPIC_RESULTS.shown, keep });
  return { ...answer, question };
}

/** Ways to name a publisher's articles after it ("El-Balad's article", "the Kazinform report"). */
const SOURCE_TEXT = String.raw`(?:['’]s)?(?: (?:article|articles|report|reports|story|stories|piece|coverage|news))?`;
const SOURCE_VERB = String.raw`(?:say|said|write|written|wrote|report|reported|tell(?: us| me)?|mention|mentioned|cover|covered)(?: (?:about|on|of|regarding|concerning))?`;

const MAY_NAME_SOURCE = /^\s*(?:(?:what|how) (?:do|does|did|has|have) |according to |per |as |in )|according to |,? per |:/iu;

/**
 * A publisher's name as a pattern: its words in any case, with any spaces, hyphens or dots between
 * ("El-Balad", "el balad"); a leading "The" is the patterns' own, written or not ("Astana Times").
 */
function publisherPattern(publisher: string): string {
  const words = publisher.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length > 1 && words[0]!.toLowerCase() === 'the') words.shift();
  return words.join(String.raw`[\s.\-–]*`);
}

/** The ways a question names a publisher's articles, per publisher, made once (a library's publishers are few, its questions many). */
const sourcePatternsMade = new Map<string, RegExp[]>();

function sourcePatterns(publisher: string): RegExp[] {
  let patterns = sourcePatternsMade.get(publisher);
  if (!patterns) {
    const name = publisherPattern(publisher);
    patterns = name
      ? [
          new RegExp(String.raw`^(?:what|how) (?:do|does|did|has|have) (?:the )?${name}${SOURCE_TEXT} ${SOURCE_VERB}\s+(.+)$`, 'iu'),
          new RegExp(String.raw`^(?:according to|per) (?:the )?${name}${SOURCE_TEXT},?\s+(.+)$`, 'iu'),
          new RegExp(String.raw`^(.+?),? (?:according to|per) (?:the )?${name}${SOURCE_TEXT}\s*([?.!]*)$`, 'iu'),
          // "In the El-Balad article, …", "As Kazinform reports, …", "El-Balad: who …?": the name as
          // written, capitals and all (no i flag: "In Kazakhstan today, who …?" names no "Kazakhstan Today").
          new RegExp(String.raw`^[Ii]n (?:the )?${name}${SOURCE_TEXT},?\s+(.+)$`, 'u'),
          new RegExp(String.raw`^[Aa]s (?:the )?${name}${SOURCE_TEXT} (?:says|said|writes|wrote|reports|reported|notes|noted),?\s+(.+)$`, 'u'),
          new RegExp(String.raw`^(?:[Tt]he )?${name}${SOURCE_TEXT}\s*:\s*(.+)$`, 'u'),
        ]
      : [];
    if (sourcePatternsMade.size >= SOURCE_PATTERNS_KEPT) sourcePatternsMade.clear();
    sourcePatternsMade.set(publisher, patterns);
  }
  return patterns;
}
const SOURCE_PATTERNS_KEPT = 2_000;

/**
 * "What does El-Balad say about tungsten?", "What did the Kazinform report say on uranium?",
 * "According to Kazinform, who signed …?": a question asked of the articles of one publisher the
 * library has, and what it asks. (A publisher it does not have is asked about with the other words:
 * "What does the Financial Times say about tungsten?" is declined.)
 */
export function sourceAsked(question: string, publishers: () => Iterable<string>): { publisher: string; question: string } | undefined {
  // Most questions name no source: the library's publishers are not gathered for them.
  if (!MAY_NAME_SOURCE.test(question)) return undefined;
  for (const publisher of publishers()) {
    for (const pattern of sourcePatterns(publisher)) {
      const match = pattern.exec(question.trim());
      if (match && /[\p{L}\p{N}]/u.test(match[1]!)) return { publisher, question: `${match[1]!}${match[2] ?? ''}` };
    }
  }
  return undefined;
}

/**
 * A question asked of some of the articles (a publisher's: see sourceAsked; or one article): the
 * passages of theirs among those that answer what it asks.
 */
export function answerFromSource(engine: Engine, question: string, asked: { question: string; publisher?: string; keep?: (passage: Passage) => boolean }): Answer {
  const keep = asked.keep ?? ((passage: Passage) => passage.article.publisher === asked.publisher);
  return { ...answerWithin(engine, asked.question, '', keep), question };
}

/** The publishers of the library's articles, each once. */
export function publishersOf(engine: Engine): Set<string> {
  return new Set(engine.articles.flatMap((article) => (article.publisher ? [article.publisher] : [])));
}

/** /tungsten: the overview, or a question about tungsten (checked as any question is). */
export function tungstenPassages(engine: Engine, question?: string): { results: AnswerResult[]; question?: string } | { problem: string } {
  const tungsten = engine.catalog.mineral('tungsten');
  const mentionsTungsten = (passage: Passage) => tungsten?.has(passage) ?? engine.index.postingsOf('tungsten').has(passage.id);
  if (question === undefined) return { results: passagesAbout(engine, TOPIC_QUESTIONS.tungsten, mentionsTungsten, tungsten?.passages) };
  const check = checkQuestion(question);
  if (!check.ok) return { problem: check.message };
  // The topic's word in the question's language: a Russian passage has "вольфрам", not "tungsten".
  const topicWord = mostlyCyrillic(check.question) ? 'вольфрам' : 'tungsten';
  return { results: answerWithin(engine, check.question, topicWord, mentionsTungsten).results, question: check.question };
}

const SIGNED = /\bsign(?:ed|atory|atories)\b|\binked\b|(?<!\p{L})подпис\p{L}*/iu;

/** The people named in a passage's sentences about signing, with their roles. */
export function signatoriesOf(passage: Passage): Person[] {
  return extractPeople(signingSentences(passage).join(' '));
}

function signingSentences(passage: Passage): string[] {
  return sentences(passage.text).filter((sentence) => SIGNED.test(sentence));
}

/** "signed by the Ministry …", "… and the US Department of Commerce signed": a name as the one who signs. */
const SIGNED_BY_NAME = /\b(?:signed|inked) by (?:the )?\p{Lu}|\p{Lu}[\p{L}.’'-]*,? (?:have |has |had )?(?:signed|inked)\b/u;

/**
 * The agreement /who signed shows when none is named: the newest whose article says who signed it
 * (people, or an institution or country as the one signing), else the newest. A report that an
 * agreement "was signed in Washington" answers when, not who.
 */
export function agreementToShow(agreements: readonly AgreementEntry[]): AgreementEntry | undefined {
  const saysWho = (entry: AgreementEntry) =>
    entry.passages.some((passage) => {
      const signing = signingSentences(passage);
      return signing.some((sentence) => SIGNED_BY_NAME.test(sentence)) || extractPeople(signing.join(' ')).length > 0;
    });
  return agreements.find(saysWho) ?? agreements[0];
}

/**
 * The minerals of the knowledge base a typed name may mean: the one of that name, else those any
 * word of it names ("aluminium", "REE", "rare earth metals", "wolfram", "lithium ore"), as the
 * analyzer reads the words of data/topics.json, else those whose name begins with it: the start of
 * a name typed and sent without picking it from the autocomplete list ("tung", "rare").
 */
export function mineralsNamed(engine: Engine, typed: string): MineralEntry[] {
  const named = engine.catalog.mineral(typed);
  if (named) return [named];
  const asked = new Set(engine.analyzer.queryTerms(typed));
  const meant = new Set(engine.analysis.topics.minerals.filter((mineral) => mineral.terms.some((term) => asked.has(term))).map((mineral) => mineral.name));
  if (meant.size) return engine.catalog.minerals.filter((entry) => meant.has(entry.name));
  const part = typed.trim().toLowerCase();
  return part.length < START_OF_WORD ? [] : engine.catalog.minerals.filter((entry) => entry.name.toLowerCase().startsWith(part));
}
