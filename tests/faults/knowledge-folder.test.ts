/**
 * Issue 11, items 3, 4 and part of 8: what the knowledge folder can do to the bot. A folder replaced
 * while watched (as deploy scripts do), links inside it, a missing or empty folder, odd file names.
 * In process, on the real file system, with the real watcher and library.
 */
import { mkdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { articleFile } from '../support/article-file';
import { main as checkKnowledge } from '../../src/cli/check-knowledge';
import type { CliIo } from '../../src/cli/io';
import { listKnowledgeFolder, readArticleFiles } from '../../src/library/knowledge-folder';
import type { Library } from '../../src/library/library';
import { watchKnowledge, type KnowledgeWatcher, type WatchOptions } from '../../src/library/watcher';
import { createLogger } from '../../src/util/logger';
import { LogCapture } from '../support/bot-harness';
import { openLibrary } from '../support/engine';
import { temporaryDir } from '../support/temporary-dir';

const article = (title: string, body: string) => articleFile({ title, publisher: 'Kazinform', published: '2026-03-09', body });
const GALLIUM = article('Gallium exports rise', 'Gallium exports from Pavlodar rose sharply in February.');
const SCANDIUM = article('US firm to build scandium refinery in Kostanay', 'An American company will build a scandium refinery in Kostanay region.');
const LITHIUM = article('Lithium survey in East Kazakhstan', 'A lithium survey began in East Kazakhstan.');

const watchers: KnowledgeWatcher[] = [];
const libraries: Library[] = [];
afterEach(async () => {
  for (const watcher of watchers.splice(0)) watcher.close();
  await Promise.all(libraries.splice(0).map((library) => library.close()));
});

async function library(dir: string, logs = new LogCapture()) {
  const opened = await openLibrary(dir, { log: createLogger('debug', logs.stream) });
  libraries.push(opened);
  return opened;
}

/** Runs check-knowledge in process; resolves with its exit code and output. */
async function checkFolder(dir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { KNOWLEDGE_DIR: dir } };
  const code = await checkKnowledge([], io);
  return { code, stdout: out, stderr: err };
}

const titlesOf = (served: Library) => served.engine.articles.map((a) => a.title).sort();

describe('when the knowledge base last changed, at start', () => {
  it('is when its newest file was written, not the moment the bot started', async () => {
    const dir = temporaryDir('kb-changed-');
    writeFileSync(join(dir, '2026-03-09-gallium.md'), GALLIUM);
    writeFileSync(join(dir, '2026-03-09-lithium.md'), LITHIUM);
    utimesSync(join(dir, '2026-03-09-gallium.md'), new Date('2026-03-09T08:00:00Z'), new Date('2026-03-09T08:00:00Z'));
    utimesSync(join(dir, '2026-03-09-lithium.md'), new Date('2026-03-10T09:30:00Z'), new Date('2026-03-10T09:30:00Z'));
    expect((await library(dir)).changedAt.toISOString()).toBe('2026-03-10T09:30:00.000Z');
  });
});

describe('a file replaced by another of the same size and time (files written in one tick of the clock share it)', () => {
  /** Two articles whose files have the same size, both dated the same instant, as a copy or checkout of a folder can leave them. */
  function twins(dir: string) {
    const first = article('Gallium exports rise', 'Gallium exports from Pavlodar rose sharply in February.');
    const second = article('Lithium exports fall', 'Lithium exports from Pavlodar fell sharply in February.');
    expect(Buffer.byteLength(first)).toBe(Buffer.byteLength(second));
    const when = new Date('2026-03-09T08:00:00Z');
    for (const [name, text] of [['gallium.md', first], ['lithium.md', second]] as const) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), when, when);
    }
  }

  it('renamed over it while the bot runs: the next look reads it', async () => {
    const dir = temporaryDir('kb-replaced-');
    twins(dir);
    const served = await library(dir);
    renameSync(join(dir, 'lithium.md'), join(dir, 'gallium.md'));
    await served.refresh();
    expect(titlesOf(served)).toEqual(['Lithium exports fall']);
    expect(served.engine.answer('Where do lithium exports come from?').results[0]?.passage.article.file).toBe('gallium.md');
  });

  it('rewritten in place, the same size, within the tick of the clock it was read in: the next look reads it', async () => {
    const dir = temporaryDir('kb-rewritten-');
    const path = join(dir, 'gallium.md');
    const [first, second] = [article('Gallium exports rise', 'Gallium exports from Pavlodar rose sharply in February.'), article('Lithium exports fall', 'Lithium exports from Pavlodar fell sharply in February.')];
    // Its time as the file system gives it, to the millisecond, so that it can be given back after the rewrite.
    const tick = new Date();
    writeFileSync(path, first);
    utimesSync(path, tick, tick);
    const served = await library(dir);
    const { ino, size, mtimeMs } = statSync(path);
    writeFileSync(path, second);
    utimesSync(path, tick, tick);
    expect(statSync(path)).toMatchObject({ ino, size, mtimeMs });
    await served.refresh();
    expect(titlesOf(served)).toEqual(['Lithium exports fall']);
    // Written well before the look, a file is known by its size, time and inode alone, not read again
    // at every look: a rewrite that keeps all three (its time set back by hand) is the price of that.
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    await served.refresh();
    writeFileSync(path, first);
    utimesSync(path, old, old);
    await served.refresh();
    expect(titlesOf(served)).toEqual(['Lithium exports fall']);
  });

  it('renamed over it while the bot was stopped: the start from the cache reads it', async () => {
    const dir = temporaryDir('kb-replaced-');
    const cacheDir = temporaryDir('kb-replaced-cache-');
    twins(dir);
    libraries.push(await openLibrary(dir, { cacheDir, worker: true }));
    renameSync(join(dir, 'lithium.md'), join(dir, 'gallium.md'));
    const again = await openLibrary(dir, { cacheDir });
    libraries.push(again);
    expect(again.origin).toBe('cache');
    expect(titlesOf(again)).toEqual(['Lithium exports fall']);
  });
});

/**
 * A knowledge folder (`parent/knowledge`, holding the gallium article), its library, and a watcher
 * with these options, once the watcher watches it (it starts asynchronously: a folder moved before
 * that was never watched).
 */
async function watchedFolder(prefix: string, options: WatchOptions) {
  const parent = temporaryDir(prefix);
  const dir = join(parent, 'knowledge');
  mkdirSync(dir);
  writeFileSync(join(dir, 'gallium.md'), GALLIUM);
  const logs = new LogCapture();
  const served = await library(dir, logs);
  watchers.push(watchKnowledge(served, createLogger('debug', logs.stream), { debounceMs: 20, pollMs: 0, ...options }));
  await expect.poll(() => logs.entries().some((line) => line.why === 'watching started')).toBe(true);
  const messages = () => logs.entries().map((line) => line.msg);
  return { parent, dir, served, messages };
}

describe('the knowledge folder replaced while watched, with KNOWLEDGE_POLL_SECONDS=0', () => {
  it('is noticed through its parent, and the new folder is watched: an article added to it is answered', async () => {
    // No poll, no identity timer: only file events, the folder's own and its parent's.
    const { parent, dir, served, messages } = await watchedFolder('kz-replace-', { identityCheckMs: 0 });

    // A deploy: the new version is prepared beside it, the old one moved away, the new one moved in.
    const next = join(parent, 'knowledge.next');
    mkdirSync(next);
    writeFileSync(join(next, 'gallium.md'), GALLIUM);
    writeFileSync(join(next, 'scandium.md'), SCANDIUM);
    let change = served.nextChange();
    renameSync(dir, join(parent, 'knowledge.old'));
    renameSync(next, dir);
    expect(await change).toMatchObject({ added: ['scandium.md'] });
    // The folder's own events may bring the change before its parent's tell of the replacement.
    await expect.poll(messages).toContain('knowledge folder: it was replaced; watching the new one');

    change = served.nextChange();
    writeFileSync(join(dir, 'lithium.md'), LITHIUM);
    expect(await change).toMatchObject({ added: ['lithium.md'] });
    expect(served.engine.answer('Where did the lithium survey begin?').results[0]?.passage.article.title).toBe('Lithium survey in East Kazakhstan');
    expect(titlesOf(served)).toEqual(['Gallium exports rise', 'Lithium survey in East Kazakhstan', 'US firm to build scandium refinery in Kostanay']);
  });

  it('moved away and not replaced: a warning that it is gone, the articles read before still answered; when it comes back, it is watched again', async () => {
    const { parent, dir, served, messages } = await watchedFolder('kz-gone-', { identityCheckMs: 0 });

    renameSync(dir, join(parent, 'knowledge.away'));
    await expect.poll(messages).toContain('knowledge folder: it is gone; still serving the articles read before, and watching for it to come back');
    expect(served.engine.answer('How did gallium exports change?').results[0]?.passage.article.title).toBe('Gallium exports rise');

    const change = served.nextChange();
    renameSync(join(parent, 'knowledge.away'), dir);
    await expect.poll(messages).toContain('knowledge folder: it is back; watching it');
    writeFileSync(join(dir, 'lithium.md'), LITHIUM);
    expect(await change).toMatchObject({ added: ['lithium.md'] });
  });

  it('moved away while a look at it is under way (its files seemed to vanish): nothing is removed', async () => {
    const parent = temporaryDir('kz-midscan-');
    const dir = join(parent, 'knowledge');
    mkdirSync(dir);
    writeFileSync(join(dir, 'gallium.md'), GALLIUM);
    const served = await library(dir);
    // What a look sees when the folder moves between reading its entries and looking at each file:
    // the folder, with no file in it. (The race itself cannot be timed from a test, so the look is
    // given what it would have listed.)
    const listing = { ...(await listKnowledgeFolder(dir)), files: [] };
    renameSync(dir, join(parent, 'knowledge.away'));
    mkdirSync(dir);
    const scan = (served as unknown as { scan(options: { starting: boolean; listing: typeof listing }): Promise<unknown> }).scan.bind(served);
    expect(await scan({ starting: false, listing })).toMatchObject({ added: [], removed: [], changed: [] });
    expect(titlesOf(served)).toEqual(['Gallium exports rise']);
  });

  it('replaced where the parent folder gives no events: the identity check finds the new folder', async () => {
    // As on a file system without events for the parent folder (network shares, some containers).
    const { parent, dir, served, messages } = await watchedFolder('kz-identity-', { identityCheckMs: 50, watchParent: false });

    const next = join(parent, 'knowledge.next');
    mkdirSync(next);
    writeFileSync(join(next, 'scandium.md'), SCANDIUM);
    renameSync(dir, join(parent, 'knowledge.old'));
    renameSync(next, dir);
    await expect.poll(messages).toContain('knowledge folder: it was replaced; watching the new one');
    await expect.poll(() => titlesOf(served)).toEqual(['US firm to build scandium refinery in Kostanay']);
    // The new folder's own events are watched now.
    const change = served.nextChange();
    writeFileSync(join(dir, 'lithium.md'), LITHIUM);
    expect(await change).toMatchObject({ added: ['lithium.md'] });
  });

  it('a file added between the library reading the folder and the watcher starting is picked up', async () => {
    const dir = temporaryDir('kz-early-');
    writeFileSync(join(dir, 'gallium.md'), GALLIUM);
    const served = await library(dir);
    writeFileSync(join(dir, 'scandium.md'), SCANDIUM);
    const change = served.nextChange();
    watchers.push(watchKnowledge(served, createLogger('silent'), { debounceMs: 20, pollMs: 0, identityCheckMs: 0 }));
    expect(await change).toMatchObject({ added: ['scandium.md'] });
  });
});

describe('subfolders, watched with KNOWLEDGE_POLL_SECONDS=0', () => {
  it('an article added, changed and removed in a subfolder made after watching began is picked up each time, and in the subfolder of a removed one made again', async () => {
    const { dir, served } = await watchedFolder('kz-sub-', { identityCheckMs: 0 });
    const nested = join(dir, 'news', '2026');
    let change = served.nextChange();
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(nested, 'scandium.md'), SCANDIUM);
    expect(await change).toMatchObject({ added: ['news/2026/scandium.md'] });
    // Its folder's own events: a change to the file alone, then its removal.
    await expect.poll(() => titlesOf(served)).toContain('US firm to build scandium refinery in Kostanay');
    change = served.nextChange();
    writeFileSync(join(nested, 'scandium.md'), SCANDIUM.replace('Kostanay region', 'Kostanay region, near Rudny'));
    expect(await change).toMatchObject({ changed: ['news/2026/scandium.md'] });
    change = served.nextChange();
    rmSync(join(nested, 'scandium.md'));
    expect(await change).toMatchObject({ removed: ['news/2026/scandium.md'] });
    // The subfolder removed and made again: its new events are watched.
    rmSync(join(dir, 'news'), { recursive: true });
    mkdirSync(nested, { recursive: true });
    change = served.nextChange();
    writeFileSync(join(nested, 'lithium.md'), LITHIUM);
    expect(await change).toMatchObject({ added: ['news/2026/lithium.md'] });
    change = served.nextChange();
    writeFileSync(join(nested, 'lithium.md'), LITHIUM.replace('East Kazakhstan.', 'East Kazakhstan in March.'));
    expect(await change).toMatchObject({ changed: ['news/2026/lithium.md'] });
  });
});

describe('links in the knowledge folder', () => {
  function folderWithLinks() {
    const dir = temporaryDir('kz-links-');
    const outside = temporaryDir('kz-outside-');
    writeFileSync(join(dir, 'gallium.md'), GALLIUM);
    // The article itself lives in a hidden folder (not read on its own); a link puts it in the library.
    mkdirSync(join(dir, '.sources'));
    writeFileSync(join(dir, '.sources', 'scandium.md'), SCANDIUM);
    symlinkSync(join('.sources', 'scandium.md'), join(dir, 'scandium.md'));
    writeFileSync(join(outside, 'lithium.md'), LITHIUM);
    symlinkSync(join(outside, 'lithium.md'), join(dir, 'outside.md'));
    symlinkSync('loop.md', join(dir, 'loop.md'));
    symlinkSync('nowhere.md', join(dir, 'dangling.md'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync('..', join(dir, 'sub', 'up')); // a folder link back up: followed, it would never end
    symlinkSync(outside, join(dir, 'elsewhere'));
    return dir;
  }
  const REJECTED = [
    { file: 'dangling.md', reason: 'is a link to something that does not exist' },
    { file: 'elsewhere', reason: 'is a link to a folder outside the knowledge folder, which is not read' },
    { file: 'loop.md', reason: 'is a link that loops back on itself' },
    { file: 'outside.md', reason: 'is a link to a file outside the knowledge folder, which is not read' },
    { file: 'sub/up', reason: 'is a link to a folder, which is not followed: put the articles themselves in the knowledge folder' },
  ];

  it('a link to a file inside is read like a file; outside, dangling, loops and folder links are rejected with their reasons', async () => {
    const dir = folderWithLinks();
    const listing = await listKnowledgeFolder(dir);
    expect(listing.files.map((f) => f.file)).toEqual(['gallium.md', 'scandium.md']);
    expect(listing.problems).toEqual(REJECTED);

    const served = await library(dir);
    expect(titlesOf(served)).toEqual(['Gallium exports rise', 'US firm to build scandium refinery in Kostanay']);
    expect(served.problems).toEqual(REJECTED);
    expect(served.engine.answer('Where will the scandium refinery be built?').answered).toBe(true);
  });

  it('check-knowledge counts the linked article as valid and names each rejected link with its reason', async () => {
    const dir = folderWithLinks();
    const { code, stdout, stderr } = await checkFolder(dir);
    expect(stdout).toBe(`2 articles valid (2 passages), 5 invalid in ${dir}\n`);
    expect(stderr.split('\n').filter(Boolean)).toEqual(REJECTED.map(({ file, reason }) => `✗ ${file} ${reason}`));
    expect(code).toBe(1);
  });
});

describe('a missing or empty knowledge folder, and odd file names', () => {
  it('check-knowledge fails on a missing folder, naming it (not counting it as an invalid article), and on an empty one, saying there is nothing to answer from', async () => {
    const parent = temporaryDir('kz-nothing-');
    const missing = await checkFolder(join(parent, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`No knowledge folder at ${join(parent, 'nope')} (KNOWLEDGE_DIR): check the path.\n`);
    expect(missing.stdout).toBe('');
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'README.md'), '# Articles go here\n');
    const none = await checkFolder(empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`✗ ${empty} has no article files: the bot would have nothing to answer from\n`);
    expect(none.stdout).toBe(`0 articles valid (0 passages), 0 invalid in ${empty}\n`);
  });

  it('check-knowledge quotes a file name with a newline (or other control characters), so each problem stays on one line', async () => {
    const dir = temporaryDir('kz-names-');
    writeFileSync(join(dir, 'good.md'), GALLIUM);
    writeFileSync(join(dir, 'two\nlines.md'), 'no front matter');
    writeFileSync(join(dir, 'bell\u0007 and tab\t.md'), 'no front matter');
    const { code, stderr } = await checkFolder(dir);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines).toContain('✗ "bell\\u0007 and tab\\t.md" has no front matter: start the file with a --- line, the title and other fields, and another --- line');
    expect(lines).toContain('✗ "two\\nlines.md" has no front matter: start the file with a --- line, the title and other fields, and another --- line');
  });
});

describe('files read ahead of the one being parsed', () => {
  it('come in the listing order with their own content or reason, and stopping early leaves nothing behind', async () => {
    const dir = temporaryDir('kz-ahead-');
    const names = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(2, '0')}.md`);
    names.forEach((name, i) => writeFileSync(join(dir, name), article(`Article ${i}`, `Text of article ${i}.`)));
    // A name listed whose file is gone by the time it is read: its reason, in its place.
    const listed = [...names.slice(0, 10), 'gone.md', ...names.slice(10)].map((file) => ({ file }));
    const seen: string[] = [];
    for await (const { info, read } of readArticleFiles(dir, listed)) {
      seen.push(info.file);
      if (info.file === 'gone.md') expect(read).toMatchObject({ reason: expect.stringMatching(/./) });
      else expect(Buffer.from((read as { bytes: Uint8Array }).bytes).toString()).toContain(`Article ${Number(info.file.slice(1, 3))}`);
    }
    expect(seen).toEqual(listed.map((info) => info.file));

    // Stopped after two: the reads already under way end without an unhandled rejection.
    rmSync(dir, { recursive: true });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    let count = 0;
    for await (const { read } of readArticleFiles(dir, listed)) {
      expect(read).toMatchObject({ reason: expect.stringMatching(/./) });
      if (++count === 2) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });
});
