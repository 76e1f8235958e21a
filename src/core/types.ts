/** An article as loaded from a knowledge file (front matter + Markdown body). */
export interface Article {
  /** File name relative to the knowledge folder, e.g. `2025-11-06-kazakhstan-us-ink-mou.md`. */
  file: string;
  title: string;
  publisher: string | null;
  /** YYYY-MM-DD, or null when unknown. */
  published: string | null;
  url: string | null;
  tags: string[];
}

/** An article with its text: the Markdown body as written in the file (front matter removed). */
export interface ArticleText extends Article {
  body: string;
}

/** A quotable piece of an article: a paragraph, or a bullet list or a table with its lead-in. */
export interface Passage {
  /** Position in the engine's passage list; also the index document id. */
  id: number;
  article: Article;
  /** The `##` heading the passage sits under, or null. */
  section: string | null;
  /** 0-based position of the passage within its article. */
  position: number;
  /** The passage exactly as published (bullet lines keep their `- `). */
  text: string;
}

/** One cited result of a question. */
export interface AnswerResult {
  passage: Passage;
  score: number;
  /** Analysed query terms this passage matched (used to bold matched words). */
  matchedTerms: string[];
}

export interface Answer {
  question: string;
  /** False when nothing in the knowledge base really answers the question. */
  answered: boolean;
  /** Best first; at most 5 (or the limit asked for). Empty when nothing matched at all. */
  results: AnswerResult[];
}

/** A knowledge file that could not be loaded, and why. */
export interface KnowledgeProblem {
  file: string;
  reason: string;
}
