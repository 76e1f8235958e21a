import { highlight } from './highlight';
import { OFFICE_TITLES } from './people';
import type { Analyzer } from './text/analyzer';

const TITLE_WORD = new RegExp(`^(?:${[...OFFICE_TITLES, 'Ministry'].join('|')})$`);
const CAPITALIZED = /^\p{Lu}/u;
const POSSESSIVE = /['’]s?$/u;

/** The word before and after position `at`, across spaces only: a comma ends a name ("Oswin Hargreave, Ohio"). */
function neighbours(text: string, start: number, end: number): { before?: string; beforeStartsSentence: boolean; after?: string } {
  const left = text.slice(0, start);
  const before = /([\p{L}’'-]+)\s*$/u.exec(left);
  const beforeStartsSentence = before ? /(?:^|[.!?:]\s+|\n)$/u.test(left.slice(0, before.index)) : false;
  const after = /^\s*([\p{L}’'-]+)/u.exec(text.slice(end));
  return { before: before?.[1], beforeStartsSentence, after: after?.[1] };
}

/**
 * Those of `terms` that the text has only inside proper names of several words, like "capital" in
 * "Cove Kaz Capital Group", where the question (`asked`: its terms) does not name the rest of the
 * name. A question that uses the word as a common noun ("the capital of Kazakhstan") is then not
 * really matched; one that says "cove kaz capital" is. Titles ("Minister of Industry") are not
 * names in this sense. The text is read once for all the terms.
 */
export function onlyInProperNames(terms: readonly string[], text: string, analyzer: Analyzer, asked: ReadonlySet<string>): Set<string> {
  const named = (word: string | undefined) => word !== undefined && asked.has(analyzer.termOf(word) ?? '');
  // Each term found so far: true while every place it is at is inside a name.
  const inNamesOnly = new Map<string, boolean>();
  let at = 0;
  for (const segment of highlight(text, terms, analyzer)) {
    const start = at;
    at += segment.text.length;
    if (!segment.match) continue;
    const term = analyzer.termOf(segment.text)!;
    if (inNamesOnly.get(term) === false) continue;
    inNamesOnly.set(term, insideName(text, segment.text, start, at, named, (word) => analyzer.termOf(word) !== null));
  }
  return new Set([...inNamesOnly].filter(([, inNames]) => inNames).map(([term]) => term));
}

/**
 * Whether the word at `start`–`end` is part of a name of several words that the question does not name.
 * A capitalized stop word next to it names nothing: "expedition" in "Expedition No. 27" is the
 * expedition a question typed in lower case asks about.
 */
function insideName(text: string, word: string, start: number, end: number, named: (word: string | undefined) => boolean, meaningful: (word: string) => boolean): boolean {
  if (!CAPITALIZED.test(word) || TITLE_WORD.test(word)) return false;
  const { before, beforeStartsSentence, after } = neighbours(text, start, end);
  // A possessive ends the name before it: "Vice" in "Kazakhstan's Vice Minister" is not part of a name "Kazakhstan's Vice".
  const nameBefore = before !== undefined && CAPITALIZED.test(before) && meaningful(before) && !beforeStartsSentence && !TITLE_WORD.test(before) && !POSSESSIVE.test(before);
  const nameAfter = after !== undefined && CAPITALIZED.test(after) && meaningful(after) && !TITLE_WORD.test(after);
  if (!nameBefore && !nameAfter) return false;
  return !((nameBefore && named(before)) || (nameAfter && named(after)));
}

/** Whether the text writes `term` capitalized wherever it has it, as a name ("Sharlapaev"), not a word ("beryllium"). */
export function writtenAsName(term: string, text: string, analyzer: Analyzer): boolean {
  const matches = highlight(text, [term], analyzer).filter((segment) => segment.match);
  return matches.length > 0 && matches.every((segment) => CAPITALIZED.test(segment.text));
}
