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
  ['time', /\bwhen\b|\b(?:what|which|in what|in which) (?:year|date|day|month|time|decade|century|centuries|era|period|season)\b|\bhow long ago\b/i],
  ['quantity', /\bhow (?:many|much|big|large|high|long|far|old)\b|\bwhat (?:share|percentage|proportion|amount|volume|number)\b/i],
  ['reason', /\bwhy\b|\bwhat for\b|\bfor what (?:reason|purpose)\b/i],
];

/**
 * A name in a script without capitals (Chinese, Japanese, Korean, Arabic, Hebrew, Indic, Thai …):
 * in English text, a run of such letters is almost always a name.
 */
const CASELESS_NAME = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Thai}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Ethiopic}]+`;
/** A capitalized word of any cased script: Latin, Cyrillic, Greek ("Tokayev", "Токаев", "Σωκράτης", "O'Neill", "Pérez"). */
const CAPITALIZED_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*`;

const PERSON_TITLE = new RegExp(`\\b(?:${[...OFFICE_TITLES, 'CEO', 'Chairwoman', 'Mr', 'Mrs', 'Ms', 'Dr'].join('|')})\\b`, 'u');
const PERSON_NAME = new RegExp(`${CAPITALIZED_WORD}\\s+${CAPITALIZED_WORD}|${CASELESS_NAME}`, 'u');
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const ORDINALS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first';

/**
 * A time, of any era: a year (1066, 2024, "AD 70", "500 BC", "in 911,"), a decade or a run of
 * years ("the 1960s", "the 1050s", "'60s"), a century or millennium ("the 10th century",
 * "the eleventh century"), a month or a date, a season, a day, or words that place something in
 * time ("since", "ago", "last year").
 */
const TIME = new RegExp(
  [
    String.raw`\b1\d{3}\b|\b20\d{2}\b`,
    String.raw`\b\d{1,4}\s*(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?![\p{L}])|\b(?:AD|A\.D\.)\s*\d{1,4}\b`,
    String.raw`\b(?:in|since|until|till|by|before|after|around|circa|c\.|from|during|of)\s+\d{3}\b(?![.,]\d)(?!\s+\p{Ll})`,
    String.raw`\b\d{2,4}['’]?s\b|['’]\d0s\b`,
    String.raw`\b(?:\d{1,2}(?:st|nd|rd|th)|${ORDINALS})[\s-]+(?:century|centuries|millennium|millennia)\b`,
    String.raw`\b(?:${MONTHS})\b`,
  ].join('|'),
  'u',
);
const TIME_WORDS =
  /\b(?:spring|summer|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|since|ago|yesterday|today|tomorrow|last|next|decades?|centur(?:y|ies)|(?:day|week|month|year)s?)\b/i;

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|single|both|twice|once|double|triple|several|few|many|multiple|couple|pair';

const AMOUNT = new RegExp(String.raw`\d|\b(?:${NUMBER_WORDS})\b`, 'i');

const HOLDS: Record<AnswerType, (text: string) => boolean> = {
  person: (text) => PERSON_TITLE.test(text) && PERSON_NAME.test(text),
  place: (text) => /\b(?:in|at|near)\s+(?:the\s+)?\p{Lu}/u.test(text) || /\b(?:took place|held|located|based)\b/i.test(text),
  time: (text) => TIME.test(text) || TIME_WORDS.test(text),
  // An amount in digits or in words.
  quantity: (text) => AMOUNT.test(text),
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
const COUNT_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|single|several|multiple';
/** An amount, and (looked ahead, not consumed) the words after it. */
const AMOUNT_AND_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)*|${COUNT_WORDS})(?![\p{L}\p{N}])(?=((?:[^\p{L}\p{N}]+[\p{L}\p{N}]+(?:['’]\p{L}+)*){0,${COUNTED_WITHIN}}))`,
  'giu',
);
/** A bare four-digit number from 1000 to 2099 is read as a year, not an amount. */
const YEAR = /^(?:1\d|20)\d\d$/;

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
