import type { PendingDigest } from '../state/bot-state';

/** What the digest does, as it happens: logged by the service, and waited on by tests and tools (instead of polling). */
export type DigestEvent =
  | { type: 'sleeping'; until: Date }
  | { type: 'posting'; pending: PendingDigest }
  | { type: 'posted'; slot: string; messageIds: string[]; late: boolean }
  | { type: 'retrying'; slot: string; delayMs: number; reason: string }
  | { type: 'failed'; slot: string; reason: string; retryable: boolean }
  | { type: 'skipped'; slot: string; reason: string };

export class DigestEvents {
  private readonly listeners = new Set<(event: DigestEvent) => void>();

  on(listener: (event: DigestEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event of a type. */
  next<T extends DigestEvent['type']>(type: T): Promise<Extract<DigestEvent, { type: T }>> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (event.type !== type) return;
        off();
        resolve(event as Extract<DigestEvent, { type: T }>);
      });
    });
  }

  emit(event: DigestEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
