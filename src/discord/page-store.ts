import { randomBytes } from 'node:crypto';
import type { Reply } from '../core/reply';

interface Entry {
  reply: Reply;
  userId: string;
  expires: number;
  /** Rough size in characters, to bound the memory the store takes. */
  size: number;
}

/**
 * Replies with more pages, kept in memory for "More results" (as long as Discord lets the bot edit
 * the message: 15 minutes). After a restart the buttons of older messages answer that they expired.
 */
export class PageStore {
  private readonly entries = new Map<string, Entry>();
  private totalSize = 0;

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
    /** At most this many characters of replies are kept (about 2 bytes each); the oldest go first. */
    private readonly maxSize = 2_000_000,
  ) {}

  put(reply: Reply, userId: string): string {
    const size = JSON.stringify(reply.pages).length;
    this.prune(size);
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { reply, userId, expires: this.now() + this.ttlMs, size });
    this.totalSize += size;
    return key;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires < this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalSize -= entry.size;
  }

  private prune(incoming: number) {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires < now) this.delete(key);
    // Map keeps insertion order: the oldest go first.
    while (this.entries.size && (this.entries.size >= this.maxEntries || this.totalSize + incoming > this.maxSize)) {
      this.delete(this.entries.keys().next().value!);
    }
  }
}
