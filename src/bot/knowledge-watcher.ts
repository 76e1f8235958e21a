import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isArticleFile, listArticleFiles } from '../core/knowledge';
import type { Logger } from '../logger';
import type { Library } from './library';

export interface WatchOptions {
  /** Quiet time after the last change before reloading (an editor saves in several steps). Default 1 s. */
  debounceMs?: number;
  /** How often to compare the folder's fingerprint, for file systems whose events are unreliable; 0 = never. Default 30 s. */
  pollMs?: number;
}

export interface KnowledgeWatcher {
  close(): void;
}

/** Every article file under `dir` with its size and modification time: cheap to take, changes when a file does. */
export async function folderFingerprint(dir: string): Promise<string> {
  try {
    const files = await listArticleFiles(dir);
    const parts = await Promise.all(
      files.map(async (file) => {
        try {
          const info = await stat(join(dir, file));
          return `${file}:${info.size}:${info.mtimeMs}`;
        } catch {
          return `${file}:gone`;
        }
      }),
    );
    return parts.join('\n');
  } catch {
    return 'no folder';
  }
}

/**
 * Reloads the library when an article file in its folder is added, changed or removed: file
 * events (recursive where the platform has them), plus a periodic fingerprint check in case events
 * are lost (network drives, some containers). Changes within `debounceMs` are taken together.
 */
export function watchKnowledge(library: Library, log: Logger, options: WatchOptions = {}): KnowledgeWatcher {
  const dir = library.folder;
  const debounceMs = options.debounceMs ?? 1_000;
  const pollMs = options.pollMs ?? 30_000;
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let fingerprint: Promise<string> = folderFingerprint(dir);

  const reload = async () => {
    if (closed) return;
    fingerprint = folderFingerprint(dir);
    try {
      await library.reload();
    } catch {
      // Logged by the library; the previous articles are still served.
    }
  };
  const changed = (why: string) => {
    if (closed) return;
    log.debug({ why }, 'knowledge folder changed');
    clearTimeout(debounce);
    debounce = setTimeout(() => void reload(), debounceMs);
    debounce.unref();
  };

  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, filename) => {
      // No file name (some platforms): look anyway.
      if (filename === null || isArticleFile(String(filename))) changed(`file event: ${filename ?? 'unknown file'}`);
    });
    watcher.on('error', (err) => {
      log.warn({ err, dir }, 'knowledge folder: file events stopped; relying on the periodic check');
      watcher?.close();
      watcher = undefined;
    });
  } catch (err) {
    log.warn({ err, dir }, 'knowledge folder: no file events here; relying on the periodic check');
  }

  if (pollMs > 0) {
    const check = async () => {
      const [before, now] = await Promise.all([fingerprint, folderFingerprint(dir)]);
      if (closed) return;
      if (now !== before) {
        fingerprint = Promise.resolve(now);
        changed('periodic check');
      }
      poll = setTimeout(() => void check(), pollMs);
      poll.unref();
    };
    poll = setTimeout(() => void check(), pollMs);
    poll.unref();
  }

  return {
    close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(poll);
      watcher?.close();
    },
  };
}
