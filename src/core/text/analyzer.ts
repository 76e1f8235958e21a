import { stemmer as russianStem } from '@orama/stemmers/russian';
import { stemmer } from 'stemmer';
import { dayAndMonthInWords, datesInWords, minutesInWords, numbersInDigits, versionsInWords } from './number-words';
import type { Vocabulary } from './vocabulary';

/**
 * Turns text into search terms, the same way for articles and questions:
 * raw tokens (words, numbers, acronyms, $ and %), amounts in words as digits (number-words.ts), then aliases (longest phrase first), then
 * lowercase + British→American spelling + stop words + Porter stemming for everything else;
 * a word in Cyrillic letters (Russian, the other language of Kazakhstan's press) by Snowball's
 * Russian stemmer instead, with ё read as е, as Russian text mostly writes it.
 *
 * Article text keeps the words of a several-word alias besides its term ("U.S. Geological Survey"
 * also indexes "geological" and "survey"); a question is reduced to the alias term alone, so a
 * question that says "memorandum of understanding" matches an article that says "MOU".
 */
export interface Analyzer {
  /** Terms for the index. */
  indexTerms(text: string): string[];
  /** Terms for a question, without duplicates, in order of appearance. */
  queryTerms(text: string): string[];
  /** The analysed form of one word of article text, or null for a stop word (used to bold matches). */
  termOf(word: string): string | null;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Whether a word (or term) is written in Cyrillic letters: Russian, for the analyzer (see above). */
export function inCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/** Whether most of a text's letters are Cyrillic: a question asked in Russian. */
export function mostlyCyrillic(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.filter(inCyrillic).length * 2 > letters.length;
}

// A decade is one token ("1990s", "1990's", "the '90s"); a century written so ("the 1100s", "1900s") is not.
// So is a number of thousands written short, as chat writes it ("14k", "2.5k": see numberTerm).
const RAW_TOKEN = /(?:\p{L}\.){2,}(?:\p{L}(?!\p{L}))?|[$%€£]|(?:\d\d[1-9]|[3-9])0['’]?s(?![\p{L}\p{N}])|\d+(?:\.\d+)?[kK](?![\p{L}\p{N}])|\d+(?:[.,]\d+)*|[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const DECADE_TOKEN = /^(?:\d\d[1-9]|[3-9])0['’]?s$/;

export function rawTokens(text: string): string[] {
  return text.normalize('NFKC').match(RAW_TOKEN) ?? [];
}

interface AliasTrieNode {
  next: Map<string, AliasTrieNode>;
  term?: string;
  /** Forms of more than one token keep their words in the index. */
  phrase?: boolean;
}

function buildTrie(vocabulary: Vocabulary, side: 'index' | 'query'): { exact: AliasTrieNode; folded: AliasTrieNode } {
  const exact: AliasTrieNode = { next: new Map() };
  const folded: AliasTrieNode = { next: new Map() };
  const add = (root: AliasTrieNode, tokens: string[], term: string) => {
    if (tokens.length === 0) return;
    let node = root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = { next: new Map() }));
      node = child;
    }
    node.term = term;
    node.phrase = tokens.length > 1;
  };
  for (const alias of vocabulary.aliases) {
    if (alias.queryOnly && side === 'index') continue;
    for (const form of alias.forms) add(folded, rawTokens(form).map(fold), alias.term);
    for (const form of alias.caseSensitive) add(exact, rawTokens(form), alias.term);
  }
  return { exact, folded };
}

/** Lower case, with ё read as е (as Russian text mostly writes it): words and the vocabulary alike. */
function lower(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

const LATIN_LETTER_ACCENTED = /(\p{Script=Latin})\p{M}+/gu;

/**
 * A Latin word without its accents, as questions are mostly typed ("fiancee", "Perez"); Cyrillic
 * letters keep theirs (й is not и).
 */
function withoutLatinAccents(word: string): string {
  return /[^\x00-\x7f]/.test(word) ? word.normalize('NFD').replace(LATIN_LETTER_ACCENTED, '$1').normalize('NFC') : word;
}

function fold(token: string): string {
  return withoutPossessive(lower(token));
}

/** "US’s" is "US": case-sensitive forms match their possessive too. */
function withoutPossessive(token: string): string {
  return token.endsWith("'s") || token.endsWith('’s') ? token.slice(0, -2) : token;
}

/** The longest alias starting at tokens[start] and ending before `end`: [term, tokens consumed, phrase?] or undefined. */
function matchAlias(root: AliasTrieNode, tokens: string[], start: number, key: (t: string) => string, end = tokens.length) {
  let node: AliasTrieNode | undefined = root;
  let best: { term: string; length: number; phrase: boolean } | undefined;
  for (let i = start; i < end && node; i++) {
    node = node.next.get(key(tokens[i]!));
    if (node?.term) best = { term: node.term, length: i - start + 1, phrase: node.phrase ?? false };
  }
  return best;
}

/** The longer of two alias matches, the case-sensitive one between equals: "US-Kazakhstan Business Council" is the council, not "US". */
function longer<T extends { length: number }>(exact: T | undefined, folded: T | undefined): T | undefined {
  return folded && (!exact || folded.length > exact.length) ? folded : exact;
}

/** Words of letters joined by hyphens. */
const HYPHENATED = /\p{L}+(?:-\p{L}+)+/gu;
const HAS_HYPHENATED = /\p{L}-\p{L}/u;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * The words of `text` written with hyphens, without them, by the index in `tokens` (its tokens) of
 * their last part; undefined when it has none. (A number in words, "forty-five", is a number token
 * and is left out.)
 */
function hyphenatedWords(text: string, tokens: readonly string[]): Map<number, string> | undefined {
  if (!HAS_HYPHENATED.test(text)) return undefined;
  const joined = new Map<number, string>();
  let from = 0;
  for (const [compound] of (NOT_ASCII.test(text) ? text.normalize('NFKC') : text).matchAll(HYPHENATED)) {
    const parts = compound.split('-');
    for (let j = from; j + parts.length <= tokens.length; j++) {
      if (parts.every((part, k) => tokens[j + k] === part)) {
        joined.set(j + parts.length - 1, parts.join(''));
        from = j + parts.length;
        break;
      }
    }
  }
  return joined;
}

const THOUSANDS_SHORT = /^(\d+(?:\.\d+)?)k$/;
const WHOLE_DECIMAL = /^(\d+)\.0+$/;

const LEADING_ZEROS = /^0+(?=\d)/;

/**
 * A number's term, as news writes it elsewhere: without thousands separators ("14,000" is "14000"),
 * "14k" as "14000", a whole number with a decimal point as the number ("$6.0 million" is asked
 * as "6m", "97.0 per cent" as "97%"), and without leading zeros (a log's "03 April" is asked as "3 april").
 */
function numberTerm(word: string): string {
  const short = THOUSANDS_SHORT.exec(word);
  if (short) return String(Math.round(Number(short[1]) * 1000));
  const plain = word.replace(/,/g, '').replace(LEADING_ZEROS, '');
  return WHOLE_DECIMAL.exec(plain)?.[1] ?? plain;
}

/** Words whose terms are remembered, at most (the text of a large knowledge base has a few hundred thousand distinct words). */
const REMEMBERED_WORDS = 200_000;

export function createAnalyzer(vocabulary: Vocabulary): Analyzer {
  const stopWords = new Set(vocabulary.stopWords.map(lower));
  const frameWords = new Set(vocabulary.questionFrameWords.map(lower));
  const spellings = new Map(Object.entries(vocabulary.spellings).map(([k, v]) => [lower(k), lower(v)]));
  const tries = { index: buildTrie(vocabulary, 'index'), query: buildTrie(vocabulary, 'query') };
  /** What is known of a token whatever surrounds it, remembered: most tokens are neither aliases nor new. */
  interface TokenInfo {
    /** Its term as a plain word (null for a stop word). */
    term: string | null;
    /** Whether an alias of each side may start with it. */
    startsAlias: { index: boolean; query: boolean };
    /** A question's frame word ("what", "which", …), left out of questions. */
    frame: boolean;
  }
  const known = new Map<string, TokenInfo>();

  const plainTerm = (token: string): string | null => {
    if (DECADE_TOKEN.test(token)) return `${token.length < 5 ? '19' : ''}${token.replace(/['’]/gu, '')}`;
    let word = withoutLatinAccents(fold(token).replace(/['’]/gu, ''));
    if (/^\d/.test(word)) return numberTerm(word);
    // Letters with dots are the word without them: "M.O.U." and "M.O.U" are "MOU".
    if (/^(?:\p{L}\.){2,}\p{L}?$/u.test(word)) word = word.replace(/\./g, '');
    word = spellings.get(word) ?? word;
    if (stopWords.has(word) || word.length === 0) return null;
    return inCyrillic(word) ? russianStem(word) : stemmer(word);
  };

  const infoOf = (token: string): TokenInfo => {
    let info = known.get(token);
    if (info) return info;
    const exactKey = withoutPossessive(token);
    const foldedKey = fold(token);
    const starts = (side: 'index' | 'query') => tries[side].exact.next.has(exactKey) || tries[side].folded.next.has(foldedKey);
    info = { term: plainTerm(token), startsAlias: { index: starts('index'), query: starts('query') }, frame: frameWords.has(foldedKey) };
    if (known.size < REMEMBERED_WORDS) known.set(token, info);
    return info;
  };

  /**
   * The terms of tokens[from, to). In the index, a phrase alias keeps its words' terms beside its
   * own, read with the aliases shorter than it: "rare earth oxides" (REO) is "reo", and "rare earth"
   * ("rareearth") and "oxid" too, so that a question on rare earths still finds it; and a word
   * written with a hyphen (`joined`: by the index of its last token) is found as one word too, after
   * its parts: "sub-index" by "subindex", "co-operation" by "cooperation".
   */
  const analyseTokens = (tokens: string[], from: number, to: number, side: 'index' | 'query', terms: string[], phrase?: string, joined?: ReadonlyMap<number, string>): void => {
    const { exact, folded } = tries[side];
    for (let i = from; i < to; ) {
      const at = i;
      const first = terms.length;
      const info = infoOf(tokens[i]!);
      // Inside a phrase alias, only a shorter phrase: "US dollars" keeps "dollar", not "usd" and "usa".
      const end = phrase !== undefined && i === from ? to - 1 : to;
      let alias = info.startsAlias[side] ? longer(matchAlias(exact, tokens, i, withoutPossessive, end), matchAlias(folded, tokens, i, fold, end)) : undefined;
      if (phrase !== undefined && (!alias?.phrase || alias.term === phrase)) alias = undefined;
      if (alias) {
        terms.push(alias.term);
        if (side === 'index' && alias.phrase) analyseTokens(tokens, i, i + alias.length, side, terms, alias.term);
        i += alias.length;
      } else {
        const term = side === 'query' && info.frame ? null : info.term;
        if (term) terms.push(term);
        i++;
      }
      if (joined) {
        for (let k = at; k < i; k++) {
          const word = joined.get(k);
          const term = word === undefined ? null : infoOf(word).term;
          // Once: "rare-earth" is the alias already.
          if (term && !terms.includes(term, first)) terms.push(term);
        }
      }
    }
  };
  const analyse = (text: string, side: 'index' | 'query'): string[] => {
    const dated = minutesInWords(versionsInWords(side === 'query' ? dayAndMonthInWords(datesInWords(text)) : datesInWords(text)));
    const tokens = numbersInDigits(rawTokens(dated));
    const terms: string[] = [];
    analyseTokens(tokens, 0, tokens.length, side, terms, undefined, side === 'index' ? hyphenatedWords(dated, tokens) : undefined);
    return terms;
  };

  // Remembered: highlighting and name checks ask for the same words of passage text again and again.
  const wordTerms = new Map<string, string | null>();
  const termOf = (word: string): string | null => {
    const remembered = wordTerms.get(word);
    if (remembered !== undefined) return remembered;
    const term = analyse(word, 'query')[0] ?? null;
    if (wordTerms.size < REMEMBERED_WORDS) wordTerms.set(word, term);
    return term;
  };

  return {
    indexTerms: (text) => analyse(text, 'index'),
    queryTerms: (text) => [...new Set(analyse(text, 'query'))],
    termOf,
  };
}
