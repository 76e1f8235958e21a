import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { teamAnalysis } from '../support/engine';
import type { AnswerLike } from '../../src/feedback/feedback-log';
import type { AnswerEvent, FeedbackEvent, VoteEvent } from '../../src/feedback/records';

/** A pino logger whose lines a test can read. */
export function captureLog() {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string; [key: string]: unknown });
  return {
    log,
    entries,
    warnings: () => entries().filter((e) => e.level === 40),
    errors: () => entries().filter((e) => e.level >= 50),
  };
}

/** The engine's own analyzer (the one the bot hands to FeedbackLog). */
const { analyzer } = teamAnalysis();
export const analyze = (question: string) => analyzer.queryTerms(question);

export function fileLines(dir: string, name: string): string[] {
  return readFileSync(join(dir, name), 'utf8').split('\n').filter((line) => line !== '');
}

export const DECLINED: AnswerLike = { answered: false, results: [] };

export function answeredWith(file: string, position = 0, title = `Title of ${file}`): AnswerLike {
  return { answered: true, results: [{ passage: { id: 100 + position, position, section: null, article: { file, title } } }] };
}

let counter = 0;
/** A recorded answer, as FeedbackLog writes it; for report tests that need no files. */
export function answerEvent(fields: Partial<AnswerEvent> & { question: string; at: string }): AnswerEvent {
  counter += 1;
  return {
    v: 1,
    type: 'answer',
    id: fields.id ?? `a${String(counter).padStart(7, '0')}`,
    command: 'ask',
    user: 'u-default',
    terms: analyze(fields.question),
    answered: false,
    passage: null,
    ...fields,
  };
}

export function voteEvent(fields: Partial<VoteEvent> & { answer: string; at: string; user: string }): VoteEvent {
  return { v: 1, type: 'vote', vote: 'not-helpful', ...fields };
}

export type { FeedbackEvent };
