import type { Library } from '../library/library';
import type { StateStore } from '../state/state-file';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { composeDigest, type DigestMessage, type DigestRequest, type DigestSection } from './compose-digest';
import { articlesJoinedAfter } from './digest-entries';
import { DigestEvents, type DigestEvent } from './digest-events';
import type { DigestPoster } from './digest-poster';
import type { DailySchedule } from './digest-schedule';
import { DigestSender, type PostOutcome } from './digest-sender';
import { DigestSettings, type DigestDefaults, type TimeChange } from './digest-settings';

export type { PostOutcome } from './digest-sender';

export interface DigestServiceOptions {
  library: Library;
  store: StateStore;
  clock: Clock;
  log: Logger;
  settings: DigestDefaults;
  /** Waits between attempts when Discord has a server error or rate limit. Default 5 s, 30 s, 2 min. */
  retryDelaysMs?: number[];
  /**
   * Extra sections for a day's digest (the weekly gaps section), added after the articles;
   * `previous` is the day of the last digest posted (null before the first).
   */
  extraSections?: (slot: string, previous: string | null) => DigestSection[] | Promise<DigestSection[]>;
}

/** A digest is late when posted more than this after its time. */
const LATE_AFTER_MS = 60_000;
/** After a post that failed but may succeed later (rate limit, server error), look again this soon. */
const RETRY_LATER_MS = 15 * 60_000;

/**
 * The daily digest: when it is due (the schedule's loop, against a Clock), what it says, and
 * posting it exactly once (DigestSender). A digest missed while the bot was down is posted late,
 * once, on its own day; the next digest covers every article since the last one posted.
 */
export class DigestService {
  readonly settings: DigestSettings;
  private readonly events = new DigestEvents();
  private readonly sender: DigestSender;
  private queue: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private wake: AbortController | undefined;
  private readonly stopping = new AbortController();
  private readonly told = new Set<string>();
  private readonly log: Logger;
  private asleep: Date | undefined;

  constructor(private readonly options: DigestServiceOptions) {
    this.log = options.log;
    this.settings = new DigestSettings(options.store, options.settings, options.clock, options.log, () => this.wake?.abort());
    this.sender = new DigestSender({ store: options.store, clock: options.clock, log: options.log, events: this.events, retryDelaysMs: options.retryDelaysMs, stopping: this.stopping.signal });
  }

  /** Whether the digest can be posted here (the bot is connected to Discord). */
  get connected(): boolean {
    return this.sender.poster !== undefined;
  }

  /**
   * Whether a digest is being kept: by this bot, connected to Discord, or in the state a bot left. A
   * program that only reads the state (the terminal) and finds none knows nothing of what is new.
   */
  get kept(): boolean {
    return this.connected || !this.options.store.fresh;
  }

  schedule(): DailySchedule {
    return this.settings.schedule();
  }

  channelId(): string | undefined {
    return this.settings.channelId();
  }

  /** When the digest is next due. */
  nextRun(): Date {
    return this.schedule().next(this.options.clock.now());
  }

  setChannel(channelId: string): Promise<void> {
    return this.settings.setChannel(channelId);
  }

  setTime(time: string, timeZone?: string): Promise<TimeChange> {
    return this.settings.setTime(time, timeZone);
  }

  on(listener: (event: DigestEvent) => void): () => void {
    return this.events.on(listener);
  }

  next<T extends DigestEvent['type']>(type: T): Promise<Extract<DigestEvent, { type: T }>> {
    return this.events.next(type);
  }

  /** When the schedule is waiting for its next check: resolves with the time it waits for (at once if it is waiting now). */
  whenAsleep(): Promise<Date> {
    if (this.asleep) return Promise.resolve(this.asleep);
    return this.next('sleeping').then((event) => event.until);
  }

  /** Starts posting through `poster` at the set time, after catching up on a digest that is due. */
  start(poster: DigestPoster): void {
    if (this.loop) return;
    this.sender.poster = poster;
    this.loop = this.run();
  }

  /** Stops the schedule; a post in progress is given up between attempts (it stays pending for the next start). */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.abort();
    await this.loop;
    await this.queue.catch(() => {});
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** One thing at a time: the schedule's checks and /digest now never overlap. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  private async run(): Promise<void> {
    const { clock, store } = this.options;
    while (!this.stopped) {
      try {
        await this.exclusive(() => this.check());
      } catch (err) {
        this.log.error({ err }, 'digest: the scheduled check failed');
      }
      if (this.stopped) break;
      const now = clock.now();
      let until = this.schedule().next(now);
      // Something is still to be posted today (Discord was failing): look again sooner.
      if (store.state.digest.pending) until = new Date(Math.min(until.getTime(), now.getTime() + RETRY_LATER_MS));
      this.wake = new AbortController();
      this.log.debug({ until: until.toISOString() }, 'digest: next check');
      const sleep = clock.sleepUntil(until, this.wake.signal);
      this.asleep = until;
      this.events.emit({ type: 'sleeping', until });
      await sleep;
      this.asleep = undefined;
    }
  }

  private once(key: string, write: () => void): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    write();
  }

  /** Finishes a digest left pending, or posts the one that is due (late if need be, on its own day only). */
  private async check(): Promise<void> {
    const { clock, store } = this.options;
    const now = clock.now();
    const schedule = this.schedule();
    const today = schedule.slotOf(now);
    const pending = store.state.digest.pending;
    if (pending) {
      if (pending.slot === today) {
        this.log.info({ slot: pending.slot, sent: pending.sent, of: pending.messages.length }, 'digest: finishing the digest recorded before the last stop (same nonce, so nothing is posted twice)');
        await this.sender.send(pending).catch(() => undefined);
        return;
      }
      this.log.warn({ slot: pending.slot }, `digest: the digest of ${pending.slot} was not confirmed as posted and its day is over; its articles go into the next digest`);
      await store
        .update((state) => {
          state.digest.pending = null;
        })
        .catch(() => {});
    }

    const run = schedule.latest(now);
    if (!run) return;
    const slot = schedule.slotOf(run);
    const { lastSlot, missedFloor } = store.state.digest;
    if (run.getTime() < Date.parse(missedFloor)) return; // before the bot had a history (or before the time was changed)
    if (lastSlot && lastSlot >= slot) return; // done
    const lateMs = now.getTime() - run.getTime();
    const late = lateMs > LATE_AFTER_MS;
    if (late && (slot !== today || lateMs > this.settings.defaults.catchUpHours * 3_600_000)) {
      this.once(`missed:${slot}`, () => {
        this.log.warn({ slot, due: run.toISOString() }, `digest: the digest of ${slot} was missed (the bot was not running) and it is too late to post it; its articles go into the next one`);
        this.events.emit({ type: 'skipped', slot, reason: 'too late' });
      });
      return;
    }
    if (!this.channelId()) {
      this.once(`nochannel:${slot}`, () => {
        this.log.warn({ slot }, 'digest: no channel is set (DIGEST_CHANNEL_ID or /digest channel); nothing posted');
        this.events.emit({ type: 'skipped', slot, reason: 'no channel' });
      });
      return;
    }
    // Counting the missed days walks the schedule from missedFloor: only worth it when late.
    const missedDays = () => schedule.between(new Date(missedFloor), run).filter((r) => !lastSlot || schedule.slotOf(r) > lastSlot).length;
    await this.postSlot(slot, late ? { dueAt: schedule.describe(), missedDays: missedDays(), lastSlot } : undefined).catch(() => undefined);
  }

  /** What the digest for `slot` would say now. */
  async compose(slot: string, late?: DigestRequest['late']): Promise<DigestMessage[]> {
    const extra = await this.extraFor(slot);
    const { library, store, settings } = this.options;
    const { coveredUntil, lastSlot } = store.state.digest;
    return composeDigest({
      slot,
      articles: articlesJoinedAfter(library, coveredUntil),
      ...(lastSlot ? {} : { firstSince: this.schedule().slotOf(new Date(coveredUntil)) }),
      libraryArticles: library.engine.articles.length,
      quietLine: settings.quietLine,
      late,
      extra,
    });
  }

  /** The extra sections for `slot`; a section that fails is left out (and logged), never the digest. */
  private async extraFor(slot: string): Promise<DigestSection[] | undefined> {
    if (!this.options.extraSections) return undefined;
    try {
      return await this.options.extraSections(slot, this.options.store.state.digest.lastSlot);
    } catch (err) {
      this.log.warn({ err, slot }, 'digest: an extra section could not be made; the digest goes without it');
      return undefined;
    }
  }

  /** What the next digest would say, and when and where it goes. */
  async preview(): Promise<{ messages: DigestMessage[]; slot: string; at: Date; schedule: DailySchedule; channelId: string | undefined }> {
    const schedule = this.schedule();
    const at = schedule.next(this.options.clock.now());
    const slot = schedule.slotOf(at);
    return { messages: await this.compose(slot), slot, at, schedule, channelId: this.channelId() };
  }

  /** /digest now: posts at once; it counts as today's digest. */
  postNow(): Promise<PostOutcome> {
    return this.exclusive(async () => {
      const today = this.schedule().slotOf(this.options.clock.now());
      const pending = this.options.store.state.digest.pending;
      if (pending && pending.slot === today) return this.sender.send(pending);
      return this.postSlot(today, undefined);
    });
  }

  /** Composes the digest for `slot`, then posts it (or marks the day done when there is nothing to post). */
  private async postSlot(slot: string, late: DigestRequest['late']): Promise<PostOutcome> {
    const channelId = this.channelId();
    if (!channelId) return { ok: false, reason: 'no digest channel is set: use /digest channel (or DIGEST_CHANNEL_ID)' };
    if (!this.sender.poster) return { ok: false, reason: 'the bot is not connected to Discord' };
    const messages = await this.compose(slot, late);
    if (messages.length === 0) {
      await this.sender.skip(slot);
      this.log.info({ slot }, 'digest: nothing new and the quiet line is off; nothing posted');
      this.events.emit({ type: 'skipped', slot, reason: 'nothing new' });
      return { ok: true, slot, channelId, messageIds: [] };
    }
    return this.sender.post(slot, channelId, messages, late !== undefined);
  }
}
