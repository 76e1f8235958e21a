import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { isArticleFile } from '../core/knowledge';
import { folderIdentity } from './knowledge-folder';
import type { Logger } from '../util/logger';

export interface WatchOptions {
  /** Quiet time after the last change before refreshing (an editor saves in several steps). Default 1 s. */
  debounceMs?: number;
  /** How often to compare the folder anyway, for file systems whose events are unreliable; 0 = never. Default 30 s. */
  pollMs?: number;
  /** How often to check that the folder is still the one watched, when its parent cannot be watched. Default 5 s. */
  identityCheckMs?: number;
  /** Watch the parent folder's events for a replacement (default true); false leaves it to the identity check, as on file systems without such events. */
  watchParent?: boolean;
}

export interface KnowledgeWatcher {
  close(): void;
}

/** What the watcher needs of the library: its folder, and a way to pick up changes. */
export interface Refreshable {
  readonly folder: string;
  refresh(): Promise<unknown>;
}

/**
 * Whether `fs.watch(dir, { recursive: true })` is the system's own recursive watch (macOS, Windows).
 * On Linux, Node 20 makes it itself: it reads the whole tree and stats and watches every file, all at
 * once on the main thread (0.11 s, 0.14 s of CPU, for the 2,500 files of a 5× library; twice that at
 * 10×), and keeps a watch per file. A watch per folder tells the same changes.
 */
const RECURSIVE_WATCH_IS_NATIVE = process.platform !== 'linux';

/** The folder and every subfolder that can be read (for watching one folder at a time). */
async function foldersUnder(dir: string): Promise<string[]> {
  const folders = [dir];
  for (let i = 0; i < folders.length; i++) {
    try {
      for (const entry of await readdir(folders[i]!, { withFileTypes: true })) {
        if (entry.isDirectory() && !entry.name.startsWith('.')) folders.push(join(folders[i]!, entry.name));
      }
    } catch {
      // Unreadable: the library reports it as a rejected entry; nothing to watch in it.
    }
  }
  return folders;
}

/**
 * Refreshes the library when an article file in its folder is added, changed or removed: file
 * events (recursive where the platform has them, else folder by folder), plus a periodic refresh
 * in case events are lost (network drives, some containers). Changes within `debounceMs` are taken
 * together. A folder moved away and replaced by another (as deploy scripts do) is noticed, through
 * its parent's events or a cheap identity check, and the new one is watched.
 */
export function watchKnowledge(library: Refreshable, log: Logger, options: WatchOptions = {}): KnowledgeWatcher {
  const dir = library.folder;
  const debounceMs = options.debounceMs ?? 1_000;
  const pollMs = options.pollMs ?? 30_000;
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let identityTimer: NodeJS.Timeout | undefined;
  /** The watches, by folder: the folder itself when watched recursively, else each folder under it (see byFolder). */
  const watchers = new Map<string, FSWatcher>();
  let parentWatcher: FSWatcher | undefined;
  let watched: string | undefined;
  let attaching: Promise<void> | undefined;
  /** The folder last watched, while none is (it is gone, or its events stopped): the next one is "back" if it is the same, else a replacement. */
  let lastWatched: string | undefined;
  /** Whether "it is gone" was said since the folder was last watched (said once). */
  let goneTold = false;
  let checks = 0;

  const refresh = () => {
    if (!closed) void library.refresh();
  };
  const changed = (why: string) => {
    if (closed) return;
    log.debug({ why }, 'knowledge folder changed');
    clearTimeout(debounce);
    debounce = setTimeout(refresh, debounceMs);
    debounce.unref();
  };
  const detach = () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    watched = undefined;
  };
  const onEvent = (folder: string) => (_event: string, filename: string | Buffer | null) => {
    const name = filename === null ? null : String(filename);
    // No file name (some platforms), a subfolder or an article file: look.
    if (name === null || isArticleFile(name) || !name.includes('.')) changed(`file event: ${name === null ? 'unknown file' : join(folder, name)}`);
    // Watching folder by folder, a new subfolder is watched too (and one removed is let go).
    if (byFolder && name !== null && !name.includes('.')) void watchFoldersUnder(join(folder, name));
  };
  /** Whether the folders are watched one by one, rather than the folder recursively. */
  let byFolder = false;
  /** Watches a folder, or watches it again (`renew`): a folder removed and made again has the same path, and its old watch is dead. */
  const watchFolder = (folder: string, renew: boolean) => {
    const known = watchers.get(folder);
    if (closed || !byFolder || (known && !renew)) return;
    if (known) unwatchFolder(folder);
    try {
      const watcher = watch(folder, { persistent: false }, onEvent(folder));
      // A removed subfolder's watch may end with an error; by then a folder made again there may have a watch of its own.
      watcher.on('error', folder === dir ? onError : () => (watchers.get(folder) === watcher ? unwatchFolder(folder) : watcher.close()));
      watchers.set(folder, watcher);
    } catch (err) {
      log.debug({ err, folder }, 'knowledge folder: cannot watch a subfolder');
    }
  };
  const unwatchFolder = (folder: string) => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };
  /** After an event for a possible subfolder: it and the folders under it are watched anew; if it is gone, let go. */
  const watchFoldersUnder = async (folder: string) => {
    const info = await stat(folder).catch(() => undefined);
    if (closed || !byFolder) return;
    if (!info?.isDirectory()) {
      for (const watchedFolder of [...watchers.keys()]) if (watchedFolder === folder || watchedFolder.startsWith(`${folder}${sep}`)) unwatchFolder(watchedFolder);
      return;
    }
    for (const under of await foldersUnder(folder)) watchFolder(under, true);
  };
  const onError = (err: unknown) => {
    if (closed) return;
    log.warn({ err, dir }, 'knowledge folder: file events stopped; watching it again');
    lastWatched = watched ?? lastWatched;
    detach();
    // The folder may be gone or replaced (a move often ends the watch this way): told as such.
    setTimeout(() => void checkIdentity(), debounceMs).unref();
  };

  /** Starts watching the folder now at `dir` (if it is not the one watched already). */
  const attach = (): Promise<void> =>
    (attaching ??= (async () => {
      const identity = await folderIdentity(dir);
      if (closed || identity === watched) return;
      detach();
      if (identity === undefined) return; // gone: the parent's events or the identity check bring it back
      byFolder = !RECURSIVE_WATCH_IS_NATIVE;
      if (!byFolder) {
        try {
          watchers.set(dir, watch(dir, { recursive: true, persistent: false }, onEvent(dir)).on('error', onError));
        } catch {
          // No recursive watching here, or a subfolder that cannot be read: one folder at a time.
          byFolder = true;
        }
      }
      if (byFolder) {
        const folders = await foldersUnder(dir);
        if (closed) return;
        for (const folder of folders) watchFolder(folder, false);
      }
      if (watchers.size === 0) log.warn({ dir }, 'knowledge folder: no file events here; relying on the periodic check');
      watched = identity;
      // Events come only from now on: whatever changed since the library last looked (while it
      // started, or while the watch was being set up again) is picked up by one refresh.
      changed('watching started');
    })().finally(() => (attaching = undefined)));

  /** The folder at `dir` is not the one watched (moved away, replaced, or back): watch the new one and look at it. */
  const checkIdentity = async () => {
    const check = ++checks;
    const identity = await folderIdentity(dir);
    // A later check looked later: its answer is the one that counts (two renames make two events).
    if (closed || check !== checks) return;
    if (identity === undefined) {
      if (watched === undefined && (lastWatched === undefined || goneTold)) return;
      lastWatched = watched ?? lastWatched;
      detach();
      // A deploy moves the folder away and the new one in: only a folder still gone a moment later is reported.
      setTimeout(() => {
        void folderIdentity(dir).then((now) => {
          if (closed || watched !== undefined || now !== undefined || goneTold) return;
          goneTold = true;
          log.warn({ dir }, 'knowledge folder: it is gone; still serving the articles read before, and watching for it to come back');
        });
      }, debounceMs).unref();
      return;
    }
    if (identity === watched) return;
    const before = watched ?? lastWatched;
    log.info({ dir }, before === undefined || before === identity ? 'knowledge folder: it is back; watching it' : 'knowledge folder: it was replaced; watching the new one');
    lastWatched = undefined;
    goneTold = false;
    await attach();
    changed('folder replaced');
  };

  void attach();
  try {
    if (options.watchParent === false) throw new Error('not watching the parent folder');
    parentWatcher = watch(dirname(dir), { persistent: false }, (_event, filename) => {
      if (filename === null || String(filename) === basename(dir)) void checkIdentity();
    });
    parentWatcher.on('error', () => {
      parentWatcher?.close();
      parentWatcher = undefined;
    });
  } catch {
    parentWatcher = undefined;
  }
  // Cheap (one stat), and it catches a replacement even where the parent's events do not come.
  const identityEvery = options.identityCheckMs ?? 5_000;
  if (identityEvery > 0) {
    identityTimer = setInterval(() => void checkIdentity(), identityEvery);
    identityTimer.unref();
  }
  if (pollMs > 0) {
    poll = setInterval(refresh, pollMs);
    poll.unref();
  }

  return {
    close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(poll);
      clearInterval(identityTimer);
      detach();
      parentWatcher?.close();
    },
  };
}
