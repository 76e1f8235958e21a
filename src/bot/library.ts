import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { buildCatalog, type Catalog } from '../core/catalog';
import { createEngine, type Engine } from '../core/engine';
import { cacheWritesSettled } from '../core/index-cache';
import { describeProblem, loadKnowledge } from '../core/knowledge';
import type { KnowledgeProblem } from '../core/types';
import type { Logger } from '../logger';
import type { StateStore } from '../state/state-file';
import { articleHash, recordFirstSeen } from './article-ledger';

/** One consistent state of the knowledge base: answers are always served from a whole snapshot. */
export interface Snapshot {
  engine: Engine;
  catalog: Catalog;
  /** Files that were rejected, each with the reason. */
  problems: KnowledgeProblem[];
  loadedAt: Date;
  /** When the articles (or the rejected files) last changed, as far as this bot has seen. */
  changedAt: Date;
  /** Article file → when the bot first saw it (ISO). */
  joined: ReadonlyMap<string, string>;
  /** Identifies the content: equal fingerprints, same articles and problems. */
  fingerprint: string;
}

export interface LibraryOptions {
  /** Where first-seen dates are kept across restarts; without it every article counts as seen now. */
  state?: StateStore;
  clock?: Clock;
}

type ReloadListener = (result: { snapshot: Snapshot } | { error: Error }) => void;

/**
 * The knowledge base as the bot serves it: the current snapshot, replaced whole when reloaded.
 * A reload builds the new snapshot beside the current one, which keeps answering until the swap;
 * a reload that fails leaves the current one in place. Reloads asked for while one runs are
 * merged into one more.
 */
export class Library {
  private snapshot: Snapshot;
  private loading: Promise<Snapshot> | null = null;
  private queued: Promise<Snapshot> | null = null;
  private readonly listeners = new Set<ReloadListener>();

  private constructor(
    private readonly dir: string,
    private readonly cacheDir: string | undefined,
    private readonly log: Logger,
    private readonly options: LibraryOptions,
    first: Snapshot,
  ) {
    this.snapshot = first;
  }

  static async open(dir: string, cacheDir: string | undefined, log: Logger, options: LibraryOptions = {}): Promise<Library> {
    return new Library(dir, cacheDir, log, options, await Library.load(dir, cacheDir, log, options, undefined));
  }

  get current(): Snapshot {
    return this.snapshot;
  }

  get folder(): string {
    return this.dir;
  }

  /** Builds a new snapshot beside the current one, then swaps it in. Rejects (keeping the current one) if it cannot be built. */
  reload(): Promise<Snapshot> {
    if (this.queued) return this.queued;
    if (this.loading) {
      this.queued = this.loading
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.reload();
        });
      return this.queued;
    }
    const loading = this.swapIn().finally(() => {
      if (this.loading === loading) this.loading = null;
    });
    this.loading = loading;
    return loading;
  }

  /** Resolves when no reload is under way and the index cache has been written (for a clean stop). */
  async settled(): Promise<void> {
    while (this.loading || this.queued) await (this.queued ?? this.loading)!.catch(() => undefined);
    await cacheWritesSettled();
  }

  /** Called after every reload, with the new snapshot or the error. Returns a function that stops the calls. */
  onReload(listener: ReloadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next reload's snapshot (rejects if that reload fails): for waiting on a change without polling. */
  nextReload(): Promise<Snapshot> {
    return new Promise((resolve, reject) => {
      const off = this.onReload((result) => {
        off();
        if ('snapshot' in result) resolve(result.snapshot);
        else reject(result.error);
      });
    });
  }

  private async swapIn(): Promise<Snapshot> {
    try {
      const next = await Library.load(this.dir, this.cacheDir, this.log, this.options, this.snapshot);
      this.snapshot = next;
      for (const listener of [...this.listeners]) listener({ snapshot: next });
      return next;
    } catch (err) {
      this.log.error({ err }, 'knowledge base reload failed; still serving the previous articles');
      for (const listener of [...this.listeners]) listener({ error: err as Error });
      throw err;
    }
  }

  private static async load(dir: string, cacheDir: string | undefined, log: Logger, options: LibraryOptions, previous: Snapshot | undefined): Promise<Snapshot> {
    const clock = options.clock ?? systemClock;
    const { articles, problems } = await loadKnowledge(dir);
    // A folder gone for a moment (moved, or checked out anew) must not empty a running library.
    const folderProblem = problems.find((problem) => problem.file === dir);
    if (previous && folderProblem) throw new Error(`knowledge: ${describeProblem(folderProblem)}`);
    const engine = createEngine(articles, { cacheDir, onProgress: (message) => log.info(message) });
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([articles.map((a) => [a.file, articleHash(a)]), problems]))
      .digest('hex');
    if (previous?.fingerprint !== fingerprint) {
      const before = new Set(previous?.problems.map(describeProblem) ?? []);
      // At start every problem is news; after that, only the files newly rejected.
      for (const problem of problems) {
        if (!before.has(describeProblem(problem))) log.warn({ file: problem.file, reason: problem.reason }, `knowledge file skipped: ${describeProblem(problem)}`);
      }
    }
    const now = clock.now();
    const joined = await recordFirstSeen(options.state, articles, now);
    // At start, the last change known is the newest article's arrival; after that, the reload that saw a change.
    const newest = Math.max(...[...joined.values()].map((at) => Date.parse(at)));
    const changedAt = !previous ? (Number.isFinite(newest) ? new Date(newest) : now) : previous.fingerprint === fingerprint ? previous.changedAt : now;
    const snapshot: Snapshot = { engine, catalog: buildCatalog(engine), problems, loadedAt: now, changedAt, joined, fingerprint };
    if (previous?.fingerprint !== fingerprint) {
      log.info(
        { articles: articles.length, passages: engine.passages.length, rejected: problems.length, index: engine.origin },
        previous ? 'knowledge base reloaded' : 'knowledge base loaded',
      );
    }
    return snapshot;
  }
}
