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
const WHICH = /^\W*(?:which|what)\s+((?:[\p{L}\p{N}'’-]+ ?){1,3})/iu;
const WHO_IS = /^\W*who(?:'s|’s| is| was| are| were)\s+(?:the |a |an |this |that )((?:[\p{L}\p{N}'’-]+ ?){1,3})/iu;
/** Where the phrase asked about ends. */
const PHRASE_END = /^(?:that|who|which|whose|is|are|was|were|does|do|did|has|have|had|will|would|can|could|in|at|for|to|from|with|of|behind|on|by|about|\p{L}+ing)$/u;
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
    if (PHRASE_END.test(word)) break;
    words.push(word);
  }
  const terms = new Set(words.flatMap((word) => analyzer.queryTerms(word)));
  return terms.size ? terms : null;
}

/** Whether a passage withholds the name of the thing a question asks to be named (see namedThingAsked). */
export function withholdsNameAsked(text: string, asked: ReadonlySet<string>, analyzer: Analyzer): boolean {
  const withheld = withheldWords(text);
  return withheld.some((word) => asked.has(analyzer.termOf(word) ?? ''));
}
