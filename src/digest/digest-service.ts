import { randomBytes } from 'node:crypto';
import type { Library } from '../bot/library';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { PendingDigest } from '../state/bot-state';
import type { StateStore } from '../state/state-file';
import { composeDigest, type DigestMessage, type DigestRequest } from './compose-digest';
import { articlesJoinedAfter } from './digest-entries';
import { asPostRefused, type DigestPoster, type PostRefused } from './digest-poster';
import { DailySchedule } from './digest-schedule';
import { isTimeZone, parseTimeOfDay } from './digest-time';

export interface DigestSettings {
  channelId?: string;
  time: string;
  timeZone: string;
  /** Post one line when nothing is new. */
  quietLine: boolean;
  /** A missed digest is posted late within this many hours of its time (and on its own day only). */
  catchUpHours: number;
}

export interface DigestServiceOptions {
  library: Library;
  store: StateStore;
  clock: Clock;
  log: Logger;
  settings: DigestSettings;
  /** Waits between attempts when Discord has a server error or rate limit. Default 5 s, 30 s, 2 min. */
  retryDelaysMs?: number[];
}

export type DigestEvent =
  | { type: 'sleeping'; until: Date }
  | { type: 'posting'; pending: PendingDigest }
  | { type: 'posted'; slot: string; messageIds: string[]; late: boolean }
  | { type: 'retrying'; slot: string; delayMs: number; reason: string }
  | { type: 'failed'; slot: string; reason: string; retryable: boolean }
  | { type: 'skipped'; slot: string; reason: string };

export type PostOutcome = { ok: true; slot: string; channelId: string; messageIds: string[] } | { ok: false; reason: string };

/** A digest is late when posted more than this after its time. */
const LATE_AFTER_MS = 60_000;
/** After a post that failed but may succeed later (rate limit, server error), look again this soon. */
const RETRY_LATER_MS = 15 * 60_000;
const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];

/**
 * The daily digest: when it is due, what it says, and posting it exactly once.
 *
 * Never twice, never lost: before posting, the digest (its messages and a nonce) is recorded as
 * pending in the state file; each message is sent with that nonce and enforce_nonce, so a resend
 * after a crash gets the first message back instead of a second; only after Discord confirmed every
 * message is the day marked done. A digest missed while the bot was down is posted late, once, on
 * its own day; the next digest covers every article since the last one posted.
 */
export class DigestService {
  private poster: DigestPoster | undefined;
  private readonly listeners = new Set<(event: DigestEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private wake: AbortController | undefined;
  private readonly stopping = new AbortController();
  private readonly told = new Set<string>();
  private readonly log: Logger;
  private asleep: Date | undefined;

  constructor(private readonly options: DigestServiceOptions) {
    this.log = options.log;
  }

  /** Whether the digest can be posted here (the bot is connected to Discord). */
  get connected(): boolean {
    return this.poster !== undefined;
  }

  /** The time and zone in effect: set from Discord, or else the settings. */
  schedule(): DailySchedule {
    const { digest } = this.options.store.state;
    return new DailySchedule(digest.time ?? this.options.settings.time, digest.timeZone ?? this.options.settings.timeZone);
  }

  /** When the digest is next due. */
  nextRun(): Date {
    return this.schedule().next(this.options.clock.now());
  }

  channelId(): string | undefined {
    return this.options.store.state.digest.channelId ?? this.options.settings.channelId;
  }

  on(listener: (event: DigestEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event of a type (for tests and tools that wait on the digest without polling). */
  next<T extends DigestEvent['type']>(type: T): Promise<Extract<DigestEvent, { type: T }>> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (event.type !== type) return;
        off();
        resolve(event as Extract<DigestEvent, { type: T }>);
      });
    });
  }

  /** When the schedule is waiting for its next check: resolves with the time it waits for (at once if it is waiting now). */
  whenAsleep(): Promise<Date> {
    if (this.asleep) return Promise.resolve(this.asleep);
    return this.next('sleeping').then((event) => event.until);
  }

  private emit(event: DigestEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Starts posting through `poster` at the set time, after catching up on a digest that is due. */
  start(poster: DigestPoster): void {
    if (this.loop) return;
    this.poster = poster;
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
    while (!this.stopped) {
      try {
        await this.exclusive(() => this.check());
      } catch (err) {
        this.log.error({ err }, 'digest: the scheduled check failed');
      }
      if (this.stopped) break;
      const now = this.options.clock.now();
      let until = this.schedule().next(now);
      // Something is still to be posted today (Discord was failing): look again sooner.
      if (this.options.store.state.digest.pending) until = new Date(Math.min(until.getTime(), now.getTime() + RETRY_LATER_MS));
      this.wake = new AbortController();
      const wake = this.wake.signal;
      this.log.debug({ until: until.toISOString() }, 'digest: next check');
      const sleep = this.options.clock.sleepUntil(until, wake);
      this.asleep = until;
      this.emit({ type: 'sleeping', until });
      await sleep;
      this.asleep = undefined;
    }
  }

  /** Look again now (the time, zone or channel changed). */
  private reschedule(): void {
    this.wake?.abort();
  }

  private once(key: string, write: () => void): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    write();
  }

  /** Finishes a digest left pending, or posts the one that is due (late if need be, on its own day only). */
  private async check(): Promise<void> {
    const { clock, store, settings } = this.options;
    const now = clock.now();
    const schedule = this.schedule();
    const today = schedule.slotOf(now);
    const pending = store.state.digest.pending;
    if (pending) {
      if (pending.slot === today) {
        this.log.info({ slot: pending.slot, sent: pending.sent, of: pending.messages.length }, 'digest: finishing the digest recorded before the last stop (same nonce, so nothing is posted twice)');
        await this.send(pending).catch(() => undefined);
        return;
      }
      this.log.warn({ slot: pending.slot }, `digest: the digest of ${pending.slot} was not confirmed as posted and its day is over; its articles go into the next digest`);
      await store.update((state) => {
        state.digest.pending = null;
      });
    }

    const run = schedule.latest(now);
    if (!run) return;
    const slot = schedule.slotOf(run);
    const { lastSlot, missedFloor } = store.state.digest;
    if (run.getTime() < Date.parse(missedFloor)) return; // before the bot had a history (or before the time was changed)
    if (lastSlot && lastSlot >= slot) return; // done
    const lateMs = now.getTime() - run.getTime();
    const late = lateMs > LATE_AFTER_MS;
    if (late && (slot !== today || lateMs > settings.catchUpHours * 3_600_000)) {
      this.once(`missed:${slot}`, () => {
        this.log.warn({ slot, due: run.toISOString() }, `digest: the digest of ${slot} was missed (the bot was not running) and it is too late to post it; its articles go into the next one`);
        this.emit({ type: 'skipped', slot, reason: 'too late' });
      });
      return;
    }
    if (!this.channelId()) {
      this.once(`nochannel:${slot}`, () => {
        this.log.warn({ slot }, 'digest: no channel is set (DIGEST_CHANNEL_ID or /digest channel); nothing posted');
        this.emit({ type: 'skipped', slot, reason: 'no channel' });
      });
      return;
    }
    // Counting the missed days walks the schedule from missedFloor: only worth it when late.
    const missedDays = () => schedule.between(new Date(missedFloor), run).filter((r) => !lastSlot || schedule.slotOf(r) > lastSlot).length;
    await this.postSlot(slot, late ? { dueAt: schedule.describe(), missedDays: missedDays(), lastSlot } : undefined).catch(() => undefined);
  }

  /** What the digest for `slot` would say now. */
  compose(slot: string, late?: DigestRequest['late']): DigestMessage[] {
    const { library, store, settings } = this.options;
    const snapshot = library.current;
    return composeDigest({
      slot,
      articles: articlesJoinedAfter(snapshot, store.state.digest.coveredUntil),
      libraryArticles: snapshot.engine.articles.length,
      quietLine: settings.quietLine,
      late,
    });
  }

  /** What the next digest would say, and when and where it goes. */
  preview(): { messages: DigestMessage[]; slot: string; at: Date; schedule: DailySchedule; channelId: string | undefined } {
    const schedule = this.schedule();
    const now = this.options.clock.now();
    const at = schedule.next(now);
    const slot = schedule.slotOf(at);
    // Preview shows the "nothing new" line even when it is turned off, so that it says something.
    const messages = this.compose(slot);
    return {
      messages: messages.length ? messages : [{ content: 'Nothing new since the last digest, and DIGEST_QUIET_LINE is off: the next digest will post nothing.', pages: [] }],
      slot,
      at,
      schedule,
      channelId: this.channelId(),
    };
  }

  /** /digest now: posts at once; it counts as today's digest. */
  postNow(): Promise<PostOutcome> {
    return this.exclusive(async () => {
      const today = this.schedule().slotOf(this.options.clock.now());
      const pending = this.options.store.state.digest.pending;
      if (pending && pending.slot === today) return this.send(pending);
      return this.postSlot(today, undefined);
    });
  }

  /** /digest channel: stored, so it survives a restart. */
  async setChannel(channelId: string): Promise<void> {
    const hadChannel = this.channelId() !== undefined;
    const now = this.options.clock.now().toISOString();
    await this.options.store.update((state) => {
      state.digest.channelId = channelId;
      // Days without a channel were not missed: they had nowhere to go.
      if (!hadChannel) state.digest.missedFloor = now;
    });
    this.log.info({ channelId }, 'digest: channel set from Discord');
    this.reschedule();
  }

  /** /digest time: stored, so it survives a restart. Returns the new schedule, or why the time or zone is not valid. */
  async setTime(time: string, timeZone?: string): Promise<DailySchedule | string> {
    if (!parseTimeOfDay(time)) return `“${time}” is not a 24-hour time written HH:MM (for example 08:00 or 17:30).`;
    const zone = timeZone ?? this.schedule().timeZone;
    if (!isTimeZone(zone)) return `“${zone}” is not a time zone I know. Use an IANA name such as UTC, Asia/Almaty or America/New_York.`;
    const now = this.options.clock.now().toISOString();
    await this.options.store.update((state) => {
      state.digest.time = time.trim();
      state.digest.timeZone = zone;
      // A time moved to earlier today does not make today's digest "missed".
      state.digest.missedFloor = now;
    });
    this.log.info({ time, timeZone: zone }, 'digest: time set from Discord');
    this.reschedule();
    return this.schedule();
  }

  /** Composes the digest for `slot`, records it as pending, then posts it. */
  private async postSlot(slot: string, late: DigestRequest['late']): Promise<PostOutcome> {
    const { clock, store } = this.options;
    const channelId = this.channelId();
    if (!channelId) return { ok: false, reason: 'no digest channel is set: use `/digest channel` (or DIGEST_CHANNEL_ID)' };
    if (!this.poster) return { ok: false, reason: 'the bot is not connected to Discord' };
    const now = clock.now();
    const messages = this.compose(slot, late);
    if (messages.length === 0) {
      await store.update((state) => {
        state.digest.lastSlot = state.digest.lastSlot && state.digest.lastSlot > slot ? state.digest.lastSlot : slot;
      });
      this.log.info({ slot }, 'digest: nothing new and the quiet line is off; nothing posted');
      this.emit({ type: 'skipped', slot, reason: 'nothing new' });
      return { ok: true, slot, channelId, messageIds: [] };
    }
    const pending: PendingDigest = { slot, channelId, nonce: randomBytes(6).toString('hex'), composedAt: now.toISOString(), messages, sent: 0 };
    await store.update((state) => {
      state.digest.pending = pending;
    });
    this.emit({ type: 'posting', pending });
    return this.send(pending, late !== undefined);
  }

  /** Posts the messages of a pending digest not yet confirmed, with its nonce; marks the day done when all are. */
  private async send(pending: PendingDigest, late = false): Promise<PostOutcome> {
    const { store, clock } = this.options;
    const messageIds: string[] = [];
    try {
      for (let i = pending.sent; i < pending.messages.length; i++) {
        messageIds.push(await this.postWithRetries(pending, i));
        await store.update((state) => {
          if (state.digest.pending?.nonce === pending.nonce) state.digest.pending.sent = i + 1;
        });
      }
    } catch (err) {
      const refused = err as PostRefused;
      const unsent = store.state.digest.pending?.sent === 0;
      if (!refused.retryable && unsent) {
        // Nothing reached the channel and trying again will not help until someone fixes it.
        await store.update((state) => {
          state.digest.pending = null;
        });
      }
      this.log.error(
        { slot: pending.slot, channelId: pending.channelId, status: refused.detail.status, code: refused.detail.code, reason: refused.reason },
        `digest: not posted: ${refused.reason}`,
      );
      this.emit({ type: 'failed', slot: pending.slot, reason: refused.reason, retryable: refused.retryable });
      return { ok: false, reason: refused.reason };
    }
    await store.update((state) => {
      const { digest } = state;
      digest.pending = null;
      if (!digest.lastSlot || digest.lastSlot < pending.slot) digest.lastSlot = pending.slot;
      digest.lastPostedAt = clock.now().toISOString();
      if (digest.coveredUntil < pending.composedAt) digest.coveredUntil = pending.composedAt;
    });
    this.log.info({ slot: pending.slot, channelId: pending.channelId, messages: pending.messages.length }, 'digest: posted');
    this.emit({ type: 'posted', slot: pending.slot, messageIds, late });
    return { ok: true, slot: pending.slot, channelId: pending.channelId, messageIds };
  }

  private async postWithRetries(pending: PendingDigest, index: number): Promise<string> {
    const { clock } = this.options;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const nonce = `${pending.nonce}-${index}`;
    for (let attempt = 0; ; attempt++) {
      try {
        if (!this.poster) throw asPostRefused(new Error('the bot is not connected to Discord'));
        return await this.poster.post(pending.channelId, pending.messages[index]!, nonce);
      } catch (err) {
        const refused = asPostRefused(err);
        const delay = delays[attempt];
        if (!refused.retryable || delay === undefined || this.stopped) throw refused;
        const wait = Math.max(delay, refused.detail.retryAfterMs ?? 0);
        this.log.warn(
          { slot: pending.slot, channelId: pending.channelId, status: refused.detail.status, code: refused.detail.code, reason: refused.reason, retryInMs: wait },
          `digest: Discord refused the post (${refused.reason}); trying again with the same nonce`,
        );
        this.emit({ type: 'retrying', slot: pending.slot, delayMs: wait, reason: refused.reason });
        await clock.sleepUntil(new Date(clock.now().getTime() + wait), this.stopping.signal);
      }
    }
  }
}
