import type { StateStore } from '../state/state-file';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { isTimeZone, parseTimeOfDay } from '../util/time-of-day';
import { DailySchedule } from './digest-schedule';

/** The digest's settings from the environment (.env); what is set from Discord is kept in the state and wins. */
export interface DigestDefaults {
  channelId?: string;
  time: string;
  timeZone: string;
  /** Post one line when nothing is new. */
  quietLine: boolean;
  /** A missed digest is posted late within this many hours of its time (and on its own day only). */
  catchUpHours: number;
}

export type TimeChange = { ok: true; schedule: DailySchedule } | { ok: false; problem: 'time'; time: string } | { ok: false; problem: 'zone'; zone: string };

/** Where and when the digest is posted: the settings, overridden by /digest channel and /digest time (kept in the state file). */
export class DigestSettings {
  constructor(
    private readonly store: StateStore,
    readonly defaults: DigestDefaults,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Called when the time, zone or channel changed, so that the schedule looks again. */
    private readonly onChange: () => void = () => {},
  ) {}

  /** The time and zone in effect. */
  schedule(): DailySchedule {
    const { digest } = this.store.state;
    return new DailySchedule(digest.time ?? this.defaults.time, digest.timeZone ?? this.defaults.timeZone);
  }

  channelId(): string | undefined {
    return this.store.state.digest.channelId ?? this.defaults.channelId;
  }

  /** /digest channel: stored, so it survives a restart. */
  async setChannel(channelId: string): Promise<void> {
    const hadChannel = this.channelId() !== undefined;
    const now = this.clock.now().toISOString();
    // In effect at once; a state that cannot be written is the store's to report and retry.
    await this.store
      .update((state) => {
        state.digest.channelId = channelId;
        // Days without a channel were not missed: they had nowhere to go.
        if (!hadChannel) state.digest.missedFloor = now;
      })
      .catch(() => {});
    this.log.info({ channelId }, 'digest: channel set from Discord');
    this.onChange();
  }

  /** /digest time: stored, so it survives a restart. A time or zone that is not valid changes nothing. */
  async setTime(time: string, timeZone?: string): Promise<TimeChange> {
    if (!parseTimeOfDay(time)) return { ok: false, problem: 'time', time };
    const zone = timeZone ?? this.schedule().timeZone;
    if (!isTimeZone(zone)) return { ok: false, problem: 'zone', zone };
    const now = this.clock.now().toISOString();
    await this.store
      .update((state) => {
        state.digest.time = time.trim();
        state.digest.timeZone = zone;
        // A time moved to earlier today does not make today's digest "missed".
        state.digest.missedFloor = now;
      })
      .catch(() => {});
    this.log.info({ time, timeZone: zone }, 'digest: time set from Discord');
    this.onChange();
    return { ok: true, schedule: this.schedule() };
  }
}
