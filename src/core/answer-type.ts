import { OFFICE_TITLES } from './people';
import { rawTokens, type Analyzer } from './text/analyzer';

/**
 * What kind of answer a question asks for, read from its question word, and whether a passage
 * holds that kind of thing. Ranking prefers passages that do; for "when" and "how many" questions
 * a best passage without a date or an amount does not answer.
 */
export type AnswerType = 'person' | 'place' | 'time' | 'quantity' | 'reason';

const QUESTION_WORDS: [AnswerType, RegExp][] = [
  ['person', /\bwho(?:m|se)?\b/i],
  ['place', /\bwhere\b/i],
  ['time', /\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bhow long ago\b/i],
  ['quantity', /\bhow (?:many|much|big|large|high|long|far|old)\b|\bwhat (?:share|percentage|proportion|amount|volume)\b/i],
  ['reason', /\bwhy\b|\bwhat for\b|\bfor what (?:reason|purpose)\b/i],
];

const PERSON_TITLE = new RegExp(`\\b(?:${[...OFFICE_TITLES, 'CEO', 'Chairwoman', 'Mr', 'Mrs', 'Ms', 'Dr'].join('|')})\\b`, 'u');
const PERSON_NAME = /\b\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+/u;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

const TIME = new RegExp(
  String.raw`\b(?:1[89]\d\d|20\d\d)\b|\b(?:${MONTHS})\b|\b(?:since|ago|yesterday|today|tomorrow|last|next)\b|\b(?:day|week|month|year)s?\b`,
  'i',
);

const HOLDS: Record<AnswerType, (text: string) => boolean> = {
  person: (text) => PERSON_TITLE.test(text) && PERSON_NAME.test(text),
  place: (text) => /\b(?:in|at|near)\s+(?:the\s+)?\p{Lu}/u.test(text) || /\b(?:took place|held|located|based)\b/i.test(text),
  time: (text) => TIME.test(text),
  quantity: (text) =>
    /\d/.test(text) || /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|billions?|several|few|many)\b/i.test(text),
  reason: (text) => /\b(?:because|due to|aims? to|in order to|so as to|so that|strategy to|as part of|reflects|to (?:secure|counter|strengthen|promote|ensure|enhance))\b/i.test(text),
};

/**
 * The kinds of answer a question asks for (usually one, none for "what …" questions). Only a
 * question word among the first few words counts: in "Had Tokayev arrived when the MOU was
 * signed?" the "when" asks for nothing.
 */
export function answerTypesOf(question: string): AnswerType[] {
  const opening = question.trim().split(/\s+/).slice(0, 4).join(' ');
  return QUESTION_WORDS.filter(([, pattern]) => pattern.test(opening)).map(([type]) => type);
}

export function holds(type: AnswerType, text: string): boolean {
  return HOLDS[type](text);
}

const COUNTING = /\bhow (?:many|much)\s+(.*)$/i;
/** How far after an amount the thing counted may come, in words: "980 solid mineral deposits". */
const COUNTED_WITHIN = 4;
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?';
/** An amount, and (looked ahead, not consumed) the words after it. */
const AMOUNT_AND_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)*|${NUMBER_WORDS})(?![\p{L}\p{N}])(?=((?:[^\p{L}\p{N}]+[\p{L}\p{N}]+(?:['’]\p{L}+)*){0,${COUNTED_WITHIN}}))`,
  'giu',
);
/** A bare four-digit number from 1800 to 2099 is read as a year, not an amount. */
const YEAR = /^(?:1[89]|20)\d\d$/;

/**
 * What a "how many"/"how much" question counts, as analysed terms: the words after "how many"
 * up to the first stop word ("How many mineral deposits does …" counts "mineral deposits").
 */
export function countedTerms(question: string, analyzer: Analyzer): string[] {
  const rest = COUNTING.exec(question)?.[1];
  const terms: string[] = [];
  for (const word of rest ? rawTokens(rest) : []) {
    const term = analyzer.termOf(word);
    if (!term) break;
    terms.push(term);
  }
  return terms;
}

/** Whether the text gives an amount of what is counted: a number followed closely by one of its terms. */
export function countsIn(text: string, counted: ReadonlySet<string>, analyzer: Analyzer): boolean {
  for (const [, amount, after] of text.matchAll(AMOUNT_AND_WORDS)) {
    if (YEAR.test(amount!)) continue;
    for (const word of rawTokens(after!)) if (counted.has(analyzer.termOf(word) ?? '')) return true;
  }
  return false;
}

/** Answer types without which a passage cannot answer at all (a "when" question needs a date). */
export const REQUIRED_TYPES: ReadonlySet<AnswerType> = new Set(['time', 'quantity']);
