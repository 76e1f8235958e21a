/**
 * Requests to stop the program: SIGTERM and SIGINT, and, for a program started by `npm start`, npm
 * going away. Caught from the program's first moment (this module loads nothing), so that a signal
 * while the rest loads (discord.js alone takes about a second) is handled instead of killing the
 * process; whoever is running at the time says what stopping means.
 */

export type StopRequest = 'SIGTERM' | 'SIGINT' | 'parent-gone';

export interface StopRequests {
  /**
   * Who handles a request from now on (replacing the one before). A request that came while nobody
   * did is handed over at once. Only the first is handed over: a second signal (Ctrl-C again) then
   * has node's default effect, ending the process at once.
   */
  handle(handler: (request: StopRequest) => void): void;
  /** Gives the signals back to node's default handling (a signal that came meanwhile is raised again) and stops watching the parent. */
  release(): void;
}

export interface StopOptions {
  /**
   * Stop when the parent process goes away. For `npm start` only: npm passes a signal on to the
   * shell it runs the script in, and the shell dies of it without passing it on; the program
   * notices that it was left behind (its parent is no longer that shell) and stops as if signalled.
   */
  watchParent?: boolean;
  /** How often the parent is checked (one system call). Default 250 ms. */
  parentCheckMs?: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function catchStopRequests(options: StopOptions = {}): StopRequests {
  let handler: ((request: StopRequest) => void) | undefined;
  let pending: StopRequest | undefined;
  let delivered = false;
  const request = (what: StopRequest) => {
    if (delivered) return;
    if (!handler) {
      pending ??= what;
      return;
    }
    delivered = true;
    stopListening();
    handler(what);
  };
  const listeners = SIGNALS.map((signal) => {
    const listener = () => request(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  let parentCheck: NodeJS.Timeout | undefined;
  const stopListening = () => {
    clearInterval(parentCheck);
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  };
  if (options.watchParent) {
    const parent = process.ppid;
    parentCheck = setInterval(() => {
      if (process.ppid !== parent) request('parent-gone');
    }, options.parentCheckMs ?? 250);
    parentCheck.unref();
  }
  return {
    handle(next) {
      handler = next;
      if (pending !== undefined && !delivered) request(pending);
    },
    release() {
      stopListening();
      if (pending !== undefined && pending !== 'parent-gone' && !delivered) process.kill(process.pid, pending);
    },
  };
}
