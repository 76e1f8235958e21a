import type { Clock } from '../../src/util/clock';

/** A clock that moves only when a test moves it: timers due by then fire at once, in order. */
export class ManualClock implements Clock {
  private at: number;
  private sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  sleepUntil(when: Date, signal?: AbortSignal): Promise<void> {
    if (when.getTime() <= this.at || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = { until: when.getTime(), resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Sets the time; returns how many sleepers woke. Time never goes back. */
  set(to: Date | string): number {
    this.at = Math.max(this.at, new Date(to).getTime());
    const due = this.sleepers.filter((s) => s.until <= this.at).sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((s) => s.until > this.at);
    for (const sleeper of due) sleeper.resolve();
    return due.length;
  }

  advance(ms: number): number {
    return this.set(new Date(this.at + ms));
  }

  /** The times sleepers wait for, earliest first. */
  get waiting(): Date[] {
    return this.sleepers.map((s) => new Date(s.until)).sort((a, b) => a.getTime() - b.getTime());
  }
}
