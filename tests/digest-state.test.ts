/** The state file: atomic writes, a corrupt file kept aside, and first-seen dates that survive a restart. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleHash } from '../src/core/knowledge';
import { FirstSeenLedger } from '../src/library/first-seen';
import { createLogger } from '../src/util/logger';
import { STATE_FILE, StateStore } from '../src/state/state-file';
import { LogCapture } from './support/bot-harness';
import { ManualClock } from './support/manual-clock';

let dir: string;
let logs: LogCapture;
let clock = new ManualClock('2026-03-10T06:00:00Z');
const stores: StateStore[] = [];
const open = async (readOnly = false) => {
  const store = await StateStore.open(dir, { clock, log: createLogger('debug', logs.stream), readOnly });
  stores.push(store);
  return store;
};
const article = (file: string, body: string) => ({ file, hash: articleHash({ file, title: `About ${body}`, publisher: null, published: null, url: null, tags: [], body }) });

beforeEach(async () => {
  clock = new ManualClock('2026-03-10T06:00:00Z');
  dir = await mkdtemp(join(tmpdir(), 'kz-state-'));
  logs = new LogCapture();
});
afterEach(async () => {
  // The ledger writes in the background: the folder is removed once those writes have ended.
  await Promise.all(stores.splice(0).map((store) => store.close()));
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
      expect.stringMatching(/is not a valid state file \(not JSON: .*\); starting fresh$/),
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
    clock.set('2026-03-10T06:00:05Z');
    const store = await open();
    const ledger = new FirstSeenLedger(store, clock);
    ledger.start([article('a.md', 'A')]);
    const first = ledger.joinedAt('a.md');
    expect(first).toBe(store.state.createdAt); // not after the state began: not new
    clock.set('2026-03-10T07:00:00Z');
    ledger.record({ added: [article('b.md', 'B')], changed: [], removed: [] });
    expect(ledger.joinedAt('b.md')).toBe('2026-03-10T07:00:00.000Z');
    await store.close();

    clock.set('2026-03-11T07:00:00Z');
    const restarted = new FirstSeenLedger(await open(), clock);
    restarted.start([article('a.md', 'A changed'), article('b.md', 'B')]);
    expect(restarted.joinedAt('a.md')).toBe(first); // a changed file is not new
    expect(restarted.joinedAt('b.md')).toBe('2026-03-10T07:00:00.000Z');
  });

  it('a renamed file keeps its date; a removed file that comes back is not new', async () => {
    clock.set('2026-03-10T06:00:00Z');
    const ledger = new FirstSeenLedger(await open(), clock);
    ledger.start([]);
    clock.set('2026-03-10T07:00:00Z');
    ledger.record({ added: [article('b.md', 'B')], changed: [], removed: [] });
    clock.set('2026-03-10T08:00:00Z');
    ledger.record({ added: [article('b-renamed.md', 'B')], changed: [], removed: ['b.md'] });
    expect(ledger.joinedAt('b-renamed.md')).toBe('2026-03-10T07:00:00.000Z');
    clock.set('2026-03-10T09:00:00Z');
    ledger.record({ added: [article('b.md', 'B')], changed: [], removed: ['b-renamed.md'] });
    expect(ledger.joinedAt('b.md')).toBe('2026-03-10T07:00:00.000Z');
  });
});
