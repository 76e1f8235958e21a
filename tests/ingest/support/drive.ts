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
