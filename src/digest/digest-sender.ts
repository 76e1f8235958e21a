import { randomBytes } from 'node:crypto';
import type { PendingDigest } from '../state/bot-state';
import type { StateStore } from '../state/state-file';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { DigestMessage } from './compose-digest';
import type { DigestEvents } from './digest-events';
import { asPostRefused, type DigestPoster, type PostRefused } from './digest-poster';

export type PostOutcome = { ok: true; slot: string; channelId: string; messageIds: string[] } | { ok: false; reason: string };

const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];

export interface DigestSenderOptions {
  store: StateStore;
  clock: Clock;
  log: Logger;
  events: DigestEvents;
  /** Waits between attempts when Discord has a server error or rate limit. Default 5 s, 30 s, 2 min. */
  retryDelaysMs?: number[];
  /** Aborted when the bot stops: waits between attempts end at once. */
  stopping: AbortSignal;
}

/**
 * Posting a digest exactly once. Never twice, never lost: before posting, the digest (its messages
 * and a nonce) is recorded as pending in the state file; each message is sent with that nonce and
 * enforce_nonce, so a resend after a crash gets the first message back instead of a second; only
 * after Discord confirmed every message is the day marked done.
 */
export class DigestSender {
  poster: DigestPoster | undefined;

  constructor(private readonly options: DigestSenderOptions) {}

  /** Records the digest of `slot` as pending, then posts it. */
  async post(slot: string, channelId: string, messages: DigestMessage[], late: boolean): Promise<PostOutcome> {
    const { clock, store, events } = this.options;
    const pending: PendingDigest = { slot, channelId, nonce: randomBytes(6).toString('hex'), composedAt: clock.now().toISOString(), messages, sent: 0 };
    try {
      await store.update((state) => {
        state.digest.pending = pending;
      });
    } catch (err) {
      // Without the record a crash could post it twice: not posted until the state can be written.
      return { ok: false, reason: `the digest could not be recorded before posting (${(err as Error).message})` };
    }
    events.emit({ type: 'posting', pending });
    return this.send(pending, late);
  }

  /** Marks a day done without posting (nothing new, and the quiet line is off). */
  async skip(slot: string): Promise<void> {
    await this.options.store
      .update((state) => {
        state.digest.lastSlot = state.digest.lastSlot && state.digest.lastSlot > slot ? state.digest.lastSlot : slot;
      })
      .catch(() => {});
  }

  /** Posts the messages of a pending digest not yet confirmed, with its nonce; marks the day done when all are. */
  async send(pending: PendingDigest, late = false): Promise<PostOutcome> {
    const { store, clock, log, events } = this.options;
    const messageIds: string[] = [];
    try {
      for (let i = pending.sent; i < pending.messages.length; i++) {
        messageIds.push(await this.postWithRetries(pending, i));
        // Counted in memory at once; written with the next write if this one fails.
        await store
          .update((state) => {
            if (state.digest.pending?.nonce === pending.nonce) state.digest.pending.sent = i + 1;
          })
          .catch(() => {});
      }
    } catch (err) {
      const refused = err as PostRefused;
      const unsent = store.state.digest.pending?.sent === 0;
      if (!refused.retryable && unsent) {
        // Nothing reached the channel and trying again will not help until someone fixes it.
        await store
          .update((state) => {
            state.digest.pending = null;
          })
          .catch(() => {});
      }
      log.error(
        { slot: pending.slot, channelId: pending.channelId, status: refused.detail.status, code: refused.detail.code, reason: refused.reason },
        `digest: not posted: ${refused.reason}`,
      );
      events.emit({ type: 'failed', slot: pending.slot, reason: refused.reason, retryable: refused.retryable });
      return { ok: false, reason: refused.reason };
    }
    await store
      .update((state) => {
        const { digest } = state;
        digest.pending = null;
        if (!digest.lastSlot || digest.lastSlot < pending.slot) digest.lastSlot = pending.slot;
        digest.lastPostedAt = clock.now().toISOString();
        if (digest.coveredUntil < pending.composedAt) digest.coveredUntil = pending.composedAt;
      })
      .catch(() => {});
    log.info({ slot: pending.slot, channelId: pending.channelId, messages: pending.messages.length }, 'digest: posted');
    events.emit({ type: 'posted', slot: pending.slot, messageIds, late });
    return { ok: true, slot: pending.slot, channelId: pending.channelId, messageIds };
  }

  private async postWithRetries(pending: PendingDigest, index: number): Promise<string> {
    const { clock, log, events, stopping } = this.options;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const nonce = `${pending.nonce}-${index}`;
    for (let attempt = 0; ; attempt++) {
      try {
        if (!this.poster) throw asPostRefused(new Error('the bot is not connected to Discord'));
        return await this.poster.post(pending.channelId, pending.messages[index]!, nonce);
      } catch (err) {
        const refused = asPostRefused(err);
        const delay = delays[attempt];
        if (!refused.retryable || delay === undefined || stopping.aborted) throw refused;
        const wait = Math.max(delay, refused.detail.retryAfterMs ?? 0);
        log.warn(
          { slot: pending.slot, channelId: pending.channelId, status: refused.detail.status, code: refused.detail.code, reason: refused.reason, retryInMs: wait },
          `digest: Discord refused the post (${refused.reason}); trying again with the same nonce`,
        );
        events.emit({ type: 'retrying', slot: pending.slot, delayMs: wait, reason: refused.reason });
        await clock.sleepUntil(new Date(clock.now().getTime() + wait), stopping);
      }
    }
  }
}
