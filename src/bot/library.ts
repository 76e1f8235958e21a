import { buildCatalog, type Catalog } from '../core/catalog';
import { createEngine, type Engine } from '../core/engine';
import { describeProblem, loadKnowledge } from '../core/knowledge';
import type { KnowledgeProblem } from '../core/types';
import type { Logger } from '../logger';

/** One consistent state of the knowledge base: answers are always served from a whole snapshot. */
export interface Snapshot {
  engine: Engine;
  catalog: Catalog;
  problems: KnowledgeProblem[];
  loadedAt: Date;
}

/** The knowledge base as the bot serves it: the current snapshot, replaced whole when reloaded. */
export class Library {
  private snapshot: Snapshot;

  private constructor(
    private readonly dir: string,
    private readonly cacheDir: string | undefined,
    private readonly log: Logger,
    first: Snapshot,
  ) {
    this.snapshot = first;
  }

  static async open(dir: string, cacheDir: string | undefined, log: Logger): Promise<Library> {
    return new Library(dir, cacheDir, log, await Library.load(dir, cacheDir, log));
  }

  get current(): Snapshot {
    return this.snapshot;
  }

  get folder(): string {
    return this.dir;
  }

  /** Builds a new snapshot beside the current one, then swaps it in. */
  async reload(): Promise<Snapshot> {
    this.snapshot = await Library.load(this.dir, this.cacheDir, this.log);
    return this.snapshot;
  }

  private static async load(dir: string, cacheDir: string | undefined, log: Logger): Promise<Snapshot> {
    const { articles, problems } = await loadKnowledge(dir);
    for (const problem of problems) log.warn({ file: problem.file, reason: problem.reason }, `knowledge file skipped: ${describeProblem(problem)}`);
    const engine = createEngine(articles, { cacheDir, onProgress: (message) => log.info(message) });
    const snapshot = { engine, catalog: buildCatalog(engine), problems, loadedAt: new Date() };
    log.info({ articles: articles.length, passages: engine.passages.length, rejected: problems.length, index: engine.origin }, 'knowledge base loaded');
    return snapshot;
  }
}
