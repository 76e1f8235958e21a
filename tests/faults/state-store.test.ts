/**
 * Issue 11, item 1, the state file's side: a write that fails (a full disk, a folder that refuses
 * writes) is logged once with its cause and the file's name, leaves no temporary file, keeps every
 * change in memory, and is retried on its own until it succeeds. Real file systems: a tmpfs filled
 * to the last byte, a folder made immutable with chattr +i.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWriteError } from '../../src/util/atomic-file';
import { createLogger } from '../../src/util/logger';
import { STATE_FILE, StateStore } from '../../src/state/state-file';
import { LogCapture } from '../support/bot-harness';
import { chattrProblem, fillUp, mountTmpfs, setImmutable, tmpfsProblem, unless } from '../support/machine';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const clock = new ManualClock('2026-03-10T06:00:00Z');
const open = (dir: string, logs: LogCapture, readOnly = false) =>
  StateStore.open(dir, { clock, log: createLogger('debug', logs.stream), readOnly, retryDelaysMs: { first: 20, longest: 80 } });
const setChannel = (id: string) => (state: { digest: { channelId: string | null } }) => {
  state.digest.channelId = id;
};
const onDisk = (dir: string) => JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as { digest: { channelId: string | null; time: string | null } };

describe('a state write that fails', () => {
  it.skipIf(tmpfsProblem)(unless(tmpfsProblem, 'on a full disk: logged once naming the file, no temporary file, and written by the retry once there is room'), async () => {
    const dir = join(temporaryDir('kz-state-full-'), 'state');
    mkdirSync(dir);
    cleanups.push(mountTmpfs(dir, '64k'));
    const filler = fillUp(dir);
    const logs = new LogCapture();
    const store = await open(dir, logs);
    const file = join(dir, STATE_FILE);
    expect(store.writeProblem).toMatchObject({ file, message: `cannot write ${file}: the disk is full (ENOSPC)` });

    const first = store.update(setChannel('123456789012345678'));
    await expect(first).rejects.toThrow(FileWriteError);
    await expect(first).rejects.toMatchObject({ file, code: 'ENOSPC' });
    await expect(store.update((state) => void (state.digest.time = '09:00'))).rejects.toThrow(`cannot write ${file}`);
    expect(store.state.digest).toMatchObject({ channelId: '123456789012345678', time: '09:00' }); // kept in memory
    expect(logs.atLeast(50).map((line) => line.msg)).toEqual([expect.stringMatching(new RegExp(`^state: cannot write ${file}: the disk is full \\(ENOSPC\\)\\. The bot goes on`))]);
    expect(readdirSync(dir)).toEqual(['filler']);

    rmSync(filler);
    // Nothing else changes: the retry alone writes the state, with every change made meanwhile.
    await expect.poll(() => store.writeProblem, { timeout: 5_000 }).toBeUndefined();
    expect(onDisk(dir).digest).toMatchObject({ channelId: '123456789012345678', time: '09:00' });
    expect(logs.entries().map((line) => line.msg)).toContain(`state: ${file} is saved again`);
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    await store.close();
  });

  it.skipIf(chattrProblem)(unless(chattrProblem, 'in a folder that refuses writes (EPERM): the same, and a corrupt file there is left as it is, saying so'), async () => {
    const dir = temporaryDir('kz-state-immutable-');
    writeFileSync(join(dir, STATE_FILE), 'not json');
    setImmutable(dir, true);
    cleanups.push(() => setImmutable(dir, false));
    const logs = new LogCapture();
    const store = await open(dir, logs);
    const file = join(dir, STATE_FILE);
    expect(store.fresh).toBe(true);
    expect(store.writeProblem?.message).toBe(`cannot write ${file}: permission denied (EPERM)`);
    expect(logs.atLeast(40).map((line) => line.msg)).toEqual([
      expect.stringMatching(/is not a valid state file \(not JSON: .*\); starting fresh$/),
      'state: could not move the old state file aside (EPERM); it will be replaced when the state can be written',
      expect.stringContaining(`state: cannot write ${file}: permission denied (EPERM)`),
    ]);
    await expect(store.update(setChannel('123456789012345678'))).rejects.toMatchObject({ code: 'EPERM' });
    expect(readdirSync(dir)).toEqual([STATE_FILE]);

    setImmutable(dir, false);
    await expect.poll(() => store.writeProblem, { timeout: 5_000 }).toBeUndefined();
    expect(onDisk(dir).digest.channelId).toBe('123456789012345678');
    await store.close();
  });
});

describe('a valid state file in a folder that refuses writes', () => {
  it.skipIf(chattrProblem)(unless(chattrProblem, 'is read, and the store tells at once that the state cannot be saved (not at the first change)'), async () => {
    const dir = temporaryDir('kz-state-valid-immutable-');
    const first = await open(dir, new LogCapture());
    await first.update(setChannel('123456789012345678'));
    await first.close();
    setImmutable(dir, true);
    cleanups.push(() => setImmutable(dir, false));

    const logs = new LogCapture();
    const store = await open(dir, logs);
    const file = join(dir, STATE_FILE);
    expect(store.fresh).toBe(false);
    expect(store.state.digest.channelId).toBe('123456789012345678');
    expect(store.writeProblem?.message).toBe(`cannot write ${file}: permission denied (EPERM)`);
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    await store.close();
  });

  it('in a folder that takes writes, leaves the file as it was and nothing beside it', async () => {
    const dir = temporaryDir('kz-state-valid-');
    const first = await open(dir, new LogCapture());
    await first.update(setChannel('123456789012345678'));
    await first.close();
    const before = readFileSync(join(dir, STATE_FILE), 'utf8');
    const store = await open(dir, new LogCapture());
    expect(store.writeProblem).toBeUndefined();
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).toBe(before);
    await store.close();
  });
});

describe('a corrupt state file read by the terminal (read-only)', () => {
  it('is left where it is, and the warning says so instead of claiming it was kept aside', async () => {
    const dir = temporaryDir('kz-state-terminal-');
    writeFileSync(join(dir, STATE_FILE), '{"version": 1');
    const logs = new LogCapture();
    await open(dir, logs, true);
    expect(logs.atLeast(40).map((line) => line.msg)).toEqual([
      expect.stringMatching(/is not a valid state file \(not JSON: .*\); ignored \(this process only reads the state; the bot will set it aside\), starting fresh$/),
    ]);
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).toBe('{"version": 1');
  });
});
