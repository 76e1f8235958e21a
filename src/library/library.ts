import { unlink } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { prepareArticle, type Engine, type PreparedArticle } from '../core/engine';
import { describeProblem, parseArticle } from '../core/knowledge';
import type { KnowledgeProblem } from '../core/types';
import { removeLeftoverTemporaries } from '../util/atomic-file';
import { systemClock, type Clock } from '../util/clock';
import { localDate } from '../util/time-of-day';
import type { Logger } from '../util/logger';
import { buildInWorker } from './cache-builder';
import { engineAtStart, type EngineOrigin, type EngineSource } from './engine-at-start';
import type { FirstSeenLedger } from './first-seen';
import { duplicateReason, folderIdentity, listKnowledgeFolder, readArticleFiles, sameArticleKey, type FileInfo, type FolderListing } from './knowledge-folder';
import { digestOf, fileRecord, libraryCacheFile, statChanged, type CachedSource } from './library-cache';

export interface LibraryOptions extends EngineSource {
  log: Logger;
  clock?: Clock;
  /** Where first-seen dates are kept; without it the digest has none. */
  ledger?: FirstSeenLedger;
  /** Quiet time after a change before the cache is written again (in the worker). Default 10 s; 0 never rewrites it. */
  cacheRewriteDelayMs?: number;
  /**
   * Warm up (see Engine.warmUp) this long after opening, so that the first questions people ask
   * are as fast as the next ones; the bot does, after its first moments. Without it, no warm-up
   * (a one-question program, tests).
   */
  warmUpAfterMs?: number;
}

/** What one refresh changed. */
export interface KnowledgeChange {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files newly rejected, with the reason. */
  rejected: KnowledgeProblem[];
}

export const NO_CHANGE: KnowledgeChange = Object.freeze({ added: [], changed: [], removed: [], rejected: [] }) as KnowledgeChange;

const isEmpty = (change: KnowledgeChange) => !change.added.length && !change.changed.length && !change.removed.length && !change.rejected.length;

/** What the library knows of a file it has read. */
interface SourceState extends CachedSource {
  /** Why the file is not served, when it is not. */
  problem?: string;
  /** For a file rejected as a second copy of an article another file has: that article's key (see sameArticleKey), so that it is read again when the other goes. */
  duplicateOf?: string;
}

/** A file read in this refresh. */
type ReadResult = { info: FileInfo; digest: string } & ({ prepared: PreparedArticle } | { problem: string });

/** Work done on this thread between two turns of the event loop, at most (so that answers never wait longer). */
const SLICE_MS = 15;
/** Passages added or removed in one step of a change: a question asked meanwhile sees each article before or after, never half. */
const PASSAGES_PER_STEP = 2_000;
/** A start with no cache and more files than this builds in the worker, even when `worker` is on (it always is outside tests). */
const DEFAULT_REWRITE_DELAY_MS = 10_000;

type ChangeListener = (change: KnowledgeChange) => void;

/**
 * The knowledge base as the bot serves it: the articles of a folder, in one engine that answers
 * questions, kept up to date as files are added, changed and removed.
 *
 * Start-up reads the cache (everything derived from the articles, and each file's size, time and
 * hash) and then only the files that changed since; without a cache, the cache builder makes one in
 * a worker thread. A refresh reads only changed files and applies the change to the engine in small
 * steps between which questions are answered, so a reload never stops the bot answering. The cache
 * is then rewritten in the worker thread, after a quiet moment, from the cache file before it and the
 * files changed since (see cacheUpdatedFromFile).
 */
export class Library {
  private readonly sources = new Map<string, SourceState>();
  private folderProblems: KnowledgeProblem[] = [];
  private folderMissing: string | undefined;
  private refreshing: Promise<KnowledgeChange> | null = null;
  private queued: Promise<KnowledgeChange> | null = null;
  private readonly listeners = new Set<ChangeListener>();
  private readonly clock: Clock;
  private rewriteTimer: NodeJS.Timeout | undefined;
  private rewriting: Promise<void> | null = null;
  private rewriteAgain = false;
  /** Whether what is served has changed since the cache file was written (a rewrite is due). */
  private unsaved = false;
  private closed = false;
  private readonly closing = new AbortController();
  private lastChange: Date;
  private lastCheck: Date;
  /** Files read again since the start only to find their bytes unchanged (touched, copied, restored): the cache's record of them is out of date. */
  private readUnchanged = 0;
  /** Files read from disk since the start (to be hashed, and parsed when their bytes changed), at the start included. */
  private read = 0;
  /**
   * Resolves when the start-up warm-up is over (see Engine.warmUp and warmUpAfterMs): it runs in
   * slices between which questions are answered, so questions asked meanwhile wait one slice at most.
   */
  warmedUp: Promise<void> = Promise.resolve();
  /** How the engine was had at start: from the cache, built in the worker, or built here. */
  origin: EngineOrigin = 'cache';

  private constructor(
    readonly engine: Engine,
    private readonly options: LibraryOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.lastChange = this.lastCheck = this.clock.now();
  }

  static async open(libraryOptions: LibraryOptions): Promise<Library> {
    const { log, signal } = libraryOptions;
    const cacheFile = libraryOptions.cacheDir ? libraryCacheFile(libraryOptions.cacheDir, libraryOptions.dir, libraryOptions.analysis.key) : undefined;
    // A cache found damaged only when a part of it is first read (a posting list): that part is
    // left out, the problem logged, the file deleted and the cache built again.
    let opened: Library | undefined;
    const onWarning = (message: string) => {
      log.warn({ file: cacheFile }, `cache: ${message}`);
      libraryOptions.engine?.index?.onWarning?.(message);
      if (cacheFile && /damaged/.test(message)) void unlink(cacheFile).catch(() => {});
      opened?.scheduleRewrite();
    };
    // Questions about yesterday are asked on the library's clock's day.
    const clock = libraryOptions.clock ?? systemClock;
    const today = libraryOptions.engine?.today ?? (() => localDate(clock.now(), 'UTC'));
    const options: LibraryOptions = { ...libraryOptions, engine: { ...libraryOptions.engine, today, index: { ...libraryOptions.engine?.index, onWarning } } };
    if (options.cacheDir) {
      const removed = await removeLeftoverTemporaries(options.cacheDir);
      if (removed.length) log.info({ removed }, `cache: removed ${removed.length} temporary file(s) left by an interrupted write`);
    }
    // The folder is listed while the cache is read (both wait on the disk).
    const listing = listKnowledgeFolder(libraryOptions.dir);
    const { content, origin } = await engineAtStart(options, cacheFile, listing, log);
    signal?.throwIfAborted();

    const library = new Library(content.engine, options);
    opened = library;
    library.origin = origin;
    // Built from the folder (not read from the cache): every file it serves was read for it.
    if (origin !== 'cache') library.read = content.sources.size;
    for (const [file, source] of content.sources) library.sources.set(file, { ...source });
    const change = await library.scan({ starting: true, listing: await listing });
    const present = content.engine.articles.map((article) => ({ file: article.file, hash: content.engine.record(article.file)!.hash }));
    options.ledger?.start(present);
    // At start, the knowledge base last changed when its newest file was written, not when this bot
    // started (a file written while no bot ran changed it then).
    const modified = [...library.sources.values()].map((source) => source.mtimeMs).filter(Number.isFinite);
    if (modified.length) library.lastChange = new Date(modified.reduce((newest, time) => Math.max(newest, time)));
    log.info(
      {
        articles: content.engine.articles.length,
        passages: content.engine.passageCount,
        rejected: library.problems.length,
        index: origin,
        changedSinceCache: origin === 'cache' ? change.added.length + change.changed.length + change.removed.length : undefined,
        unchangedButReadAgain: origin === 'cache' ? library.readUnchanged : undefined,
      },
      'knowledge base loaded',
    );
    for (const problem of library.problems) log.warn({ file: problem.file, reason: problem.reason }, `knowledge file skipped: ${describeProblem(problem)}`);
    if (library.folderMissing) log.warn({ dir: options.dir }, `knowledge: ${options.dir} ${library.folderMissing}: there is nothing to answer from until articles are added there`);
    else if (content.engine.articles.length === 0) log.warn({ dir: options.dir }, `knowledge: ${options.dir} has no articles: there is nothing to answer from until articles are added there`);
    // Rewritten also when files were only read again to be found the same: else every start reads them again.
    if (origin !== 'worker' && (origin === 'built' || !isEmpty(change) || library.readUnchanged > 0)) library.scheduleRewrite();
    if (options.warmUpAfterMs !== undefined) library.warmedUp = library.warmUp(options.warmUpAfterMs);
    return library;
  }

  get folder(): string {
    return this.options.dir;
  }

  /** How many files were read from disk since the start (see `read`). */
  get filesRead(): number {
    return this.read;
  }

  /** What the cache keeps of each file served (see CachedSource): the record the cache builder writes with the engine. */
  cachedSources(): CachedSource[] {
    return [...this.sources.values()].filter((source) => !source.problem).map(({ file, size, mtimeMs, ino, recent, digest }) => ({ file, size, mtimeMs, ino, recent, digest }));
  }

  /** Files that are not served, each with the reason (and the folder itself, when it cannot be read). */
  get problems(): KnowledgeProblem[] {
    const files = [...this.sources].filter(([, source]) => source.problem).map(([file, source]) => ({ file, reason: source.problem! }));
    const all = [...this.folderProblems, ...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return this.folderMissing ? [{ file: this.options.dir, reason: this.folderMissing }, ...all] : all;
  }

  /** When the articles (or the rejected files) last changed, as far as this bot has seen. */
  get changedAt(): Date {
    return this.lastChange;
  }

  /** When the folder was last compared with what is served. */
  get checkedAt(): Date {
    return this.lastCheck;
  }

  /** When the bot first saw a file's article (ISO). */
  joinedAt(file: string): string | undefined {
    return this.options.ledger?.joinedAt(file);
  }

  /**
   * Compares the folder with what is served and applies the difference. Refreshes asked for while
   * one runs are merged into one more. Never rejects: a folder that cannot be read leaves what is
   * served as it is (logged).
   */
  refresh(): Promise<KnowledgeChange> {
    if (this.closed) return Promise.resolve(NO_CHANGE);
    if (this.queued) return this.queued;
    if (this.refreshing) {
      this.queued = this.refreshing.then(() => {
        this.queued = null;
        return this.refresh();
      });
      return this.queued;
    }
    const refreshing = this.scan({ starting: false })
      .catch((err: unknown) => {
        this.options.log.error({ err }, 'knowledge base reload failed; still serving the previous articles');
        return NO_CHANGE;
      })
      .finally(() => {
        if (this.refreshing === refreshing) this.refreshing = null;
      });
    this.refreshing = refreshing;
    return refreshing;
  }

  /** Called after every refresh that changed something. Returns a function that stops the calls. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next change (for waiting on one without polling). */
  nextChange(): Promise<KnowledgeChange> {
    return new Promise((resolve) => {
      const off = this.onChange((change) => {
        off();
        resolve(change);
      });
    });
  }

  /** Resolves when no refresh is under way (a cache rewrite may be). */
  async idle(): Promise<void> {
    while (this.refreshing || this.queued) await (this.queued ?? this.refreshing);
  }

  /** Resolves when no refresh and no cache rewrite is under way. */
  async settled(): Promise<void> {
    while (this.refreshing || this.queued || this.rewriting) {
      await (this.queued ?? this.refreshing ?? this.rewriting);
    }
  }

  /**
   * Rewrites the cache now if what is served changed since it was written, and waits for it. For a
   * one-shot command, which never waits for a quiet moment: without it, every run after a change
   * (an article added, a feed read) would read the changed files again.
   */
  async saveCache(): Promise<void> {
    if (this.closed || !this.options.cacheDir) return;
    await this.settled();
    if (!this.unsaved) return;
    clearTimeout(this.rewriteTimer);
    await this.rewriteCache();
  }

  /** Stops refreshing and rewriting the cache (a rewrite under way is stopped: the next start reads the changed files). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.rewriteTimer);
    this.closing.abort();
    await Promise.allSettled([this.refreshing, this.queued, this.rewriting]);
  }

  // -------------------------------------------------------------------------------------------

  private async warmUp(afterMs: number): Promise<void> {
    await new Promise<void>((resolve) => {
      // Not unref'd: whoever awaits warmedUp keeps the process alive until it resolves (close() ends it at once).
      const timer = setTimeout(resolve, afterMs);
      this.closing.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    let sliceStart = performance.now();
    for (const _ of this.engine.warmUp()) {
      if (this.closed) return;
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  }

  private async scan({ starting, listing: given }: { starting: boolean; listing?: FolderListing }): Promise<KnowledgeChange> {
    const { dir, log } = this.options;
    const listing = given ?? (await listKnowledgeFolder(dir));
    this.lastCheck = this.clock.now();
    if (listing.folderProblem) {
      // A folder gone for a moment (moved, or checked out anew) must not empty a running library.
      if (this.folderMissing !== listing.folderProblem && !starting) log.warn({ dir }, `knowledge: ${dir} ${listing.folderProblem}; still serving the ${this.engine.articles.length} articles read before`);
      this.folderMissing = listing.folderProblem;
      return NO_CHANGE;
    }
    if (this.folderMissing && !starting) log.info({ dir }, `knowledge: ${dir} is back`);
    this.folderMissing = undefined;
    const problemsBefore = new Set(this.problems.map(describeProblem));
    this.folderProblems = listing.problems;

    const listed = new Map(listing.files.map((info) => [info.file, info]));
    const removedFiles = [...this.sources.keys()].filter((file) => !listed.has(file));
    const anyChange = removedFiles.length > 0;
    const toRead = listing.files.filter((info) => {
      const known = this.sources.get(info.file);
      return !known || known.recent || statChanged(known, info);
    });
    // A file refused for its title is read again whenever anything changes: its title may be free now.
    if (anyChange || toRead.length) {
      for (const info of listing.files) if (this.sources.get(info.file)?.duplicateOf && !toRead.includes(info)) toRead.push(info);
    }

    const results = await this.readAll(toRead);
    this.read += toRead.length;
    // Moved away or replaced while it was listed or read (a deploy): files seemed to vanish. Nothing
    // is changed on that; the watcher's events for the move bring the next look.
    if (!starting && listing.identity !== (await folderIdentity(dir))) {
      log.debug({ dir }, 'knowledge folder moved or replaced while it was read; looking again at the next change');
      return NO_CHANGE;
    }
    const removed = new Set<string>();
    for (const file of removedFiles) {
      if (this.engine.record(file)) removed.add(file);
      this.sources.delete(file);
    }
    type Candidate = ReadResult & { prepared: PreparedArticle };
    const candidates: Candidate[] = [];
    const served = (file: string) => this.engine.record(file) !== undefined && !removed.has(file);
    const changedServed = new Set<string>();
    for (const result of results) {
      const { file } = result.info;
      if ('problem' in result) {
        if (served(file)) removed.add(file);
        this.sources.set(file, { file, ...fileRecord(result.info), digest: result.digest, problem: result.problem });
      } else {
        if (served(file)) changedServed.add(file);
        candidates.push(result);
      }
    }

    // Of several files of one article (see sameArticleKey), the first by name is served and the
    // others are refused, as when every file is read at once (see build.ts).
    const holders = new Map<string, string>();
    for (const file of this.engine.files) {
      if (!removed.has(file) && !changedServed.has(file)) holders.set(sameArticleKey(this.engine.record(file)!.article), file);
    }
    candidates.sort((a, b) => (a.info.file < b.info.file ? -1 : 1));
    const winners = new Map<string, Candidate>();
    for (const candidate of candidates) {
      const key = sameArticleKey(candidate.prepared.article);
      const first = winners.get(key)?.info.file ?? holders.get(key);
      if (first === undefined || candidate.info.file < first) {
        winners.set(key, candidate);
        continue;
      }
      this.refuse({ file: candidate.info.file, ...fileRecord(candidate.info) }, candidate.digest, candidate.prepared.article, first);
      if (changedServed.has(candidate.info.file)) removed.add(candidate.info.file);
    }
    for (const [key, winner] of winners) {
      const holder = holders.get(key);
      if (holder !== undefined && holder !== winner.info.file) {
        // A file named before a served one now has its article: the served one gives way.
        const source = this.sources.get(holder)!;
        this.refuse(source, source.digest, winner.prepared.article, winner.info.file);
        removed.add(holder);
      }
      this.sources.set(winner.info.file, { file: winner.info.file, ...fileRecord(winner.info), digest: winner.digest });
    }

    const added = [...winners.values()].map((winner) => winner.prepared);
    const addedFiles = new Set(added.map((prepared) => prepared.article.file));
    const removedOnly = [...removed].filter((file) => !addedFiles.has(file));
    const change: KnowledgeChange = {
      added: added.filter((prepared) => !this.engine.record(prepared.article.file)).map((prepared) => prepared.article.file),
      changed: added.filter((prepared) => this.engine.record(prepared.article.file)).map((prepared) => prepared.article.file),
      removed: removedOnly,
      rejected: this.problems.filter((problem) => !problemsBefore.has(describeProblem(problem))),
    };
    await this.applyInSteps(removedOnly, added);

    if (starting || isEmpty(change)) return change;
    this.lastChange = this.clock.now();
    this.options.ledger?.record({
      added: change.added.map((file) => ({ file, hash: this.engine.record(file)!.hash })),
      changed: change.changed.map((file) => ({ file, hash: this.engine.record(file)!.hash })),
      removed: change.removed,
    });
    for (const problem of change.rejected) log.warn({ file: problem.file, reason: problem.reason }, `knowledge file skipped: ${describeProblem(problem)}`);
    log.info(
      { articles: this.engine.articles.length, passages: this.engine.passageCount, added: change.added.length, changed: change.changed.length, removed: change.removed.length, rejected: this.problems.length },
      'knowledge base reloaded',
    );
    this.scheduleRewrite();
    for (const listener of [...this.listeners]) listener(change);
    // The catalog (minerals, agreements, people) gathered again now, in a turn of its own, rather
    // than by the first command or declined question after the change (11–23 ms at 5×).
    await nextTurn();
    void this.engine.catalog;
    return change;
  }

  /** Records a file as refused because an earlier-named file has its article (see sameArticleKey). */
  private refuse(record: Pick<CachedSource, 'file' | 'size' | 'mtimeMs' | 'ino' | 'recent'>, digest: string, article: { title: string; url: string | null }, holder: string): void {
    this.sources.set(record.file, {
      file: record.file,
      size: record.size,
      mtimeMs: record.mtimeMs,
      ino: record.ino,
      recent: record.recent,
      digest,
      problem: duplicateReason(article, holder),
      duplicateOf: sameArticleKey(article),
    });
  }

  /** Reads, parses and prepares files, yielding to the event loop every few milliseconds. */
  private async readAll(files: FileInfo[]): Promise<ReadResult[]> {
    const results: ReadResult[] = [];
    let sliceStart = performance.now();
    for await (const { info, read } of readArticleFiles(this.options.dir, files)) {
      if ('reason' in read) {
        results.push({ info, digest: '', problem: read.reason });
        continue;
      }
      const digest = digestOf(read.bytes);
      const known = this.sources.get(info.file);
      if (known && known.digest === digest && !known.duplicateOf) {
        // Touched, not changed: recognised by its hash, not parsed again.
        if (statChanged(known, info)) this.readUnchanged++;
        Object.assign(known, fileRecord(info));
        continue;
      }
      const parsed = parseArticle(info.file, read.bytes);
      results.push('reason' in parsed ? { info, digest, problem: parsed.reason } : { info, digest, prepared: prepareArticle(parsed.article, this.engine.analysis) });
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    return results;
  }

  /** Removes and adds articles a step at a time, each step whole, yielding between steps. */
  private async applyInSteps(remove: string[], add: PreparedArticle[]): Promise<void> {
    let step: { remove: string[]; add: PreparedArticle[] } = { remove: [], add: [] };
    let passages = 0;
    const steps: (typeof step)[] = [];
    const flush = () => {
      if (step.remove.length || step.add.length) steps.push(step);
      step = { remove: [], add: [] };
      passages = 0;
    };
    for (const file of remove) {
      step.remove.push(file);
      passages += this.engine.record(file)?.passages.length ?? 0;
      if (passages >= PASSAGES_PER_STEP) flush();
    }
    for (const prepared of add) {
      step.add.push(prepared);
      passages += prepared.passages.length + (this.engine.record(prepared.article.file)?.passages.length ?? 0);
      if (passages >= PASSAGES_PER_STEP) flush();
    }
    flush();
    for (let i = 0; i < steps.length; i++) {
      if (i > 0) await nextTurn();
      this.engine.apply(steps[i]!);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The cache, rewritten in the worker after a quiet moment

  private scheduleRewrite(): void {
    const { cacheDir } = this.options;
    const delay = this.options.cacheRewriteDelayMs ?? DEFAULT_REWRITE_DELAY_MS;
    // Nothing to save of a folder that is not there (its cache builder would only fail).
    if (!cacheDir || this.closed || this.folderMissing) return;
    this.unsaved = true;
    if (delay <= 0) return;
    if (this.rewriting) {
      this.rewriteAgain = true;
      return;
    }
    clearTimeout(this.rewriteTimer);
    this.rewriteTimer = setTimeout(() => void this.rewriteCache(), delay);
    this.rewriteTimer.unref();
  }

  private async rewriteCache(): Promise<void> {
    const { log, cacheDir, dir, analysis, analysisFiles, engine } = this.options;
    this.rewriteAgain = false;
    this.unsaved = false;
    const started = performance.now();
    const rewriting = buildInWorker(
      { knowledgeDir: dir, cacheDir, analysisFiles, analysisKey: analysis.key, useInternals: engine?.index?.useInternals, returnBytes: false, fromCache: true },
      log,
      this.closing.signal,
    )
      .then((result) => {
        if (result.writeError) {
          this.unsaved = true;
          log.warn({ reason: result.writeError }, `cache: the index could not be saved (${result.writeError}); the next start reads the changed files again`);
        } else log.debug({ articles: result.articles, passages: result.passages, fromCache: result.fromCache, filesRead: result.filesRead, ms: Math.round(performance.now() - started) }, 'cache: saved');
      })
      .catch((err: unknown) => {
        this.unsaved = true;
        if (!this.closed) log.warn({ err }, 'cache: the cache builder failed; the next start reads the changed files again');
      })
      .finally(() => {
        this.rewriting = null;
        if (this.rewriteAgain) this.scheduleRewrite();
      });
    this.rewriting = rewriting;
    await rewriting;
  }
}
