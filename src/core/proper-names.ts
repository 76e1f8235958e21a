import { highlight } from './highlight';
import { OFFICE_TITLES } from './people';
import type { Analyzer } from './text/analyzer';

const TITLE_WORD = new RegExp(`^(?:${[...OFFICE_TITLES, 'Ministry'].join('|')})$`);
const CAPITALIZED = /^\p{Lu}/u;

/** The word before and after position `at` (skipping spaces and punctuation inside a sentence). */
function neighbours(text: string, start: number, end: number): { before?: string; beforeStartsSentence: boolean; after?: string } {
  const left = text.slice(0, start);
  const before = /([\p{L}’'-]+)[\s,]*$/u.exec(left);
  const beforeStartsSentence = before ? /(?:^|[.!?:]\s+|\n)$/u.test(left.slice(0, before.index)) : false;
  const after = /^[\s,]*([\p{L}’'-]+)/u.exec(text.slice(end));
  return { before: before?.[1], beforeStartsSentence, after: after?.[1] };
}

/**
 * Whether every place the text has `term` is inside a proper name of several words, like
 * "capital" in "Cove Kaz Capital Group", and the question (`asked`: its terms) does not name the
 * rest of it. A question that uses the word as a common noun ("the capital of Kazakhstan") is
 * then not really matched; one that says "cove kaz capital" is. Titles ("Minister of Industry")
 * are not names in this sense.
 */
export function onlyInProperNames(term: string, text: string, analyzer: Analyzer, asked: ReadonlySet<string>): boolean {
  const named = (word: string | undefined) => word !== undefined && asked.has(analyzer.termOf(word) ?? '');
  let found = false;
  let at = 0;
  for (const segment of highlight(text, [term], analyzer)) {
    const start = at;
    at += segment.text.length;
    if (!segment.match) continue;
    found = true;
    if (!CAPITALIZED.test(segment.text) || TITLE_WORD.test(segment.text)) return false;
    const { before, beforeStartsSentence, after } = neighbours(text, start, at);
    const nameBefore = before !== undefined && CAPITALIZED.test(before) && !beforeStartsSentence && !TITLE_WORD.test(before);
    const nameAfter = after !== undefined && CAPITALIZED.test(after) && !TITLE_WORD.test(after);
    if (!nameBefore && !nameAfter) return false;
    if ((nameBefore && named(before)) || (nameAfter && named(after))) return false;
  }
  return found;
}

/** Whether the text writes `term` capitalized wherever it has it, as a name ("Sharlapaev"), not a word ("beryllium"). */
export function writtenAsName(term: string, text: string, analyzer: Analyzer): boolean {
  const matches = highlight(text, [term], analyzer).filter((segment) => segment.match);
  return matches.length > 0 && matches.every((segment) => CAPITALIZED.test(segment.text));
}
