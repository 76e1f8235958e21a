/**
 * The feedback record: one JSON object per line, in month files `feedback-YYYY-MM.jsonl` (the
 * month of the event's time, UTC). Two kinds of line:
 *
 * - `answer`: a question the bot answered or declined. The question as asked (masked), the terms
 *   the analyzer made of it, the command, what the bot answered (its first passage and article,
 *   or null) and whether it answered at all.
 * - `vote`: Helpful or Not helpful on an answer, with the optional "What were you looking for?"
 *   text (masked). The last vote of a person on an answer is the one that counts.
 *
 * No user id or name: `user` is a keyed hash of the Discord user id (see user-key.ts).
 */

export const RECORD_VERSION = 1;
/** Longest "What were you looking for?" text kept (the modal allows no more). */
export const MAX_NOTE_LENGTH = 300;
/** Longest question kept (the bot refuses longer ones; masking can lengthen a little). */
export const MAX_QUESTION_LENGTH = 600;

export type Vote = 'helpful' | 'not-helpful';

export interface AnsweredPassage {
  /** The passage's id in the engine that answered (it can change when the knowledge base is reloaded). */
  id: number;
  /** The article file, e.g. `2025-11-06-kazakhstan-us-ink-mou.md`. */
  file: string;
  title: string;
  section: string | null;
  /** 0-based position of the passage in its article (steadier than the id across reloads). */
  position: number;
}

export interface AnswerEvent {
  v: 1;
  type: 'answer';
  /** The answer id the buttons carry. */
  id: string;
  /** ISO time. */
  at: string;
  /** The command, as `ask`, `tungsten`, `who signed`. */
  command: string;
  /** Keyed hash of the asker's user id. */
  user: string;
  /** The question as asked, masked. */
  question: string;
  /** The analyzer's terms for the masked question. */
  terms: string[];
  answered: boolean;
  /** The first passage the bot answered with; null when it declined. */
  passage: AnsweredPassage | null;
}

export interface VoteEvent {
  v: 1;
  type: 'vote';
  /** The answer id voted on. */
  answer: string;
  at: string;
  /** Keyed hash of the voter's user id. */
  user: string;
  vote: Vote;
  /** "What were you looking for?", masked; only with not-helpful. */
  note?: string;
}

export type FeedbackEvent = AnswerEvent | VoteEvent;

/**
 * Checks a parsed line by hand rather than with a schema: /knowledge gaps reads every line of the
 * week, and a schema's copy of each record doubled the time it took (and the garbage). Returns the
 * record itself, or what is wrong with it.
 */
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isTime = (value: unknown) => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

function passageProblem(value: unknown): string | null {
  if (value === null) return null;
  if (!isObject(value)) return 'passage must be an object or null';
  if (!isCount(value.id)) return 'passage.id must be a whole number';
  if (!isString(value.file, 1000) || !isString(value.title, 1000)) return 'passage.file and passage.title must be text';
  if (value.section !== null && !isString(value.section, 1000)) return 'passage.section must be text or null';
  if (!isCount(value.position)) return 'passage.position must be a whole number';
  return null;
}

function eventProblem(json: unknown): string | null {
  if (!isObject(json)) return 'the line must be an object';
  if (json.v !== RECORD_VERSION) return `v must be ${RECORD_VERSION}`;
  if (!isTime(json.at)) return 'at must be an ISO time';
  if (!isString(json.user, 128)) return 'user must be text';
  if (json.type === 'answer') {
    if (!isString(json.id, 64) || json.id === '') return 'id must be an answer id';
    if (!isString(json.command, 100)) return 'command must be text';
    if (!isString(json.question, MAX_QUESTION_LENGTH * 2)) return 'question must be text';
    if (!Array.isArray(json.terms) || !json.terms.every((term) => typeof term === 'string')) return 'terms must be a list of text';
    if (typeof json.answered !== 'boolean') return 'answered must be true or false';
    return passageProblem(json.passage);
  }
  if (json.type === 'vote') {
    if (!isString(json.answer, 64) || json.answer === '') return 'answer must be an answer id';
    if (json.vote !== 'helpful' && json.vote !== 'not-helpful') return 'vote must be helpful or not-helpful';
    if (json.note !== undefined && !isString(json.note, MAX_NOTE_LENGTH * 2)) return 'note must be text';
    return null;
  }
  return 'type must be answer or vote';
}

/** The event on a line, or the reason it is not one. Never throws. */
export function parseRecordLine(line: string): { ok: true; event: FeedbackEvent } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${(err as Error).message})` };
  }
  const problem = eventProblem(json);
  return problem === null ? { ok: true, event: json as FeedbackEvent } : { ok: false, reason: problem };
}

export const MONTH_FILE = /^feedback-(\d{4})-(\d{2})\.jsonl$/;

/** The month file an event at `time` goes to: `feedback-2026-11.jsonl` (UTC). */
export function monthFileOf(time: Date): string {
  return `feedback-${time.toISOString().slice(0, 7)}.jsonl`;
}

/** The first instant of a month file's month, and of the month after; undefined for another file name. */
export function monthOfFile(name: string): { start: Date; end: Date } | undefined {
  const match = MONTH_FILE.exec(name);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  if (month < 0 || month > 11) return undefined;
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}
