import { inCyrillic } from './text/analyzer';

/** A person named in a passage, with the role the passage gives them when it gives one. */
export interface Person {
  name: string;
  role: string | null;
}

/** Offices that mark a person in news text; people.ts, answer-type.ts and proper-names.ts share them. */
export const OFFICE_TITLES = ['Minister', 'Secretary', 'President', 'Envoy', 'Chairman', 'Director', 'Ambassador', 'Senator', 'Governor', 'Deputy', 'Mayor', 'Commissioner', 'Premier', 'Chancellor'];

const TITLE_WORDS = ['Vice President', 'Deputy CEO', 'Prime Minister', 'Chairwoman', ...OFFICE_TITLES, 'CEO', 'Chair', 'Head', 'Chief'];
const TITLE = `(?:${TITLE_WORDS.join('|')})`;
/**
 * Offices as news writes them in lower case next to a name ("chief executive Daulet Aitzhanov",
 * "Aidar Bekov, chairman of …"); people.ts and answer-type.ts share them.
 */
export const LOWER_CASE_OFFICES = ['chief executive', 'chairman', 'chairwoman', 'president', 'minister', 'secretary', 'director', 'ambassador', 'governor', 'mayor', 'commissioner'];
/**
 * Offices in lower case after a name and a comma, as news writes them there: "Aidar Bekov, chairman of
 * the Kazakh Development Bank". Only nouns that are offices: not "chief", "chair", "deputy" or "head"
 * alone ("East Kazakhstan, the chief producer of the metal", "pulling up a chair").
 */
const LOWER_TITLES_AFTER_NAME = [...LOWER_CASE_OFFICES, 'senator', 'chancellor', 'envoy', 'premier', 'head(?= of)'];
/** An office in lower case after a name and a comma, as news writes it there: "Aidar Bekov, chairman of the Kazakh Development Bank". */
const TITLE_AFTER_NAME = `(?:${[...TITLE_WORDS, ...LOWER_TITLES_AFTER_NAME].join('|')})`;
const WORD = String.raw`\p{Lu}[\p{L}’'-]*`;
/** The words of offices, which are no one's name: "Nurlan Baibazarov, Deputy Prime Minister," names no "Prime Minister". */
const OFFICE_WORD = String.raw`(?:Vice|Prime|Deputy|Chairwoman|${OFFICE_TITLES.join('|')}|Chair|Head|Chief)(?![\p{L}’'-])`;
// A hyphen joins two capitalized parts ("Kassym-Jomart"), or the short syllables of a romanized
// Korean or Chinese given name ("Ahn Duk-geun", "Ban Ki-moon", "Chiang Kai-shek"); not a word of
// English after a name ("Tokayev-led", "Long-term", "Xi-led", "Soviet-era").
const HYPHENATED = String.raw`-(?:\p{Lu}\p{Ll}+|(?<=(?<![\p{L}’'-])\p{Lu}\p{Ll}{0,3}-)(?!(?:led|run|term|made|era|like|wide|free|type|born|owned|based|back|up|out|off|old|new|time|long|size|rich|year|day|side|end)(?![\p{L}’'-]))\p{Ll}{1,4}(?![\p{L}’'-]))`;
const PLAIN_NAME_WORD = String.raw`(?!${OFFICE_WORD})\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;
const NAME_WORD = String.raw`(?!${OFFICE_WORD})\p{Lu}\p{Ll}+(?:${HYPHENATED})?`;
// A first name and a surname, with the initials news text puts between them or writes for the first
// name: "Howard W. Lutnick", "J.D. Vance". A first name of one initial ("W. Lutnick") is not taken:
// after an office it would take the first name for a word of the office.
const INITIAL = String.raw`\p{Lu}\.`;
// A patronymic between the first name and the surname, as Kazakh and Russian names have it
// ("Kassym-Jomart Kemeluly Tokayev", "Касым-Жомарт Кемелевич Токаев"), is known by its ending; no
// first name has one, so after an office the patronymic is never taken for the name's first word.
// In Russian in any case ("Кемелевича", "Петровной"); Ukrainian ("Oleksandrovych", "Petrivna"); Kazakh
// also after a hyphen ("Abay-uly") and in the 2021 Latin spelling ("Kemelūly").
const PATRONYMIC = String.raw`\p{Lu}\p{Ll}+(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna|-?(?:uly|ūly|kyzy|qyzy)|ич(?:а|у|ем|е)?|(?:ов|ев|ич|ів|їв)н(?:а|ы|е|у|ой)|-?(?:улы|ұлы|кызы|қызы))(?![\p{L}’'-])`;
const WITH_PATRONYMIC = new RegExp(String.raw`^(\S+)\s(${PATRONYMIC})\s(\S+)$`, 'u');
/**
 * Where a text in Latin letters may have a patronymic or a given name hyphenated in lower case: only
 * there (and in Cyrillic text) are names read with them (the patterns that allow them take English
 * text 40% longer).
 */
const MAY_HAVE_EXTENDED_NAMES = /\p{Lu}\p{Ll}+-?(?:vich|vych|vna|ichna|uly|ūly|kyzy|qyzy)(?![\p{L}’'-])|(?<![\p{L}’'-])\p{Lu}\p{Ll}{0,3}-\p{Ll}/u;
const END = String.raw`(?=[\s,.;:)]|$)`;
// The role is greedy so that the name is the last words before the break:
// "US Secretary of Commerce Howard Lutnick", "Kazakhstan President Kassym-Jomart Tokayev".
// "and" joins words of one role ("Industry and Construction"), not two people's roles.
const AND = String.raw`and(?!\s(?:${WORD}\s){0,2}${TITLE}\b)`;
const ROLE = String.raw`(?:${WORD}\s){0,2}${TITLE}(?:\s(?:of|for|the|on|${AND}|${WORD}))*`;
/** An office in lower case right before a name, after what it is of: "Steppe Uranium chief executive Daulet Aitzhanov", "Uzbekistan mining minister Bobur Islamov". */
const LOWER_ROLE = String.raw`(?:${WORD}\s){1,2}(?:[\p{Ll}-]+\s){0,2}(?:${LOWER_CASE_OFFICES.join('|')})`;
// What follows "of the", "for" or a possessive is what the office is of, not the one who holds it:
// "the Director of the War College", "President Kennedy's Peace Corps".
// Nor is what follows a word that begins the name of a place or a body: "Governor of New York",
// "Commissioner of Internal Revenue", "the First Lady".
const ROLE_ENDS = String.raw`(?<!\s(?:of|for|the|on|and|New|First|North|South|East|West|Upper|Lower|Central|National|High|Higher|Internal|Social|Great|United|Saint|St|San|Los|Las)|[’']s)`;

/** The patterns that find people, for names of these words. */
function namePatterns(nameWord: string, name: string) {
  return {
    roleBefore: new RegExp(String.raw`(${ROLE}|${LOWER_ROLE})${ROLE_ENDS}\s(${name})${END}`, 'gu'),
    // "Commerce Secretary Lutnick is …": a surname alone, before a lower-case word, when no full name ends with it.
    roleBeforeSurname: new RegExp(String.raw`(${ROLE})${ROLE_ENDS}\s(${nameWord})(?=\s(?!(?:and|of|for|the|on)\b)\p{Ll})`, 'gu'),
    // "Yersayin Nagaspayev, Kazakhstan’s Minister of Industry and Construction,"; not "the Tax
    // Commissioner's Office", an office's possession. The words before the office are the office's own
    // ("Kazakhstan’s", "former", "then"), not what ties the name to someone else's: "Oliver Pratt,
    // appointed yesterday by Governor Notte", "Mrs. Goldberg, wife of the Secretary of Labor".
    roleAfter: new RegExp(String.raw`(${name}),\s((?:(?!(?:by|of|to|with|from|for|and|as|whose|which|where)\s)[\p{L}’']+\s){0,3}?${TITLE_AFTER_NAME}(?![\p{L}’'])[^,.;:“"]*)`, 'gu'),
    // The same role holding a name of its own: "On Election Day, Vice President Richard Nixon had …"
    // gives the name after the office, not the words before the comma.
    namesSomeone: new RegExp(String.raw`${TITLE}\s(?:${WORD}\s)*?${name}${END}`, 'u'),
    name,
  };
}
const PLAIN = namePatterns(PLAIN_NAME_WORD, String.raw`(?:${PLAIN_NAME_WORD}|${INITIAL}\s?${INITIAL})(?:\s${INITIAL})?\s${PLAIN_NAME_WORD}`);
const EXTENDED = namePatterns(NAME_WORD, String.raw`(?:(?!${PATRONYMIC})${NAME_WORD}|${INITIAL}\s?${INITIAL})(?:\s(?:${INITIAL}|${PATRONYMIC}))?\s${NAME_WORD}`);

const NOT_NAMES = /^(?:The|This|These|In|As|If|Since|Currently|Official|Special|Commerce|Secretary|Minister|President|State|Of|And|For|On|At|To|Chief|Executives?|Attorney|General)\b/u;
/** Words that begin a sentence before an office, not part of it: "But Interior Secretary Udall", "When Governor Al Smith". */
const SENTENCE_START = /^(?:(?:But|And|When|While|Though|Although|After|Before|Until|Because|Once|Then|Now|So|Yet|Also|If|As|Could|Would|Should|Did|Does|Do|Even|Only|Just|I’m|I'm)\s)+/u;

/** A name whose last word is one of these is a body, a place or a day, not a person: "Police Department", "United Nations", "Election Day". */
const NOT_PEOPLE = /\b(?:Department|Ministry|Government|Council|Committee|Commission|Party|Office|Agency|Authority|Administration|Service|Survey|Institute|Foundation|Corporation|Company|Group|Fund|Bank|Exchange|Chamber|Association|Society|Club|Forum|Organi[sz]ation|Corps|College|University|School|Academy|Laboratories|Centre|Center|Affairs|Day|Year|Plan|States|Nations|Union|Republic|Provinces?|Region|County|City|Islands?|Court|Board|Senate|Congress|Parliament|Assembly|Writers)$/u;

/**
 * Offices in Russian, as stems that any case ending follows ("министр", "министра", "министром");
 * people.ts and answer-type.ts share them. "посол" changes its stem ("посла"), and "глава" is an
 * office only in its own cases, not in "главный".
 */
export const RUSSIAN_OFFICES = ['министр', 'президент', 'премьер-министр', 'вице-премьер', 'посол', 'посла', 'послу', 'послом', 'председател', 'губернатор', 'аким', 'директор', 'секретар', 'госсекретар', 'советник', 'спецпосланник', 'заместител', 'глава', 'главы', 'главе', 'главу', 'главой'];

// Russian: an office, usually in lower case, what it is of, then the name: "министр торговли США
// Говард Лютник", "Министр промышленности и строительства Казахстана Ерсайын Нагаспаев". "и" joins
// words of one office, not two people's ("… Нагаспаев и министр торговли США …").
const RUSSIAN_TITLE = String.raw`(?:${RUSSIAN_OFFICES.map((office) => `[${office[0]}${office[0]!.toUpperCase()}]${office.slice(1)}`).join('|')})\p{Ll}*`;
const RUSSIAN_AND = String.raw`и(?!\s(?:\S+\s){0,2}?${RUSSIAN_TITLE})`;
const RUSSIAN_ROLE = String.raw`${RUSSIAN_TITLE}(?:\s(?:${RUSSIAN_AND}|(?!и\s)[\p{Ll}-]+|\p{Lu}[\p{L}-]*)){0,6}`;
const russianRoleBefore = (name: string) => new RegExp(String.raw`(?<![\p{L}-])(${RUSSIAN_ROLE})\s(${name})${END}`, 'gu');
const RUSSIAN_ROLE_BEFORE = { plain: russianRoleBefore(PLAIN.name), extended: russianRoleBefore(EXTENDED.name) };

/** People named in a text with their roles, in order of first mention, each once. */
export function extractPeople(text: string): Person[] {
  const found = new Map<string, Person & { at: number }>();
  const add = (name: string, roleFound: string | null, at: number) => {
    const clean = name.trim();
    if (NOT_NAMES.test(clean) || NOT_PEOPLE.test(clean)) return;
    const role = roleFound?.trim().replace(SENTENCE_START, '') || null;
    const known = found.get(clean);
    if (!known) found.set(clean, { name: clean, role, at });
    // An office written before the name ("Minister Aidar Bennett, head of the agency,") over a description after it.
    else if (role && (!known.role || (/^\p{Ll}/u.test(known.role) && /^\p{Lu}/u.test(role)))) known.role = role;
  };
  const extended = inCyrillic(text) || MAY_HAVE_EXTENDED_NAMES.test(text);
  const patterns = extended ? EXTENDED : PLAIN;
  for (const match of text.matchAll(patterns.roleAfter)) if (!patterns.namesSomeone.test(match[2]!)) add(match[1]!, match[2]!, match.index);
  // (The Russian pattern only where there are Cyrillic letters: it would cost English text a quarter more.)
  for (const pattern of inCyrillic(text) ? [patterns.roleBefore, extended ? RUSSIAN_ROLE_BEFORE.extended : RUSSIAN_ROLE_BEFORE.plain] : [patterns.roleBefore]) {
    for (const match of text.matchAll(pattern)) add(match[2]!, match[1]!, match.index + match[0].length - match[2]!.length);
  }
  for (const match of text.matchAll(patterns.roleBeforeSurname)) {
    const surname = match[2]!;
    if ([...found.keys()].some((name) => name.endsWith(` ${surname}`))) continue;
    add(surname, match[1]!, match.index + match[0].length - surname.length);
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ name, role }) => ({ name, role }));
}

/**
 * A name's patronymic and the name as it is written without it: "Kassym-Jomart Kemeluly Tokayev" is
 * also "Kassym-Jomart Tokayev". Null when it has none.
 */
export function patronymicOf(name: string): { patronymic: string; without: string } | null {
  const match = WITH_PATRONYMIC.exec(name);
  return match ? { patronymic: match[2]!, without: `${match[1]} ${match[3]}` } : null;
}
