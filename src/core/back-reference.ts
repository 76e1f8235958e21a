import { LOWER_CASE_OFFICES, OFFICE_TITLES, RUSSIAN_OFFICES } from './people';

/**
 * Whether a passage refers back to someone or something its article named before it: a pronoun
 * ("he", "its", "они"), "this" or "these" ("This visit marks …"), an office ("the Minister") or what
 * news calls a company or a body it has named ("the company's", "the ministry") in
 * a sentence before any name of that sentence. "He ordered Isaac to release the prisoners" refers back; "As Kazakhstan strengthens its
 * collaborations, it could play a pivotal role" does not: its "it" is the Kazakhstan before it.
 */
export function refersBack(text: string): boolean {
  for (const sentence of text.split(SENTENCE_END)) {
    const words = sentence.match(WORD) ?? [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const lower = word.toLowerCase();
      const afterThe = words[i - 1]?.toLowerCase() === 'the';
      if (PRONOUNS.has(lower) || (FIRST_PERSON.has(lower) && word !== 'US') || (afterThe && (OFFICES.has(lower) || REFERRING_NOUNS.has(lower.replace(POSSESSIVE, '')))) || RUSSIAN_OFFICE.test(lower)) return true;
      // A capitalized word after the first is a name, and what follows may refer to it; the first
      // word of a sentence is capitalized anyway ("Currently", "Isaac").
      if (i > 0 && CAPITALIZED.test(word)) break;
    }
  }
  return false;
}

const SENTENCE_END = /(?<=[.!?])\s+|\n+/u;
const WORD = /[\p{L}’'-]+/gu;
const CAPITALIZED = /^\p{Lu}/u;
/**
 * What a news article calls a company or a body it has named: "the company said". (Not "the
 * country": "Kazakhstan: customs data show the country exported …" would answer for China, named before.)
 */
const REFERRING_NOUNS = new Set(['company', 'firm', 'group', 'miner', 'producer', 'government', 'ministry', 'bank', 'fund', 'exchange', 'agency']);
/** A company's or a team's own document names itself, then says "we" ("US" is the country). */
const FIRST_PERSON = new Set(['we', 'our', 'us', 'мы', 'наш', 'наша', 'наше', 'наши']);
const POSSESSIVE = /['’]s?$/u;
const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her', 'hers', 'they', 'them', 'their', 'it', 'its', 'this', 'these', 'он', 'она', 'оно', 'они', 'его', 'её', 'ее', 'ему', 'ей', 'им', 'их', 'него', 'неё', 'нее', 'нему', 'ней', 'ним', 'них']);
const OFFICES = new Set([...LOWER_CASE_OFFICES, ...OFFICE_TITLES.map((title) => title.toLowerCase())]);
const RUSSIAN_OFFICE = new RegExp(`^(?:${RUSSIAN_OFFICES.join('|')})`, 'u');
