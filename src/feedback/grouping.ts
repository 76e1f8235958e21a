/**
 * Grouping questions so that rephrasings of one question count together. Pure and deterministic:
 * the groups depend only on the set of questions, never on their order.
 *
 * Two questions belong together when the analyzer made the same set of terms of them ("What are
 * Kazakhstan's tungsten reserves?" and "kazakhstan tungsten reserves"), or close sets: Jaccard
 * similarity |A ∩ B| / |A ∪ B| at least the threshold (0.6: "tungsten reserves kazakhstan" and
 * "tungsten kazakhstan" are one question; "tungsten" and "tungsten exports" are not). For this
 * comparison only, a word term is cut to its first 6 letters, so that derived forms the stemmer
 * keeps apart count as one ("produce"/"production", "invest"/"investment"). Groups are the
 * connected components of that relation. A question with no terms at all groups only with the
 * same wording.
 *
 * Near-linear: questions are bucketed by their exact term set first; close buckets are then found
 * by prefix filtering (each set's rarest terms are indexed; two sets that are close enough must
 * share one of them), so only buckets sharing a rare term are ever compared, never all pairs.
 */

export const GROUPING_DEFAULTS = { threshold: 0.6 } as const;

export interface GroupingInput {
  terms: readonly string[];
  /** The wording, used only for questions without terms. */
  text: string;
}

export interface Grouping {
  /**
   * Each group's members as indexes into the input, ascending; groups ordered by their smallest key.
   * `terms`: the analyzer's terms of the group's most common term set.
   */
  groups: { key: string; members: number[]; terms: string[] }[];
  /** How much work it took (for the bench and a test that it stays near-linear). */
  stats: { buckets: number; comparisons: number };
}

interface Bucket {
  key: string;
  /** As compared (long words cut). */
  terms: string[];
  members: number[];
}

const EPSILON = 1e-9;
/** Letters of a word term compared (numbers and terms with digits are compared whole). */
const TERM_PREFIX = 6;

function comparable(term: string): string {
  if (term.length <= TERM_PREFIX) return term;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    if (code >= 48 && code <= 57) return term;
  }
  return term.slice(0, TERM_PREFIX);
}

/** Sorted, without repeats. */
function termSet(terms: readonly string[], map: (term: string) => string): string[] {
  const sorted = terms.map(map).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[length - 1]) sorted[length++] = sorted[i]!;
  sorted.length = length;
  return sorted;
}

const same = (term: string) => term;

/** Lowercase, single spaces, no trailing punctuation: the form wordings are compared in. */
export function normalizeWording(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').replace(/[\s?!.…,;:]+$/u, '').trim();
}

export function groupQuestions(items: readonly GroupingInput[], options: { threshold?: number } = {}): Grouping {
  const threshold = options.threshold ?? GROUPING_DEFAULTS.threshold;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`feedback: the grouping threshold must be in (0, 1], not ${threshold}`);

  // 1. Buckets of identical term sets.
  const byKey = new Map<string, Bucket>();
  items.forEach((item, index) => {
    const terms = termSet(item.terms, comparable);
    const key = terms.length ? terms.join('\u0001') : `\u0000${normalizeWording(item.text)}`;
    let bucket = byKey.get(key);
    if (!bucket) {
      bucket = { key, terms, members: [] };
      byKey.set(key, bucket);
    }
    bucket.members.push(index);
  });
  const buckets = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // 2. Close buckets: prefix filtering over a global order of terms, rarest first.
  const frequency = new Map<string, number>();
  for (const bucket of buckets) for (const term of bucket.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);

  const parent = buckets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Smaller sets first, so a probe only meets sets no larger than itself.
  const order = buckets
    .map((_, i) => i)
    .filter((i) => buckets[i]!.terms.length > 0)
    .sort((a, b) => buckets[a]!.terms.length - buckets[b]!.terms.length || a - b);
  const index = new Map<string, number[]>();
  const seenBy = new Int32Array(buckets.length).fill(-1);
  let comparisons = 0;
  for (const i of order) {
    const terms = buckets[i]!.terms;
    const size = terms.length;
    const sorted = [...terms].sort(rarestFirst);
    const prefix = size - Math.ceil(threshold * size - EPSILON) + 1;
    const mine = new Set(terms);
    const minSize = threshold * size - EPSILON;
    for (let p = 0; p < prefix; p++) {
      const postings = index.get(sorted[p]!);
      if (!postings) continue;
      for (const j of postings) {
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        const other = buckets[j]!.terms;
        if (other.length < minSize) continue;
        comparisons += 1;
        let overlap = 0;
        for (const term of other) if (mine.has(term)) overlap += 1;
        if (overlap / (size + other.length - overlap) >= threshold - EPSILON) union(i, j);
      }
    }
    for (let p = 0; p < prefix; p++) {
      const term = sorted[p]!;
      const postings = index.get(term);
      if (postings) postings.push(i);
      else index.set(term, [i]);
    }
  }

  // 3. Components: members ascending, groups in order of their first bucket's key.
  const components = new Map<number, { key: string; members: number[]; biggest: Bucket }>();
  buckets.forEach((bucket, i) => {
    const root = find(i);
    const component = components.get(root);
    if (!component) {
      components.set(root, { key: bucket.key, members: [...bucket.members], biggest: bucket });
      return;
    }
    component.members.push(...bucket.members);
    if (bucket.members.length > component.biggest.members.length) component.biggest = bucket;
  });
  // The terms shown: the analyzer's own terms of the biggest bucket (its alphabetically first set).
  const shownTerms = (bucket: Bucket) => {
    let best: string[] | undefined;
    let bestKey = '';
    for (const member of bucket.members) {
      const terms = termSet(items[member]!.terms, same);
      const key = terms.join('\u0001');
      if (best === undefined || key < bestKey) [best, bestKey] = [terms, key];
    }
    return best ?? [];
  };
  const groups = [...components.values()].map(({ key, members, biggest }) => ({
    key,
    members: members.sort((a, b) => a - b),
    terms: shownTerms(biggest),
  }));
  return { groups, stats: { buckets: buckets.length, comparisons } };
}
