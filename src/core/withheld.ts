import { rawTokens, type Analyzer } from './text/analyzer';

/**
 * A name a passage says it withholds does not answer a question asking for it: "whats the name of
 * the ammo primer maker" is not answered by "… and an ammunition primer maker whose name Kokorai
 * asked us not to share", nor "which utility does she work for" by "a mid-sized US utility here (two
 * units, won't say which)". The passage may still answer about the rest: "which company sold a cargo
 * to an American buyer" is answered by "Kazala Tungsten sold a cargo to an American buyer it did not
 * name", since the company asked for is not the buyer withheld.
 */

/** Words saying that what comes just before them is not named. */
const WITHHELD_AFTER =
  /\b(?:whose names?\b[^.;!?]{0,40}?\bnot\s+(?:to\s+)?(?:share|disclose|name|give|reveal|publish)|(?:did|does|do|would|will|could)\s+not\s+(?:name|identify|disclose|reveal)|(?:won['’]t|wouldn['’]t|didn['’]t|doesn['’]t|declined to|refused to)\s+(?:say which|name|identify|disclose|reveal)|asked (?:us )?not to (?:name|identify|share|disclose)|asked not to be (?:named|identified))\b/giu;
/** Words saying that what comes just after them is not named: "an unnamed buyer", "declined to name the company". */
const WITHHELD_BEFORE = /\b(?:unnamed|undisclosed|unidentified|(?:did not|would not|declined to|refused to) name (?:the|its|their|which))\s+/giu;
/** What stands between a thing and the words withholding its name: "a buyer it did not name", "a mine in Brazil that they would not name". */
const REFERRING = /^(?:it|they|he|she|we|that|which|who|here|the|company|firm|group)$/;
const ENDS_PHRASE = /^(?:a|an|the|its|their|his|her|our|one|and|or|but|to|by|with|for|as|is|are|was|were|has|have|had)$/;
const PREPOSITION = /^(?:in|of|from|at)$/;

/** The words of the thing whose name a passage withholds, in lower case (empty when it withholds none). */
export function withheldWords(text: string): string[] {
  if (!/(?:not|n['’]t)\b|\b(?:unnamed|undisclosed|unidentified)\b/i.test(text)) return [];
  const words: string[] = [];
  for (const found of text.matchAll(WITHHELD_AFTER)) {
    let before = text.slice(Math.max(0, found.index - 120), found.index);
    // "a mid-sized US utility here (two units, won't say which)": the thing stands before the bracket.
    const bracket = before.lastIndexOf('(');
    if (bracket >= 0 && !before.includes(')', bracket)) before = before.slice(0, bracket);
    const tokens = rawTokens(before.split(/[.;:!?]/).pop() ?? '').map((token) => token.toLowerCase());
    let at = tokens.length;
    while (at > 0 && REFERRING.test(tokens[at - 1]!)) at--;
    for (let taken = 0; at > 0 && taken < 4; taken++) {
      const token = tokens[--at]!;
      if (ENDS_PHRASE.test(token)) break;
      words.push(token);
      // "a mine in Brazil": the thing before the preposition too.
      if (at > 1 && PREPOSITION.test(tokens[at - 1]!)) at--;
    }
  }
  for (const found of text.matchAll(WITHHELD_BEFORE)) {
    for (const token of rawTokens(text.slice(found.index + found[0].length, found.index + found[0].length + 60)).slice(0, 3)) {
      const word = token.toLowerCase();
      if (ENDS_PHRASE.test(word) || PREPOSITION.test(word)) break;
      words.push(word);
    }
  }
  return words;
}

/** "the name of the ammo primer maker talking to …", "which utility …", "who is the american buyer of …": the words naming what is asked for. */
const NAME_OF = /\bname of (?:the |a |an |this |that )?((?:[\p{L}\p{N}'’-]+ ?){1,4})/iu;
const WHICH = /^\W*(?:which|what)\s+((?:[\p{L}\p{N}'’-]+ ?){1,4})/iu;
const WHO_IS = /^\W*who(?:'s|’s| is| was| are| were)\s+(?:the |a |an |this |that )((?:[\p{L}\p{N}'’-]+ ?){1,3})/iu;
/** Where the phrase asked about ends. */
const PHRASE_END = /^(?:that|who|which|whose|is|are|was|were|does|do|did|has|have|had|will|would|can|could|in|at|for|to|from|with|of|behind|on|by|about|\p{L}+ing)$/u;
/** Verbs that do not end in -ed, past and present: a verb ends the thing asked about, and a mention of one of a kind. */
const VERBS = 'said|says|told|made|makes|took|takes|sold|sells|bought|buys|paid|pays|won|wins|led|leads|got|gets|gave|gives|sent|sends|built|found|brought|held|kept|chose|wrote|owns';
/** A verb in -ed or one of VERBS. */
const VERB = String.raw`\p{Ll}{3,}ed|${VERBS}`;
/** A verb after the first word of the phrase ends it too: "which us body [accredited] the lab", "which texas company [buys] …". */
const VERB_ENDS_PHRASE = new RegExp(`^(?:${VERB})$`, 'u');
/** "What does …", "which of …": no thing named. */
const NOT_A_THING = /^(?:is|are|was|were|does|do|did|has|have|had|will|would|can|could|of|kind|sort|type|year|date|day|month|time|percentage|share|price|amount|number)$/;

/** The terms of what a question asks to be named, or null when it does not ask for a name ("how much …", "why …"). */
export function namedThingAsked(question: string, analyzer: Analyzer): Set<string> | null {
  const found = NAME_OF.exec(question) ?? WHICH.exec(question) ?? WHO_IS.exec(question);
  if (!found) return null;
  const words: string[] = [];
  for (const token of rawTokens(found[1]!)) {
    const word = token.toLowerCase();
    if (words.length === 0 && NOT_A_THING.test(word)) return null;
    if (PHRASE_END.test(word) || (words.length > 0 && VERB_ENDS_PHRASE.test(word))) break;
    words.push(word);
  }
  const terms = new Set(words.flatMap((word) => analyzer.queryTerms(word)));
  return terms.size ? terms : null;
}

/**
 * A "which" question ("which regional bank lent …"), whose thing a mention of one of a kind does not
 * name (see mentionsOnlyUnnamed); not "what": "What monastery did the monks establish?" is answered
 * by "a monastery at …".
 */
export function asksWhich(question: string): boolean {
  return /^\W*which\b/i.test(question);
}

/** Whether a passage withholds the name of the thing a question asks to be named (see namedThingAsked). */
export function withholdsNameAsked(text: string, asked: ReadonlySet<string>, analyzer: Analyzer): boolean {
  const withheld = withheldWords(text);
  return withheld.some((word) => asked.has(analyzer.termOf(word) ?? ''));
}

/** Words that make a mention of a thing indefinite: "a regional bank", "two US cell makers" (not "some": "Some problems are known to be …" answers "Which problems …?"). */
const INDEFINITE = /^(?:a|an|one|two|three|four|five|six|another)$/i;
/** Words that make it definite, or refer to one named: "the bank", "its trader". */
const DEFINITE = /^(?:the|this|that|these|those|its|their|his|her|our|my|your)$/i;
const WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*/gu;
/** A name given with the mention: "a regional bank, Halyk Bank,", "a trader called Metalco", "an engineer (Jan Kowalski)". */
const NAMED_AFTER = /^\s*(?:,\s*|\(\s*|\s+(?:called|named|known\s+as|is|are|was|were|include|includes|included)\s+)\p{Lu}/u;
/** A word after a mention that is a verb or says when, not more of the mention: "inspected", "said", "will", "last (year)". */
const ENDS_MENTION = new RegExp(
  String.raw`^(?:${VERB}|chosen|given|taken|shown|done|seen|written|known|is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|last|next|this|yesterday|today|earlier|later)$`,
  'u',
);
/** A name the mention stands beside: "Halyk, a regional bank, …", "his son Duncan as a hostage" (or after, "… a regional bank, Halyk Bank", "… arbitrators were Professor Abenov"). */
const NAMED_BEFORE = /\p{Lu}[\p{L}\p{N}'’&.-]*(?:,|\s+as)\s*$/u;

/**
 * Whether a passage mentions the thing a question asks to be named only as one of a kind, never by
 * name: "which regional bank lent pellingham the 25 million" is not answered by "a new term loan with
 * a regional bank", nor "which two us cell makers buy the anode material" by "Our customers, two US
 * cell makers, need …". Every word of what is asked that the passage has must be in such a mention:
 * one that names it beside ("a regional bank, Halyk Bank,", "Tamarisk Resources, a small company"),
 * or a word of it anywhere else ("the bank", "led by Senator Landry"), may answer.
 */
export function mentionsOnlyUnnamed(text: string, asked: ReadonlySet<string>, analyzer: Analyzer): boolean {
  const words = [...text.matchAll(WORD_AT)];
  const endOf = (k: number) => words[k]!.index + words[k]![0].length;
  // Whether words k and k + 1 are next to each other in one phrase (nothing but spaces between).
  const adjoin = (k: number) => /^\s+$/.test(text.slice(endOf(k), words[k + 1]!.index));
  const isAsked = (k: number) => asked.has(analyzer.termOf(words[k]![0]) ?? '');
  let unnamed = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]![0];
    // (A number asked, "which two makers", is the determiner of the mention.)
    if (!isAsked(i) || /^\d/.test(word) || INDEFINITE.test(word)) continue;
    // The determiner before the thing's words, in the same phrase.
    let determiner = -1;
    for (let j = i - 1; j >= Math.max(0, i - 4) && adjoin(j); j--) {
      if (INDEFINITE.test(words[j]![0]) || DEFINITE.test(words[j]![0])) {
        determiner = j;
        break;
      }
    }
    // No determiner, a definite one, or "the two arbitrators": a mention that may name it.
    if (determiner < 0 || !INDEFINITE.test(words[determiner]![0])) return false;
    if (determiner > 0 && adjoin(determiner - 1) && DEFINITE.test(words[determiner - 1]![0])) return false;
    // The phrase's last word of the thing asked: "a regional bank".
    let end = i;
    while (end + 1 < words.length && adjoin(end) && isAsked(end + 1)) end++;
    const before = text.slice(Math.max(0, words[determiner]!.index - 60), words[determiner]!.index);
    if (NAMED_AFTER.test(text.slice(endOf(end))) || NAMED_BEFORE.test(before)) return false;
    // A mention of the thing asked ends with a word of it ("a European trader by air"); one that goes
    // on ("for an American customer", asked "which american company") is of something else.
    // (A verb or a time after it ends it: "an independent engineer inspected the plant", "a US agency last year".)
    const goesOn = end + 1 < words.length && adjoin(end) && !ENDS_MENTION.test(words[end + 1]![0]) && analyzer.termOf(words[end + 1]![0]) !== null;
    if (!goesOn) unnamed++;
    i = end;
  }
  return unnamed > 0;
}

/**
 * "Who is the deputy akim for construction?", "who's the boss", "who was the trader": a question
 * asking who holds a role or did a thing, as one person (not "who were the Normans", a people).
 */
export function asksWhoOne(question: string): boolean {
  return /^\W*who(?:['’]s|\s+is|\s+was)\s+(?:the|their|its|his|her)\b/iu.test(question);
}

const CAPITALIZED = /\p{Lu}[\p{L}\p{M}'’.-]*/gu;
/** What ends a sentence or a field before a capital that a name need not be: "… the road. The draft", "Rapporteur: the deputy akim". */
const STARTS_SENTENCE = /(?:^|[.!?:;•—–-]|\n)["'“‘(\s]*$/u;

/**
 * Whether a text names no one and nothing: no word of capitals but those a sentence or a field starts
 * with or a stop word's ("Rapporteur: the deputy akim for construction. The draft asks …"). A passage
 * that names nobody cannot tell who holds a role.
 */
export function namesNothing(text: string, analyzer: Analyzer): boolean {
  for (const found of text.matchAll(CAPITALIZED)) {
    if (STARTS_SENTENCE.test(text.slice(Math.max(0, found.index - 4), found.index))) continue;
    if (analyzer.termOf(found[0]) === null) continue;
    return false;
  }
  return true;
}
