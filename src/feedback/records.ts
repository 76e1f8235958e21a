import { z } from 'zod';

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

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO time');
const passageSchema = z.object({
  id: z.number().int().min(0),
  file: z.string(),
  title: z.string(),
  section: z.string().nullable(),
  position: z.number().int().min(0),
});

const answerSchema = z.object({
  v: z.literal(1),
  type: z.literal('answer'),
  id: z.string().min(1).max(64),
  at: isoTime,
  command: z.string().max(100),
  user: z.string().max(128),
  question: z.string().max(MAX_QUESTION_LENGTH * 2),
  terms: z.array(z.string()),
  answered: z.boolean(),
  passage: passageSchema.nullable(),
});

const voteSchema = z.object({
  v: z.literal(1),
  type: z.literal('vote'),
  answer: z.string().min(1).max(64),
  at: isoTime,
  user: z.string().max(128),
  vote: z.enum(['helpful', 'not-helpful']),
  note: z.string().max(MAX_NOTE_LENGTH * 2).optional(),
});

const eventSchema = z.discriminatedUnion('type', [answerSchema, voteSchema]);

/** The event on a line, or the reason it is not one. Never throws. */
export function parseRecordLine(line: string): { ok: true; event: FeedbackEvent } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${(err as Error).message})` };
  }
  const parsed = eventSchema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data as FeedbackEvent };
  const issue = parsed.error.issues[0]!;
  return { ok: false, reason: `${issue.path.join('.') || 'the line'} ${issue.message}` };
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
