import { rawTokens, type Analyzer } from './text/analyzer';

/** A piece of passage text; `match` when it is a word the question matched. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Splits text into segments, marking the words whose analysed form is one of `terms`. Joined, the segments give the text back. */
export function highlight(text: string, terms: readonly string[], analyzer: Analyzer): Segment[] {
  const wanted = new Set(terms);
  const segments: Segment[] = [];
  let at = 0;
  if (wanted.size) {
    for (const token of rawTokens(text)) {
      const start = text.indexOf(token, at);
      if (start < 0) continue;
      const term = analyzer.termOf(token);
      if (!term || !wanted.has(term)) continue;
      if (start > at) segments.push({ text: text.slice(at, start), match: false });
      segments.push({ text: token, match: true });
      at = start + token.length;
    }
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}
