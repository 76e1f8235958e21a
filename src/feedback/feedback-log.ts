import { appendFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { isAnswerId } from './custom-ids';
import { maskText, withoutPlaceholders } from './mask';
import {
  MAX_NOTE_LENGTH,
  MAX_QUESTION_LENGTH,
  monthFileOf,
  RECORD_VERSION,
  type AnswerEvent,
  type AnsweredPassage,
  type FeedbackEvent,
  type Vote,
  type VoteEvent,
} from './records';
import { buildGapsReport, readSince, REPORT_DEFAULTS, type GapsReport, type ReportOptions } from './report';
import { dropBefore, readEvents, type DropResult, type LineProblem, type ReadRange } from './store';
import { loadOrCreateKey, userHasher, type UserHasher } from './user-key';
import { DAY_MS } from '../util/time-of-day';

export const FEEDBACK_DEFAULTS = {
  retentionDays: 180,
  /** Records waiting to be written beyond this are dropped (the disk is failing or far too slow). */
  maxQueue: 10_000,
} as const;

/** What the engine answered, as much of it as the record keeps (the core's Answer fits). */
export interface AnswerLike {
  answered: boolean;
  results: readonly {
    passage: { id: number; position: number; section: string | null; article: { file: string; title: string } };
  }[];
}

export interface AnswerToRecord {
  /** The id the answer's buttons carry (newAnswerId()). */
  answerId: string;
  /** The command as `ask`, `tungsten`, `who signed`. */
  command: string;
  /** The asker's Discord user id: hashed here, never written. */
  userId: string;
  /** The question as asked: masked here before it is written. */
  question: string;
  answer: AnswerLike;
  /** When it was asked (default: now). */
  at?: Date;
}

export type VoteResult =
  | { ok: true; vote: Vote; previous: Vote | null; changed: boolean }
  /** The answer id is not in the record: made up, older than the retention, or forgotten. */
  | { ok: false; problem: 'unknown-answer' };

export interface FeedbackLogOptions {
  /** STATE_DIR: the month files and the key live here. */
  dir: string;
  log: Logger;
  /** The analyzer's query terms of a question (the engine's `analyzer.queryTerms`). */
  analyze: (question: string) => readonly string[];
  clock?: Clock;
  /** Records older than this many days are removed (at start, once a day with the writes, and before each report). Default 180. */
  retentionDays?: number;
  maxQueue?: number;
}

/**
 * The feedback record as the bot writes it: answers given or declined, and votes on them, appended
 * to month files in STATE_DIR by one writer, in order, after the reply has been sent. Recording
 * never waits for the disk and never throws: the caller fires and forgets; a write that fails is
 * logged once (and again when writing works again) and its records are lost.
 *
 * What is needed to take a vote (which answer ids exist, each person's current vote) is held in
 * memory and read back from the files at start, so a button pressed on an answer given before a
 * restart still counts.
 */
export class FeedbackLog {
  /** Answer id → when it was given (ms). */
  private readonly answers = new Map<string, number>();
  /**
   * Answers whose buttons may already be out but which are not recorded yet (expectAnswer): when
   * each was prepared (ms), and the votes taken on it, written after the answer's own line.
   */
  private readonly expected = new Map<string, { at: number; votes: VoteEvent[] }>();
  /** `${answer id} ${user hash}` → that person's current vote. */
  private readonly votes = new Map<string, Vote>();
  private pending: FeedbackEvent[] = [];
  private flushScheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private failing = false;
  private lost = 0;
  private lastPruneDay = '';
  private readonly filesChecked = new Set<string>();
  private readonly problemsReported = new Set<string>();
  private readonly clock: Clock;
  private readonly retentionDays: number;
  private readonly maxQueue: number;

  private constructor(
    private readonly options: FeedbackLogOptions,
    private readonly hashUser: UserHasher,
  ) {
    this.clock = options.clock ?? systemClock;
    this.retentionDays = options.retentionDays ?? FEEDBACK_DEFAULTS.retentionDays;
    this.maxQueue = options.maxQueue ?? FEEDBACK_DEFAULTS.maxQueue;
  }

  /**
   * Opens the record in `dir`: reads (or makes) the key, drops what is older than the retention,
   * and reads the answer ids and votes still kept. Rejects only when the key file is unusable or the
   * folder cannot be read; lines that are not records are skipped with a warning.
   */
  static async open(options: FeedbackLogOptions): Promise<FeedbackLog> {
    const key = await loadOrCreateKey(options.dir, options.log);
    const feedback = new FeedbackLog(options, userHasher(key));
    await feedback.prune();
    const events = await readEvents(options.dir, { since: feedback.cutoff() }, (problem) => feedback.reportProblem(problem));
    for (const event of events) feedback.remember(event);
    return feedback;
  }

  /** The retention as a date: records before it are dropped. */
  cutoff(): Date {
    return new Date(this.clock.now().getTime() - this.retentionDays * DAY_MS);
  }

  /** True when votes on this answer id are taken (it is in the record, or expected). */
  knows(answerId: string): boolean {
    return this.answers.has(answerId) || this.expected.has(answerId);
  }

  /**
   * Takes votes on an answer from now on, before it is recorded: call it when the answer gets its
   * id, before it is sent, so that a click that comes before recordAnswer counts. Those votes are
   * written after the answer's line. Never throws.
   */
  expectAnswer(answerId: string): void {
    if (isAnswerId(answerId) && !this.answers.has(answerId)) this.expected.set(answerId, { at: this.clock.now().getTime(), votes: [] });
  }

  /** Records an answer given or declined. Call it after the reply is sent; it returns at once and never throws. */
  recordAnswer(input: AnswerToRecord): void {
    try {
      if (!isAnswerId(input.answerId)) throw new Error(`"${input.answerId}" is not an answer id`);
      const expected = this.expected.get(input.answerId);
      this.expected.delete(input.answerId);
      // An expected answer was asked when it was prepared, which keeps it before the votes taken since.
      const at = input.at ?? (expected ? new Date(expected.at) : this.clock.now());
      const question = maskText(input.question).slice(0, MAX_QUESTION_LENGTH);
      const first = input.answer.answered ? input.answer.results[0]?.passage : undefined;
      const passage: AnsweredPassage | null = first
        ? { id: first.id, file: first.article.file, title: first.article.title, section: first.section, position: first.position }
        : null;
      const event: AnswerEvent = {
        v: RECORD_VERSION,
        type: 'answer',
        id: input.answerId,
        at: at.toISOString(),
        command: input.command.slice(0, 100),
        user: this.hashUser(input.userId),
        question,
        terms: this.termsOf(question),
        answered: passage !== null,
        passage,
      };
      this.remember(event);
      this.enqueue(event);
      for (const vote of expected?.votes ?? []) this.enqueue(vote);
    } catch (err) {
      this.options.log.error({ err }, 'feedback: could not record an answer');
    }
  }

  /**
   * A person's vote on an answer: Helpful or Not helpful, with the optional "What were you looking
   * for?" text (masked, at most 300 characters kept). One vote per person per answer: voting again
   * replaces it; the same vote again without a text writes nothing. Returns at once; never throws.
   */
  vote(answerId: string, userId: string, vote: Vote, note?: string): VoteResult {
    const expected = this.expected.get(answerId);
    if (!expected && !this.answers.has(answerId)) return { ok: false, problem: 'unknown-answer' };
    const user = this.hashUser(userId);
    const key = `${answerId} ${user}`;
    const previous = this.votes.get(key) ?? null;
    const text = vote === 'not-helpful' && note ? maskText(note.trim()).slice(0, MAX_NOTE_LENGTH) : '';
    const changed = previous !== vote;
    if (changed || text) {
      const event: VoteEvent = { v: RECORD_VERSION, type: 'vote', answer: answerId, at: this.clock.now().toISOString(), user, vote };
      if (text) event.note = text;
      this.votes.set(key, vote);
      if (expected) expected.votes.push(event);
      else this.enqueue(event);
    }
    return { ok: true, vote, previous, changed };
  }

  /** The records in a range, as written (after everything recorded so far has been written). */
  async read(range: ReadRange = {}): Promise<FeedbackEvent[]> {
    await this.flush();
    return readEvents(this.options.dir, range, (problem) => this.reportProblem(problem));
  }

  /**
   * The gaps report over the last `days` (default 7), read from the record: what /knowledge gaps
   * shows. Pass the current engine's answer function as `answerNow` for "answered since". Records
   * past the retention are removed first (once a day): a bot that nobody asks writes nothing that would remove them.
   */
  async report(options: Omit<ReportOptions, 'now'> & { now?: Date } = {}): Promise<GapsReport> {
    // At most once a day, as with the writes (logged by serial; the report goes on).
    await this.serial(() => this.pruneIfDue()).catch(() => {});
    const now = options.now ?? this.clock.now();
    const events = await this.read({ since: readSince(now, options.days ?? REPORT_DEFAULTS.days) });
    return buildGapsReport(events, { ...options, now });
  }

  /** Resolves once every record made so far is written (or has failed). Never rejects. */
  async flush(): Promise<void> {
    await this.chain;
  }

  /** Removes what is older than the retention. Runs at start, then at most once a day, with the writes or before a report. */
  prune(): Promise<DropResult> {
    return this.serial(() => this.drop(this.cutoff(), 'retention'));
  }

  /** Removes what is older than the retention, unless that was done today already. */
  private async pruneIfDue(): Promise<void> {
    if (this.clock.now().toISOString().slice(0, 10) !== this.lastPruneDay) await this.drop(this.cutoff(), 'retention');
  }

  /** Deletes every record from before `date`: the files, and the answer ids and votes held in memory. */
  forgetBefore(date: Date): Promise<DropResult> {
    return this.serial(() => this.drop(date, 'forget'));
  }

  private async drop(date: Date, why: 'retention' | 'forget'): Promise<DropResult> {
    if (why === 'retention') this.lastPruneDay = this.clock.now().toISOString().slice(0, 10);
    const limit = date.getTime();
    for (const [id, at] of this.answers) if (at < limit) this.answers.delete(id);
    // An expected answer that old was never sent.
    for (const [id, { at }] of this.expected) if (at < limit) this.expected.delete(id);
    for (const key of this.votes.keys()) if (!this.knows(key.slice(0, key.indexOf(' ')))) this.votes.delete(key);
    const result = await dropBefore(this.options.dir, date, (problem) => this.reportProblem(problem));
    if (result.entriesDropped > 0) {
      this.options.log.info(
        { before: date.toISOString(), entries: result.entriesDropped, filesDeleted: result.filesDeleted, filesRewritten: result.filesRewritten },
        why === 'retention'
          ? `feedback: removed ${result.entriesDropped} records older than ${this.retentionDays} days`
          : `feedback: forgot ${result.entriesDropped} records from before ${date.toISOString()}`,
      );
    }
    return result;
  }

  private termsOf(masked: string): string[] {
    try {
      return [...this.options.analyze(withoutPlaceholders(masked))];
    } catch (err) {
      this.options.log.warn({ err }, 'feedback: the analyzer failed on a question; it is recorded without terms');
      return [];
    }
  }

  private remember(event: FeedbackEvent): void {
    if (event.type === 'answer') {
      this.answers.set(event.id, Date.parse(event.at));
    } else if (this.answers.has(event.answer)) {
      this.votes.set(`${event.answer} ${event.user}`, event.vote);
    }
  }

  private enqueue(event: FeedbackEvent): void {
    if (this.pending.length >= this.maxQueue) {
      this.noteLoss(1, new Error(`more than ${this.maxQueue} records are waiting to be written`));
      return;
    }
    this.pending.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.serial(() => this.writePending()).catch(() => {}); // logged by serial
  }

  /** Runs tasks one after another; a task's failure is logged, never passed on. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch((err) => this.options.log.error({ err }, 'feedback: a record task failed'));
    return run;
  }

  private async writePending(): Promise<void> {
    this.flushScheduled = false;
    try {
      await this.pruneIfDue();
    } catch (err) {
      this.options.log.warn({ err }, 'feedback: could not remove old records; trying again tomorrow');
    }
    const events = this.pending.splice(0);
    const byFile = new Map<string, string[]>();
    for (const event of events) {
      const file = monthFileOf(new Date(event.at));
      const lines = byFile.get(file) ?? [];
      lines.push(JSON.stringify(event));
      byFile.set(file, lines);
    }
    for (const [file, lines] of byFile) {
      try {
        await this.append(file, lines);
        if (this.failing) {
          this.options.log.info({ lost: this.lost }, `feedback: writing the record works again (${this.lost} records were lost)`);
          this.failing = false;
          this.lost = 0;
        }
      } catch (err) {
        this.noteLoss(lines.length, err);
      }
    }
  }

  private async append(file: string, lines: string[]): Promise<void> {
    const path = join(this.options.dir, file);
    let prefix = '';
    if (!this.filesChecked.has(file)) {
      // A line cut short by a crash must not swallow the first new one: start on a new line.
      if (await endsWithoutNewline(path)) {
        prefix = '\n';
        this.options.log.warn({ file }, `feedback: the last line of ${file} was cut short (a crash?); it is skipped, new records start on the next line`);
      }
      this.filesChecked.add(file);
    }
    await appendFile(path, `${prefix}${lines.join('\n')}\n`, { mode: 0o600 });
  }

  private noteLoss(count: number, err: unknown): void {
    this.lost += count;
    if (this.failing) return;
    this.failing = true;
    this.options.log.error({ err }, 'feedback: cannot write the feedback record; records are lost until it works again');
  }

  private reportProblem(problem: LineProblem): void {
    const key = `${problem.file}:${problem.line}:${problem.reason}`;
    if (this.problemsReported.has(key)) return;
    this.problemsReported.add(key);
    this.options.log.warn(
      { file: problem.file, line: problem.line, reason: problem.reason },
      problem.torn
        ? `feedback: ${problem.file} line ${problem.line} was cut short (a crash?); skipped`
        : `feedback: ${problem.file} line ${problem.line} is not a record (${problem.reason}); skipped`,
    );
  }
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
