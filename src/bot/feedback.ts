import { lines, type Reply, type ReplyAction } from '../core/reply';
import type { DigestSection } from '../digest/compose-digest';
import {
  feedbackButtons,
  FeedbackKeyError,
  FeedbackLog,
  gapsDigestSection,
  isGapsDigestDay,
  newAnswerId,
  onFeedbackButton,
  onFeedbackModal,
  type FeedbackResponse,
  type GapsDigestDay,
  type GapsReport,
} from '../feedback';
import type { Library } from '../library/library';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { CommandRequest } from './command';
import { DAY_MS } from '../util/time-of-day';

/**
 * Feedback on answers, as the bot uses it (issue 13; docs/feedback.md): every answer gets an id,
 * public answers get the Helpful and Not helpful buttons, and each answer (given or declined) is
 * recorded after it was sent. Only the bot connected to Discord has one; the terminal and
 * `npm run ask` record nothing and show no buttons.
 */

export interface AnswerFeedbackOptions {
  /** STATE_DIR. */
  dir: string;
  log: Logger;
  /** The current engine analyzes questions and answers them again for "answered since". */
  library: Library;
  clock: Clock;
  retentionDays: number;
  /** The digest's time zone as it is now: the report's days are counted in it. */
  timeZone: () => string;
  /** GAPS_DIGEST_DAY: the weekday the digest carries "Asked but not in the library", or off. */
  gapsDigestDay: GapsDigestDay;
}

/** An answer as it was handed to the record (what tests wait for). */
export interface RecordedAnswer {
  answerId: string;
  command: string;
  answered: boolean;
}

/** The days of the weekly section's report. */
const SECTION_DAYS = 7;

/** The command as the record names it: `ask`, `who signed`. */
export function commandName(request: Pick<CommandRequest, 'name' | 'subcommand'>): string {
  return request.subcommand ? `${request.name} ${request.subcommand}` : request.name;
}

/** YYYY-MM-DD days after `previous` up to and including `slot` (at most a week); just `slot` without a previous one. */
export function daysCovered(previous: string | null, slot: string): string[] {
  const end = Date.parse(`${slot}T00:00:00Z`);
  const start = previous && previous < slot ? Date.parse(`${previous}T00:00:00Z`) + DAY_MS : end;
  const days: string[] = [];
  for (let t = Math.max(start, end - (SECTION_DAYS - 1) * DAY_MS); t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export class AnswerFeedback {
  private waiting: ((answer: RecordedAnswer) => void)[] = [];

  private constructor(
    readonly feedbackLog: FeedbackLog,
    private readonly options: AnswerFeedbackOptions,
  ) {}

  /**
   * Opens the record in STATE_DIR (making the key at the first start). Resolves to undefined, with
   * an error in the log, when STATE_DIR cannot be used: the bot then answers without feedback.
   * Rejects with a FeedbackKeyError when the key file is not a key (whoever runs the bot decides:
   * replacing it would count everyone in the record as someone new).
   */
  static async open(options: AnswerFeedbackOptions): Promise<AnswerFeedback | undefined> {
    try {
      const record = await FeedbackLog.open({
        dir: options.dir,
        log: options.log,
        clock: options.clock,
        retentionDays: options.retentionDays,
        analyze: (question) => options.library.engine.analyzer.queryTerms(question),
      });
      return new AnswerFeedback(record, options);
    } catch (err) {
      if (err instanceof FeedbackKeyError) throw err;
      options.log.error({ err, dir: options.dir }, `feedback: the feedback record in ${options.dir} cannot be opened; answers carry no feedback buttons and nothing is recorded until a restart`);
      return undefined;
    }
  }

  /**
   * Gives an answer its id and, when it shows passages, the Helpful and Not helpful buttons. Other
   * replies pass unchanged. Votes on the id are taken from here on, though it is recorded only once sent.
   */
  prepare(reply: Reply): Reply {
    if (!reply.asked) return reply;
    const answerId = newAnswerId();
    this.feedbackLog.expectAnswer(answerId);
    if (!reply.asked.answered || reply.private || reply.pages.length === 0) return { ...reply, answerId };
    const buttons: ReplyAction[] = feedbackButtons(answerId).map(({ customId, label }) => ({ id: customId, label, style: 'secondary' }));
    return { ...reply, answerId, actions: [...(reply.actions ?? []), ...buttons] };
  }

  /** Records an answer that was sent (or declined): returns at once, never throws; the record is written after. */
  recordSent(request: CommandRequest, reply: Reply): void {
    const { answerId, asked } = reply;
    if (!answerId || !asked) return;
    const command = commandName(request);
    this.feedbackLog.recordAnswer({ answerId, command, userId: request.user.id, question: asked.question, answer: asked });
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve({ answerId, command, answered: asked.answered });
  }

  /** Resolves when the next answer is handed to the record (tests wait on it instead of a timer). */
  nextRecorded(): Promise<RecordedAnswer> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A press on Helpful or Not helpful: a private reply or the modal; null when the button is not a feedback button. */
  button(customId: string, userId: string): FeedbackResponse | null {
    return onFeedbackButton(this.feedbackLog, customId, userId);
  }

  /** The "What were you looking for?" modal submitted; null when the modal is not ours. */
  modal(customId: string, field: (inputId: string) => string | null | undefined, userId: string): FeedbackResponse | null {
    return onFeedbackModal(this.feedbackLog, customId, field, userId);
  }

  /** The gaps report over the last `days`, checked against the current engine for "answered since". */
  report(days: number): Promise<GapsReport> {
    return this.feedbackLog.report({ days, timeZone: this.options.timeZone(), answerNow: (question) => this.options.library.engine.answer(question) });
  }

  /**
   * The digest's weekly section for the digest of `slot` (YYYY-MM-DD in the digest's time zone),
   * which follows the digest of `previous`: on GAPS_DIGEST_DAY, or in the first digest after one
   * that was missed. Empty on other days, when off, or with no open gaps; never rejects (a record
   * that cannot be read leaves the section out, with a warning).
   */
  async digestSections(slot: string, previous: string | null): Promise<DigestSection[]> {
    const setting = this.options.gapsDigestDay;
    const days = daysCovered(previous, slot);
    if (!days.some((day) => isGapsDigestDay(day, setting))) return [];
    try {
      const section = gapsDigestSection(await this.report(SECTION_DAYS), days, setting);
      if (!section) return [];
      return [{ heading: section.heading, text: lines(section.intro, ...section.lines.map((line) => `• ${line}`), ...(section.footer ? [section.footer] : [])) }];
    } catch (err) {
      this.options.log.warn({ err }, 'feedback: the weekly gaps section could not be made; the digest goes without it');
      return [];
    }
  }

  /** Resolves once everything recorded so far is written. */
  flush(): Promise<void> {
    return this.feedbackLog.flush();
  }
}
