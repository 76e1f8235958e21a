/**
 * Time as the bot sees it. The scheduler and the knowledge ledger take a Clock so that tests can
 * move time by hand instead of waiting.
 */
export interface Clock {
  now(): Date;
  /** Resolves at `when` (at once if it has passed), or as soon as `signal` aborts. Never rejects. */
  sleepUntil(when: Date, signal?: AbortSignal): Promise<void>;
}

/** Real timers wake at least hourly to look at the wall clock again, so a suspended machine or a clock change is noticed. */
const MAX_TIMER_MS = 60 * 60 * 1000;

export const systemClock: Clock = {
  now: () => new Date(),
  async sleepUntil(when, signal) {
    while (!signal?.aborted && Date.now() < when.getTime()) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(MAX_TIMER_MS, when.getTime() - Date.now()));
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  },
};
