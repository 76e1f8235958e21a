import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileWriteError, removeLeftoverTemporaries, temporaryPathFor, writeFileAtomic } from '../util/atomic-file';
import { checkedJson } from '../util/checked-json';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { botStateSchema, freshState, type BotState } from './bot-state';

export const STATE_FILE = 'state.json';

export interface StateStoreOptions {
  clock: Clock;
  log: Logger;
  /** Changes stay in memory and are never written (the terminal mode, beside a running bot). */
  readOnly?: boolean;
  /** Waits before writing again after a failed write: the first, doubling up to the last. Default 30 s … 10 min. */
  retryDelaysMs?: { first: number; longest: number };
}

/** Why the state cannot be saved at the moment: shown in /knowledge status and logged once. */
export interface StateWriteProblem {
  file: string;
  message: string;
  since: Date;
}

const RETRY_DEFAULTS = { first: 30_000, longest: 600_000 };

/**
 * The bot's state file, held in memory and written whole after each change: to a temporary file,
 * flushed to disk, then renamed over the old one, so a crash leaves either the old or the new
 * state, never half of one. Writes happen one after another, in the order of the changes.
 *
 * A write that fails (a read-only folder, a full disk) never stops the bot: the state stays right
 * in memory, the problem is logged once with its cause and kept for `/knowledge status`, and the
 * whole state is written again later (and with the next change) until it succeeds.
 */
export class StateStore {
  private writes: Promise<void> = Promise.resolve();
  private closed = false;
  private problem: StateWriteProblem | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retries = 0;

  private constructor(
    readonly file: string,
    private data: BotState,
    /** True when there was no usable state file: nothing the bot sees now counts as new. */
    readonly fresh: boolean,
    private readonly options: StateStoreOptions,
  ) {}

  /** Reads the state in `dir`. A missing file starts fresh; a corrupt or unreadable one is kept aside (with a warning) and the bot starts fresh. Never throws. */
  static async open(dir: string, options: StateStoreOptions): Promise<StateStore> {
    const file = join(dir, STATE_FILE);
    const { log, clock, readOnly } = options;
    if (!readOnly) {
      const removed = await removeLeftoverTemporaries(dir);
      if (removed.length) log.info({ removed }, `state: removed ${removed.length} temporary file(s) left by an interrupted write`);
    }
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        log.warn({ err, file }, `state: ${file} cannot be read (${code ?? 'error'}); starting fresh`);
        await StateStore.keepAside(file, options);
      }
    }
    if (text !== undefined) {
      const checked = checkedJson(botStateSchema, text);
      if (typeof checked !== 'string') {
        const store = new StateStore(file, checked, false, options);
        // A folder that takes no write tells at start, not at the first change: a write is tried when the probe fails.
        if (!readOnly && !(await canWriteIn(dir))) await store.update(() => {}).catch(() => {});
        return store;
      }
      // Whether it could be moved aside is told next (keepAside), once it is known.
      const what = readOnly ? 'ignored (this process only reads the state; the bot will set it aside), starting fresh' : 'starting fresh';
      log.warn({ file, reason: checked }, `state: ${file} is not a valid state file (${checked}); ${what}`);
      await StateStore.keepAside(file, options);
    }
    const store = new StateStore(file, freshState(clock.now()), true, options);
    // Written at once: this also tells, at start, whether the state can be saved at all.
    await store.update(() => {}).catch(() => {});
    return store;
  }

  private static async keepAside(file: string, { clock, log, readOnly }: StateStoreOptions): Promise<void> {
    if (readOnly) return;
    const aside = `${file}.corrupt-${clock.now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, aside);
      log.warn({ file, keptAs: aside }, `state: the old state file is kept as ${aside}`);
    } catch (err) {
      log.warn({ err, file }, `state: could not move the old state file aside (${(err as NodeJS.ErrnoException).code ?? 'error'}); it will be replaced when the state can be written`);
    }
  }

  /** The state as it stands (do not change it: use update). */
  get state(): Readonly<BotState> {
    return this.data;
  }

  /** Why the state could not be saved lately, or undefined when it is saved. */
  get writeProblem(): StateWriteProblem | undefined {
    return this.problem;
  }

  /**
   * Changes the state in memory at once and writes it; resolves when this change is on disk, and
   * rejects (with a FileWriteError naming the file) when it could not be written. The change stays
   * in memory either way, and is written with a later attempt.
   */
  update(change: (state: BotState) => void): Promise<void> {
    // Changed in place: the state is checked whole when it is read from the file, and then only
    // changed by this program's own code (cloning and checking thousands of first-seen dates at
    // every change would hold up the answers).
    change(this.data);
    return this.save();
  }

  private save(): Promise<void> {
    if (this.options.readOnly || this.closed) return Promise.resolve();
    const write = this.writes.then(() => this.write());
    this.writes = write.catch(() => {});
    return write;
  }

  /** Writes the state as it is when the write starts (so that writes queued behind a failed one carry every change). */
  private async write(): Promise<void> {
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    try {
      await writeFileAtomic(this.file, text, { mode: 0o600 });
    } catch (err) {
      this.failed(err);
      throw err;
    }
    if (this.problem) {
      this.options.log.info({ file: this.file, since: this.problem.since.toISOString() }, `state: ${this.file} is saved again`);
      this.problem = undefined;
    }
    this.retries = 0;
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private failed(err: unknown): void {
    const message = err instanceof FileWriteError ? err.message : `cannot write ${this.file}: ${(err as Error).message}`;
    if (this.problem?.message !== message) {
      this.options.log.error(
        { err, file: this.file },
        `state: ${message}. The bot goes on answering and serving new articles; what it must remember (first-seen dates, digests) is kept in memory and saved when the file can be written`,
      );
      this.problem = { file: this.file, message, since: this.problem?.since ?? this.options.clock.now() };
    }
    if (this.retry || this.closed) return;
    const { first, longest } = this.options.retryDelaysMs ?? RETRY_DEFAULTS;
    const delay = Math.min(longest, first * 2 ** this.retries++);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.save().catch(() => {});
    }, delay);
    this.retry.unref();
  }

  /** For shutting down: waits for the writes under way and queued; changes after this stay in memory. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    return this.writes;
  }
}

/** Whether a byte can be written to a new file in `dir` (the file is removed again). */
async function canWriteIn(dir: string): Promise<boolean> {
  // Named as a temporary file of this run: one left by a crash right here is removed at the next start.
  const probe = temporaryPathFor(join(dir, STATE_FILE));
  try {
    await writeFile(probe, '\n', { flag: 'wx' });
    return true;
  } catch {
    return false;
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}
