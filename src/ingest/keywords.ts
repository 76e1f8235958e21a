/** Feed keywords: "kazakhstan, critical minerals, tungsten" → which items a feed imports. */
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { listed } from '../util/text';

/** Keywords as typed: split at commas, trimmed, blanks and repeats dropped (case-insensitively). */
export function parseKeywords(text: string | undefined | null): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of (text ?? '').split(',')) {
    const keyword = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    const key = keyword.toLowerCase();
    if (keyword && !seen.has(key)) {
      seen.add(key);
      out.push(keyword);
    }
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Russian case endings of nouns and adjectives. */
const RUSSIAN_ENDINGS = 'иями|ями|ами|ыми|ими|ого|его|ому|ему|ием|иям|иях|ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ую|юю|ом|ем|ам|ям|ах|ях|ов|ев|ми|ым|им|ых|их|ою|ею|ии|ия|ию|а|я|о|е|ы|и|у|ю|ь';

/**
 * A Russian word in any case: as written plus up to three letters ("вольфрам" → "вольфрама",
 * "вольфрамом"), or its stem (Snowball's Russian stemmer) plus a case ending ("критические" →
 * "критическим"); not a longer word ("вольфрамовому", and "ураган" for "уран", whose stem is "ура").
 */
function russianWord(word: string): string {
  return `(?:${word}\\p{L}{0,3}|${russianStem(word.toLowerCase())}(?:${RUSSIAN_ENDINGS})?)`;
}

/**
 * A keyword matches as whole words, case-insensitively: "tungsten" finds "Tungsten" and
 * "tungsten's" but not "tungstenite"; "us" does not find "business"; "critical minerals" finds
 * "critical  minerals" and "critical-minerals"; a plural s/es is allowed; a Russian word matches
 * in any case (see russianWord).
 */
function patternOf(keyword: string): RegExp {
  let pattern = cache.get(keyword);
  if (!pattern) {
    const words = keyword
      .normalize('NFKC')
      .trim()
      .split(/[\s\p{Pd}]+/u)
      .map((word) => (/^\p{Script=Cyrillic}+$/u.test(word) ? russianWord(word) : word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\p{Pd}]+')}(?:s|es|['’]s)?(?![\\p{L}\\p{N}])`, 'iu');
    if (cache.size > 1000) cache.clear();
    cache.set(keyword, pattern);
  }
  return pattern;
}

export interface KeywordMatch {
  /** No keywords means every item is taken. */
  matches: boolean;
  /** The keywords found, in the order they were given. */
  found: string[];
  /** Where each was found first (title, then summary, then text), in the same order. */
  where: KeywordPlace[];
}

export type KeywordPlace = 'title' | 'summary' | 'text';

/** Which of `keywords` occur in the item's title, summary or extracted text (any one is enough). */
export function matchKeywords(keywords: readonly string[], fields: { title?: string | null; summary?: string | null; text?: string | null }): KeywordMatch {
  if (keywords.length === 0) return { matches: true, found: [], where: [] };
  const found: string[] = [];
  const where: KeywordPlace[] = [];
  for (const keyword of keywords) {
    const pattern = patternOf(keyword);
    for (const field of ['title', 'summary', 'text'] as const) {
      const value = fields[field];
      if (value && pattern.test(value.normalize('NFKC'))) {
        found.push(keyword);
        where.push(field);
        break;
      }
    }
  }
  return { matches: found.length > 0, found, where };
}

/** Which keywords were found where: "“kazakhstan”, “titanium” in the title and “tungsten” in the summary". */
export function describeMatch(match: KeywordMatch): string {
  const places = (['title', 'summary', 'text'] as const).flatMap((place) => {
    const here = match.found.filter((_, i) => match.where[i] === place).map((keyword) => `“${keyword}”`);
    return here.length ? [`${here.join(', ')} in the ${place}`] : [];
  });
  return listed(places, 'and');
}
