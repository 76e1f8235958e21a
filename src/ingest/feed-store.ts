import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic-file';
import { checkedJson } from '../util/checked-json';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';

export const FEEDS_FILE = 'feeds.json';

/**
 * Each feed's items are in a file of their own in this folder, written only when they change:
 * feeds.json stays small, and a round of checks that finds nothing new writes it alone. (Kept in
 * feeds.json itself, as in version 1 of the file, 50 feeds remembering 2,000 items each made it 40
 * MB, written at every round: 680 ms of CPU for a round of 304s.)
 */
export const FEED_ITEMS_DIR = 'feeds.items';

const instant = z.iso.datetime({ offset: true, error: 'is not a date and time' });

/** Why an item already in a feed at its first check was not imported (it is recorded, not skipped). */
export const AT_FIRST_CHECK = 'in the feed at its first check';

const itemSchema = z.object({
  id: z.string(),
  /** When the outcome was recorded. */
  at: instant,
  /** imported: saved as `file`; skipped: not imported, for `reason`; retry: failed for a reason that may pass, tried again next check. */
  outcome: z.enum(['imported', 'skipped', 'retry']),
  reason: z.string().optional(),
  file: z.string().optional(),
  title: z.string().optional(),
  link: z.string().optional(),
  tries: z.number().int().min(1).optional(),
});
export type SeenItem = z.infer<typeof itemSchema>;

const feedSchema = z.object({
  url: z.string(),
  title: z.string().nullable().default(null),
  keywords: z.array(z.string()).default([]),
  addedAt: instant,
  addedBy: z.string(),
  /** On the first check, import the newest this many items instead of none. */
  backfill: z.number().int().min(0).default(0),
  validators: z.object({ etag: z.string().optional(), lastModified: z.string().optional() }).default({}),
  firstCheckAt: instant.nullable().default(null),
  lastCheckAt: instant.nullable().default(null),
  lastSuccessAt: instant.nullable().default(null),
  lastError: z.object({ at: instant, message: z.string() }).nullable().default(null),
  /** Failed checks in a row. */
  failures: z.number().int().min(0).default(0),
  nextCheckAt: instant,
  paused: z.object({ at: instant, reason: z.string() }).nullable().default(null),
  imported: z.number().int().min(0).default(0),
  skipped: z.number().int().min(0).default(0),
  /** Items already in the feed at its first check: recorded, not imported, and not counted as skipped. */
  recorded: z.number().int().min(0).default(0),
  /** A check under way (by a bot or a CLI), so two processes never check one feed at once; it lapses by itself. */
  checking: z.object({ by: z.string(), until: instant }).nullable().default(null),
  /**
   * What became of each item seen, oldest first (bounded: see pruneItems). The list is replaced when
   * it changes, never changed in place: the store writes a feed's items when its list is another one.
   */
  items: z.array(itemSchema).default([]),
  /** In version 2 of the file, how many items the feed's items file holds (the items being there). */
  itemCount: z.number().int().min(0).optional(),
});
export type FeedRecord = z.infer<typeof feedSchema>;

/** What a subscription is given; the rest of a feed's record starts empty. */
export type Subscription = Pick<FeedRecord, 'url' | 'title' | 'keywords' | 'addedAt' | 'addedBy' | 'backfill'>;

/** A feed as just subscribed: never checked, nothing seen or imported, due for its first check at once. */
export function newFeedRecord(subscription: Subscription): FeedRecord {
  return {
    url: subscription.url,
    title: subscription.title,
    keywords: subscription.keywords,
    addedAt: subscription.addedAt,
    addedBy: subscription.addedBy,
    backfill: subscription.backfill,
    validators: {},
    firstCheckAt: null,
    lastCheckAt: null,
    lastSuccessAt: null,
    lastError: null,
    failures: 0,
    nextCheckAt: subscription.addedAt,
    paused: null,
    imported: 0,
    skipped: 0,
    recorded: 0,
    checking: null,
    items: [],
  };
}

/**
 * A record written before `recorded` was counted apart: its items from the first check were counted
 * as skipped. They are moved to `recorded`, as far as the items kept still show them.
 */
function countRecordedApart(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || 'recorded' in raw) return raw;
  const { items, skipped } = raw as { items?: unknown; skipped?: unknown };
  if (!Array.isArray(items) || typeof skipped !== 'number') return raw;
  const recorded = items.filter((item) => (item as { reason?: unknown } | null)?.reason === AT_FIRST_CHECK).length;
  return { ...raw, recorded, skipped: Math.max(0, skipped - recorded) };
}

/** Version 1 holds each feed's items; version 2 holds them in FEED_ITEMS_DIR. */
const fileSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  feeds: z.array(z.preprocess(countRecordedApart, feedSchema)),
});
export interface FeedsState {
  feeds: FeedRecord[];
}

const itemsFileSchema = z.object({ url: z.string(), items: z.array(itemSchema) });

const emptyState = (): FeedsState => ({ feeds: [] });

/** Items no longer in the feed are remembered this many at most (the newest); those still in it always are. */
export const REMEMBERED_GONE_ITEMS = 2000;

/**
 * Bounds a feed's list of seen items: every item still in the feed is kept (else it would look
 * new), plus the last `keep` of those gone from it (a feed that brings an old item back).
 */
export function pruneItems(items: SeenItem[], current: ReadonlySet<string>, keep = REMEMBERED_GONE_ITEMS): SeenItem[] {
  const gone = items.filter((item) => !current.has(item.id));
  if (gone.length <= keep) return items;
  const dropped = new Set(gone.slice(0, gone.length - keep));
  return items.filter((item) => !dropped.has(item));
}

export interface FeedStoreOptions {
  clock: Clock;
  log: Logger;
  /** How long to wait for another process's lock before giving up. Default 10 s. */
  lockTimeoutMs?: number;
  /** A lock older than this is from a process that died while holding it. Default 30 s (a write takes milliseconds). */
  staleLockMs?: number;
}

interface Signature {
  mtimeMs: number;
  size: number;
  ino: number;
}

const sameSignature = (a: Signature | undefined, b: Signature | undefined) => !!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

class FeedStoreError extends Error {}

let counter = 0;

/**
 * The feed subscriptions, in `STATE_DIR/feeds.json` and each feed's items in `STATE_DIR/feeds.items/`
 * (see FEED_ITEMS_DIR): files of their own (not the bot's state.json) because `npm run feeds`
 * changes them while the bot runs. Every change is a read-modify-write under
 * a lock file (created exclusively; a lock left by a dead process is taken over), written
 * atomically (temporary file, fsync, rename); readers re-read it when it changed on disk. A file
 * that is not valid is kept aside with a warning and an empty list started: never a crash.
 */
export class FeedStore {
  readonly file: string;
  private readonly lockFile: string;
  private readonly itemsDir: string;
  private cached: FeedsState = emptyState();
  private signature: Signature | undefined;
  private warnedAbout: string | undefined;
  private dirMade = false;
  /** Each feed's items as its file holds them (the list is replaced, never changed, when they change): a list not in here is written. */
  private readonly itemsOnDisk = new Map<string, { list: SeenItem[]; signature: Signature | undefined }>();

  constructor(
    readonly dir: string,
    private readonly options: FeedStoreOptions,
  ) {
    this.file = join(dir, FEEDS_FILE);
    this.lockFile = `${this.file}.lock`;
    this.itemsDir = join(dir, FEED_ITEMS_DIR);
  }

  /**
   * The subscriptions as they are on disk now (re-read only when the file changed). The result is
   * the store's own copy: read what is needed at once, change nothing (use update).
   */
  async read(): Promise<Readonly<FeedsState>> {
    const current = await this.stat();
    if (!current) {
      this.cached = emptyState();
      this.signature = undefined;
      return this.cached;
    }
    if (sameSignature(current, this.signature)) return this.cached;
    const text = await readFile(this.file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    if (text === undefined) return this.read();
    const checked = checkedJson(fileSchema, text);
    if (typeof checked === 'string') {
      const key = `${current.mtimeMs}:${current.size}`;
      if (this.warnedAbout !== key) {
        this.warnedAbout = key;
        this.options.log.warn({ file: this.file, reason: checked }, `feeds: ${this.file} is not a valid feeds file (${checked}); no feeds until it is fixed or replaced by the next change`);
      }
      // No signature: the next change reads the file again and keeps it aside before writing.
      this.cached = emptyState();
      this.signature = undefined;
      return this.cached;
    }
    this.cached = await this.withItems(checked);
    this.signature = current;
    return this.cached;
  }

  /**
   * Changes the subscriptions: under the lock, on the latest file, then written atomically.
   * What `change` returns is returned. A change that throws writes nothing.
   */
  async update<T>(change: (state: FeedsState) => T): Promise<T> {
    await this.lock();
    try {
      const onDisk = await this.stat();
      // Unchanged since this store last read or wrote it: the copy in memory is the file (no re-parse,
      // which matters for feeds of thousands of items).
      const state = onDisk && sameSignature(onDisk, this.signature) ? this.cached : await this.readForUpdate();
      // Until written, the copy in memory may be ahead of the file: a failure below makes the next call read the file.
      this.signature = undefined;
      const result = change(state);
      await this.write(state);
      this.cached = state;
      this.signature = await this.stat();
      return result;
    } finally {
      await unlink(this.lockFile).catch(() => {});
    }
  }

  /**
   * The feeds with their items: those of version 1 as they are (written apart at the next change),
   * those of version 2 from their files, read again only when a file changed. A feed whose items
   * file is missing or damaged is checked as if for the first time (what its feed has is recorded,
   * not imported: never a flood), and a warning says so.
   */
  private async withItems(parsed: z.infer<typeof fileSchema>): Promise<FeedsState> {
    if (parsed.version === 1) {
      this.itemsOnDisk.clear();
      return { feeds: parsed.feeds };
    }
    for (const feed of parsed.feeds) {
      const file = this.itemsFileOf(feed.url);
      const { itemCount } = feed;
      delete feed.itemCount;
      const signature = await statOf(file);
      const known = this.itemsOnDisk.get(feed.url);
      if (known && sameSignature(signature, known.signature)) {
        feed.items = known.list;
        continue;
      }
      let problem: string | undefined;
      if (signature) {
        const text = await readFile(file, 'utf8').catch(() => undefined);
        const checked = text === undefined ? 'unreadable' : checkedJson(itemsFileSchema, text);
        if (typeof checked !== 'string' && checked.url === feed.url) {
          feed.items = checked.items;
          this.itemsOnDisk.set(feed.url, { list: feed.items, signature });
          continue;
        }
        problem = 'is damaged';
      } else if ((itemCount ?? 0) > 0) {
        problem = 'is missing';
      }
      if (problem) {
        this.options.log.warn({ feed: feed.url, file }, `feeds: the items file of ${feed.url} (${file}) ${problem}; what the feed has at its next check is recorded as at a first check, not imported`);
        feed.firstCheckAt = null;
        feed.backfill = 0;
      }
      feed.items = [];
      this.itemsOnDisk.delete(feed.url);
    }
    return { feeds: parsed.feeds };
  }

  private itemsFileOf(url: string): string {
    return join(this.itemsDir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.json`);
  }

  private stat(): Promise<Signature | undefined> {
    return statOf(this.file);
  }

  /** Under the lock: the file as it is, a corrupt one moved aside first. */
  private async readForUpdate(): Promise<FeedsState> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw err;
    }
    const checked = checkedJson(fileSchema, text);
    if (typeof checked !== 'string') return this.withItems(checked);
    const aside = `${this.file}.corrupt-${this.options.clock.now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, aside);
    this.options.log.warn({ file: this.file, keptAs: aside, reason: checked }, `feeds: ${this.file} was not a valid feeds file (${checked}); kept as ${aside}, starting with no feeds`);
    // The feeds' items files stay: the file kept aside, mended and put back, finds them.
    this.itemsOnDisk.clear();
    return emptyState();
  }

  private async lock(): Promise<void> {
    if (!this.dirMade) {
      await mkdir(this.dir, { recursive: true });
      this.dirMade = true;
    }
    const timeout = this.options.lockTimeoutMs ?? 10_000;
    const stale = this.options.staleLockMs ?? 30_000;
    const started = Date.now();
    const me = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
    let remade = false;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        const handle = await open(this.lockFile, 'wx');
        try {
          await handle.writeFile(me);
        } finally {
          await handle.close();
        }
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && !remade) {
          remade = true;
          await mkdir(this.dir, { recursive: true }); // the folder was removed while running
          continue;
        }
        if (code !== 'EEXIST') throw err;
      }
      const holder = await this.lockHolder();
      if (holder && (holder.dead || Date.now() - holder.since > stale)) {
        // Taken over by renaming: of two processes that both find it stale, only one rename succeeds.
        const claimed = `${this.lockFile}.stale-${process.pid}-${++counter}`;
        if (await rename(this.lockFile, claimed).then(() => true, () => false)) {
          await unlink(claimed).catch(() => {});
          this.options.log.warn({ lock: this.lockFile, pid: holder.pid }, 'feeds: took over a lock left by a process that stopped');
        }
        continue;
      }
      if (Date.now() - started > timeout) {
        throw new FeedStoreError(`feeds: ${this.lockFile} is held by process ${holder?.pid ?? '?'} for more than ${Math.round(timeout / 1000)} s; if no bot or CLI is running, delete it`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async lockHolder(): Promise<{ pid: number | undefined; since: number; dead: boolean } | undefined> {
    try {
      const [text, info] = await Promise.all([readFile(this.lockFile, 'utf8'), stat(this.lockFile)]);
      let pid: number | undefined;
      let host: string | undefined;
      try {
        ({ pid, host } = JSON.parse(text) as { pid?: number; host?: string });
      } catch {
        // Being written this very moment, or broken: judged by its age.
      }
      let dead = false;
      if (pid !== undefined && host === hostname() && pid !== process.pid) {
        try {
          process.kill(pid, 0);
        } catch (err) {
          dead = (err as NodeJS.ErrnoException).code === 'ESRCH';
        }
      }
      return { pid, since: info.mtimeMs, dead };
    } catch {
      return undefined; // gone in the meantime
    }
  }

  /**
   * The items that changed first, each feed's in its file, then feeds.json: a crash in between
   * leaves items ahead of feeds.json (an item recorded as imported is not imported again), never behind.
   */
  private async write(state: FeedsState): Promise<void> {
    const subscribed = new Set<string>();
    for (const feed of state.feeds) {
      subscribed.add(feed.url);
      if (this.itemsOnDisk.get(feed.url)?.list === feed.items) continue;
      const file = this.itemsFileOf(feed.url);
      if (feed.items.length) await writeFileAtomic(file, JSON.stringify({ url: feed.url, items: feed.items }), { mode: 0o600 });
      else await unlink(file).catch(() => {});
      this.itemsOnDisk.set(feed.url, { list: feed.items, signature: await statOf(file) });
    }
    const feeds = state.feeds.map(({ items, ...feed }) => ({ ...feed, itemCount: items.length }));
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 2, feeds }, null, 1)}\n`, { mode: 0o600 });
    for (const url of [...this.itemsOnDisk.keys()]) {
      if (subscribed.has(url)) continue;
      await unlink(this.itemsFileOf(url)).catch(() => {});
      this.itemsOnDisk.delete(url);
    }
  }
}

async function statOf(file: string): Promise<Signature | undefined> {
  try {
    const s = await stat(file);
    return { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino };
  } catch {
    return undefined;
  }
}
