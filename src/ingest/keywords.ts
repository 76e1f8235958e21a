/** Feed keywords: "kazakhstan, critical minerals, tungsten" → which items a feed imports. */

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

/**
 * A keyword matches as whole words, case-insensitively: "tungsten" finds "Tungsten" and
 * "tungsten's" but not "tungstenite"; "us" does not find "business"; "critical minerals" finds
 * "critical  minerals" and "critical-minerals"; a plural s/es is allowed.
 */
function patternOf(keyword: string): RegExp {
  let pattern = cache.get(keyword);
  if (!pattern) {
    const words = keyword
      .normalize('NFKC')
      .trim()
      .split(/[\s\p{Pd}]+/u)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
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
  /** Where the first was found. */
  where?: 'title' | 'summary' | 'text';
}

/** Which of `keywords` occur in the item's title, summary or extracted text (any one is enough). */
export function matchKeywords(keywords: readonly string[], fields: { title?: string | null; summary?: string | null; text?: string | null }): KeywordMatch {
  if (keywords.length === 0) return { matches: true, found: [] };
  const found: string[] = [];
  let where: KeywordMatch['where'];
  for (const keyword of keywords) {
    const pattern = patternOf(keyword);
    for (const field of ['title', 'summary', 'text'] as const) {
      const value = fields[field];
      if (value && pattern.test(value.normalize('NFKC'))) {
        found.push(keyword);
        where ??= field;
        break;
      }
    }
  }
  return where ? { matches: true, found, where } : { matches: false, found };
}
