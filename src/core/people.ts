import { inCyrillic } from './text/analyzer';

/** A person named in a passage, with the role the passage gives them when it gives one. */
export interface Person {
  name: string;
  role: string | null;
}

/** Offices that mark a person in news text; people.ts, answer-type.ts and proper-names.ts share them. */
export const OFFICE_TITLES = ['Minister', 'Secretary', 'President', 'Envoy', 'Chairman', 'Director', 'Ambassador', 'Senator', 'Governor', 'Deputy', 'Mayor', 'Commissioner', 'Premier', 'Chancellor'];

const TITLE = `(?:${['Vice President', 'Deputy CEO', 'Prime Minister', 'Chairwoman', ...OFFICE_TITLES, 'CEO', 'Chair', 'Head', 'Chief'].join('|')})`;
const WORD = String.raw`\p{Lu}[\p{L}’'-]*`;
const NAME_WORD = String.raw`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;
const END = String.raw`(?=[\s,.;:)]|$)`;
// The role is greedy so that the name is the last words before the break:
// "US Secretary of Commerce Howard Lutnick", "Kazakhstan President Kassym-Jomart Tokayev".
// "and" joins words of one role ("Industry and Construction"), not two people's roles.
const AND = String.raw`and(?!\s(?:${WORD}\s){0,2}${TITLE}\b)`;
const ROLE = String.raw`(?:${WORD}\s){0,2}${TITLE}(?:\s(?:of|for|the|on|${AND}|${WORD}))*`;
const ROLE_BEFORE = new RegExp(String.raw`(${ROLE})\s(${NAME_WORD}\s${NAME_WORD})${END}`, 'gu');
// "Commerce Secretary Lutnick is …": a surname alone, before a lower-case word, when no full name ends with it.
const ROLE_BEFORE_SURNAME = new RegExp(String.raw`(${ROLE})\s(${NAME_WORD})(?=\s(?!(?:and|of|for|the|on)\b)\p{Ll})`, 'gu');
// "Yersayin Nagaspayev, Kazakhstan’s Minister of Industry and Construction,"
const ROLE_AFTER = new RegExp(String.raw`(${NAME_WORD}\s${NAME_WORD}),\s((?:[\p{L}’']+\s){0,3}?${TITLE}[^,.;]*)`, 'gu');

const NOT_NAMES = /^(?:The|This|These|In|As|If|Since|Currently|Official|Special|Commerce|Secretary|Minister|President|State)\b/u;

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
const RUSSIAN_ROLE_BEFORE = new RegExp(String.raw`(?<![\p{L}-])(${RUSSIAN_ROLE})\s(${NAME_WORD}\s${NAME_WORD})${END}`, 'gu');

/** People named in a text with their roles, in order of first mention, each once. */
export function extractPeople(text: string): Person[] {
  const found = new Map<string, Person & { at: number }>();
  const add = (name: string, role: string | null, at: number) => {
    const clean = name.trim();
    if (NOT_NAMES.test(clean)) return;
    const known = found.get(clean);
    if (!known) found.set(clean, { name: clean, role: role?.trim() || null, at });
    else if (!known.role && role) known.role = role.trim();
  };
  for (const match of text.matchAll(ROLE_AFTER)) add(match[1]!, match[2]!, match.index);
  // (The Russian pattern only where there are Cyrillic letters: it would cost English text a quarter more.)
  for (const pattern of inCyrillic(text) ? [ROLE_BEFORE, RUSSIAN_ROLE_BEFORE] : [ROLE_BEFORE]) {
    for (const match of text.matchAll(pattern)) add(match[2]!, match[1]!, match.index + match[0].length - match[2]!.length);
  }
  for (const match of text.matchAll(ROLE_BEFORE_SURNAME)) {
    const surname = match[2]!;
    if ([...found.keys()].some((name) => name.endsWith(` ${surname}`))) continue;
    add(surname, match[1]!, match.index + match[0].length - surname.length);
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ name, role }) => ({ name, role }));
}
