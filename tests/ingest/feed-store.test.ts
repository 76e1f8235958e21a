/** feeds.json: changed by the bot and the CLI at once without losing a change; atomic; a corrupt file or a dead process's lock never stops it. */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AT_FIRST_CHECK, FEED_ITEMS_DIR, FEEDS_FILE, FeedStore, newFeedRecord, pruneItems, type FeedRecord, type SeenItem } from '../../src/ingest/feed-store';
import { createLogger } from '../../src/util/logger';
import { LogCapture } from '../support/log-capture';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';

const clock = new ManualClock('2026-03-10T06:00:00Z');
function store(dir: string, logs = new LogCapture(), options: { lockTimeoutMs?: number; staleLockMs?: number } = {}) {
  return new FeedStore(dir, { clock, log: createLogger('debug', logs.stream), ...options });
}
const feed = (url: string): FeedRecord =>
  newFeedRecord({ url, title: null, keywords: [], addedAt: '2026-03-10T06:00:00.000Z', addedBy: 'test', backfill: 0 });

describe('feeds.json', () => {
  it('starts empty, writes atomically, and a reader sees another writer’s change', async () => {
    const dir = temporaryDir('feeds-store-');
    const bot = store(dir);
    const cli = store(dir);
    expect(await bot.read()).toEqual({ feeds: [] });
    await cli.update((state) => void state.feeds.push(feed('https://a.example/rss')));
    expect((await bot.read()).feeds.map((f) => f.url)).toEqual(['https://a.example/rss']);
    await bot.update((state) => void (state.feeds[0]!.failures = 3));
    expect((await cli.read()).feeds[0]!.failures).toBe(3);
    expect(await readdir(dir)).toEqual([FEEDS_FILE]); // no temporary or lock file left
  });

  it('loses no change, of a feed or of its items, when two stores in one process and two other processes change it at once', async () => {
    const dir = temporaryDir('feeds-race-');
    await store(dir).update((state) => void state.feeds.push(feed('https://a.example/rss')));
    const bump = (count: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'bump-feeds.ts'), dir, String(count)], { stdio: 'inherit' });
        child.on('close', resolve);
      });
    const a = store(dir);
    const b = store(dir);
    const change = (s: FeedStore, name: string) =>
      s.update((state) => {
        const first = state.feeds[0]!;
        first.failures++;
        first.items = [...first.items, { id: `${name}`, at: '2026-03-10T06:00:00.000Z', outcome: 'skipped', reason: 'test' }];
      });
    // The two stores of this process take turns, so that each finds the other's change every time.
    const local = async () => {
      for (let i = 0; i < 25; i++) {
        await change(a, `a ${i}`);
        await change(b, `b ${i}`);
      }
    };
    const codes = await Promise.all([bump(25), bump(25), local()]);
    expect(codes.slice(0, 2)).toEqual([0, 0]);
    const [first] = (await store(dir).read()).feeds;
    expect(first!.failures).toBe(100);
    // The items too, each in the feed's items file: none lost, none twice.
    expect(new Set(first!.items.map((item) => item.id)).size).toBe(100);
    expect(first!.items).toHaveLength(100);
    expect((await readdir(dir)).sort()).toEqual([FEED_ITEMS_DIR, FEEDS_FILE]);
    expect(await readdir(join(dir, FEED_ITEMS_DIR))).toHaveLength(1);
  });

  it('takes over a lock left by a process that died, or one that is old', async () => {
    const dir = temporaryDir('feeds-stale-');
    const logs = new LogCapture();
    await writeFile(join(dir, `${FEEDS_FILE}.lock`), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), at: '2026-03-10T05:00:00Z' }));
    await store(dir, logs).update((state) => void state.feeds.push(feed('https://a.example/rss')));
    expect(logs.atLeast(40).map((l) => l.msg)).toEqual(['feeds: took over a lock left by a process that stopped']);

    await writeFile(join(dir, `${FEEDS_FILE}.lock`), 'garbage');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, `${FEEDS_FILE}.lock`), old, old);
    await store(dir).update((state) => void (state.feeds[0]!.failures = 1));
    expect((await store(dir).read()).feeds[0]!.failures).toBe(1);
  });

  it('waits for a live lock, and says who holds it when it does not go', async () => {
    const dir = temporaryDir('feeds-held-');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${FEEDS_FILE}.lock`), JSON.stringify({ pid: process.pid, host: 'elsewhere' }));
    await expect(store(dir, new LogCapture(), { lockTimeoutMs: 100 }).update(() => {})).rejects.toThrow(
      `feeds: ${join(dir, FEEDS_FILE)}.lock is held by process ${process.pid} for more than 0 s; if no bot or CLI is running, delete it`,
    );
  });

  it('reads a file from before first-check items were counted apart: they move from skipped to recorded', async () => {
    const dir = temporaryDir('feeds-earlier-');
    const items: SeenItem[] = [
      { id: 'a', at: '2026-03-10T06:00:00.000Z', outcome: 'skipped', reason: AT_FIRST_CHECK },
      { id: 'b', at: '2026-03-10T06:00:00.000Z', outcome: 'skipped', reason: AT_FIRST_CHECK },
      { id: 'c', at: '2026-03-10T06:30:00.000Z', outcome: 'skipped', reason: 'did not match the keywords' },
    ];
    const { recorded: _, ...earlier } = { ...feed('https://a.example/rss'), skipped: 3, items };
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [earlier] }));
    expect((await store(dir).read()).feeds[0]).toMatchObject({ skipped: 1, recorded: 2 });
  });

  it('keeps a corrupt file aside with a warning and goes on with no feeds', async () => {
    const dir = temporaryDir('feeds-corrupt-');
    await writeFile(join(dir, FEEDS_FILE), '{"version": 1, "feeds": [{"url": 3}');
    const logs = new LogCapture();
    const s = store(dir, logs);
    expect(await s.read()).toEqual({ feeds: [] });
    expect(await s.read()).toEqual({ feeds: [] }); // warned once, not at every read
    expect(logs.atLeast(40)).toHaveLength(1);
    await s.update((state) => void state.feeds.push(feed('https://b.example/rss')));
    expect((await readdir(dir)).sort()).toEqual([FEEDS_FILE, `${FEEDS_FILE}.corrupt-2026-03-10T06-00-00-000Z`]);
    expect(await readFile(join(dir, `${FEEDS_FILE}.corrupt-2026-03-10T06-00-00-000Z`), 'utf8')).toBe('{"version": 1, "feeds": [{"url": 3}');
    expect(logs.atLeast(40).map((l) => l.msg)).toEqual([expect.stringContaining('is not a valid feeds file'), expect.stringContaining('kept as')]);
    // Valid JSON of the wrong shape counts as corrupt too, and the field is named.
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [{ url: 'x' }] }));
    const other = new LogCapture();
    await store(dir, other).read();
    expect(other.atLeast(40)[0]).toMatchObject({ reason: 'feeds.0.addedAt is not a date and time' });
  });

  it('removes its temporary file when a write fails, and writes nothing', async () => {
    const dir = temporaryDir('feeds-fail-');
    await mkdir(join(dir, FEEDS_FILE)); // a folder where the file should be: the rename fails
    await expect(store(dir).update((state) => void state.feeds.push(feed('https://a.example/rss')))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual([FEEDS_FILE]);
  });

  it("keeps each feed's items in a file of its own, written only when they change: a change of anything else writes feeds.json alone", async () => {
    const dir = temporaryDir('feeds-items-');
    const bot = store(dir);
    const items = (count: number, from = 0): SeenItem[] =>
      Array.from({ length: count }, (_, i) => ({ id: `https://a.example/${from + i}`, at: '2026-03-10T06:00:00.000Z', outcome: 'skipped', reason: 'no keyword', title: `Story ${from + i}` }));
    await bot.update((state) => {
      state.feeds.push({ ...feed('https://a.example/rss'), items: items(2000) }, feed('https://b.example/rss'));
    });
    const [file, ...others] = await readdir(join(dir, FEED_ITEMS_DIR));
    expect(others).toEqual([]); // b has no items: no file
    const itemsFile = join(dir, FEED_ITEMS_DIR, file!);
    const before = await stat(itemsFile);
    // A round of 304s: the feeds' times and validators change, their items do not.
    for (let round = 0; round < 3; round++) await bot.update((state) => void (state.feeds[0]!.lastCheckAt = `2026-03-10T0${7 + round}:00:00.000Z`));
    expect(await stat(itemsFile)).toMatchObject({ mtimeMs: before.mtimeMs, ino: before.ino });
    const written = await readFile(join(dir, FEEDS_FILE), 'utf8');
    expect(written).not.toContain('Story');
    expect(written.length).toBeLessThan(3000);
    // Another process reads them back; a change of the items is written, and read by the first.
    const cli = store(dir);
    expect((await cli.read()).feeds.map((f) => [f.url, f.items.length, f.lastCheckAt])).toEqual([
      ['https://a.example/rss', 2000, '2026-03-10T09:00:00.000Z'],
      ['https://b.example/rss', 0, null],
    ]);
    await cli.update((state) => void (state.feeds[0]!.items = [...state.feeds[0]!.items, ...items(1, 2000)]));
    expect((await bot.read()).feeds[0]!.items.at(-1)!.id).toBe('https://a.example/2000');
    // A feed unsubscribed takes its items file with it.
    await bot.update((state) => void state.feeds.shift());
    expect(await readdir(join(dir, FEED_ITEMS_DIR))).toEqual([]);
  });

  it('reads a file of version 1, which held the items, and writes them apart at the next change; a damaged feeds.json leaves them for the mended one', async () => {
    const dir = temporaryDir('feeds-v1-');
    const old = { ...feed('https://a.example/rss'), firstCheckAt: '2026-03-09T06:00:00.000Z', items: [{ id: 'x1', at: '2026-03-09T06:00:00.000Z', outcome: 'skipped', reason: AT_FIRST_CHECK }] };
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [old] }));
    const s = store(dir);
    expect((await s.read()).feeds[0]!.items.map((i) => i.id)).toEqual(['x1']);
    await s.update((state) => void (state.feeds[0]!.failures = 1));
    expect(JSON.parse(await readFile(join(dir, FEEDS_FILE), 'utf8'))).toMatchObject({ version: 2, feeds: [{ url: 'https://a.example/rss', failures: 1, itemCount: 1 }] });
    expect((await store(dir).read()).feeds[0]!.items.map((i) => i.id)).toEqual(['x1']);
    // A feeds.json damaged later is kept aside, and the items files stay for it when it is mended and put back.
    const text = await readFile(join(dir, FEEDS_FILE), 'utf8');
    await writeFile(join(dir, FEEDS_FILE), text.slice(0, 40));
    await s.update((state) => void state.feeds.push(feed('https://b.example/rss')));
    await writeFile(join(dir, FEEDS_FILE), text);
    expect((await store(dir).read()).feeds[0]!.items.map((i) => i.id)).toEqual(['x1']);
  });

  it('an items file missing or damaged: warns, and the feed records what it has at its next check instead of importing it (no flood)', async () => {
    const dir = temporaryDir('feeds-lost-');
    const checked = (url: string): FeedRecord => ({ ...feed(url), firstCheckAt: '2026-03-09T06:00:00.000Z', items: [{ id: `${url}#1`, at: '2026-03-09T06:00:00.000Z', outcome: 'imported', file: 'x.md' }] });
    await store(dir).update((state) => void state.feeds.push(checked('https://a.example/rss'), checked('https://b.example/rss')));
    const files = (await readdir(join(dir, FEED_ITEMS_DIR))).map((name) => join(dir, FEED_ITEMS_DIR, name));
    expect(files).toHaveLength(2);
    const fileOf = new Map<string, string>();
    for (const file of files) fileOf.set((JSON.parse(await readFile(file, 'utf8')) as { url: string }).url, file);
    await rm(fileOf.get('https://a.example/rss')!);
    await writeFile(fileOf.get('https://b.example/rss')!, '{"url": "https://b.example/rss", "items": [{"id": 3}');
    const logs = new LogCapture();
    const state = await store(dir, logs).read();
    expect(state.feeds.map((f) => [f.items.length, f.firstCheckAt])).toEqual([
      [0, null],
      [0, null],
    ]);
    const warnings = logs.atLeast(40).map((line) => line.msg);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/the items file of https:\/\/a\.example\/rss \(.*\) is missing; what the feed has at its next check is recorded as at a first check, not imported/);
    expect(warnings.join('\n')).toMatch(/the items file of https:\/\/b\.example\/rss \(.*\) is damaged/);
  });

  it('bounds the items remembered: all those in the feed, and the last 2,000 of those gone', () => {
    const item = (id: string): SeenItem => ({ id, at: '2026-03-10T06:00:00.000Z', outcome: 'skipped' });
    const items = Array.from({ length: 5000 }, (_, i) => item(`i${i}`));
    const current = new Set(Array.from({ length: 1000 }, (_, i) => `i${i}`)); // the oldest 1,000 are still in the feed
    const kept = pruneItems(items, current);
    expect(kept).toHaveLength(1000 + 2000);
    expect(kept.slice(0, 1000).map((i) => i.id)).toEqual([...current]);
    expect(kept[1000]!.id).toBe('i3000');
    expect(pruneItems(items.slice(0, 10), new Set())).toHaveLength(10);
  });
});
