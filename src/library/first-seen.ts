import type { StateStore } from '../state/state-file';
import type { Clock } from '../util/clock';

/** An article file and the hash of what it says (a renamed file keeps its hash). */
export interface SeenArticle {
  file: string;
  hash: string;
}

/**
 * When the bot first saw each article, kept in the state file. "New" for the digest means new to
 * the bot: a changed file keeps its date, a renamed file (same content under another name) keeps
 * the old one's, and the articles present when the state began count as already known (they are
 * dated at the state's start).
 *
 * The dates are right in memory at once; saving them is the state store's business, and a state
 * that cannot be written never holds up the articles (see StateStore).
 */
export class FirstSeenLedger {
  private readonly joined = new Map<string, string>();
  /** First-seen dates of articles no longer present, by their hash: a file renamed (or restored) keeps its date. */
  private readonly goneByHash = new Map<string, string>();

  constructor(
    private readonly store: StateStore | undefined,
    private readonly clock: Clock,
  ) {}

  /** When the bot first saw a file's article (ISO), or undefined for a file it does not serve. */
  joinedAt(file: string): string | undefined {
    return this.joined.get(file);
  }

  /** The articles present at start: each gets its date (from the state, or now), and the state learns of new ones. */
  start(present: readonly SeenArticle[]): void {
    const now = this.clock.now().toISOString();
    if (!this.store) {
      for (const { file } of present) this.joined.set(file, now);
      return;
    }
    const { knowledge, createdAt } = this.store.state;
    const files = new Set(present.map((article) => article.file));
    for (const [file, entry] of Object.entries(knowledge.articles)) if (!files.has(file)) this.goneByHash.set(entry.hash, entry.firstSeen);
    // Before the state has recorded anything, everything present counts as known since the state began.
    this.note(present, [], knowledge.seeded ? now : createdAt, !knowledge.seeded);
  }

  /** A change of the knowledge base: added and changed articles, and removed files. */
  record(change: { added: readonly SeenArticle[]; changed: readonly SeenArticle[]; removed: readonly string[] }): void {
    const known = this.store?.state.knowledge.articles;
    for (const file of change.removed) {
      const entry = known?.[file];
      if (entry) this.goneByHash.set(entry.hash, entry.firstSeen);
      this.joined.delete(file);
    }
    this.note([...change.added, ...change.changed], change.removed, this.clock.now().toISOString(), false);
  }

  private note(present: readonly SeenArticle[], removed: readonly string[], seenAt: string, seeding: boolean): void {
    const known = this.store?.state.knowledge.articles ?? {};
    const updates: [file: string, entry: { firstSeen: string; hash: string }][] = [];
    for (const { file, hash } of present) {
      const entry = known[file];
      if (entry && !removed.includes(file)) {
        this.joined.set(file, entry.firstSeen);
        if (entry.hash !== hash) updates.push([file, { firstSeen: entry.firstSeen, hash }]);
      } else {
        const firstSeen = this.goneByHash.get(hash) ?? seenAt;
        this.joined.set(file, firstSeen);
        updates.push([file, { firstSeen, hash }]);
      }
    }
    if (!this.store || (!updates.length && !seeding)) return;
    // Not awaited: a state that cannot be written is the store's to report and retry.
    this.store
      .update((draft) => {
        draft.knowledge.seeded = true;
        for (const [file, entry] of updates) draft.knowledge.articles[file] = entry;
      })
      .catch(() => {});
  }
}
