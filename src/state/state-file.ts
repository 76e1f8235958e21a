import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { botStateSchema, freshState, type BotState } from './bot-state';

export const STATE_FILE = 'state.json';

export interface StateStoreOptions {
  clock: Clock;
  log: Logger;
  /** Changes stay in memory and are never written (the terminal mode, beside a running bot). */
  readOnly?: boolean;
}

/**
 * The bot's state file, held in memory and written whole after each change: to a temporary file,
 * flushed to disk, then renamed over the old one, so a crash leaves either the old or the new
 * state, never half of one. Writes happen one after another, in the order of the changes.
 */
export class StateStore {
  private writes: Promise<void> = Promise.resolve();
  private counter = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    private data: BotState,
    /** True when there was no usable state file: nothing the bot sees now counts as new. */
    readonly fresh: boolean,
    private readonly options: StateStoreOptions,
  ) {}

  /** Reads the state in `dir`. A missing file starts fresh; a corrupt or unreadable one is kept aside (with a warning) and the bot starts fresh. */
  static async open(dir: string, options: StateStoreOptions): Promise<StateStore> {
    const file = join(dir, STATE_FILE);
    const { log, clock } = options;
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        log.warn({ err, file }, `state: ${file} cannot be read (${code ?? 'error'}); starting fresh`);
        await StateStore.keepAside(file, clock, log, options.readOnly);
      }
    }
    if (text !== undefined) {
      const problem = StateStore.check(text);
      if (typeof problem !== 'string') return new StateStore(file, problem, false, options);
      log.warn({ file, reason: problem }, `state: ${file} is not a valid state file (${problem}); kept aside, starting fresh`);
      await StateStore.keepAside(file, clock, log, options.readOnly);
    }
    const store = new StateStore(file, freshState(clock.now()), true, options);
    await store.update(() => {});
    return store;
  }

  private static check(text: string): BotState | string {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return `not JSON: ${(err as Error).message}`;
    }
    const parsed = botStateSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    return `${issue.path.join('.') || 'the file'} ${issue.message}`;
  }

  private static async keepAside(file: string, clock: Clock, log: Logger, readOnly = false): Promise<void> {
    if (readOnly) return;
    const aside = `${file}.corrupt-${clock.now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, aside);
      log.warn({ file, keptAs: aside }, `state: the old state file is kept as ${aside}`);
    } catch (err) {
      log.warn({ err, file }, 'state: could not move the old state file aside; it will be replaced');
    }
  }

  /** The state as it stands (do not change it: use update). */
  get state(): Readonly<BotState> {
    return this.data;
  }

  /** Changes the state in memory at once and writes it; resolves when this change is on disk. */
  update(change: (state: BotState) => void): Promise<void> {
    const next = structuredClone(this.data);
    change(next);
    this.data = botStateSchema.parse(next);
    if (this.options.readOnly || this.closed) return Promise.resolve();
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    const write = this.writes.then(() => this.write(text));
    // A failed write is reported to its caller; the next change writes the whole state again.
    this.writes = write.catch(() => {});
    return write;
  }

  /** For shutting down: waits for the writes under way; changes after this stay in memory. */
  close(): Promise<void> {
    this.closed = true;
    return this.writes;
  }

  private async write(text: string): Promise<void> {
    const dir = join(this.file, '..');
    await mkdir(dir, { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}-${++this.counter}`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.file);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    // Make the rename itself durable (not possible on every platform; the data is already safe).
    try {
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch {
      // Windows cannot open a folder for syncing.
    }
  }
}
