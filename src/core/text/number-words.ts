/**
 * Amounts and ordinals written in words, as the digits news writes elsewhere: "six hundred" is
 * "600", "four thousand" "4000" (as "4,000" is read), "two million" "2 million" (as "$2 million"),
 * "forty-five" "45", "eighteenth" "18th" (the tokens "18" and "th", as "18th" is read). Not a
 * number word alone below twenty ("one of them", "two responses": a number in a question must be
 * in its answer), nor "first" to "tenth" but before "century" ("the second meeting").
 */
export function numbersInDigits(tokens: readonly string[]): string[] {
  tokens = ordinalsInWords(tokens);
  if (!tokens.some((token) => NUMBER_WORDS.has(token.toLowerCase()))) return tokens as string[];
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const read = readNumber(tokens, i);
    if (read) {
      out.push(...read.tokens);
      i = read.end;
    } else out.push(tokens[i++]!);
  }
  return out;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNIT_ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS_ORDINALS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

const VALUE = new Map<string, number>([...UNITS.map((word, n): [string, number] => [word, n]), ...TENS.flatMap((word, n): [string, number][] => (word ? [[word, n * 10]] : []))]);
const ORDINAL = new Map<string, number>([...UNIT_ORDINALS.flatMap((word, n): [string, number][] => (word ? [[word, n]] : [])), ...TENS_ORDINALS.flatMap((word, n): [string, number][] => (word ? [[word, n * 10]] : []))]);
/** Written in digits before the word, as news writes them: "$2 million", "1.5 billion". */
const LARGE = new Set(['million', 'billion', 'trillion']);
const MULTIPLIER = new Map([['hundred', 100], ['thousand', 1000]]);
const NUMBER_WORDS = new Set([...VALUE.keys(), ...ORDINAL.keys(), ...MULTIPLIER.keys()]);

/** "first" to "tenth", as questions and articles count meetings, sessions and rounds. */
export const FIRST_TEN_ORDINALS = UNIT_ORDINALS.slice(1, 11);

/** An ordinal from "1st"/"first" to "10th"/"tenth" as its word ("3rd" is "third"); undefined for any other token. */
export function ordinalWordOf(token: string): string | undefined {
  const lower = token.toLowerCase();
  const digits = /^(\d+)(st|nd|rd|th)$/.exec(lower);
  const word = digits && ordinalSuffix(Number(digits[1])) === digits[2] ? UNIT_ORDINALS[Number(digits[1])] : lower;
  return word && FIRST_TEN_ORDINALS.includes(word) ? word : undefined;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** The number written in words from tokens[start], as tokens in digits, and where it ends; undefined when there is none to write so. */
function readNumber(tokens: readonly string[], start: number): { tokens: string[]; end: number } | undefined {
  let total = 0;
  let current = 0;
  let words = 0;
  // What may come next: any number word (at the start, after "hundred" or "thousand"), a unit only (after "twenty"), or none.
  let next: 'any' | 'unit' | 'none' = 'any';
  let worthDigits = false;
  let ordinal = false;
  let i = start;
  for (; i < tokens.length; i++) {
    const word = tokens[i]!.toLowerCase();
    const value = VALUE.get(word);
    const multiplier = MULTIPLIER.get(word);
    const ordinalValue = ORDINAL.get(word);
    if (value !== undefined && (next === 'any' || (next === 'unit' && value > 0 && value < 10))) {
      current += value;
      next = value >= 20 ? 'unit' : 'none';
      if (value >= 20) worthDigits = true;
    } else if (multiplier !== undefined && current > 0 && current < multiplier) {
      current *= multiplier;
      if (multiplier === 1000) {
        total += current;
        current = 0;
      }
      next = 'any';
      worthDigits = true;
    } else if (word === 'and' && words > 0 && MULTIPLIER.has(tokens[i - 1]!.toLowerCase()) && VALUE.has(tokens[i + 1]?.toLowerCase() ?? '')) {
      continue;
    } else if (ordinalValue !== undefined && (next === 'any' || (next === 'unit' && ordinalValue < 10))) {
      current += ordinalValue;
      ordinal = true;
      // "first" to "tenth" alone only before "century": "the second meeting" stays words.
      worthDigits ||= words > 0 || ordinalValue > 10 || /^centur/i.test(tokens[i + 1] ?? '');
      words++;
      i++;
      break;
    } else break;
    words++;
  }
  if (words === 0) return undefined;
  // "two million" is "2 million", as "$2 million" is written.
  if (!ordinal && LARGE.has(tokens[i]?.toLowerCase() ?? '')) worthDigits = true;
  if (!worthDigits) return undefined;
  const n = total + current;
  return { tokens: ordinal ? [String(n), ordinalSuffix(n)] : [String(n)], end: i };
}

/** The months' names, as dates in words write them (and as the catalog and the answer types read them). */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** The months' names as news shortens them ("10 Apr", "Sept."; May is not shortened). */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept?', 'Oct', 'Nov', 'Dec'] as const;
const SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const MONTH_WORD = new RegExp(`^(?:${[...MONTH_NAMES, ...MONTH_ABBREVIATIONS].join('|')})$`, 'i');

/** Whether the ordinal at tokens[i] is a date's day: "March 3rd", "the 3rd of March". */
function inDate(tokens: readonly string[], i: number): boolean {
  const next = tokens[i + 2] ?? '';
  return MONTH_WORD.test(next.toLowerCase() === 'of' ? (tokens[i + 3] ?? '') : next) || MONTH_WORD.test(tokens[i - 1] ?? '');
}

/** Whether the ordinal at tokens[i] numbers a century ("the 11th century"). */
const beforeCentury = (tokens: readonly string[], i: number) => /^(?:centur|millenni)/i.test(tokens[i + 2] ?? '');

/**
 * "1st" to "10th" written as the word, as "the second meeting" stays one (see numbersInDigits):
 * "the 3rd session" is "the third session". Not before "century", where the word is written in
 * digits instead, nor in a date, whose day is the number alone, as dates are mostly written:
 * "the 3rd of April" is "the 3 of April", asked of "3 April".
 */
function ordinalsInWords(tokens: readonly string[]): readonly string[] {
  if (!tokens.some((token) => SUFFIXES.has(token.toLowerCase()))) return tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const n = /^\d\d?$/.test(token) ? Number(token) : 0;
    if (n >= 1 && n <= 31 && tokens[i + 1]?.toLowerCase() === ordinalSuffix(n)) {
      if (inDate(tokens, i)) {
        out.push(token);
        i++;
        continue;
      }
      if (n <= 10 && !beforeCentury(tokens, i)) {
        out.push(UNIT_ORDINALS[n]!);
        i++;
        continue;
      }
    }
    out.push(token);
  }
  return out;
}

const ISO_DATE = /\b((?:1[5-9]|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;
/** A date written with numbers only, day or month first: "14/02/2026", "14.02.2026", "02/14/2026". */
const NUMERIC_DATE = /(?<![\d./])(\d\d?)([./])(\d\d?)\2((?:1[5-9]|20)\d\d)(?![\d/]|\.\d)/g;

/** A run of years written short, "2026-30" (2026 to 2030), "2019–21"; not "2026-03", a month. */
const YEAR_RANGE = /(?<![\d.,])((?:1[5-9]|20)\d\d)[-–](\d\d)(?![\d.,]?\d|[-–/])/g;

const inWords = (day: number, month: number, year: string) => `${day} ${MONTH_NAMES[month - 1]} ${year}`;

/**
 * The day and the month two numbers of a date are, as only one order allows ("14/02", "02/14"), or
 * day first when the date is written with dots ("03.04", as Kazakh and Russian texts write it); none
 * when either order could be meant ("03/04") or neither.
 */
function dayAndMonthOf(a: number, b: number, dayFirst: boolean): { day: number; month: number } | null {
  const valid = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;
  if (valid(a, b) && (dayFirst || a > 12)) return { day: a, month: b };
  if (valid(b, a) && !dayFirst && b > 12) return { day: b, month: a };
  return null;
}

/**
 * A date written with numbers, as news writes it ("29 June 2018"): "What happened on 2018-06-29?"
 * asks about a passage saying "on 29 June 2018" (or "June 29, 2018", the same words in another
 * order), and so does "on 29/06/2018". A run of years written short is written out ("2026-30" is
 * "2026–2030"). Day and month are read as only one order allows: "14/02/2026"
 * is the 14th of February and "02/14/2026" too; with dots ("14.02.2026", as Kazakh and Russian texts
 * write dates) the day comes first. "03/04/2026" could be either, and stays as written.
 */
export function datesInWords(text: string): string {
  let out = text.includes('-') ? text.replace(ISO_DATE, (_, year: string, month: string, day: string) => inWords(Number(day), Number(month), year)) : text;
  if (out.includes('-') || out.includes('–')) out = out.replace(YEAR_RANGE, (whole, year: string, last: string) => (Number(last) > Number(year.slice(2)) ? `${year}–${year.slice(0, 2)}${last}` : whole));
  if (out.includes('/') || out.includes('.')) {
    out = out.replace(NUMERIC_DATE, (whole, first: string, mark: string, second: string, year: string) => {
      const date = dayAndMonthOf(Number(first), Number(second), mark === '.');
      return date ? inWords(date.day, date.month, year) : whole;
    });
  }
  return out;
}

const DAY_AND_MONTH = /(?<![\d./])(\d\d?)\/(\d\d?)(?![\d/]|\.\d|\s*(?:%|per\b))/g;
/**
 * A date without its year, as chat writes it in a question: "how many samples did they bag on 17/7"
 * asks about "17 July", "on 3/15" about "15 March". Read only as one order allows ("10/4" stays as
 * written), and not "24/7" (all the time). (Not in articles: "17/7" there is as often a score or a ratio.)
 */
export function dayAndMonthInWords(text: string): string {
  if (!text.includes('/')) return text;
  return text.replace(DAY_AND_MONTH, (whole, first: string, second: string) => {
    const date = whole === '24/7' ? null : dayAndMonthOf(Number(first), Number(second), false);
    return date ? `${date.day} ${MONTH_NAMES[date.month - 1]}` : whole;
  });
}

const MINUTES_SHORT = /(\d[\s-]?)mins?\b/g;
/** "20 min" is twenty minutes, as "min" alone is the minimum a question asks for ("min Re content"; see the vocabulary). */
export function minutesInWords(text: string): string {
  return text.includes('min') ? text.replace(MINUTES_SHORT, '$1minutes') : text;
}

const VERSION = /(?<![\p{L}\p{N}.])[vV](\d+(?:\.\d+)*)(?![\p{L}\p{N}]|\.\d)/gu;
/** A version written short is the word: "api v2" is "API version 2", "v4.2.0" "version 4.2.0" (not "V2O5", a formula). */
export function versionsInWords(text: string): string {
  return /[vV]\d/.test(text) ? text.replace(VERSION, 'version $1') : text;
}
