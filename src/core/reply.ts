import { ANSWER_DEFAULTS } from './answer';
import { asksAboutRecentDay } from './answer-type';
import { highlight, type Segment } from './highlight';
import { mostlyCyrillic, type Analyzer } from './text/analyzer';
import type { Answer, AnswerResult, Article, Passage } from './types';

/**
 * What the bot says, independent of where it is shown: text with its emphasis, links and channels
 * as data, pages of it, quoted passages with their citations. Each adapter writes this in its own
 * syntax (Discord Markdown and embeds, terminal text); nothing here is Discord Markdown.
 */

/** A piece of text: plain (shown exactly as written), or marked. A '\n' in plain text breaks the line. */
export type Inline =
  | string
  | { strong: string }
  | { code: string }
  /** A link; `strong` shows its words emphasised too. */
  | { link: string; href: string; strong?: boolean }
  | { channel: string }
  /** A server role, by id (named, never pinged). */
  | { role: string }
  /** Quoted text (a passage's lead in the digest): its lines shown as a quotation. */
  | { quote: string };

export type RichText = Inline[];

export interface Citation {
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  section: string | null;
  file: string;
}

export interface Quote {
  /** The passage as published, in pieces; the words the question matched are marked. */
  segments: Segment[];
  citation: Citation;
}

export interface Page {
  title?: string;
  url?: string | null;
  text?: RichText;
  /** A passage quoted as published: adapters show it exactly, with the matched words emphasised. */
  quote?: Quote;
  fields?: { name: string; value: RichText }[];
  footer?: string;
}

/** A button under a reply (Discord), routed by its id to whoever made it. */
export interface ReplyAction {
  id: string;
  label: string;
  style: 'primary' | 'secondary' | 'success' | 'danger';
}

export interface Reply {
  /** Errors and "not in the knowledge base" are shown only to the person who asked. */
  private: boolean;
  /** One short line above the pages, optional. */
  content?: RichText;
  /** Shown one at a time in Discord ("More results" pages through them), all at once in the terminal. */
  pages: Page[];
  /** Show the pages together in one Discord message (as many as its limits allow) instead of one at a time. */
  together?: boolean;
  /** Buttons the reply offers besides "Open article" and "More results". */
  actions?: ReplyAction[];
  /** Identifies an answer (for feedback on it), when the reply is one. */
  answerId?: string;
  /** Set when the reply answers a question (or declines it): what was asked and what was found. No adapter shows it. */
  asked?: Asked;
}

/**
 * What an answer replied to: the question as the person asked it (or, for a command asked without
 * words, the question it searched for) and the passages found. The bot records it for feedback.
 */
export interface Asked {
  question: string;
  /** False when the reply declined ("not in the knowledge base"). */
  answered: boolean;
  /** The passages shown, best first (empty when declined). */
  results: readonly AnswerResult[];
}

/** The reply with what it answered attached (`results` empty and `answered` false when it declines). */
export function withAsked(reply: Reply, question: string, results: readonly AnswerResult[]): Reply {
  const answered = !reply.private && results.length > 0;
  return { ...reply, asked: { question, answered, results: answered ? results : [] } };
}

/**
 * The limits of the chat the replies are made for (Discord's, API v10): messages and digests are
 * composed to keep within them, and the Discord adapter cuts anything that would not.
 */
export const MESSAGE_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  footer: 2048,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonLabel: 80,
  buttonsPerRow: 5,
  customId: 100,
  choices: 25,
  choiceLength: 100,
} as const;

// ---------------------------------------------------------------------------------------------
// Making rich text

export const strong = (text: string): Inline => ({ strong: text });
export const code = (text: string): Inline => ({ code: text });
export const link = (text: string, href: string, options: { strong?: boolean } = {}): Inline => ({ link: text, href, ...options });
export const quoted = (text: string): Inline => ({ quote: text });
export const channel = (id: string): Inline => ({ channel: id });
export const role = (id: string): Inline => ({ role: id });

/** Lines of rich text, one after another. */
export function lines(...parts: (RichText | string)[]): RichText {
  return parts.flatMap((part, i) => [...(i ? ['\n'] : []), ...(typeof part === 'string' ? [part] : part)]);
}

/** The text without its marks, as it reads (links as their words, channels as #id). */
export function plainText(text: RichText): string {
  return text
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if ('link' in piece) return piece.link;
      if ('strong' in piece) return piece.strong;
      if ('code' in piece) return piece.code;
      if ('quote' in piece) return piece.quote;
      if ('role' in piece) return `@role:${piece.role}`;
      return `#${piece.channel}`;
    })
    .join('');
}

/**
 * At most how long the text can be once written with marks (Discord Markdown: escapes, `**`,
 * links with their address, "> " before quoted lines), so that composing can keep within
 * MESSAGE_LIMITS before any renderer runs.
 */
export function markedLengthBound(text: RichText): number {
  let length = 0;
  const escaped = (plain: string) => plain.length + (plain.match(/[\\*_~`|[\]<>#+\-.)]/g)?.length ?? 0);
  for (const piece of text) {
    if (typeof piece === 'string') length += escaped(piece);
    else if ('link' in piece) length += escaped(piece.link) + piece.href.length + 10 + (piece.strong ? 4 : 0);
    else if ('strong' in piece) length += escaped(piece.strong) + 4;
    else if ('code' in piece) length += piece.code.length + 2;
    else if ('quote' in piece) length += escaped(piece.quote) + 2 * (piece.quote.split('\n').length + 1);
    else if ('role' in piece) length += piece.role.length + 12;
    else length += piece.channel.length + 3;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// Replies the bot gives everywhere

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

/** A short private message. */
export function notice(...text: (RichText | string)[]): Reply {
  return { private: true, pages: [{ text: lines(...text) }] };
}

/**
 * What a reply that found nothing offers instead, as the bot works it out from the knowledge base
 * (bot/suggestions.ts, whatToTry): commands that give something there, or, without articles, how to add them.
 */
export type TryInstead = { articles: false } | { articles: true; lines: RichText[] };

const HOW_TO_ADD: RichText = [
  'The knowledge base has no articles yet. ',
  code('/knowledge add url: …'),
  ' adds one from its link (for those who may add articles), or from the shell ',
  code('npm run add-article -- LINK'),
  '.',
];

const SMALL_TALK_REPLIES = {
  greeting: 'Hello! Ask me a question: I answer with the passage of a news article that answers it, quoted with its source.',
  // For thanks and for "OK" alike ("You are welcome" answered "ok").
  thanks: 'Glad to help. Ask again any time.',
  help: ['Ask me a question in your own words: I answer with the passage of a news article that answers it, quoted with its source. ', code('/help'), ' lists every command.'],
} satisfies Record<string, RichText | string>;

/** The reply to a greeting, a thank-you or a request for help (see smallTalkOf): what the bot does, and what to ask. */
export function smallTalkReply(kind: keyof typeof SMALL_TALK_REPLIES, instead: TryInstead): Reply {
  return notFound(instead, SMALL_TALK_REPLIES[kind]);
}

/** A polite "not in the knowledge base", with what to ask instead. */
export function notFound(instead: TryInstead, ...firstLines: (RichText | string)[]): Reply {
  if (!instead.articles) return notice(...firstLines, HOW_TO_ADD);
  if (!instead.lines.length) return notice(...firstLines, ['The articles cover Kazakhstan–US cooperation on critical minerals; ', code('/help'), ' lists what to ask.']);
  return notice(...firstLines, 'The articles cover Kazakhstan–US cooperation on critical minerals. Try:', ...instead.lines.map((line): RichText => ['• ', ...line]));
}

/** A question asked in Russian finds Russian words only (see text/analyzer.ts): most of the articles are in English. */
const IN_RUSSIAN = 'Asked in Russian, a question finds the articles written in Russian (and a mineral by its name in any language); ask in English to search the English ones.';

/** Why a question about yesterday found nothing in last year's articles (see ANSWER_DEFAULTS.recentDays). */
const ON_A_RECENT_DAY = `A question about yesterday, last night or this morning is answered only from articles published in the last ${ANSWER_DEFAULTS.recentDays} days.`;

/**
 * The reply to an answer: its passages as pages, or a polite "not in the knowledge base" with the
 * `related` commands (as typed: "/ask question: …") the articles answer on the same subject, or
 * without them what to ask (`instead`, worked out only then).
 */
export function answerReply(answer: Answer, analyzer: Analyzer, instead: () => TryInstead, heading?: RichText, related: readonly string[] = []): Reply {
  if (!answer.answered || answer.results.length === 0) {
    const why = ['I could not find that in the knowledge base.', ...(mostlyCyrillic(answer.question) ? [IN_RUSSIAN] : []), ...(asksAboutRecentDay(answer.question) ? [ON_A_RECENT_DAY] : [])];
    if (!related.length) return notFound(instead(), ...why);
    return notice(...why, 'On the same subject, the articles answer:', ...related.map((command): RichText => ['• ', code(command)]));
  }
  return { private: false, content: heading, pages: answer.results.map((result) => quotePage(result, analyzer)) };
}

/** The apology for a failure: one text, wherever it happens. */
export const APOLOGY = 'Sorry, something went wrong while answering that. The error is logged; please try again in a moment, or ask differently.';
