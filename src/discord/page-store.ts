import { randomBytes } from 'node:crypto';
import type { Reply } from '../bot/reply';

interface Entry {
  reply: Reply;
  userId: string;
  expires: number;
}

/**
 * Replies with more pages, kept in memory for "More results" (as long as Discord lets the bot edit
 * the message: 15 minutes). After a restart the buttons of older messages answer that they expired.
 */
export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(reply: Reply, userId: string): string {
    this.prune();
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { reply, userId, expires: this.now() + this.ttlMs });
    return key;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires < now) this.entries.delete(key);
    // Map keeps insertion order: the oldest go first.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
