/**
 * Issue 11, item 1, the feedback key's side: the key file appears whole or not at all, so that a
 * full disk at the first start cannot leave an empty key that stops every later start.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, loadOrCreateKey } from '../../src/feedback/user-key';
import { createLogger } from '../../src/util/logger';
import { LogCapture } from '../support/bot-harness';
import { fillUp, mountTmpfs, tmpfsProblem, unless } from '../support/machine';
import { temporaryDir } from '../support/temporary-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

describe('the feedback key', () => {
  it.skipIf(tmpfsProblem)(unless(tmpfsProblem, 'on a full disk: the write fails and leaves no key file, empty or not, and no temporary file; made once there is room'), async () => {
    const dir = join(temporaryDir('kz-key-full-'), 'state');
    mkdirSync(dir);
    cleanups.push(mountTmpfs(dir, '64k'));
    const filler = fillUp(dir);
    const logs = new LogCapture();
    await expect(loadOrCreateKey(dir, createLogger('debug', logs.stream))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir)).toEqual(['filler']);

    rmSync(filler);
    const key = await loadOrCreateKey(dir, createLogger('debug', logs.stream));
    expect(readFileSync(join(dir, KEY_FILE), 'utf8')).toBe(`${key.toString('hex')}\n`);
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });

  it('an empty key file (a write cut short by an earlier version) is replaced, with a warning, not a refusal to start', async () => {
    const dir = temporaryDir('kz-key-empty-');
    writeFileSync(join(dir, KEY_FILE), '');
    const logs = new LogCapture();
    const key = await loadOrCreateKey(dir, createLogger('debug', logs.stream));
    expect(key).toHaveLength(32);
    expect(readFileSync(join(dir, KEY_FILE), 'utf8')).toBe(`${key.toString('hex')}\n`);
    expect(logs.atLeast(40).map((line) => line.msg)).toEqual([`feedback: ${join(dir, KEY_FILE)} is empty; making a new key`]);
    // The same key at the next start.
    expect(await loadOrCreateKey(dir, createLogger('debug', new LogCapture().stream))).toEqual(key);
  });

  it('two starts at once agree on one key', async () => {
    const dir = temporaryDir('kz-key-race-');
    const log = createLogger('debug', new LogCapture().stream);
    const [a, b] = await Promise.all([loadOrCreateKey(dir, log), loadOrCreateKey(dir, log)]);
    expect(a).toEqual(b);
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });
});
