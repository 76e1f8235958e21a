import { highlight, type Segment } from '../core/highlight';
import type { Analyzer } from '../core/text/analyzer';
import type { Answer, AnswerResult, Article, Passage } from '../core/types';

/**
 * What a command answers, independent of where it is shown. The Discord adapter turns it into
 * embeds and buttons; the terminal prints it as text.
 */
export interface Reply {
  /** Errors and "not in the knowledge base" are shown only to the person who asked. */
  private: boolean;
  /** One short line above the pages (our own Markdown), optional. */
  content?: string;
  /** Shown one at a time in Discord ("More results" pages through them), all at once in the terminal. */
  pages: Page[];
  /** Show the pages together in one Discord message (as many as its limits allow: 10 embeds, 6000 characters) instead of one at a time. */
  together?: boolean;
}

export interface Page {
  title?: string;
  url?: string | null;
  /** Our own Markdown; anything taken from articles or users in it must be escaped with escapeMarkdown. */
  text?: string;
  /** A passage quoted as published: adapters escape it and bold the matched words. */
  quote?: Quote;
  fields?: { name: string; value: string }[];
  footer?: string;
}

export interface Quote {
  /** The passage as published, in pieces; the words the question matched are marked. */
  segments: Segment[];
  citation: Citation;
}

export interface Citation {
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  section: string | null;
  file: string;
}

export function citationOf(passage: Passage): Citation {
  const { title, publisher, published, url, file } = passage.article;
  return { title, publisher, published, url, section: passage.section, file };
}

/** "El-Balad · 2025-11-06" (what is known of it). */
export function citationLine(citation: Pick<Article, 'publisher' | 'published'>): string {
  return [citation.publisher ?? 'Publisher unknown', citation.published ?? 'date unknown'].join(' · ');
}

export function quotePage(result: AnswerResult, analyzer: Analyzer): Page {
  const citation = citationOf(result.passage);
  return {
    title: citation.title,
    url: citation.url,
    quote: { segments: highlight(result.passage.text, result.matchedTerms, analyzer), citation },
    footer: citationLine(citation),
  };
}

export function notice(text: string): Reply {
  return { private: true, pages: [{ text }] };
}

export const SUGGESTIONS = [
  '`/ask question: Who signed the memorandum?`',
  '`/tungsten` — reserves, deposits and market share',
  '`/minerals` — which critical minerals the articles cover',
  '`/sources` — the articles the answers come from',
];

/** The reply to an answer: its passages as pages, or a polite "not in the knowledge base". */
export function answerReply(answer: Answer, analyzer: Analyzer, heading?: string): Reply {
  if (!answer.answered || answer.results.length === 0) {
    return notFound(`I could not find that in the knowledge base.`);
  }
  return { private: false, content: heading, pages: answer.results.map((result) => quotePage(result, analyzer)) };
}

export function notFound(firstLine: string): Reply {
  return notice(`${firstLine}\nThe articles cover Kazakhstan–US cooperation on critical minerals. Try:\n${SUGGESTIONS.map((s) => `• ${s}`).join('\n')}`);
}

const INLINE_MARKDOWN = /[\\*_~`|[\]<>]/g;
const LINE_START_MARKDOWN = /^(\s*)(?:([-+#>])|(\d+)([.)]))/gm;

/** Escapes Discord Markdown so that text taken from articles or users shows as written, never as formatting. */
export function escapeMarkdown(text: string): string {
  // A backslash escapes punctuation only: "1." becomes "1\." ("\1." would show the backslash).
  return text
    .replace(INLINE_MARKDOWN, (char) => `\\${char}`)
    .replace(LINE_START_MARKDOWN, (_all, space: string, mark?: string, digits?: string, dot?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
    );
}
