import { LOWER_CASE_OFFICES, OFFICE_TITLES, RUSSIAN_OFFICES } from './people';
import { rawTokens, type Analyzer } from './text/analyzer';
import { FIRST_TEN_ORDINALS, MONTH_ABBREVIATIONS, MONTH_NAMES, ordinalWordOf } from './text/number-words';
import type { Passage } from './types';

/**
 * What kind of answer a question asks for, read from its question word, and whether a passage
 * holds that kind of thing. Ranking prefers passages that do; for "when" and "how many" questions
 * a best passage without a date or an amount does not answer.
 */
export type AnswerType = 'person' | 'place' | 'time' | 'quantity' | 'reason';

/**
 * Russian words, as a pattern: `\b` knows only Latin letters and digits, so a word's edges are
 * where letters stop.
 */
function russian(words: string): string {
  return String.raw`(?<!\p{L})(?:${words})(?!\p{L})`;
}

const QUESTION_WORDS: [AnswerType, RegExp][] = [
  ['person', new RegExp(String.raw`\bwho(?:m|se)?\b|\b(?:what|which) (?:(?!(?:did|do|does|are|is|was|were|have|has|had|will|can|could|would)\b)[\p{L}-]+ )?(?:officials?|ministers?|leaders?|politicians?|diplomats?|envoys?|ambassadors?|person|people|man|woman)\b|${russian('кто|кого|кому|кем|чей|чья|чье|чьё|чьи')}`, 'iu')],
  ['place', new RegExp(String.raw`\bwhere\b|\b(?:what|which|in what|in which) (?:city|town|country|region|province|place|location|venue)\b|${russian('где|куда|откуда')}`, 'iu')],
  [
    'time',
    new RegExp(
      String.raw`\bwhen\b|\b(?:what|which|in what|in which) (?:year|date|day|month|time|decade|century|centuries|era|period|season)\b|\bhow long ago\b|` +
        russian(String.raw`когда|(?:в|с|до)\s+как(?:ом|ой|ого|ие)\s+(?:году|годы|год|месяце|день|дне|веке|время)|какого\s+числа`),
      'iu',
    ),
  ],
  [
    'quantity',
    new RegExp(String.raw`\bhow (?:many|much|big|large|high|long|far|old|deep|tall|wide|heavy|thick)\b|\bwhat (?:share|percentage|proportion|amount|volume|number)\b|${russian(String.raw`сколько|как(?:ова|ой|ов)\s+(?:доля|объем|объём|процент|размер|число|количество)`)}`, 'iu'),
  ],
  ['reason', new RegExp(String.raw`\bwhy\b|\bwhat for\b|\bfor what (?:reason|purpose)\b|${russian(String.raw`почему|зачем|по\s+какой\s+причине|с\s+какой\s+целью`)}`, 'iu')],
];

/**
 * A name in a script without capitals (Chinese, Japanese, Korean, Arabic, Hebrew, Indic, Thai …):
 * in English text, a run of such letters is almost always a name.
 */
const CASELESS_NAME = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Thai}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Ethiopic}]+`;
/** A capitalized word of any cased script: Latin, Cyrillic, Greek ("Tokayev", "Токаев", "Σωκράτης", "O'Neill", "Pérez"). */
const CAPITALIZED_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*`;

const PERSON_TITLE = new RegExp(`\\b(?:${[...OFFICE_TITLES, 'CEO', 'Chairwoman', 'Mr', 'Mrs', 'Ms', 'Dr'].join('|')})\\b`, 'u');
/** Offices in Russian, in lower case before the name ("министр торговли США Говард Лютник"), in any case ending. */
const RUSSIAN_TITLE = new RegExp(russian(String.raw`(?:${RUSSIAN_OFFICES.join('|')})\p{Ll}*`), 'iu');
const PERSON_NAME = new RegExp(`${CAPITALIZED_WORD}\\s+${CAPITALIZED_WORD}|${CASELESS_NAME}`, 'u');
/** An office in lower case next to a name, as news writes it: "chief executive Daulet Aitzhanov", "Aidar Bekov, chairman of …". */
const LOWER_OFFICE = `(?:${LOWER_CASE_OFFICES.join('|')})`;
const PERSON_WITH_LOWER_OFFICE = new RegExp(
  String.raw`\b${LOWER_OFFICE}\s+${CAPITALIZED_WORD}\s+${CAPITALIZED_WORD}|${CAPITALIZED_WORD}\s+${CAPITALIZED_WORD},\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?${LOWER_OFFICE}\b`,
  'u',
);
/**
 * A form's or a log's field that names who holds a role: "Shipper: Torgai Molybdenum Roasting JSC",
 * "Head of laboratory: Professor Rysgul Zhakupbekova", "Stand manager: Sandugash Tastanbekova".
 * (The colon is looked for first, and the label behind it: a pattern that opens with the label is tried at every letter.)
 */
const NAME_IN_FIELD = new RegExp(
  String.raw`:(?<=(?:^|[.;!?]\s+|\n)\p{Lu}\p{Ll}+(?:[ -]\p{Ll}+){0,3}:)\s+(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|Captain|Capt)\.?\s+)?${CAPITALIZED_WORD}\s+${CAPITALIZED_WORD}`,
  'u',
);
/** The office word alone, looked for first: most passages have none, and the pattern above costs four times more. */
const HAS_LOWER_OFFICE = new RegExp(String.raw`\b${LOWER_OFFICE}\b`, 'u');
const MONTHS = [...MONTH_NAMES, ...MONTH_ABBREVIATIONS].join('|');
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
  /\b(?:spring|summer|autumn|winter|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|since|ago|yesterday|today|tomorrow|last|next|noon|midday|midnight|o['’]clock)\b/i;
/** A company's legal form after its name: "Inc.", "LLP", "JSC", "plc" (not "Co", cobalt's symbol in a table). */
const COMPANY_FORM = /\b(?:Inc|Corp|Corporation|LLC|LLP|JSC|PLC|plc|Ltd|Limited|GmbH|AG)\b/u;
/** A time of day: "19:00", "at 02:40", "7 pm", "7.30 a.m." (not a ratio "3:1", nor a decimal "1.5"). */
const CLOCK = /\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:1[0-2]|0?\d)(?:[.:][0-5]\d)?\s?[ap]\.?m\b\.?/i;
/**
 * Units of time place something in time ("in two years", "the following month", "scheduled for
 * this year"), but not as a duration: "for" and how many, "supplies for 30 to 40 years", "for the
 * following 380 years", "for several months", "for decades".
 */
const HOW_MANY = String.raw`(?:\d[\d,.]*|a|an|the|following|past|many|several|few|some|about|around|nearly|almost|over|more|than|less|up|to|at|least|another|further|or|and|of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?)`;
/** A unit of time, found first (a pattern looking behind at every position is slow: see statesSpan). */
const TIME_UNIT_AT = /(?:decades?|centur(?:y|ies)|(?:day|week|month|year)s?)\b/giu;
/** "for" and how many, just before a unit: a duration. */
const FOR_HOW_MANY_BEFORE = new RegExp(String.raw`\bfor\s+(?:${HOW_MANY}\s+){0,4}$`, 'iu');
/** How far before a unit "for" and how many may start. */
const FOR_REACH = 100;
function placesInTime(text: string): boolean {
  for (const unit of text.matchAll(TIME_UNIT_AT)) {
    // Only a whole word ("days", not "holidays").
    if (unit.index > 0 && WORD_CHARACTER.test(text[unit.index - 1]!)) continue;
    if (!endsJustBefore(text, unit.index, FOR_HOW_MANY_BEFORE, FOR_REACH)) return true;
  }
  return false;
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
/**
 * Whether `pattern` (anchored at its end with $) matches the text just before `at`, starting within
 * `reach` characters of it: the way to look behind a rare word found first (see SPAN_UNIT_AT). A
 * match cut by the slice's start is a word's end ("ta days" of "Dakota days"), no match.
 */
function endsJustBefore(text: string, at: number, pattern: RegExp, reach: number): boolean {
  const from = Math.max(0, at - reach);
  const found = pattern.exec(text.slice(from, at));
  return found !== null && (found.index > 0 || from === 0 || !WORD_CHARACTER.test(text[from - 1]!));
}
/** The same in Russian: a month or a season in any case, a century, a day, or "since", "ago", "last year". */
const RUSSIAN_TIME = new RegExp(
  russian(
    [
      String.raw`январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]`,
      String.raw`весн[аеуы]|весной|лето|летом|осен[ьи]|осенью|зим[аеуы]|зимой`,
      String.raw`понедельник[аи]?|вторник[аи]?|сред[аеуы]|четверг[аи]?|пятниц[аеуы]|суббот[аеуы]|воскресень[ея]`,
      String.raw`век[аеу]?|веков|столети[ея]|десятилети[ея]|году|года|годах|годы|лет|вчера|сегодня|завтра|недавно|назад|прошл(?:ом|ого|ый|ой)`,
    ].join('|'),
  ),
  'iu',
);

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|single|both|twice|once|double|triple|several|few|many|multiple|couple|pair';

/** A share in words: "a third of the world's reserves", "two-thirds of", "a quarter of" (not "a third term"). */
const FRACTION = String.raw`(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\s+of`;
const AMOUNT = new RegExp(String.raw`\d|\b(?:${NUMBER_WORDS}|${FRACTION})\b`, 'i');
const RUSSIAN_AMOUNT = new RegExp(
  russian(
    String.raw`один|одна|одно|одного|одной|два|две|двух|три|трех|трёх|четыре|четырех|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|сто|ста|двести|триста|двое|трое|несколько|нескольких|дважды|(?:тысяч|миллион|миллиард|триллион|десятк|сотн|половин)\p{L}*`,
  ),
  'iu',
);

// In Russian, "в Вашингтоне" (a capital after "in", "at", "near"), or "находится" (is located), "прошла" (took place).
const RUSSIAN_PLACE = [new RegExp(String.raw`${russian('в|во|на|под|около|близ')}\s+\p{Lu}`, 'u'), new RegExp(russian(String.raw`(?:находит|располож|состоял)\p{L}*|прошл[аио]|прош[её]л`), 'iu')];
const RUSSIAN_REASON = new RegExp(russian(String.raw`потому что|так как|из-за|в связи с|благодаря|с целью|чтобы|для того|направлен\p{L}*|в рамках`), 'iu');

const HOLDS: Record<AnswerType, (text: string) => boolean> = {
  person: (text) =>
    ((PERSON_TITLE.test(text) || RUSSIAN_TITLE.test(text)) && PERSON_NAME.test(text)) || (HAS_LOWER_OFFICE.test(text) && PERSON_WITH_LOWER_OFFICE.test(text)) || (text.includes(':') && NAME_IN_FIELD.test(text)),
  place: (text) => /\b(?:in|at|near)\s+(?:the\s+)?\p{Lu}/u.test(text) || /\b(?:took place|held|located|based)\b/i.test(text) || RUSSIAN_PLACE.some((pattern) => pattern.test(text)),
  time: (text) => TIME.test(text) || TIME_WORDS.test(text) || CLOCK.test(text) || placesInTime(text) || RUSSIAN_TIME.test(text),
  // An amount in digits or in words.
  quantity: (text) => AMOUNT.test(text) || RUSSIAN_AMOUNT.test(text),
  reason: (text) =>
    /\b(?:because|due to|aims? to|in order to|so as to|so that|strategy to|as part of|reflects|to (?:secure|counter|strengthen|promote|ensure|enhance))\b/i.test(text) || RUSSIAN_REASON.test(text),
};

/** A question word counts only among this many first words of the question. */
const OPENING_WORDS = 4;

/**
 * The kinds of answer a question asks for (usually one, none for "what …" questions). Only a
 * question word among the first few words counts: in "Had Tokayev arrived when the MOU was
 * signed?" the "when" asks for nothing.
 */
export function answerTypesOf(question: string): AnswerType[] {
  const opening = question.trim().split(/\s+/).slice(0, OPENING_WORDS).join(' ');
  const types = QUESTION_WORDS.filter(([, pattern]) => pattern.test(opening)).map(([type]) => type);
  return !types.includes('quantity') && ASKS_PRICE.test(question) ? [...types, 'quantity'] : types;
}

/**
 * "What is the price of copper?", "How much is the contract worth?", "How much did it cost?": the
 * answer is a sum of money, not any amount ("18 tonnes").
 */
export function asksPrice(question: string): boolean {
  return ASKS_PRICE.test(question) || ASKS_HOW_MUCH_MONEY.test(question) || ASKS_WORTH.test(question) || ASKS_HOW_BIG_SUM.test(question);
}
/** "How big is the DFC loan?", "how big a fund did Ferreira ask for", "how large is the closure bond": the size of a sum is money. */
const ASKS_HOW_BIG_SUM = /^\W*how (?:big|large)\b.*\b(?:loans?|grants?|bonds?|prepayments?|budgets?|funds?|financing|facilit(?:y|ies)|investments?|pipeline|awards?|prizes?|fines?|payments?)\b/iu;
/** "What were Kazakhstan's mining exports worth in 2024?", "What's the deal worth?" */
const ASKS_WORTH = /^\W*what(?:['’]s|\s+(?:is|was|are|were|will\s+be|would\s+be))\s.*\bworth\b/iu;
const ASKS_HOW_MUCH_MONEY = /^\W*how much\b.*\b(?:money|cash|cost|costs|costing|worth|pay|pays|paying|paid|spend|spends|spending|spent|invest(?:s|ed|ing)?|earn(?:s|ed|ing)?|charg(?:e|es|ed|ing)|price[ds]?|traded?|sold|sell|fund(?:ed|ing)?|financ(?:e|ed|ing)|lend(?:s|ing)?|lent|borrow(?:s|ed|ing)?|rais(?:e|es|ed|ing)|profits?|revenues?|income|turnover|loans?|grants?|budget)\b/iu;
/** A sum of money: "$1.9 billion", "€40m", "2,690 dollars", "USD 580", "1.2 trillion tenge", "billions of dollars". */
const MONEY = /[$€£¥₸]\s?\d|\b(?:millions?|billions?|trillions?|thousands?|hundreds?)\s+(?:of\s+)?(?:US\s+)?(?:dollars|euros|tenge|rubles|roubles|yuan|pounds)\b|\b(?:USD|EUR|KZT|GBP|RUB|CNY)\s?\d|\d(?:[\d,.]*\d)?\s*(?:(?:thousand|million|billion|trillion|bn|mln|m|k)\s+)?(?:dollars?|euros?|tenge|rubles?|roubles?|yuan|pounds|USD|EUR|KZT)\b/iu;
export function holdsMoney(text: string): boolean {
  return MONEY.test(text);
}

/**
 * "How much must licence holders spend on training?": what is spent, paid or invested may be a share
 * of a sum ("1% of their annual operating costs"), not only a sum. (Not a price or a worth: "5% of
 * the market" is not what copper costs.)
 */
export function asksSpending(question: string): boolean {
  return ASKS_SPENDING.test(question);
}
const ASKS_SPENDING = /^\W*how much\b.*\b(?:spend|spends|spent|pay|pays|paid|invest|invests|invested|contribute|contributes|contributed)\b/iu;
/** A percentage: "1%", "4.5 per cent", "12 percent". */
const PERCENTAGE = String.raw`\d(?:[.,]\d+)?\s?(?:%|per\s?cent\b|percent\b)`;
/** A share of something: "1% of their annual operating costs", "12 percent of", "a third of". */
const SHARE_OF = new RegExp(String.raw`${PERCENTAGE}\s+of\b|\b(?:${FRACTION}|half\s+of)\b`, 'iu');
export function holdsShare(text: string): boolean {
  return SHARE_OF.test(text);
}

/**
 * "What is the price of gallium?", "What's the current cost per tonne?", "What was the budget of the
 * expedition?", "What price did they pay?", "At what price …": a price, a cost or a sum paid asked for
 * is an amount (not "the strategic value of the memorandum", "the human cost of the collapse").
 */
const ASKS_PRICE = /^\W*(?:at\s+)?what\s+prices?\b|^\s*what(?:['’]?s|\s+(?:is|was|are|were|will\s+be))\s+(?:the\s+)?(?:(?:(?:current|total|estimated|expected|average|market|spot|export|import|annual|monthly|net|gross)\s+){0,2}(?:(?:price|cost|budget|fee|wage|revenue|profit|dividend|rent)s?|salar(?:y|ies)|pay|compensation|remuneration|income|earnings|turnover)|(?:[\p{L}-]+\s+)?prices?)(?=\s+(?:of|for|per|in|on|at)\b|\s*[?.!]*\s*$)/iu;

export function holds(type: AnswerType, text: string): boolean {
  return HOLDS[type](text);
}

const TYPE_BIT: Record<AnswerType, number> = { person: 1, place: 2, time: 4, quantity: 8, reason: 16 };
/** Not a kind of answer but a kind of passage, found and cached with them: a document's header (see isDocumentHeader). */
const HEADER_BIT = 32;
/** A length of time or of something, which "how long" asks for (see statesSpan). */
const SPAN_BIT = 64;
const ALL_TYPES = 127;

/** A field of a memo's or a cable's header: "To: Investment Committee", "SUBJECT: KAZAKHSTAN: …" (its lines often run together in one paragraph). */
const HEADER_FIELD = /(?<![\p{L}\p{N}])(?:TO|To|FROM|From|CC|Cc|SUBJECT|Subject|RE|Re|ATTN|Attn|CLASSIFICATION|Classification)[ \t]*:(?=\s)/gu;

/** Whether a text is a memo's or a cable's header: it says who it is from or to, and has one more field (see HEADER_FIELD). */
export function isDocumentHeader(text: string): boolean {
  if (!text.includes(':')) return false;
  const fields = new Set(Array.from(text.matchAll(HEADER_FIELD), ([field]) => field.replace(/[\s:]/g, '').toLowerCase()));
  return (fields.has('to') || fields.has('from')) && fields.size >= 2;
}

/** Every kind of answer a passage's text holds, whether it is a header and whether it states a span, as bits (see AnswerTypesHeld.preset). */
export function answerTypeBitsOf(text: string): number {
  let bits = (isDocumentHeader(text) ? HEADER_BIT : 0) | (statesSpan(text) ? SPAN_BIT : 0);
  for (const type of Object.keys(TYPE_BIT) as AnswerType[]) if (HOLDS[type](text)) bits |= TYPE_BIT[type];
  return bits;
}

/** Whether `bits` could have been made by answerTypeBitsOf (a cache's byte is checked with it). */
export const validAnswerTypeBits = (bits: number): boolean => Number.isInteger(bits) && bits >= 0 && bits <= ALL_TYPES;

/**
 * Which kinds of answer each passage holds, by the passage's id (its text never changes under
 * that id): found when the article is prepared (and cached with the index), or for a passage
 * without them, worked out when first asked and remembered. A question asks it of a few hundred
 * candidates, each of which would otherwise have its text read and its patterns run again.
 */
export class AnswerTypesHeld {
  /** Per passage id: the bits of the types asked about so far, and of those it holds. */
  private asked = new Uint8Array(0);
  private held = new Uint8Array(0);

  /** Every kind the passage holds, found ahead (answerTypeBitsOf). */
  preset(id: number, bits: number): void {
    if (id >= this.asked.length) this.grow(id);
    this.asked[id] = ALL_TYPES;
    this.held[id] = bits;
  }

  /** Every kind the passage holds, as bits (what preset takes). */
  allHeld(passage: Pick<Passage, 'id' | 'text'>): number {
    const { id } = passage;
    if (id >= this.asked.length || this.asked[id] !== ALL_TYPES) this.preset(id, answerTypeBitsOf(passage.text));
    return this.held[id]!;
  }

  /** Whether the passage is a memo's or a cable's header (see isDocumentHeader). */
  isHeader(passage: Pick<Passage, 'id' | 'text'>): boolean {
    return this.has(HEADER_BIT, passage, isDocumentHeader);
  }

  /** Whether the passage gives a length of time or of something (see statesSpan). */
  statesSpan(passage: Pick<Passage, 'id' | 'text'>): boolean {
    return this.has(SPAN_BIT, passage, statesSpan);
  }

  holds(type: AnswerType, passage: Pick<Passage, 'id' | 'text'>): boolean {
    return this.has(TYPE_BIT[type], passage, HOLDS[type]);
  }

  /** The passage's `bit`, from the preset bits or, the first time it is asked, from `test` on its text. */
  private has(bit: number, passage: Pick<Passage, 'id' | 'text'>, test: (text: string) => boolean): boolean {
    const { id } = passage;
    if (id >= this.asked.length) this.grow(id);
    if ((this.asked[id]! & bit) === 0) {
      this.asked[id] = this.asked[id]! | bit;
      if (test(passage.text)) this.held[id] = this.held[id]! | bit;
    }
    return (this.held[id]! & bit) !== 0;
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.asked.length * 2, 1024);
    const asked = new Uint8Array(size);
    const held = new Uint8Array(size);
    asked.set(this.asked);
    held.set(this.held);
    this.asked = asked;
    this.held = held;
  }
}

const COUNTING = /(?:\bhow (?:many|much)|\bhow (?:big|large) (?:is|was|are|were|will be)(?:\s+the)?|(?<!\p{L})сколько)\s+(.*)$/iu;
/**
 * How far after an amount the thing counted may come, in words: "980 solid mineral deposits". The
 * little words of a rate do not count: "9,000 tonnes a year of V2O5".
 */
const COUNTED_WITHIN = 4;
const RATE_WORDS = new Set(['a', 'an', 'of', 'per']);
/** The words after an amount read for it: COUNTED_WITHIN, and room for a rate's little words. */
const COUNTED_REACH = COUNTED_WITHIN + 3;
const COUNT_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|single|several|multiple|' +
  'два|две|двух|три|трех|трёх|четыре|пять|шесть|семь|восемь|девять|десять|сто|тысяч[аиу]?|миллион(?:а|ов)?|миллиард(?:а|ов)?|несколько|нескольких';
/** An amount, and (looked ahead, not consumed) the words after it. */
const AMOUNT_AND_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)*|${COUNT_WORDS})(?![\p{L}\p{N}])(?=((?:[^\p{L}\p{N}]+[\p{L}\p{N}]+(?:['’]\p{L}+)*){0,${COUNTED_REACH}}))`,
  'giu',
);
/** A bare four-digit number from 1000 to 2099 is read as a year, not an amount. */
const YEAR = /^(?:1\d|20)\d\d$/;

/**
 * What a "how many"/"how much" ("сколько") question counts, as analysed terms: the words after
 * "how many" up to the first stop word ("How many mineral deposits does …" counts "mineral deposits").
 */
export function countedTerms(question: string, analyzer: Analyzer): string[] {
  const rest = COUNTING.exec(question)?.[1];
  const terms: string[] = [];
  const words: string[] = [];
  for (const word of rest ? rawTokens(rest) : []) {
    const term = analyzer.termOf(word);
    if (!term) break;
    terms.push(term);
    words.push(word);
  }
  // And what the words make together: "vanadium pentoxide" is V2O5 as well.
  for (const term of analyzer.queryTerms(words.join(' '))) if (!terms.includes(term)) terms.push(term);
  return terms;
}

/** A number that is a day of a month ("9 October"), a time ("02:40") or a number in a series ("No. 2"), not a count. */
const NOT_A_COUNT_AFTER = new RegExp(String.raw`^(?:\s*[:/]\s*\d|\s+(?:${MONTHS})\b)`, 'iu');
const NOT_A_COUNT_BEFORE = new RegExp(String.raw`(?:\b(?:${MONTHS})\.?|\bNo\.?|#|\d\s*[:/])\s*$`, 'iu');
/** Words the thing an amount counts does not come after: "12 tonnes at Poti by rail" counts no rail. */
const COUNT_ENDS = new Set(['on', 'in', 'at', 'to', 'by', 'from', 'with', 'for', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'that', 'which', 'who', 'and', 'or', 'but']);

/** Nouns of a group of people or things, written after what they are: "a caretaker crew", "a drilling fleet". */
const GROUP_NOUNS = ['crew', 'crews', 'team', 'teams', 'staff', 'force', 'workforce', 'fleet', 'group', 'contingent', 'delegation', 'party', 'squad', 'cohort', 'class', 'pool', 'panel'];
/**
 * What is counted, then "of" and the amount: "a crew of 17", "a workforce of about 600"; or what a
 * group of them is made of, then the group: "a caretaker crew of 40" counts caretakers (and a crew).
 */
const COUNTED_OF_AMOUNT = new RegExp(String.raw`(\p{L}+)(?:\s+(${GROUP_NOUNS.join('|')}))?\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|up\s+to\s+)?(?:\d+(?:[.,]\d+)*|${COUNT_WORDS})(?![\p{L}\p{N}])`, 'giu');

/** Whether the text gives an amount of what is counted: a number followed closely by one of its terms, or "a crew of 17". */
export function countsIn(text: string, counted: ReadonlySet<string>, analyzer: Analyzer): boolean {
  return countsWords(text, (word) => counted.has(analyzer.termOf(word) ?? ''));
}

/** countsIn with the words counted told by `isCounted`: a number followed closely by one of them, or "a crew of 17". */
function countsWords(text: string, isCounted: (word: string) => boolean): boolean {
  for (const found of text.matchAll(AMOUNT_AND_WORDS)) {
    const [, amount, after] = found;
    if (YEAR.test(amount!) || NOT_A_COUNT_AFTER.test(after!) || NOT_A_COUNT_BEFORE.test(text.slice(Math.max(0, found.index - 12), found.index))) continue;
    let words = 0;
    for (const word of rawTokens(after!)) {
      const lower = word.toLowerCase();
      if (COUNT_ENDS.has(lower)) break;
      if (isCounted(word)) return true;
      if (!RATE_WORDS.has(lower) && ++words === COUNTED_WITHIN) break;
    }
  }
  for (const [found, word, group] of text.matchAll(COUNTED_OF_AMOUNT)) {
    if (!YEAR.test(found.slice(found.lastIndexOf(' ') + 1)) && (isCounted(word!) || (group !== undefined && isCounted(group)))) return true;
  }
  return false;
}

/**
 * "When was …", "When did …", "What date was …", or as asked after "Do you know …": "when the MOU was signed": a
 * question about something that has happened (nothing of "will" or "going to"). A news report dates
 * what it reports, so its publication date answers such a question as a date in its text would
 * ("When was the MOU signed?" and the report of the signing, published that day).
 */
export function asksWhenItHappened(question: string): boolean {
  return WHEN_IT_HAPPENED.test(question) || RUSSIAN_WHEN_IT_HAPPENED.test(question);
}
/** "What date …", "On what day …", "In which year …": the kind of time asked for, which is no word to look for. */
const TIME_WORD_ASKED = String.raw`(?:on |in )?(?:what|which) (date|day|year|month)`;
const WHEN_IT_HAPPENED = new RegExp(String.raw`^\W*(?:when|${TIME_WORD_ASKED})\s(?!.*\b(?:will|shall|going to)\b).*\b(?:was|were|did|had)\b`, 'i');
const TIME_WORD = new RegExp(String.raw`^\W*${TIME_WORD_ASKED}\b`, 'iu');
export function timeWordAsked(question: string): string | undefined {
  return TIME_WORD.exec(question)?.[1];
}

/**
 * Words placing what a question asks about on a day counted from the day it is asked: "yesterday",
 * "last night", "this morning", "tonight"; Russian "вчера", "позавчера", "сегодня утром". ("today"
 * alone is not among them: "What is the language called today?" means nowadays.)
 */
const RECENT_DAY = new RegExp(
  String.raw`\b(?:yesterday|last\s+night|this\s+(?:morning|afternoon|evening)|tonight|earlier\s+today)\b|${russian('вчера|позавчера|сегодня\s+утром|сегодня\s+днём|сегодня\s+днем')}`,
  'iu',
);

/** Whether a question asks about a day counted from the day it is asked ("What did Tokayev say yesterday?"). */
export function asksAboutRecentDay(question: string): boolean {
  return RECENT_DAY.test(question);
}

/** The same in Russian: "Когда подписали …", "Когда был подписан …" (a verb in the past tense, nothing of "будет"). */
const RUSSIAN_WHEN_IT_HAPPENED = new RegExp(
  String.raw`^[^\p{L}]*когда\s(?!.*${russian('будет|будут|планируется|собирается|собираются')}).*${russian(String.raw`был[аио]?|\p{L}+[аеиыя](?:л|ла|ли|ло)`)}`,
  'iu',
);

/**
 * Verbs that say little of what happened ("When did the minister go to the US?", "When did it take
 * place?"): the event asked about is in the question's other words.
 */
export const LIGHT_VERBS: readonly string[] = 'go goes went gone going come comes came coming get gets got gotten take takes took taken make makes made happen happens happened'.split(' ');

/** "How far", "how old", "how deep": the adjective says what kind of figure is asked for, as "when" says a date is. */
const HOW_ADJECTIVE = /\bhow\s+(big|large|high|long|far|old|deep|tall|wide|heavy|often|soon|early|late|fast)\b/iu;

/** The term of the adjective a "how …" question asks with ("far" in "How far is Kokpekty from Oskemen?"), if any. */
export function howAdjectiveOf(question: string, analyzer: Analyzer): string | null {
  const adjective = HOW_ADJECTIVE.exec(question)?.[1];
  return adjective === undefined ? null : analyzer.termOf(adjective);
}

/**
 * A yes/no question about how something turned out: "did the dfc end up lending kokorai the 40m",
 * "did the caspian shuttle actually start sailing on 17 march", "has it ever …".
 */
export function asksOutcome(question: string): boolean {
  return ASKS_OUTCOME.test(question);
}
const ASKS_OUTCOME = /^\W*(?:did|has|have|was|were|is|are)\b.*\b(?:end(?:ed|s)? up|in the end|actually|eventually|finally|ever)\b/iu;
/** Whether a sentence tells of a plan, a hope, a possibility or a request not yet decided ("will start on 17 March", "promised to pave", "is expected to", "draft decision", "is reviewing an application"), which says nothing of how it turned out. */
export function statesPlan(sentence: string): boolean {
  return PLAN.test(sentence);
}
const PLAN = /\b(?:will|would|shall|plans?|planned|planning|intends?|intended|expected|expects?|due to|is to|are to|aims?|hopes?|could|may|might|proposed|scheduled|promised|promises|pending|yet to|draft|reviewing|under review|considering|applied for|no decision)\b/iu;

/** An ordinal and, up to two words on, what it counts: "the second meeting", "the 3rd session", "the first joint session". */
const ORDINAL_AND_THING = new RegExp(String.raw`\b(${FIRST_TEN_ORDINALS.join('|')}|1st|2nd|3rd|[4-9]th|10th)\s+((?:[\p{L}-]+\s+){0,2}?)([\p{L}-]+)`, 'giu');
/** Things counted in order, which a number after them numbers ("stage 1", "phase 2", "day 3"). */
const NUMBERED_THINGS = 'stage phase step round tranche year day week month session meeting season leg block unit line train shift batch lot part chapter item level tier generation wave term semester module lap no number';
const THING_AND_NUMBER = new RegExp(String.raw`\b(?:${NUMBERED_THINGS.split(' ').join('|')})s?\.?\s+(?:no\.?\s*)?(10|[1-9])\b(?![.,:/]\d)`, 'giu');
/**
 * The numbers a question writes after what they put in order, with the ordinal each means:
 * "capacity after stage 1" asks about "the first stage", "the no. 1 obstacle" about the first.
 */
export function ordinalsNumbered(question: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, number] of question.matchAll(THING_AND_NUMBER)) found.set(number!, FIRST_TEN_ORDINALS[Number(number) - 1]!);
  return found;
}

/** The ordinals a text gives each thing it counts, by the thing's terms ("the third session" → session: third). */
export function ordinalsOf(text: string, analyzer: Analyzer): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const [, ordinal, between, last] of text.matchAll(ORDINAL_AND_THING)) {
    const word = ordinalWordOf(ordinal!)!;
    for (const thing of [...rawTokens(between!), last!]) {
      const term = analyzer.termOf(thing);
      if (!term) continue;
      let ordinals = found.get(term);
      if (!ordinals) found.set(term, (ordinals = new Set()));
      ordinals.add(word);
    }
  }
  return found;
}
/**
 * "What was agreed at the first session of the working group?" is not answered by a passage on its
 * third session: whether the text counts what the question counts only with other ordinals.
 */
export function namesOnlyOtherOrdinal(asked: ReadonlyMap<string, ReadonlySet<string>>, text: string, analyzer: Analyzer): boolean {
  if (asked.size === 0) return false;
  const given = ordinalsOf(text, analyzer);
  for (const [term, ordinals] of asked) {
    const other = given.get(term);
    if (other && ![...ordinals].some((ordinal) => other.has(ordinal))) return true;
  }
  return false;
}

/** "Did the committee approve …?": a yes/no question about what happened (see statesPast). */
export function asksDid(question: string): boolean {
  return /^\W*did\b/iu.test(question);
}
/** Whether a sentence tells of something past: "did", "was", "were", "had", or a verb in -ed not after "is", "be", "will" ("testified", not "is scheduled"). */
export function statesPast(sentence: string): boolean {
  return PAST.test(sentence);
}
const PAST = /\b(?:did|was|were|had)\b|(?<!\b(?:is|are|be|been|being|will|to)\s)\b\p{Ll}{3,}ed\b/u;

/**
 * What a passage's text must hold to answer a question asking for a way to reach someone, a rate, the size
 * of a workforce, who leads something or who won (see each below): the test of a passage's text, or null.
 */
export function textAsked(question: string): ((text: string) => boolean) | null {
  return contactAsked(question) ?? rateAsked(question) ?? workforceAsked(question) ?? leaderAsked(question) ?? winnerAsked(question) ?? authorAsked(question);
}

/**
 * A phone number or an e-mail address asked for ("whats the phone number of the service partner",
 * "what is their email address"): only a passage that gives one answers. Returns the test of a
 * passage's text, or null. Not "how long did the phone call last".
 */
export function contactAsked(question: string): ((text: string) => boolean) | null {
  if (ASKS_PHONE.test(question)) return (text) => PHONE.test(text);
  if (ASKS_EMAIL.test(question)) return (text) => EMAIL.test(text);
  return null;
}
const ASKS_PHONE = /\b(?:(?:tele)?phone|tel|mobile|cell|fax|whatsapp)\s+(?:number|no)\b|\bnumber\s+(?:to|should\s+\w+|do\s+\w+|can\s+\w+)\s+(?:call|ring|phone)\b/iu;
const ASKS_EMAIL = /\be-?mail\s+(?:address|addy)\b|\bwhat(?:['’]?s|\s+is|\s+was)\s+(?:the|their|his|her|its|your)\s+(?:[\p{L}-]+\s+){0,3}e-?mail\b/iu;
/** "+7 727 355 0142", "(312) 555-0147", "tel. 8 7172 55 01 42"; not a date ("2025-06-03") or an amount. */
const PHONE = /\+\s?\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d[\d\s.-]{5,}\d|\(\d{2,5}\)\s?\d{2,4}[\s.-]?\d{2,4}|\b(?:tel|phone|telephone|fax|mobile|call|ring)\b\.?:?\s*(?:on\s+)?\d[\d\s().-]{5,}\d/iu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/**
 * An interest rate, a coupon or a tax rate asked for ("what's the interest rate on the loan", "what coupon
 * will the notes pay", "whats the maximum uranium tax rate"): only a passage giving a percentage answers.
 * Not a question asking how or why about one ("why did the interest rate go up").
 */
export function rateAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_RATE.test(question) && !ASKS_ABOUT.test(question) ? (text) => PERCENT.test(text) : null;
}
const ASKS_RATE = /\b(?:interest|tax|royalty)\s+rates?\b|\bcoupons?\b|\brates?\s+of\s+interest\b/iu;
const ASKS_ABOUT = /^\W*(?:how|why|who|when|where|did|does|do|is|are|was|were|has|have|had|can|will|would)\b/iu;
const PERCENT = new RegExp(String.raw`${PERCENTAGE}|\bbasis\s+points\b`, 'iu');

/**
 * "who runs Sarybel Lithium", "who heads the board", "who is Ertisbel's general director", "whats the name of
 * Pikeview's ceo": who leads something is answered only by a passage saying who leads something ("chief
 * executive", "director", "chairs", "led by", "has run the plant"); a passage that names the company and
 * someone else does not answer. Returns the test of a passage's text, or null.
 */
export function leaderAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_LEADER.test(question) ? (text) => LEADS.test(text) : null;
}
const LEADER_OFFICES = String.raw`ceo|chief\s+executive|boss|head|director|general\s+director|managing\s+director|chair(?:man|woman|person)?|president|manager|leader`;
const ASKS_LEADER = new RegExp(
  String.raw`^\W*(?:(?:who|whos|who['’]s)\s+(?:runs|heads|leads|manages|chairs|is\s+(?:running|heading|leading|in\s+charge\s+of))\b|(?:who|what)(?:['’]?s|\s+is|\s+was)\s+(?:the\s+name\s+of\s+)?[\p{L}\p{N}&.-]+(?:\s+[\p{L}\p{N}&.-]+){0,3}['’]s?\s+(?:${LEADER_OFFICES})\b)`,
  'iu',
);
const LEADS = /\b(?:ceo|chief\s+executive|chief|head(?:s|ed|ing)?|director|chair(?:s|ed|man|woman|person)?|president|manag(?:er|ers|es|ed|ing)|run(?:s|ning)?|ran|le(?:d|ads?|ading)|leader|boss|founder|executive)\b/iu;

/**
 * "who won the equipment tender", "which projects won in the first call": only a passage saying who won
 * answers ("won", "winner", "awarded", "first prize", "ruled in its favour"); an invitation to bid or a
 * list of entrants does not. Returns the test of a passage's text, or null.
 */
export function winnerAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_WINNER.test(question) ? (text) => WON.test(text) : null;
}
const ASKS_WINNER = /^\W*(?:who|which\b[^?]*?)\s+(?:won|wins|will\s+win|(?:has|have)\s+won)\b/iu;
const WON = /\b(?:won|wins?|winners?|winning|awarded|victor(?:y|ious)|prevailed|beat|defeated|first\s+prize|champions?|ruled|favou?r)\b/iu;

/**
 * "who wrote the opinion piece", "who shot the photos", "who is the first author of the study": who wrote
 * something is said by a byline ("By Jonathan Pryce", "Photographs and captions by …"), a sign-off
 * ("— Valentina Grekova, Glubokoye"), the author's note ("… The views expressed here are her own") or
 * the word itself ("the study's first author, Sanzhar Nurtazin"). Returns the test of a passage's text, or null.
 */
export function authorAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_AUTHOR.test(question) ? (text) => STATES_AUTHOR.test(text) : null;
}
const ASKS_AUTHOR = /^\W*who(?:['’]?s|\s+(?:is|was|are|were))?\s+(?:wrote|writes|authored|penned|shot|photographed|illustrated|drew|(?:the\s+)?(?:(?:first|lead|main|corresponding|co-?)\s*)?(?:authors?|writers?|photographers?|columnists?|illustrators?)\b)/iu;
// Capitalized or not (a byline starts a line): the pattern is case-sensitive for the name.
const AUTHORED = ['written', 'prepared', 'compiled', 'drafted', 'edited', 'composed', 'reported', 'photographs', 'photos', 'pictures', 'illustrations', 'text', 'words', 'music', 'lyrics', 'notes', 'story']
  .map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`)
  .join('|');
const AUTHOR_NAME = String.raw`${CAPITALIZED_WORD}\s+${CAPITALIZED_WORD}`;
const STATES_AUTHOR = new RegExp(
  String.raw`(?:^|\n|[.!?]\s)[*_\s]*[Bb]y\s+${AUTHOR_NAME}|\b(?:${AUTHORED})(?:\s+and\s+\p{L}+)?\s+by\b:?\s*${AUTHOR_NAME}|(?:^|\n)\s*[—–]\s*${AUTHOR_NAME}|\b(?:authors?|co-?authors?|views\s+expressed)\b`,
  'u',
);

/**
 * "when was Aralis founded", "when was c5+1 set up": only a passage telling of a founding answers ("founded in
 * 2018", "launched in 2015", "set up"); one with another date of the company (a licence granted, a plant
 * opened) does not. Returns the test of a passage's text, or null.
 */
export function foundingAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_FOUNDING.test(question) ? (text) => FOUNDED.test(text) : null;
}
const ASKS_FOUNDING = /^\W*(?:when|what\s+year|since\s+when)\b.*\b(?:founded|established|set\s+up|incorporated|formed|created)\W*$/iu;
const FOUNDED = /\b(?:found(?:ed|ing|er|ers)|establish(?:ed|ment)|set\s+up|creat(?:ed|ion)|form(?:ed|ation)|incorporat(?:ed|ion)|launch(?:ed)?|registered|since)\b/iu;

/**
 * "how many people work at the smelter", "how many employees does Betpak have", "how big is the workforce
 * at Kenestau": the size of a workforce asked for is a count of people ("employs about 1,300 people",
 * "2,140 employees", "a workforce of 600", "Employees | 2,140"); a passage with only other numbers does
 * not answer. Returns the test of a passage's text, or null.
 */
export function workforceAsked(question: string): ((text: string) => boolean) | null {
  return ASKS_WORKFORCE.test(question) ? (text) => EMPLOYS_AMOUNT.test(text) || WORKFORCE_LABEL.test(text) || countsWords(text, (word) => WORKFORCE_WORD.test(word)) : null;
}
const ASKS_WORKFORCE =
  /^\W*(?:how many (?:people|ppl|persons|employees|staff|staffers|workers|personnel)\s+(?:(?:work|works|working)\b|(?:are|were|will\s+be)\s+(?:employed|working)\b|(?:does|do|did|will)\s+.*\b(?:have|employ|hire)\b)|how (?:big|large) is (?:the|its|their)\s+(?:work\s?force|staff|headcount)\b|what(?:['’]?s|\s+is|\s+was)\s+(?:the|its|their)\s+(?:work\s?force|headcount)\b)/iu;
// The words themselves, not their stems: Porter's "miner" is also "minerals", "oper" also "operations".
const WORKFORCE_WORD = /^(?:people|persons|employees|staff|staffers|workers|jobs|personnel|operators|crew|miners|engineers|specialists|technicians|workforce|headcount|payroll)$/iu;
/** "employs about 1,300". */
const EMPLOYS_AMOUNT = /\bemploy(?:s|ed|ing)?\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?\d/iu;
/** A table's row: "| Employees | 2,140 |", "| Workforce in operation | 780 |". */
const WORKFORCE_LABEL = /\b(?:employees|staff|work\s?force|headcount|workers|personnel)\b[^|\n]{0,30}\|\s*(?:about\s+|around\s+|some\s+)?\d/iu;

/** "How long did the shipment take?", "how long is the sampling probe", "how far is the mill": not "how long ago" (a time). */
export function asksHowLong(question: string): boolean {
  return /\bhow\s+(?:long\b(?!\s+ago\b)|far\b)/iu.test(question);
}
const SPAN_NUMBER = String.raw`(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|several|few|many|couple\s+of|half\s+an?)`;
const SPAN_UNIT = String.raw`(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|months?|mths?|years?|yrs?|decades?|centuries|shifts?)`;
const LENGTH_UNIT = String.raw`(?:km|kilomet(?:re|er)s?|metres?|meters?|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|miles?|feet|ft|inches)`;
// Each pattern below starts with what it must find, with no \b before it: a pattern that opens
// with \b (or with a number word such as "a") is tried at every position of the text, six to
// thirty times slower over a library's passages.
/** A unit of time, found first (its number is looked for before it: see SPAN_NUMBER_BEFORE). */
const SPAN_UNIT_AT = new RegExp(String.raw`${SPAN_UNIT}\b`, 'giu');
/** The number just before a unit of time: "36 ", "two to three ", "10 working ". */
const SPAN_NUMBER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${SPAN_NUMBER}(?:\s*(?:-|–|to|or)\s*${SPAN_NUMBER})?\s+(?:(?:more|working|business|calendar|full|straight|consecutive|further|additional|extra)\s+)?$`,
  'iu',
);
/** How far before a unit its number may start. */
const SPAN_NUMBER_REACH = 60;
/** The other spans: "a 25-year licence", "1.5 metres long", "4,000 words"; "since 2011", "overnight". */
const DIGITS_SPAN = new RegExp(
  String.raw`\d-(?:second|minute|hour|day|week|month|year|decade)\b|\d[\d,.]*\s?(?:${LENGTH_UNIT}\b|m\s+(?:long|deep|wide|high|tall)\b)|\d[\d,.]*\s+(?:words|pages|characters|slides|lines)\b`,
  'iu',
);
const WORDS_SPAN = new RegExp(String.raw`since\s+(?:\d{4}\b|(?:early|late|mid)\b|(?:${MONTHS})\b)|overnight\b`, 'iu');
/** Whether a text gives a length of time or of something ("for 36 hours", "a 25-year licence", "since 2011", "1.5 metres long"). */
export function statesSpan(text: string): boolean {
  if (DIGITS_SPAN.test(text) || WORDS_SPAN.test(text)) return true;
  // (Only a unit that starts a word: SPAN_NUMBER_BEFORE ends in a space.)
  for (const unit of text.matchAll(SPAN_UNIT_AT)) if (endsJustBefore(text, unit.index, SPAN_NUMBER_BEFORE, SPAN_NUMBER_REACH)) return true;
  return false;
}

/**
 * The nouns of a question naming a measure ("distance", "temperature", "weight"), as terms, each
 * with the amount that states it in one of its units: "distance by rail from Zhezkazgan to Aktau" is
 * answered by "ran west for 1,870 kilometres", which never says "distance". So too "company", by a
 * company's legal form ("Zhezdy Rhenium LLP"), "hours" by a time of day, and "per" of a rate
 * asked, stated by the rate written otherwise (see perUnitAsked).
 */
export function measuresAsked(question: string, analyzer: Analyzer): Map<string, Stated> {
  const asked = new Map<string, Stated>();
  for (const word of rawTokens(question)) {
    const amount = MEASURE_UNITS.get(word.toLowerCase());
    const term = amount && analyzer.termOf(word);
    if (term) asked.set(term, amount);
  }
  const per = perUnitAsked(question, analyzer);
  if (per) asked.set(per.term, per);
  return asked;
}

/** What a passage is tested for (a RegExp is one). */
export interface Stated {
  test(text: string): boolean;
}

const PER_UNIT = /\bper\s+(\p{L}+)/iu;
/** A rate written without "per": "a day", "an hour", "each wagon", "/kg". */
const RATE_WRITTEN = /(?:\b(?:a|an|each|every)\s+|\/\s?)(\p{L}+)/giu;
/** Units written short or in Latin, as the word the rate may be written with. */
const UNIT_WORDS: Record<string, string> = { annum: 'year', hr: 'hour', hrs: 'hour', wk: 'week', kilo: 'kilogram', kilos: 'kilogram', lb: 'pound', lbs: 'pound' };
/** A rate by the time unit's adverb: "produces 400 tonnes annually". */
const RATE_ADVERBS: Record<string, RegExp> = { year: /\b(?:annually|yearly)\b/i, day: /\bdaily\b/i, month: /\bmonthly\b/i, hour: /\bhourly\b/i, week: /\bweekly\b/i };

/**
 * "per" of a rate asked ("how much water does the mine use per day"), stated as the passage writes
 * a rate: "1,850 cubic metres a day", "$612/MTU", "400 tonnes annually". Not "per cent".
 */
function perUnitAsked(question: string, analyzer: Analyzer): (Stated & { term: string }) | null {
  const found = PER_UNIT.exec(question);
  if (!found || /^cent$/i.test(found[1]!)) return null;
  const unitOf = (word: string) => analyzer.termOf(UNIT_WORDS[word.toLowerCase()] ?? word);
  const per = analyzer.termOf('per');
  const unit = unitOf(found[1]!);
  if (!per || !unit) return null;
  const adverb = Object.entries(RATE_ADVERBS).find(([word]) => analyzer.termOf(word) === unit)?.[1];
  return {
    term: per,
    test: (text) => {
      if (adverb?.test(text)) return true;
      for (const [, word] of text.matchAll(RATE_WRITTEN)) if (unitOf(word!) === unit) return true;
      return false;
    },
  };
}
const AMOUNT_IN = (units: string) => new RegExp(String.raw`\d\s?(?:${units})(?![\p{L}\p{N}])`, 'iu');
const LENGTH_AMOUNT = AMOUNT_IN(LENGTH_UNIT);
const MASS_UNITS = String.raw`tonnes?|tons?|t|kg|kilograms?|grams?|g|pounds?|lbs?|ounces?|oz`;
const MASS_AMOUNT = AMOUNT_IN(MASS_UNITS);
const MEASURE_UNITS = new Map<string, RegExp>([
  ...['distance', 'distances', 'length', 'depth', 'height', 'width'].map((word): [string, RegExp] => [word, LENGTH_AMOUNT]),
  ...['weight', 'mass'].map((word): [string, RegExp] => [word, MASS_AMOUNT]),
  // "Which company buys the rhenium?": "Pellingham Superalloys, Inc." is one by its legal form.
  ...['company', 'companies', 'firm', 'firms'].map((word): [string, RegExp] => [word, COMPANY_FORM]),
  // "What hours are they allowed to blast?": "between 11:00 and 16:00".
  ...['hours', 'hour'].map((word): [string, RegExp] => [word, CLOCK]),
  ['temperature', AMOUNT_IN(String.raw`°\s?[CF]?|º\s?[CF]?|degrees?(?:\s+(?:celsius|fahrenheit|centigrade|c|f))?`)],
  ['area', AMOUNT_IN(String.raw`hectares?|ha|acres?|square\s+(?:kilomet(?:re|er)s?|metres?|meters?|miles?|feet)|sq\.?\s?(?:km|m|mi|ft)|km2|km²|m2|m²`)],
  ['speed', AMOUNT_IN(String.raw`km/h|kph|mph|knots?|m/s|(?:kilomet(?:re|er)s?|metres?|meters?|miles?)\s+(?:per|an|a)\s+(?:hour|second)`)],
  // (Of trade, a volume is a mass: "a volume of 1,200 tonnes a year".)
  ['volume', AMOUNT_IN(String.raw`litres?|liters?|l|m3|m³|cubic\s+\p{L}+|barrels?|gallons?|${MASS_UNITS}`)],
]);

/** "How old is Kevin Marsh?", "how old was Muratova at the time". */
export function asksAge(question: string): boolean {
  return /\bhow\s+old\b/iu.test(question);
}
const AGE = /\b\d{1,3}-year-old\b|\b(?:aged?|age\s+of)\s+\d{1,3}\b|\b\d{1,3}\s+years?\s+old\b|,\s+(?:then\s+|now\s+)?(?:only\s+|just\s+)?\d{1,3}(?:,|\s+and\b)|\bborn\b/iu;
/** Whether a text gives someone's age: "Dana Yesenova, 44,", "a 38-year-old geologist", "then only 26 and …", "born in 1974". */
export function statesAge(text: string): boolean {
  return AGE.test(text);
}

/**
 * Words that frame a question asked of a name without saying what is asked of it, as a light verb
 * does: what someone means to do ("When does Aralis expect its FID?") and "time" ("How old was she
 * at the time?").
 */
export const FRAMING_WORDS: readonly string[] = 'expect expects expected plan plans planned aim aims aimed intend intends intended hope hopes hoped time'.split(' ');

/**
 * Words that frame a question asked of a place: that something is somewhere ("Where is Aralis
 * based?") and the kind of place asked for ("In what country is Normandy located?").
 */
export const PLACE_FRAMING_WORDS: readonly string[] = (
  'located locate situated based lie lies found work works worked working находится находятся расположен расположена расположено ' +
  'country countries city cities town towns region regions province provinces district districts place places area village continent'
).split(' ');

/** Answer types without which a passage cannot answer at all (a "when" question needs a date). */
export const REQUIRED_TYPES: ReadonlySet<AnswerType> = new Set(['time', 'quantity']);

// ---------------------------------------------------------------------------------------------
// What the question asks about, and whether it asks about what is not so.

const AUXILIARIES = new Set(
  'is are was were be been being am do does did has have had can could will would shall should may might must'.split(' '),
);
const COPULAS = new Set(['is', 'are', 'was', 'were']);
const DETERMINERS = new Set(['the', 'a', 'an', 'another', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'one', 'two', 'three', 'some', 'any', 'main']);
/** Words that end a noun phrase though the analyzer keeps them. */
const PREPOSITIONS = new Set(['within', 'between', 'among', 'across', 'upon', 'toward', 'towards', 'per', 'via', 'like', 'unlike', 'including', 'according', 'despite', 'behind', 'beyond', 'near']);
/**
 * Nouns that frame what is asked rather than name it: "What kind of needlework", "What is the
 * term for …", "one of the …"; and times, which "when" questions check by their own rule. The
 * noun after their "of" or "for" is what is asked about.
 */
const FRAME_NOUNS = new Set(
  'kind kinds type types sort sorts form forms name names term terms example examples one way ways part parts year years date century centuries decade time period'.split(' '),
);
const POSSESSIVE = /^\p{L}[\p{L}\p{N}-]*['’]s?$/u;

/**
 * The attribute a question asks about, as an analysed term: the head of the noun phrase its
 * question word asks for, when it is something's attribute ("What is the population of
 * Kazakhstan?" → population, "who is Kazakhstan's ambassador" → ambassador, "How much uranium …"
 * → uranium), past frame nouns ("What is the name of the fund" → fund). Null when the question
 * does not name one plainly ("What did Rollo do?", "What often affects …", "Who was responsible
 * …") or asks for a member of a class ("What class is …", "Which party does …").
 */
export function askedNoun(question: string, analyzer: Analyzer): string | null {
  const tokens = rawTokens(question).map((token) => token.toLowerCase());
  let at = tokens.findIndex((token) => token === 'what' || token === 'which' || token === 'who' || token === 'how');
  if (at < 0 || at > 3) return null;
  const whWord = tokens[at++]!;
  // What must follow the phrase for it to be a noun phrase: after "what/which" alone, an
  // auxiliary ("Which party does …"); after a copula and a determiner, anything.
  let endsAtAuxiliary = false;
  if (whWord === 'how') {
    if (tokens[at] !== 'much' && tokens[at] !== 'many') return null;
    at++;
  } else if (COPULAS.has(tokens[at] ?? '')) {
    at++;
    if (!DETERMINERS.has(tokens[at] ?? '') && !POSSESSIVE.test(tokens[at] ?? '')) return null;
  } else if (whWord === 'who' || AUXILIARIES.has(tokens[at] ?? '')) {
    return null;
  } else {
    endsAtAuxiliary = true;
  }
  for (let phrase = 0; phrase < 2; phrase++) {
    while (DETERMINERS.has(tokens[at] ?? '') && !FRAME_NOUNS.has(tokens[at + 1] === 'of' ? tokens[at]! : '')) at++;
    let head: string | null = null;
    let owned = false;
    for (; at < tokens.length; at++) {
      const token = tokens[at]!;
      if (POSSESSIVE.test(token)) {
        head = null; // "Kazakhstan's GDP": the owner is not what is asked
        owned = true;
        continue;
      }
      // The phrase ends at a function word, a preposition, an adverb or a verb form ("What river originally bounded …").
      if (AUXILIARIES.has(token) || PREPOSITIONS.has(token) || /(?:ly|ed|ing)$/.test(token) || (!analyzer.termOf(token) && !FRAME_NOUNS.has(token))) break;
      head = token;
    }
    if (head === null) return null;
    if (FRAME_NOUNS.has(head)) {
      if (tokens[at] !== 'of' && tokens[at] !== 'for') return null;
    } else {
      // Only an attribute of something named ("the population of Kazakhstan", "Kazakhstan's GDP",
      // "how much uranium"): "What class is …" or "Which problems …" ask for a member of a class,
      // which a passage names without the class's name.
      const attribute = whWord === 'how' || owned || tokens[at] === 'of' || phrase > 0;
      return attribute && !(endsAtAuxiliary && phrase === 0 && !AUXILIARIES.has(tokens[at] ?? '')) ? analyzer.termOf(head) : null;
    }
    at++;
  }
  return null;
}

const NEGATION = /\b(?:not|never|neither|nor|none|nobody|nothing)\b|\b\p{L}+n['’]t\b/iu;
/** "whether or not", "may or may not": not a negation. */
const OR_NOT = /\bor\s+(?:\p{L}+\s+)?not\b/giu;
/** A yes/no question opening with a negated verb ("Didn't Kazakhstan sign …?") asks about the positive. */
const NEGATED_OPENING = /^\s*\p{L}+n['’]t\b/iu;
const STATES_NEGATION =
  /\b(?:not|never|no|none|neither|nor|nothing|nobody|nowhere|cannot|without|lacks?|lacked|lacking|fail(?:s|ed)?|unable|except|rather than|instead)\b|n['’]t\b/iu;

/**
 * Whether a question asks about what is not so: "Which problems are not known to be in P?",
 * "Who never returned?". A passage that says nothing negative cannot answer it.
 */
export function asksNegated(question: string): boolean {
  const rest = question.replace(OR_NOT, ' ');
  return NEGATION.test(rest) && !NEGATED_OPENING.test(rest);
}

/** Whether a text says that something is not so (a negation, "without", "lack", "fail", "unable"). */
export function statesNegation(text: string): boolean {
  return STATES_NEGATION.test(text);
}

// ---------------------------------------------------------------------------------------------
// Questions about an attribute of something named: "Who is the president of the United States?"

/** "Who is the president of the United States?", or typed as a search: "capital of France". */
const ASKS_ATTRIBUTE_OF_NAME = /^\W*(?:(?:[Ww]hat|[Ww]ho|[Ww]hich)\s+(?:is|was|are|were)\s+)?(?:[Tt]he\s+)?(?<attribute>[\p{L}-]+)\s+of\s+(?:the\s+)?(?<owner>[\p{L}\p{N}][\p{L}\p{N}'’.\s-]{0,60}?)\W*$/u;
/** How far apart, in words, an attribute and its owner may be: "US President", "the president of the United States", "the United States' new president". */
const ATTRIBUTE_WITHIN = 4;

/** What a place or a body has one of, and is asked about by name: its offices and its capital, population or currency. */
const ATTRIBUTES_OF_NAMES = new Set([...OFFICE_TITLES.map((title) => title.toLowerCase()), 'ceo', 'head', 'leader', 'king', 'queen', 'akim', 'principal', 'headteacher', 'headmaster', 'dean', 'rector', 'founder', 'chair', 'chairwoman', 'editor', 'coach', 'captain', 'capital', 'population', 'currency']);

export interface AttributeAsked {
  attribute: string;
  owner: string;
  /** The attribute's terms: its own, and those of words standing for it ("akim" for "mayor"); by default its own. */
  terms?: readonly string[];
}

export function attributeTermsOf(asked: AttributeAsked, analyzer: Analyzer): readonly string[] {
  if (asked.terms) return asked.terms;
  const own = analyzer.termOf(asked.attribute);
  return own === null ? [] : [own];
}

/**
 * The office or the figure a question asks of something it names, and that name: "Who is the
 * president of the United States?" → president, United States; "What is the capital of France?"
 * → capital, France. Null for any other question.
 */
export function attributeOfName(question: string): AttributeAsked | null {
  const groups = ASKS_ATTRIBUTE_OF_NAME.exec(question)?.groups;
  return groups && ATTRIBUTES_OF_NAMES.has(groups.attribute!.toLowerCase()) ? { attribute: groups.attribute!, owner: groups.owner! } : null;
}

/** Whether a sentence has the attribute next to its owner ("Kazakhstan President Tokayev … in the US" has the president of Kazakhstan). */
export function attributeNextToOwner(sentences: readonly { terms: readonly string[] }[], asked: AttributeAsked, analyzer: Analyzer): boolean {
  const attributes = attributeTermsOf(asked, analyzer);
  const owner = new Set(analyzer.indexTerms(asked.owner));
  if (attributes.length === 0 || owner.size === 0) return true;
  for (const { terms } of sentences) {
    for (let at = 0; at < terms.length; at++) {
      if (!attributes.includes(terms[at]!)) continue;
      for (let near = Math.max(0, at - ATTRIBUTE_WITHIN); near <= Math.min(terms.length - 1, at + ATTRIBUTE_WITHIN); near++) if (owner.has(terms[near]!)) return true;
    }
  }
  return false;
}

/** Whose a mention of an attribute is: the asked owner's, another's, or nobody's ("chief executive Marcus Delaney said"). */
export type Owner = 'asked' | 'other' | 'none';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
/** Capitalized words before an office that do not name whose it is: "Former President", "Acting Minister". */
const OFFICE_QUALIFIERS = new Set(['deputy', 'vice', 'acting', 'interim', 'former', 'then', 'new', 'first', 'chief', 'senior', 'executive', 'incoming', 'outgoing']);
/** How many capitalized words make one owner's name: "Silverline Rare Earths chief executive". */
const OWNER_WORDS = 4;

/**
 * Whose each mention of the attribute in a sentence is: the name written right before it
 * ("Kazakhstan President", "Pinecrest's chief executive") or after it with "of" ("chief executive of
 * Tengri Processing"), or nobody's.
 */
export function attributeOwners(sentence: string, asked: AttributeAsked, analyzer: Analyzer): Owner[] {
  const attributes = attributeTermsOf(asked, analyzer);
  const owner = new Set(analyzer.indexTerms(asked.owner));
  if (attributes.length === 0) return [];
  const words = [...sentence.matchAll(WORD)].map((match) => ({ word: match[0].replace(/[.'’]+$|['’]s$/u, ''), start: match.index, end: match.index + match[0].length }));
  const adjacent = (left: number, right: number) => /^\s+$/u.test(sentence.slice(words[left]!.end, words[right]!.start));
  const capitalized = (at: number) => /^\p{Lu}/u.test(words[at]!.word) && !OFFICE_QUALIFIERS.has(words[at]!.word.toLowerCase()) && analyzer.indexTerms(words[at]!.word).length > 0;
  const whose = (name: string[]): Owner => (name.length === 0 ? 'none' : name.some((word) => analyzer.indexTerms(word).some((term) => owner.has(term))) ? 'asked' : 'other');
  const owners: Owner[] = [];
  for (let at = 0; at < words.length; at++) {
    let end = -1;
    for (let last = at; last < Math.min(words.length, at + 3) && end < 0; last++) {
      if (last > at && !adjacent(last - 1, last)) break;
      // The mention starts here only if the words after this one are not it alone ("British [capital]").
      const holds = (from: number) => analyzer.indexTerms(words.slice(from, last + 1).map(({ word }) => word).join(' ')).some((term) => attributes.includes(term));
      if (holds(at) && (last === at || !holds(at + 1))) end = last;
    }
    if (end < 0) continue;
    const before: string[] = [];
    for (let i = at - 1; i >= 0 && before.length < OWNER_WORDS && adjacent(i, i + 1) && capitalized(i); i--) before.unshift(words[i]!.word);
    const after: string[] = [];
    let i = end + 1;
    if (words[i]?.word === 'of' && adjacent(end, i)) {
      i++;
      if (words[i]?.word.toLowerCase() === 'the' && adjacent(i - 1, i)) i++;
      for (; i < words.length && after.length < OWNER_WORDS && adjacent(i - 1, i) && capitalized(i); i++) after.push(words[i]!.word);
    }
    const byBefore = whose(before);
    owners.push(byBefore !== 'none' ? byBefore : whose(after));
    at = end;
  }
  return owners;
}

/**
 * The office a question asks who holds, when it is not a deputy's: "Who is the Minister of Industry?"
 * asks for the minister ("minister"), "Who is the deputy minister?" for no office this rule checks.
 */
export function officeAsked(question: string): string | null {
  // Only who holds it: "What did the minister say?" may mean the deputy minister's words.
  if (!/^\W*who\b/iu.test(question) || /\b(?:deputy|vice)\b/iu.test(question)) return null;
  return OFFICE_ASKED.exec(question)?.[1]!.toLowerCase() ?? null;
}
const OFFICE_ASKED = new RegExp(String.raw`\b(${OFFICE_TITLES.filter((title) => title !== 'Deputy').join('|')})s?\b`, 'iu');

/**
 * Whether a text names the office only as a deputy's: "Deputy Minister Zhunusov said …" names no
 * minister, "Vice President" no president. A text naming no such office at all is not one.
 */
export function namesOnlyDeputy(text: string, office: string): boolean {
  let patterns = officePatterns.get(office);
  if (!patterns) {
    patterns = { deputy: new RegExp(String.raw`\b(?:deputy|vice)[\s-]+${office}`, 'iu'), itself: new RegExp(String.raw`(?<!\b(?:deputy|vice)[\s-]+)\b${office}`, 'iu') };
    officePatterns.set(office, patterns);
  }
  return patterns.deputy.test(text) && !patterns.itself.test(text);
}
const officePatterns = new Map<string, { deputy: RegExp; itself: RegExp }>();

// ---------------------------------------------------------------------------------------------
// Questions asking what something is called.

const ASKS_NAME = [
  /^\W*what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?names?\s+of\s+(?<thing>.+)$/iu,
  /^\W*what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?<thing>.+?)\s+(?:called|named)\W*$/iu,
  /^\W*what(?:['’]s|\s+is|\s+was)\s+(?<thing>.+?)['’]s\s+name\W*$/iu,
];
/** Where the thing named stops: "the alphabet [that is used …]", "the fund [in the talks]". */
const THING_ENDS = /\s+(?:is|are|was|were|that|which|who|whose|in|on|at|for|by|with|from|of|to|during|after|before|used)\b.*$/iu;
/** Words that may come between a name and what it names: "called Afranji", "known as …". */
const NAMING_WORDS = new Set(['called', 'named', 'known', 'as', 'nicknamed', 'dubbed', 'titled']);

/**
 * What a question asks the name of, as typed: "What is the name of Kazakhstan's sovereign wealth
 * fund?" → "Kazakhstan's sovereign wealth fund"; "What was the naval base called?" → "the naval
 * base". Null for any other question.
 */
export function nameAsked(question: string): string | null {
  for (const pattern of ASKS_NAME) {
    const thing = pattern.exec(question)?.groups?.thing?.replace(/[?!.\s]+$/u, '').replace(THING_ENDS, '');
    if (thing && /\p{L}/u.test(thing)) return thing;
  }
  return null;
}

/**
 * Whether a sentence of the text gives the thing a name: a word the question does not have right
 * before what names it ("the Samruk-Kazyna sovereign wealth fund", "the binary alphabet"), a
 * capitalized one right after it ("the fund, Samruk-Kazyna", "a castle called Afranji"), or a name
 * set before it by a comma or a dash (see namedByApposition). "Cove Kaz Capital Group and
 * Kazakhstan's sovereign wealth fund" names no fund.
 */
export function namesThing(sentences: readonly { sentence: string }[], thing: string, questionTerms: ReadonlySet<string>, analyzer: Analyzer): boolean {
  const thingTerms = rawTokens(thing).map((word) => analyzer.termOf(word)).filter((term): term is string => term !== null);
  const head = thingTerms.at(-1);
  if (head === undefined) return true;
  const asked = (word: string) => {
    const term = analyzer.termOf(word);
    return term !== null && questionTerms.has(term);
  };
  for (const { sentence } of sentences) {
    const words = rawTokens(sentence);
    for (let at = 0; at < words.length; at++) {
      if (analyzer.termOf(words[at]!) !== head) continue;
      let before = at - 1;
      while (before >= 0 && (asked(words[before]!) || DETERMINERS.has(words[before]!.toLowerCase()))) before--;
      // A name ("Samruk-Kazyna"), or a word inside the same noun phrase ("the binary alphabet"), not a verb ("said").
      const word = words[before];
      if (word !== undefined && analyzer.termOf(word) !== null && !NAMING_WORDS.has(word.toLowerCase()) && (/^\p{Lu}/u.test(word) || DETERMINERS.has(words[before - 1]?.toLowerCase() ?? ''))) return true;
      if (namedByApposition(sentence, words, at, (word) => !asked(word) && analyzer.termOf(word) !== null)) return true;
      let after = at + 1;
      while (after < words.length && NAMING_WORDS.has(words[after]!.toLowerCase())) after++;
      const next = words[after];
      if (next !== undefined && /^\p{Lu}/u.test(next) && !asked(next) && analyzer.termOf(next) !== null) return true;
    }
  }
  return false;
}

/**
 * Whether the clause holding the `at`-th of the sentence's words opens with a name and a comma or a
 * dash: "Robert Guiscard, an other Norman adventurer … elevated to … count of Apulia",
 * "Some time later, Dyrrachium—one of the most important naval bases". `newName` says whether a
 * word is a name the question does not have; the sentence's first word is not taken for one.
 */
function namedByApposition(sentence: string, words: readonly string[], at: number, newName: (word: string) => boolean): boolean {
  let start = 0;
  for (let i = 0; i <= at; i++) start = sentence.indexOf(words[i]!, i === 0 ? 0 : start + words[i - 1]!.length);
  const clause = sentence.slice(0, start);
  const opening = Math.max(clause.lastIndexOf(','), clause.lastIndexOf('—'), clause.lastIndexOf('–'));
  if (opening < 0 || /[;:.()]/.test(clause.slice(opening + 1))) return false;
  const before = clause.slice(0, opening);
  const name = /(\p{Lu}[\p{L}\p{M}]*)\s*$/u.exec(before);
  return name !== null && /\p{L}/u.test(before.slice(0, name.index)) && newName(name[1]!);
}

// ---------------------------------------------------------------------------------------------
// Questions about what an abbreviation stands for.

/** An abbreviation as typed: letters and digits, dots between them allowed ("DFC", "U.S.", "USKZBC", "mou"). */
const ABBREVIATION = String.raw`(?<abbreviation>\p{L}[\p{L}\p{N}]*(?:\.\p{L}[\p{L}\p{N}]*)*)\.?`;
/** The same in capitals only: "What does X mean?" asks about an abbreviation only when X is one ("DFC", not "Tokayev"). */
const CAPITALS = String.raw`(?<abbreviation>\p{Lu}[\p{Lu}\p{N}]*(?:\.\p{Lu}[\p{Lu}\p{N}]*)*)\.?`;
const ASKS_EXPANSION = [
  new RegExp(String.raw`^\W*what\s+(?:does|do|did)\s+(?:the\s+(?:abbreviation|acronym|letters)\s+)?${ABBREVIATION}\s+(?<asking>stand)\s+for\b`, 'iu'),
  new RegExp(String.raw`^\W*what\s+(?:does|do|did)\s+(?:the\s+)?${CAPITALS}\s+(?<asking>mean)\W*$`, 'u'),
  new RegExp(String.raw`^\W*what\s+(?:is|was)\s+(?:the\s+)?${ABBREVIATION}\s+(?<asking>short)\s+for\b`, 'iu'),
  new RegExp(String.raw`^\W*what\s+is\s+the\s+(?<asking>full\s+(?:name|form)|expansion)\s+of\s+(?:the\s+)?${ABBREVIATION}\W*$`, 'iu'),
  new RegExp(String.raw`^[^\p{L}]*как\s+(?<asking>расшифровывается)\s+${ABBREVIATION}`, 'iu'),
];

/** Longest abbreviation looked for ("USKZBC" is 6). */
const LONGEST_ABBREVIATION = 12;

/**
 * The abbreviation a question asks to have spelt out, and the words it asks with: "What does DFC
 * stand for?" → DFC, stand; "What is the full name of the DFC?" → DFC, full name; "Как
 * расшифровывается МОУ?" → МОУ, расшифровывается. Null for any other question ("What does the MOU
 * say?" asks what it says; "What does Tokayev mean by that?" is not about letters).
 */
export function abbreviationAsked(question: string): { abbreviation: string; asking: string } | null {
  for (const pattern of ASKS_EXPANSION) {
    const groups = pattern.exec(question)?.groups;
    // Written with dots or not: "M.O.U." is the MOU.
    const abbreviation = groups?.abbreviation!.replace(/(?<=\p{L})\.(?=\p{L}|$)/gu, '');
    if (groups && abbreviation && abbreviation.length >= 2 && abbreviation.length <= LONGEST_ABBREVIATION) {
      return { abbreviation, asking: groups.asking! };
    }
  }
  return null;
}

/**
 * What a text that spells the abbreviation out has: the words and the abbreviation in brackets
 * after them ("a memorandum of understanding (MOU)"), the abbreviation with its words in brackets
 * ("DFC (the U.S. International Development Finance Corporation)"), or "DFC stands for …".
 */
export function spellingOut(abbreviation: string): { test(text: string): boolean } {
  const escaped = abbreviation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alone = String.raw`(?<![\p{L}\p{N}])${escaped}\.?`;
  const spelledAfter = new RegExp(String.raw`${alone}\s*\(\s*\p{L}[^()]{3,}\)|${alone},?\s+(?:stands\s+for|is\s+short\s+for|means)\b`, 'iu');
  const bracketed = new RegExp(String.raw`\(\s*${escaped}\.?\s*\)`, 'giu');
  // Words, then the abbreviation in brackets: a letter between the brackets before and these. (As
  // one expression, /\p{L}[^()]*\(MOU\)/, it tried every letter of a text without brackets against
  // the rest of it: 0.8 ms for a passage of 1,000 characters, several ms a question.)
  const wordsBefore = (text: string) => {
    for (const match of text.matchAll(bracketed)) {
      const after = Math.max(text.lastIndexOf('(', match.index - 1), text.lastIndexOf(')', match.index - 1)) + 1;
      if (LETTER.test(text.slice(after, match.index))) return true;
    }
    return false;
  };
  return { test: (text) => spelledAfter.test(text) || wordsBefore(text) };
}

const LETTER = /\p{L}/u;

// ---------------------------------------------------------------------------------------------
// Questions about what someone said.

/** Verbs that ask for someone's words: "What did Lutnick say …", "What did the minister tell …". */
const ASKING_FOR_WORDS = String.raw`say|tell|state|note|announce|claim|comment|stress|emphasi[sz]e|declare|remark|reply|respond|explain|argue|warn|urge|promise|write`;
const ASKS_WHAT_WAS_SAID = new RegExp(String.raw`^\W*(?:what|how)\s+(?:did|does|do|has|have|had|will|would|could)\s+(.+?)\s+(${ASKING_FOR_WORDS})\b`, 'iu');
const RUSSIAN_ASKS_WHAT_WAS_SAID = new RegExp(String.raw`^[^\p{L}]*что\s+((?:сказал|заявил|отметил|сообщил|говорил|подчеркнул|написал)[аи]?)\s+(.+)$`, 'iu');
/** Who can speak, named without a name: "What did the minister say?" (a text, "What does the MOU say?", cannot). */
const SPEAKER_NOUNS = new RegExp(
  String.raw`\b(?:minister|ministry|president|secretary|envoy|ambassador|officials?|spokes(?:man|woman|person)|ceo|chairman|chairwoman|head|leader|government|governor|senator|director)\b|${russian(String.raw`министр\p{L}*|министерств\p{L}*|президент\p{L}*|посол|посла|глав[аыуе]|правительств\p{L}*`)}`,
  'iu',
);
/** A capitalized word that is not an abbreviation ("Tokayev", "Marco", not "MOU"). */
const NAME_WORD = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}/u;

/**
 * Whose words a question asks for, and the verb it asks with: "What did Lutnick say about
 * tungsten?" → Lutnick, say; "What did the minister tell reporters?" → the minister, tell; "Что
 * заявил Токаев о …" → Токаев, заявил. Null when it asks for no one's words ("What does the MOU say
 * about …?": a text).
 */
export function speakerAsked(question: string): { who: string; verb: string } | null {
  const english = ASKS_WHAT_WAS_SAID.exec(question);
  if (english) {
    const [, who, verb] = english as unknown as [string, string, string];
    return NAME_WORD.test(who) || SPEAKER_NOUNS.test(who) ? { who, verb } : null;
  }
  const russian = RUSSIAN_ASKS_WHAT_WAS_SAID.exec(question);
  if (!russian) return null;
  const [, verb, rest] = russian as unknown as [string, string, string];
  // The speaker comes after the verb, before what they spoke about: its capitalized words, or an office.
  const names = rawTokens(rest).filter((word) => NAME_WORD.test(word));
  const who = names.length ? names.join(' ') : SPEAKER_NOUNS.exec(rest)?.[0];
  return who ? { who, verb } : null;
}

/**
 * Words that report speech (past tenses, and present ones that are no noun: not "states", "notes",
 * "remarks"), and quotations.
 */
const REPORTS_WORDS = new RegExp(
  String.raw`\b(?:said|says|saying|told|tells|stated|noted|notes that|stress(?:ed|es)|emphasi[sz](?:ed|es)|announced|declared|remarked|commented|added|adds that|explain(?:ed|s)|insist(?:ed|s)|claimed|argu(?:ed|es)|warn(?:ed|s)|urg(?:ed|es)|affirmed|reiterated|expressed|highlighted|underlined|underscored|pointed out|according to|quoted|wrote|writes|replied|responded)\b|` +
    String.raw`[“"«][^”"»]{3,}[”"»]|` +
    russian(String.raw`сказа\p{L}*|заяв\p{L}*|отмет\p{L}*|подчеркн\p{L}*|сообщ\p{L}*|говор\p{L}*|выраз\p{L}*|по\s+словам`),
  'iu',
);
/** A sentence that goes on about whoever the one before named: "He said …", "Он заявил …". */
const SPEAKER_PRONOUN = new RegExp(String.raw`^[^\p{L}]*(?:he|she|they|он|она|они)(?!\p{L})`, 'iu');

/**
 * Whether a passage reports the speaker's words: one of its sentences names the speaker (one of
 * their words) and reports speech or quotes, or says "he said …" after one that names them (or
 * after another "he …" that does).
 * "Tokayev noted the “excellent opportunities” …" reports Tokayev's words; a sentence that lists
 * Rubio among those at a meeting, beside one that quotes Tokayev, does not report Rubio's.
 */
export function reportsWordsOf(sentences: readonly { sentence: string; terms: readonly string[] }[], speaker: ReadonlySet<string>): boolean {
  let named = false;
  for (const { sentence, terms } of sentences) {
    const names = terms.some((term) => speaker.has(term));
    const goesOn: boolean = named && SPEAKER_PRONOUN.test(sentence);
    if ((names || goesOn) && REPORTS_WORDS.test(sentence)) return true;
    named = names || goesOn;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Questions asking what something is.

/** "What is a Turing machine?", "Who were the Normans?", "What's DFC?": the thing asked about, the whole rest of the question. */
const ASKS_DEFINITION = /^\W*(?:what|who)(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?<thing>[^?]+?)\W*$/iu;
const LEADING_DETERMINERS = /^(?:(?:the|a|an)\s+)+/iu;
/** What follows a copula that says what something is. */
const SAYS_WHAT_WORDS = 'a|an|the|one|any|defined|known|called|considered';
const SAYS_WHAT = new RegExp(`^(?:${SAYS_WHAT_WORDS})$`, 'iu');
/** Whose the thing is, beginning an apposition: "Gulnaz's (assistant)", "his (deputy)". */
const WHOSE_WORDS = String.raw`\p{Lu}[\p{L}-]*['’]s|his|her|their|its`;
const WHOSE = new RegExp(`^(?:${WHOSE_WORDS})$`, 'u');
/** A sentence that may say what something is (see definesThing): read word by word only then. */
const SAYS_WHAT_ANYTHING = new RegExp(String.raw`\b(?:is|are|was|were)\s+(?:${SAYS_WHAT_WORDS})\b|,\s(?:a|an|the)\s\p{Ll}|,\s(?:\d{1,3},\s)?(?:${WHOSE_WORDS})\s\p{Ll}`, 'iu');
/** Tokens of a sentence, punctuation included: a pause before the thing begins a clause, a parenthesis after it is an aside. */
const SENTENCE_TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[(),;:—–]/gu;
/** Where an item of a list begins, within a sentence as sentencesOf cuts them. */
const LIST_ITEM = /\n\s*(?:[-*•]|\d{1,2}[.)])\s+/u;

/** The thing a question asks to have defined, as written and as analysed terms. */
export interface ThingAsked {
  words: string[];
  terms: string[];
}

/** The thing a question asks to have defined, or null for a question of another kind. */
export function definitionAsked(question: string, analyzer: Analyzer): ThingAsked | null {
  const thing = ASKS_DEFINITION.exec(question)?.groups?.thing?.replace(LEADING_DETERMINERS, '');
  if (!thing) return null;
  const words = rawTokens(thing);
  const terms = words.map((word) => analyzer.termOf(word));
  // Only a thing's own words: "What is the capital of France?" asks for something else than a definition.
  if (terms.length === 0 || terms.some((term) => term === null)) return null;
  return { words, terms: terms as string[] };
}

/** A word of a sentence is a word of the thing in another number ("machines"), not another word of its root ("Englanders" for "England"). */
const sameWord = (token: string, word: string, term: string, analyzer: Analyzer) => Math.abs(token.length - word.length) <= 2 && analyzer.termOf(token) === term;

/**
 * Whether a sentence says what the thing is: the thing, after a determiner if any, begins the
 * sentence or a clause, and a copula and what it is follow, after a parenthesis if any ("A Turing
 * machine is a mathematical model …", "The Normans (Norman: Nourmands …) were the people who …").
 * Not "Many types of Turing machines are used …" nor "The history of the Dominican Republic is …":
 * there the thing is not what the sentence is about. Beginning the sentence, the thing may be said
 * by an apposition: "Robert Guiscard, an other Norman adventurer …", "Sherlock Holmes, the ancestor
 * of all private eyes, was …". Not within a sentence ("… to Normandy, a region in France"): in the
 * Brown corpus that comma more often ended a clause or a list item ("… in East Germany, the
 * precarious situation …").
 */
export function definesThing(sentences: readonly { sentence: string }[], thing: ThingAsked, analyzer: Analyzer): boolean {
  const { words, terms } = thing;
  for (const { sentence: whole } of sentences) {
    // Most sentences say no such thing of anything: they are not read word by word.
    if (!SAYS_WHAT_ANYTHING.test(whole)) continue;
    // Each item of a list begins as a sentence does ("- MEREY, 27, Gulnaz's assistant …" in a cast list).
    for (const sentence of whole.split(LIST_ITEM)) if (defines(sentence)) return true;
  }
  return false;

  function defines(sentence: string): boolean {
    const tokens = sentence.match(SENTENCE_TOKEN) ?? [];
    for (let at = 0; at + terms.length < tokens.length; at++) {
      let k = 0;
      while (k < terms.length && sameWord(tokens[at + k]!, words[k]!, terms[k]!, analyzer)) k++;
      if (k < terms.length) continue;
      let begins = at;
      while (begins > 0 && /^(?:a|an|the)$/iu.test(tokens[begins - 1]!)) begins--;
      if (begins > 0 && !/^[(,;:—–]$/u.test(tokens[begins - 1]!)) continue;
      let after = at + k;
      if (tokens[after] === '(') {
        while (after < tokens.length && tokens[after] !== ')') after++;
        after++;
      }
      // "… is a mathematical model", "… were the people who", "… are one of"; not "… were famed for".
      if (COPULAS.has(tokens[after]?.toLowerCase() ?? '') && SAYS_WHAT.test(tokens[after + 1] ?? '')) return true;
      // Beginning the sentence, an apposition: "Robert Guiscard, an other Norman adventurer …, drove …",
      // or one saying whose it is, after an age perhaps: "MEREY, 27, Gulnaz's assistant and interpreter";
      // not a list's first item, "France, the Netherlands and Belgium …".
      if (begins === 0 && tokens[after] === ',') {
        let next = after + 1;
        if (/^\d{1,3}$/u.test(tokens[next] ?? '') && tokens[next + 1] === ',') next += 2;
        if ((/^(?:a|an|the)$/iu.test(tokens[next] ?? '') || WHOSE.test(tokens[next] ?? '')) && /^\p{Ll}/u.test(tokens[next + 1] ?? '')) return true;
      }
    }
    return false;
  }
}
