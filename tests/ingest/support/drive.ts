import type { ManualClock } from '../../support/manual-clock';

/**
 * Waits for `work` while moving the clock: whenever nothing has happened for a moment and someone
 * sleeps on the clock, time jumps to the earliest wake-up. Real I/O (the local servers) runs at its
 * own pace; what the code waits for on the clock (2 s between requests, backoff) passes at once.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (settled) break;
    const next = clock.waiting[0];
    if (next) clock.set(next);
  }
  return work;
}

/** Moves the clock from wake-up to wake-up until `done()` is true (or `limit` is reached). */
export async function driveUntil(clock: ManualClock, done: () => boolean, limit: Date): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    if (done()) return;
    const next = clock.waiting[0];
    if (!next) continue;
    if (next.getTime() > limit.getTime()) throw new Error(`not done by ${limit.toISOString()} (next wake-up ${next.toISOString()})`);
    clock.set(next);
  }
}
