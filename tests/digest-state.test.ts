/** The state file: atomic writes, a corrupt file kept aside, and first-seen dates that survive a restart. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFirstSeen } from '../src/bot/article-ledger';
import type { Article } from '../src/core/types';
import { createLogger } from '../src/util/logger';
import { STATE_FILE, StateStore } from '../src/state/state-file';
import { LogCapture } from './support/bot-harness';
import { ManualClock } from './support/manual-clock';

let dir: string;
let logs: LogCapture;
const clock = new ManualClock('2026-03-10T06:00:00Z');
const open = (readOnly = false) => StateStore.open(dir, { clock, log: createLogger('debug', logs.stream), readOnly });
const article = (file: string, body: string): Article => ({ file, title: `About ${body}`, publisher: null, published: null, url: null, tags: [], body });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kz-state-'));
  logs = new LogCapture();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('StateStore', () => {
  it('starts fresh without a file, writes it whole, and reads it back after a restart', async () => {
    const store = await open();
    expect(store.fresh).toBe(true);
    await store.update((state) => {
      state.digest.channelId = '123456789012345678';
    });
    expect(await readdir(dir)).toEqual([STATE_FILE]); // no temporary file left behind
    const again = await open();
    expect(again.fresh).toBe(false);
    expect(again.state.digest.channelId).toBe('123456789012345678');
  });

  it('keeps a corrupt file aside with a warning and starts fresh', async () => {
    await writeFile(join(dir, STATE_FILE), '{"version": 1, "createdAt": "yesterday"');
    const store = await open();
    expect(store.fresh).toBe(true);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([STATE_FILE, `${STATE_FILE}.corrupt-2026-03-10T06-00-00-000Z`]);
    expect(await readFile(join(dir, files[1]!), 'utf8')).toBe('{"version": 1, "createdAt": "yesterday"');
    expect(logs.atLeast(40).map((l) => l.msg)).toEqual([
      expect.stringMatching(/is not a valid state file \(not JSON: .*\); kept aside, starting fresh$/),
      expect.stringContaining('the old state file is kept as'),
    ]);
  });

  it('treats valid JSON of the wrong shape as corrupt too, naming the field', async () => {
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ version: 1, createdAt: 'never' }));
    await open();
    expect(logs.atLeast(40)[0]).toMatchObject({ reason: 'createdAt is not a date and time' });
  });

  it('read-only (the terminal) never writes, not even a fresh state', async () => {
    const store = await open(true);
    await store.update((state) => {
      state.digest.time = '09:00';
    });
    expect(store.state.digest.time).toBe('09:00');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('first-seen dates', () => {
  it('on the first start every article is already known; later arrivals are dated when seen; a restart changes nothing', async () => {
    const store = await open();
    const first = await recordFirstSeen(store, [article('a.md', 'A')], new Date('2026-03-10T06:00:05Z'));
    expect(first.get('a.md')).toBe(store.state.createdAt); // not after the state began: not new
    const later = await recordFirstSeen(store, [article('a.md', 'A'), article('b.md', 'B')], new Date('2026-03-10T07:00:00Z'));
    expect(later.get('b.md')).toBe('2026-03-10T07:00:00.000Z');

    const restarted = await open();
    const after = await recordFirstSeen(restarted, [article('a.md', 'A changed'), article('b.md', 'B')], new Date('2026-03-11T07:00:00Z'));
    expect(after.get('a.md')).toBe(first.get('a.md')); // a changed file is not new
    expect(after.get('b.md')).toBe('2026-03-10T07:00:00.000Z');
  });

  it('a renamed file keeps its date; a removed file that comes back is not new', async () => {
    const store = await open();
    await recordFirstSeen(store, [], new Date('2026-03-10T06:00:00Z'));
    await recordFirstSeen(store, [article('b.md', 'B')], new Date('2026-03-10T07:00:00Z'));
    const renamed = await recordFirstSeen(store, [article('b-renamed.md', 'B')], new Date('2026-03-10T08:00:00Z'));
    expect(renamed.get('b-renamed.md')).toBe('2026-03-10T07:00:00.000Z');
    const back = await recordFirstSeen(store, [article('b.md', 'B')], new Date('2026-03-10T09:00:00Z'));
    expect(back.get('b.md')).toBe('2026-03-10T07:00:00.000Z');
  });
});
