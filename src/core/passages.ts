import { sentences } from '../util/text';
import type { ArticleText, Passage } from './types';

/**
 * A passage aims to stay at or under this many characters: a paragraph longer than this is quoted
 * in pieces of about equal length, cut between sentences. News paragraphs are shorter; an
 * encyclopedia's or a report's often are not, and a question written about a paragraph takes its
 * words from all of it: 900 found the right paragraph for 7 more of the 293 SQuAD questions than
 * 600 did (for 1 more than 800 and as many as 1,000).
 */
export const MAX_PASSAGE_LENGTH = 900;

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
/** A row of a Markdown table ("| Phase | Year |"), as articles taken from links and feeds have them. */
const TABLE_ROW = /^\s*\|.*\|\s*$/;
/** The row under a table's header ("| --- | :---: |"): Markdown's syntax, not the article's text. */
const TABLE_DELIMITER = /^\s*\|(?:\s*:?-+:?\s*\|)+\s*$/;

/**
 * A backslash that keeps a paragraph's first characters from reading as Markdown ("\# 1 on the
 * list", "\- a dash", "2026\. The year"), as articles taken from links are written: the text as
 * published has none.
 */
const ESCAPED_LINE_START = /^\\([-+*>]|#{1,6})(?=\s)|^(\d+)\\([.)])(?=\s)/;

/**
 * Markdown that a hand-written article may carry inside its text, which is not the text: a picture
 * ("![caption](photo.jpg)"), a link's address ("[Cove Kaz](https://…)" is "Cove Kaz"), bold marks
 * ("**gallium**"). Single * and _ stay: published text has them too ("*Data as of 2025").
 */
const PICTURE = /!\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;
const LINK = /(?<!\\)\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+"[^"]*")?\)/g;
const BOLD = /(?<![\\\w*_])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*_])/g;

function withoutInlineMarks(line: string): string {
  if (!line.includes('](') && !line.includes('**') && !line.includes('__')) return line;
  return line.replace(PICTURE, '').replace(LINK, '$1').replace(BOLD, '$2');
}

/** The marks of a block quote ("> ", "> > " nested): Markdown's syntax, not the quotation, which is quoted as published. */
const QUOTE_MARKS = /^\s{0,3}(?:>[ \t]?)+/;

/** A paragraph that introduces what follows it. */
const LEAD_IN = /:\s*$/;

/** An interviewer's question and the answer after it, as interviews print them ("Q: …", "A: …"). */
const INTERVIEW_QUESTION = /^(?:Q|Question)\s*:/;
const INTERVIEW_ANSWER = /^(?:A|Answer)\s*:/;
/** A line all in bold ("**How big is the deposit?**"): with a question mark at its end, an interviewer's question as magazines print it. */
const ALL_BOLD = /^(\*\*|__)(?=\S)(?:(?!\1).)+(?<=\S)\1$/;
const ASKS = /\?["”’)]?$/;

/**
 * A short line all in bold that asks nothing and ends no sentence ("**About us**", "**Thursday, 21
 * May**", "**Contacts and next issue**"): a heading, as many sites print one, over what follows it.
 */
const BOLD_HEADING_WORDS = 12;
const isBoldHeading = (text: string) => !ASKS.test(text) && !/[.!;,]["”’)]?$/.test(text) && text.split(/\s+/).length <= BOLD_HEADING_WORDS;

/** A paragraph, or lines kept as lines: a list's items, or a table's rows. */
type Block = { kind: 'paragraph'; text: string; section: string | null; boldQuestion?: boolean } | { kind: 'list'; items: string[]; table: boolean; section: string | null };

/** Reads a Markdown body into paragraphs and lists, each with the heading it sits under. */
function readBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let section: string | null = null;
  let paragraph: string[] = [];
  let allBold = true;
  let list: string[] | null = null;
  let table = false;

  // A bold heading with nothing under it yet, and the section it replaced: with nothing ever under
  // it (the article's last line, or another heading next), it is a paragraph after all.
  let boldHeading: { text: string; under: string | null } | null = null;
  /** A block under the bold heading, if one is waiting: it heads something now. */
  const push = (block: Block) => {
    boldHeading = null;
    blocks.push(block);
  };
  const keepBoldHeading = () => {
    if (boldHeading) push({ kind: 'paragraph', text: boldHeading.text, section: boldHeading.under });
  };
  const flush = () => {
    if (paragraph.length) {
      const text = paragraph.join(' ');
      if (paragraph.length === 1 && allBold && isBoldHeading(text)) {
        keepBoldHeading();
        boldHeading = { text, under: section };
        section = text;
      } else push({ kind: 'paragraph', text, section, ...(allBold && ASKS.test(text) ? { boldQuestion: true } : {}) });
    }
    if (list?.length) push({ kind: 'list', items: list, table, section });
    paragraph = [];
    allBold = true;
    list = null;
  };

  for (const markdownLine of body.split('\n')) {
    const rawLine = withoutInlineMarks(markdownLine.replace(QUOTE_MARKS, ''));
    const line = rawLine.trim();
    const heading = HEADING.exec(rawLine);
    if (line === '') {
      flush();
    } else if (heading) {
      flush();
      keepBoldHeading();
      section = heading[2] || null;
    } else if (LIST_ITEM.test(rawLine) || TABLE_ROW.test(rawLine)) {
      // A table is kept row by row, as a list is: its lines joined into one would read as nonsense.
      if (paragraph.length) flush();
      if (!list) table = TABLE_ROW.test(rawLine);
      if (!TABLE_DELIMITER.test(rawLine)) (list ??= []).push(line);
    } else if (list && /^\s+/.test(rawLine)) {
      list[list.length - 1] += ` ${line}`; // an indented line continues the list item above it
    } else {
      if (list) flush();
      allBold &&= ALL_BOLD.test(markdownLine.replace(QUOTE_MARKS, '').trim());
      paragraph.push(line.replace(ESCAPED_LINE_START, '$1$2$3'));
    }
  }
  flush();
  keepBoldHeading();
  return blocks;
}

/** Who speaks, as transcripts print it: "MIRA OSPANOVA: …", "HOST: …". */
const SPEAKER = /^(\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}):\s/u;

/**
 * An interviewer's question and the answer printed after it: "Q: …" then "A: …", a question in bold
 * then a plain paragraph, or in a transcript one speaker's question then another's reply.
 */
const asksAndIsAnswered = (block: Block & { kind: 'paragraph' }, next: Block & { kind: 'paragraph' }) => {
  if (INTERVIEW_QUESTION.test(block.text) && INTERVIEW_ANSWER.test(next.text)) return true;
  if (block.boldQuestion === true) return next.boldQuestion !== true;
  const asker = SPEAKER.exec(block.text)?.[1];
  const replier = SPEAKER.exec(next.text)?.[1];
  return asker !== undefined && replier !== undefined && asker !== replier && ASKS.test(block.text);
};

/** Cuts text longer than `max` at spaces (or anywhere, for a single huge word). */
function cutAtSpaces(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const cut = space > 0 ? space : max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

interface Unit {
  text: string;
  /** What joins this unit to the one before it in the same chunk: ' ' between sentences, '\n' before a list line. */
  joiner: string;
}

/** Packs units (sentences, list lines) into chunks of at most `max` characters, evenly sized. */
function pack(units: Unit[], max: number): string[] {
  const pieces = units.flatMap((unit) =>
    unit.text.length > max ? cutAtSpaces(unit.text, max).map((text, i) => ({ text, joiner: i ? ' ' : unit.joiner })) : [unit],
  );
  const total = pieces.reduce((sum, piece, i) => sum + piece.text.length + (i ? piece.joiner.length : 0), 0);
  const target = total <= max ? max : Math.min(max, Math.ceil(total / Math.ceil(total / max)));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}${piece.joiner}${piece.text}` : piece.text;
    if (current && (joined.length > max || current.length >= target)) {
      chunks.push(current);
      current = piece.text;
    } else {
      current = joined;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

const asSentences = (text: string): Unit[] => sentences(text).map((sentence) => ({ text: sentence, joiner: ' ' }));
const asLines = (items: string[]): Unit[] => items.map((item) => ({ text: item, joiner: '\n' }));

// Finding sentences (Intl.Segmenter) is most of the cost of splitting, and only needed when a block
// must be cut. A block that fits is one chunk, which is its sentences joined by ' ' — the paragraph
// itself whenever every sentence break falls right after a single space. Under Unicode's sentence
// rules (UAX #29, which Intl.Segmenter follows) a break only follows a terminator (. ! ? and the
// like, \p{Sentence_Terminal}), possibly with closing quotes and brackets, then spaces; or a
// paragraph separator. So the paragraph is known to come back whole when it has no white space
// but single ' ', no paragraph separator, and no terminator run followed straight by another
// character — except the three cases where the rules say there is no break: "U.S" (a letter,
// '.', a capital: SB7), "3.5" ('.' then a digit: SB6), "e.g" ('.' then a lowercase letter: SB8).
const OTHER_SPACE = /[^\S ]| {2}|\u0085/;
const CLOSE = `"'()[\\]{}\u2018\u2019\u201c\u201d`;
const GLUED_TERMINATOR = new RegExp(`\\p{Sentence_Terminal}[\\p{Sentence_Terminal}${CLOSE}]*[^\\s\\p{Sentence_Terminal}${CLOSE}]`, 'gu');
const NO_BREAK = /^\.[0-9a-z]$/;
const NO_BREAK_CAPITAL = /^\.[A-Z]$/;

/**
 * True when `sentences(text).join(' ') === text` is certain without segmenting (see above);
 * false says nothing. `text` is a paragraph as readBlocks makes it (trimmed lines joined by ' ').
 * Exported for tests.
 */
export function joinsBackWhole(text: string): boolean {
  if (OTHER_SPACE.test(text)) return false;
  GLUED_TERMINATOR.lastIndex = 0;
  for (let match; (match = GLUED_TERMINATOR.exec(text)); ) {
    const glued = match[0];
    if (NO_BREAK.test(glued)) continue;
    if (NO_BREAK_CAPITAL.test(glued) && /[A-Za-z]/.test(text[match.index - 1] ?? '')) continue;
    return false;
  }
  return true;
}

/** The quotable texts of an article body, with their sections, in order. */
export function splitBody(body: string, max = MAX_PASSAGE_LENGTH): { section: string | null; text: string }[] {
  const blocks = readBlocks(body.replace(/\r\n?/g, '\n'));
  const out: { section: string | null; text: string }[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    let units: Unit[];
    // A list stays with the paragraph before it; a table only with one that leads into it ("The stages:").
    if (block.kind === 'paragraph' && next?.kind === 'list' && next.section === block.section && (!next.table || LEAD_IN.test(block.text))) {
      i++;
      const whole = [block.text, ...next.items].join('\n');
      if (whole.length <= max && joinsBackWhole(block.text)) {
        out.push({ section: block.section, text: whole }); // what pack() makes of it, faster
        continue;
      }
      units = [...asSentences(block.text), ...asLines(next.items)]; // a list stays with its lead-in
    } else if (block.kind === 'paragraph' && next?.kind === 'paragraph' && next.section === block.section && asksAndIsAnswered(block, next)) {
      // The question stays with its answer: a question asked in its words is answered by what follows it.
      i++;
      const whole = `${block.text}\n${next.text}`;
      if (whole.length <= max && joinsBackWhole(block.text) && joinsBackWhole(next.text)) {
        out.push({ section: block.section, text: whole });
        continue;
      }
      units = [...asSentences(block.text), ...asSentences(next.text).map((unit, j) => (j ? unit : { ...unit, joiner: '\n' }))];
    } else if (block.kind === 'paragraph') {
      if (block.text.length <= max && joinsBackWhole(block.text)) {
        out.push({ section: block.section, text: block.text }); // what pack() makes of it, faster
        continue;
      }
      units = asSentences(block.text);
    } else {
      units = asLines(block.items);
    }
    for (const text of pack(units, max)) out.push({ section: block.section, text });
  }
  return out;
}

export function splitArticle(article: ArticleText, firstId = 0): Passage[] {
  return splitBody(article.body).map((piece, position) => ({
    id: firstId + position,
    article,
    section: piece.section,
    position,
    text: piece.text,
  }));
}
