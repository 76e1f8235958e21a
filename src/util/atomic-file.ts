import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A file could not be written: which file, and why in words (the system's error is the cause). */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(`cannot write ${file}: ${describeCode(code)}`, { cause });
  }
}

function describeCode(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EROFS':
      return 'the file system is read-only (EROFS)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    default:
      return code;
  }
}

let counter = 0;

/**
 * This run of the process, beside its id, in the names of its temporary files: a process id alone
 * says nothing after a restart in a container, where the bot is always process 1. Worker threads
 * take it from the environment they inherit, so that they count as the same run.
 */
const RUN = (() => {
  const inherited = process.env.KZ_TEMPORARY_RUN?.split(':');
  const run = inherited?.[0] === String(process.pid) && inherited[1] ? inherited[1] : randomBytes(4).toString('hex');
  process.env.KZ_TEMPORARY_RUN = `${process.pid}:${run}`;
  return run;
})();

/** NAME.tmp-PID-RUN-N; NAME.tmp-PID-N and NAME.PID-N.tmp are the forms of earlier versions. */
const TEMPORARY = /(?:\.tmp-(\d+)-([0-9a-f]{8})-\d+|\.tmp-(\d+)-\d+|\.(\d+)(?:-\d+)?\.tmp)$/;

/** A new name for a temporary file beside `file`, which removeLeftoverTemporaries recognises once this process has ended. */
export function temporaryPathFor(file: string): string {
  return `${file}.tmp-${process.pid}-${RUN}-${++counter}`;
}

/**
 * Writes a file so that a crash or a full disk leaves either the old file or the new one, never
 * part of one: a temporary file beside it (`NAME.tmp-PID-N`), flushed to disk, then renamed over
 * it. On failure the temporary file is removed and a FileWriteError names the file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temporary = temporaryPathFor(file);
  try {
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(temporary, 'w', options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (err) {
    await unlink(temporary).catch(() => {});
    throw new FileWriteError(file, (err as NodeJS.ErrnoException).code ?? (err as Error).message, err);
  }
  // Make the rename itself durable (not possible on every platform; the data is already safe).
  try {
    const folder = await open(dirname(file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Windows cannot open a folder for syncing.
  }
}

/** Whether the writer a temporary file's name tells of may still be running (then the file is not to be removed). */
function writerMayBeRunning(match: RegExpExecArray): boolean {
  const [, pid, run, olderPid, oldestPid] = match;
  if (pid !== undefined) return Number(pid) === process.pid ? run === RUN : alive(Number(pid));
  return alive(Number(olderPid ?? oldestPid));
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files left in `dir` by writers that died before renaming them (never those of a process still running). Returns their names. */
export async function removeLeftoverTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || writerMayBeRunning(match)) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Removes the temporary files this process left beside `file` (a writer stopped midway: a cache
 * builder's thread terminated while it wrote). Only for a writer known to be stopped: a write of
 * this process still under way would lose its temporary file.
 */
export async function removeOwnTemporaries(file: string): Promise<void> {
  const prefix = `${basename(file)}.tmp-${process.pid}-${RUN}-`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => unlink(join(dirname(file), name)).catch(() => {})));
}
