/**
 * SQuAD files (Rajpurkar et al.; versions 1.1 and 2.0) as an evaluation set for the engine: the
 * reader, the knowledge folder made from it, and the scoring that `npm run eval -- --squad FILE`
 * prints.
 *
 * A SQuAD file is `{ version, data: [{ title, paragraphs: [{ context, qas: [{ id, question,
 * answers: [{ text, answer_start }], is_impossible? }] }] }] }`; version 2.0 adds questions that
 * the paragraph does not answer (`is_impossible: true`, no answers). Each title becomes one article
 * whose paragraphs are the contexts, in order.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Passage } from '../src/core/types';

export interface SquadQuestion {
  id: string;
  question: string;
  /** The answer spans, white space collapsed; empty for an unanswerable question. */
  answers: string[];
  /** SQuAD 2.0's `is_impossible`: the paragraph does not answer it. */
  impossible: boolean;
  /** The question's paragraph, numbered across the whole file from 0 (see `paragraphs`). */
  paragraph: number;
}

export interface SquadArticle {
  /** The title as the article shows it ("Computational complexity theory"). */
  title: string;
  /** The title as SQuAD writes it (Wikipedia's page name, "Computational_complexity_theory"). */
  page: string;
  /** Paragraph texts, white space collapsed. */
  paragraphs: string[];
  /** The number of this article's first paragraph across the file. */
  firstParagraph: number;
}

export interface SquadSet {
  articles: SquadArticle[];
  questions: SquadQuestion[];
}

/** Runs of white space (new lines included) as one space: a paragraph stays one Markdown paragraph. */
const collapse = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** Reads parsed SQuAD JSON. Throws an error naming the first field that is not as SQuAD writes it. */
export function readSquad(raw: unknown, file = 'the SQuAD file'): SquadSet {
  const bad = (path: string, why: string) => new Error(`${file}: ${path} ${why}`);
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(raw) || !Array.isArray(raw.data)) throw bad('data', 'must be an array of articles (is this a SQuAD file?)');

  const articles: SquadArticle[] = [];
  const questions: SquadQuestion[] = [];
  let paragraphCount = 0;
  raw.data.forEach((entry: unknown, a) => {
    if (!isObject(entry) || typeof entry.title !== 'string' || collapse(entry.title) === '') throw bad(`data[${a}].title`, 'must be a non-empty string');
    if (!Array.isArray(entry.paragraphs)) throw bad(`data[${a}].paragraphs`, 'must be an array');
    const article: SquadArticle = { title: collapse(entry.title.replace(/_/g, ' ')), page: entry.title.trim(), paragraphs: [], firstParagraph: paragraphCount };
    entry.paragraphs.forEach((paragraph: unknown, p) => {
      const at = `data[${a}].paragraphs[${p}]`;
      if (!isObject(paragraph) || typeof paragraph.context !== 'string') throw bad(`${at}.context`, 'must be a string');
      if (!Array.isArray(paragraph.qas)) throw bad(`${at}.qas`, 'must be an array');
      const number = paragraphCount++;
      article.paragraphs.push(collapse(paragraph.context));
      paragraph.qas.forEach((qa: unknown, q) => {
        const where = `${at}.qas[${q}]`;
        if (!isObject(qa) || typeof qa.question !== 'string') throw bad(`${where}.question`, 'must be a string');
        const answers = qa.answers ?? [];
        if (!Array.isArray(answers)) throw bad(`${where}.answers`, 'must be an array');
        const spans = answers.map((answer: unknown, i) => {
          if (!isObject(answer) || typeof answer.text !== 'string') throw bad(`${where}.answers[${i}].text`, 'must be a string');
          return collapse(answer.text);
        });
        const impossible = qa.is_impossible === true;
        const unique = [...new Set(spans.filter(Boolean))];
        if (!impossible && unique.length === 0) throw bad(`${where}.answers`, 'is empty, but the question is not marked is_impossible');
        questions.push({
          id: typeof qa.id === 'string' ? qa.id : `${a}.${p}.${q}`,
          question: collapse(qa.question),
          answers: impossible ? [] : unique,
          impossible,
          paragraph: number,
        });
      });
    });
    articles.push(article);
  });
  return { articles, questions };
}

/** A file name for an article: its title in lower case, words joined by '-'. */
function fileNameOf(title: string, taken: Set<string>): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'article';
  let name = `${base}.md`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.md`;
  taken.add(name);
  return name;
}

/** The knowledge file of an article (README's "Adding an article" format): front matter, then the paragraphs. */
export function articleMarkdown(article: SquadArticle): string {
  const url = `https://en.wikipedia.org/wiki/${encodeURIComponent(article.page.replace(/ /g, '_'))}`;
  // JSON strings are YAML strings: a title with ':' or '#' stays one value.
  const front = [`title: ${JSON.stringify(article.title)}`, 'publisher: Wikipedia', `url: ${url}`];
  return `---\n${front.join('\n')}\n---\n\n${article.paragraphs.join('\n\n')}\n`;
}

/** Writes one knowledge file per article into `dir` (made if needed). Returns the file names. */
export function writeKnowledgeFolder(set: SquadSet, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const taken = new Set<string>();
  return set.articles.map((article) => {
    const name = fileNameOf(article.title, taken);
    writeFileSync(join(dir, name), articleMarkdown(article));
    return name;
  });
}

/** The set's articles as the knowledge loader reads them: written to a temporary folder, read with `load`, the folder removed. */
export async function loadSquadArticles<Loaded>(set: SquadSet, load: (dir: string) => Promise<Loaded>): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'squad-'));
  try {
    writeKnowledgeFolder(set, dir);
    return await load(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The paragraph (numbered as in SquadQuestion.paragraph) each passage lies inside, by passage id;
 * null for passages of other articles (distractors). Passages of an article come in order, each
 * inside one paragraph, so each is looked for from the paragraph of the one before.
 */
export function paragraphsOfPassages(set: SquadSet, passages: readonly Passage[]): (number | null)[] {
  const byTitle = new Map(set.articles.map((article) => [article.title, article]));
  const found: (number | null)[] = [];
  const next = new Map<SquadArticle, number>();
  for (const passage of passages) {
    const article = byTitle.get(passage.article.title);
    let paragraph: number | null = null;
    if (article) {
      const from = next.get(article) ?? 0;
      for (let p = from; p < article.paragraphs.length; p++) {
        if (article.paragraphs[p]!.includes(passage.text)) {
          paragraph = article.firstParagraph + p;
          next.set(article, p);
          break;
        }
      }
    }
    found[passage.id] = paragraph;
  }
  return found;
}

/** One result as scoring sees it: the paragraph it lies inside (null: none of the set's) and its text. */
export interface Retrieved {
  paragraph: number | null;
  text: string;
}

/** What a system gave for a question: whether it answered, and its results, best first. */
export interface Outcome {
  answered: boolean;
  results: Retrieved[];
}

export interface Judgement {
  /** The top result lies inside the question's paragraph and contains one of its answer spans. */
  top1: boolean;
  /** The top result lies inside the question's paragraph. */
  rightParagraph: boolean;
  /** 1 / rank of the first result of the top `k` that would count as top-1; 0 without one. */
  reciprocalRank: number;
  declined: boolean;
}

/** How many results count for MRR. */
export const MRR_K = 5;

const isRight = (question: SquadQuestion, result: Retrieved) =>
  result.paragraph === question.paragraph && question.answers.some((answer) => result.text.includes(answer));

/** Judges one outcome. A declined question has no top result: it is neither top-1 nor from the right paragraph. */
export function judge(question: SquadQuestion, outcome: Outcome): Judgement {
  const results = outcome.answered ? outcome.results.slice(0, MRR_K) : [];
  const rank = question.impossible ? -1 : results.findIndex((result) => isRight(question, result));
  const top = results[0];
  return {
    top1: rank === 0,
    rightParagraph: !question.impossible && top !== undefined && top.paragraph === question.paragraph,
    reciprocalRank: rank >= 0 ? 1 / (rank + 1) : 0,
    declined: !outcome.answered || outcome.results.length === 0,
  };
}

export interface SquadScores {
  answerable: { total: number; top1: number; rightParagraph: number; mrr: number; declined: number };
  unanswerable: { total: number; declined: number };
}

/** Adds up judgements (the same order as `questions`): counts, and MRR as a mean. */
export function score(questions: readonly SquadQuestion[], judgements: readonly Judgement[]): SquadScores {
  const scores: SquadScores = {
    answerable: { total: 0, top1: 0, rightParagraph: 0, mrr: 0, declined: 0 },
    unanswerable: { total: 0, declined: 0 },
  };
  questions.forEach((question, i) => {
    const judgement = judgements[i]!;
    if (question.impossible) {
      scores.unanswerable.total++;
      if (judgement.declined) scores.unanswerable.declined++;
      return;
    }
    const a = scores.answerable;
    a.total++;
    if (judgement.top1) a.top1++;
    if (judgement.rightParagraph) a.rightParagraph++;
    if (judgement.declined) a.declined++;
    a.mrr += judgement.reciprocalRank;
  });
  if (scores.answerable.total) scores.answerable.mrr /= scores.answerable.total;
  return scores;
}
