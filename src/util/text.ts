/** Plain-text helpers shared by every layer: sentences, and cutting text to a length without breaking it. */

const ABBREVIATION_END = /(?:\b\p{Lu}|\b\p{Lu}\.\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Gen|Gov|Sen|Rep|Prof))\.$/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of a paragraph, each with its trailing space removed; joined by ' ' they give the paragraph back. */
export function sentences(text: string): string[] {
  const result: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (!sentence) continue;
    const previous = result[result.length - 1];
    // "the U.S. Geological Survey" and "Mr. Smith" are not sentence ends.
    if (previous !== undefined && ABBREVIATION_END.test(previous)) result[result.length - 1] = `${previous} ${sentence}`;
    else result.push(sentence);
  }
  return result;
}

/** The first `max` UTF-16 units of a text, never ending in half of a surrogate pair (half an emoji). */
export function cutWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Cuts text to at most `max` characters at the last line end or space before it, adding "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = cutWhole(text, max - 1);
  const at = Math.max(room.lastIndexOf('\n'), room.lastIndexOf(' '));
  return `${(at > max / 2 ? room.slice(0, at) : room).trimEnd()}…`;
}

/** Characters that break a line or reorder it on screen: controls, zero-width and bidirectional marks. */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

/**
 * What someone typed, as one line of at most `max` characters: control, zero-width and
 * bidirectional characters and runs of white space become one space, then it is cut as `cutAtWord` cuts.
 */
export function cutToLine(text: string, max: number): string {
  return cutAtWord(text.replace(INVISIBLE, ' ').replace(/\s+/gu, ' ').trim(), max);
}

/** Whole sentences of `text` within `max` characters, followed by " …" when some were left out (or whole words with "…"). */
export function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const sentence of sentences(text)) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (next.length + 2 > max) break;
    kept = next;
  }
  return kept ? `${kept} …` : cutAtWord(text, max);
}

/** An http(s) address fit to link to: no white space, not absurdly long. */
export function isHttpUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/.test(url) && url.length <= 512;
}

/** "3 articles", "1 article". */
/** Items as a sentence lists them: "A", "A or B", "A, B or C" (with `and`: "A, B and C"). */
export function listed(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}` : (items[0] ?? '');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Rare earths" from "rare earths": a name from data/topics.json as a heading. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
