import type { ManualClock } from '../../support/manual-clock';

/** Fetchers whose requests under way hold the clock still (see Fetcher.inFlight). */
export type Network = { readonly inFlight: number }[];

const busy = (network: Network) => network.some((fetcher) => fetcher.inFlight > 0);

/**
 * Waits for `work` while moving the clock: whenever nothing has happened for a moment, no request
 * of `network` is under way, and someone sleeps on the clock, time jumps to the earliest wake-up.
 * Real I/O (the local servers) runs at its own pace; what the code waits for on the clock (2 s
 * between requests, backoff) passes at once. Without `network`, a request slower than a moment (a
 * busy machine) could see the clock jump while it was on its way.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>, network: Network = []): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (settled) break;
    if (busy(network)) continue;
    const next = clock.waiting[0];
    if (next) clock.set(next);
  }
  return work;
}

/** Moves the clock from wake-up to wake-up until `done()` is true (or `limit` is reached); see `drive` for `network`. */
export async function driveUntil(clock: ManualClock, done: () => boolean, limit: Date, network: Network = []): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    if (done()) return;
    if (busy(network)) continue;
    const next = clock.waiting[0];
    if (!next) continue;
    if (next.getTime() > limit.getTime()) throw new Error(`not done by ${limit.toISOString()} (next wake-up ${next.toISOString()})`);
    clock.set(next);
  }
}
