/**
 * What this machine lets a test do to provoke a fault, and why not when it cannot. Tests run as
 * root here (and in most CI), where a read-only mode stops nothing; what does work as root: a small
 * tmpfs that fills up (ENOSPC), an immutable folder (`chattr +i`: EPERM on every write), and a
 * program run as an unprivileged user (`setpriv`) for permission cases (EACCES). A test that needs
 * one of these is skipped with the reason given here, never failed because the machine cannot.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The unprivileged user and group programs are run as (nobody / nogroup on Debian and most others). */
export const NOBODY = { uid: 65534, gid: 65534 };

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
const isRoot = process.getuid?.() === 0;

function tryIn(what: (dir: string) => void): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kz-machine-'));
  try {
    what(dir);
    return undefined;
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function probe(name: string, check: () => string | undefined): string | undefined {
  if (process.platform !== 'linux') return `${name} needs Linux (this is ${process.platform})`;
  if (!isRoot) return `${name} needs root (the tests run as uid ${process.getuid?.()})`;
  const problem = check();
  return problem === undefined ? undefined : `${name} is not allowed here: ${problem}`;
}

/** Why a small tmpfs cannot be mounted here (undefined when it can). */
export const tmpfsProblem = probe('mounting a tmpfs', () =>
  tryIn((dir) => {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    run('umount', [dir]);
  }),
);

/** Why a folder cannot be made immutable here (undefined when it can). */
export const chattrProblem = probe('chattr +i', () =>
  tryIn((dir) => {
    run('chattr', ['+i', dir]);
    let refused = false;
    try {
      writeFileSync(join(dir, 'x'), 'x');
    } catch {
      refused = true;
    }
    run('chattr', ['-i', dir]);
    if (!refused) throw new Error('an immutable folder still took a new file');
  }),
);

/** The project's own files: the programs run as nobody must be able to read them. */
const PROJECT_FILE = fileURLToPath(new URL('../../package.json', import.meta.url));

/**
 * Why a program of this project cannot be run as an unprivileged user here (undefined when it can):
 * setpriv refused, or the checkout is in a folder nobody may enter (a clone in `mktemp -d`, mode 0700).
 */
export const dropPrivilegesProblem = probe('running a program as nobody (setpriv)', () => {
  try {
    const check = 'require("node:fs").accessSync(process.argv[1]); process.stdout.write(String(process.getuid()))';
    const out = run('setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', process.execPath, '-e', check, PROJECT_FILE]);
    return String(out) === String(NOBODY.uid) ? undefined : `it ran as ${String(out)}`;
  } catch (err) {
    const message = (err as Error).message;
    if (/EACCES/.test(message)) return `the project's files cannot be read by nobody (a folder above ${PROJECT_FILE} is closed to others)`;
    return message.split('\n')[0];
  }
});

/** Mounts a tmpfs of `size` (e.g. '256k') on `dir`; returns the unmount. */
export function mountTmpfs(dir: string, size: string): () => void {
  run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
  return () => {
    try {
      run('umount', [dir]);
    } catch {
      run('umount', ['-l', dir]);
    }
  };
}

/** Fills the file system of `dir` to the last byte (a filler file there); returns the filler's path. */
export function fillUp(dir: string): string {
  const filler = join(dir, 'filler');
  const chunk = Buffer.alloc(4096, 0x78);
  const fd = openSync(filler, 'w');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** Sets or clears the immutable attribute of a folder. */
export function setImmutable(dir: string, on: boolean): void {
  run('chattr', [on ? '+i' : '-i', dir]);
}

/** A test's title, with the reason it is skipped when the machine cannot make its fault (vitest shows the title, not the condition). */
export const unless = (problem: string | undefined, title: string) => (problem ? `${title} — skipped: ${problem}` : title);
