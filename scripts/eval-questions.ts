import { readFileSync } from 'node:fs';

/**
 * The reader of the eval's question file (tests/eval/questions.json): `npm run eval` reads its
 * questions with it, and the tests check that what `npm run gaps -- --export` writes is accepted.
 * Other keys (the export's `pending`) are ignored.
 */

export interface AnswerableQuestion {
  question: string;
  /** A phrase of the passage that should answer it. */
  expect: string;
}

export interface QuestionSet {
  answerable: AnswerableQuestion[];
  unanswerable: string[];
}

/** A question file that cannot be read or is not a question set; the message names the file. */
export class QuestionFileError extends Error {}

export function readQuestions(file: string): QuestionSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new QuestionFileError(`cannot read the questions from ${file}: ${(err as Error).message}`);
  }
  const bad = (why: string) => new QuestionFileError(`${file}: ${why}`);
  if (typeof raw !== 'object' || raw === null) throw bad('expected an object { answerable, unanswerable }');
  const { answerable, unanswerable } = raw as Record<string, unknown>;
  if (!Array.isArray(answerable)) throw bad('"answerable" must be an array');
  if (!Array.isArray(unanswerable)) throw bad('"unanswerable" must be an array');
  answerable.forEach((q: unknown, i) => {
    const item = q as Record<string, unknown> | null;
    if (typeof item?.question !== 'string' || typeof item.expect !== 'string' || item.expect === '') {
      throw bad(`answerable[${i}] must be { "question": string, "expect": non-empty string }`);
    }
  });
  // An unanswerable question is a string, or an object with its question (and a note such as its "kind").
  const unanswered = unanswerable.map((q: unknown, i) => {
    const question = typeof q === 'string' ? q : (q as Record<string, unknown> | null)?.question;
    if (typeof question !== 'string') throw bad(`unanswerable[${i}] must be a string or { "question": string }`);
    return question;
  });
  return { answerable: answerable as AnswerableQuestion[], unanswerable: unanswered };
}
