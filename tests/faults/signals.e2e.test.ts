/**
 * Issue 11, items 6 and 7, and the clean-shutdown part of 8: the bot told to stop, as a real
 * process tree against the local Discord stand-in. As the systemd unit runs it (node
 * dist/src/main.js): a signal at any moment of start-up stops it within the 2 s with exit
 * 0 and nothing half-written, and a running bot stops without an outage warning. As `npm start`
 * runs it (npm, a shell, node): a signal sent to npm alone still stops the bot.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBrownFolder } from '../../scripts/brown-folder';
import { loadAnalysis } from '../../src/library/analysis-data';
import { readLibraryCache } from '../../src/library/library-cache';
import { createLogger } from '../../src/util/logger';
import { LogCapture, REPO_KNOWLEDGE_DIR } from '../support/bot-harness';
import { messagesOf, standInForPrograms, type ProgramProcess } from '../support/bot-process';
import { unless } from '../support/machine';
import { temporaryDir } from '../support/temporary-dir';
import { warmCache } from '../support/warm-cache';
import '../support/unhandled';

/**
 * The bound from signal to exit is 2 s. Measured here it is about 0.1 s; the assertion
 * allows 2 s plus 1 s for a busy CI machine (two cores shared with other test files). What shows
 * that the signal cut the start-up short, whatever the machine's speed, is the order of events:
 * the process exited before the knowledge base was loaded, and the cache it was building is not there.
 */
const SIGNAL_TO_EXIT_MS = 3_000;

const discord = standInForPrograms();
const { start } = discord;

function folders(root: string, knowledgeDir = REPO_KNOWLEDGE_DIR) {
  return { KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: join(root, 'cache'), STATE_DIR: join(root, 'state') };
}

/** The folders of a bot that has started before: its cache is there (what is tested is how it stops). */
async function restartFolders(root: string) {
  await warmCache(join(root, 'cache'));
  return folders(root);
}

/** Sends `signal` and resolves with how the program ended and how long it took. */
async function signalAndWait(program: ProgramProcess, signal: NodeJS.Signals) {
  const sentAt = performance.now();
  program.child.kill(signal);
  const ended = await program.exited;
  return { ...ended, ms: performance.now() - sentAt };
}

const temporaries = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => /\.tmp/.test(name)) : []);

/** Whether a process is still running (an exited one left unreaped by whoever adopted it counts as ended). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) Z/s.test(stat);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('SIGTERM during start-up (node dist/src/main.js, as the systemd unit runs it)', () => {
  let brown: string;
  beforeAll(() => {
    // 250 articles and about 10,000 passages: building the index takes a second or more, and the
    // signal comes as soon as it starts (the whole Brown corpus would only make reading it longer).
    brown = join(temporaryDir('kz-brown-'), 'knowledge');
    writeBrownFolder(brown, 1, 250);
  });

  it('while the cache is being built: exits 0 at once, before the build would have finished, leaving no half-written file', { timeout: 60_000 }, async () => {
    const root = temporaryDir('kz-sigterm-building-');
    const bot = start(['dist/src/main.js'], folders(root, brown));
    await bot.waitForLog((line) => String(line.msg).startsWith('Indexing'));
    const { code, signal, ms } = await signalAndWait(bot, 'SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SIGNAL_TO_EXIT_MS);
    const messages = messagesOf(bot.logs());
    expect(messages.slice(-2)).toEqual(['stopping while starting', 'stopped']);
    expect(messages).not.toContain('knowledge base loaded');
    expect(bot.logs().filter((line) => line.level >= 40)).toEqual([]);

    // Nothing half-written: no temporary file, and whatever cache file is there is whole.
    const cacheDir = join(root, 'cache');
    const stateDir = join(root, 'state');
    expect(temporaries(cacheDir)).toEqual([]);
    expect(temporaries(stateDir)).toEqual([]);
    const logs = new LogCapture();
    const { analysis, key } = await loadAnalysis({ cacheDir, log: createLogger('debug', logs.stream) });
    expect(logs.atLeast(40)).toEqual([]); // the English model was written whole
    for (const name of readdirSync(cacheDir).filter((file) => file.startsWith('library-'))) {
      expect(await readLibraryCache(join(cacheDir, name), key, analysis)).toHaveProperty('content');
    }
    if (existsSync(join(stateDir, 'state.json'))) expect(() => JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'))).not.toThrow();
  });

  it('while the program is still loading (discord.js, the largest part of it): exits 0 at once, nothing written', async () => {
    const root = temporaryDir('kz-sigterm-loading-');
    const marker = join(root, 'loading-discord.js');
    // A module hook holds the loading of discord.js (bundled by the build, see scripts/build.mjs): the signal comes exactly then.
    const bot = start(['--import', './tests/support/hold-module.mjs', 'dist/src/main.js'], { ...folders(root), HOLD_MODULE: '/dist/vendor/discord.js.mjs', HOLD_MARKER: marker });
    await expect.poll(() => existsSync(marker) || bot.child.exitCode !== null, { interval: 10, timeout: 15_000 }).toBe(true);
    const { code, signal, ms } = await signalAndWait(bot, 'SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SIGNAL_TO_EXIT_MS);
    expect(existsSync(join(root, 'state'))).toBe(false);
    expect(existsSync(join(root, 'cache'))).toBe(false);
  });

  it('while connecting to Discord: exits 0 at once, without connecting', async () => {
    const root = temporaryDir('kz-sigterm-connecting-');
    const before = discord.standIn.requests.length;
    discord.standIn.delayNext({ method: 'GET', pathIncludes: '/gateway/bot' }, 15_000);
    const bot = start(['dist/src/main.js'], await restartFolders(root));
    await expect.poll(() => discord.standIn.requests.slice(before).some((r) => r.path === '/gateway/bot'), { interval: 10, timeout: 15_000 }).toBe(true);
    const { code, signal, ms } = await signalAndWait(bot, 'SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SIGNAL_TO_EXIT_MS);
    // (The articles load while the bot connects; whether they were loaded by then does not matter.)
    const messages = messagesOf(bot.logs());
    expect(messages.slice(-2)).toEqual(['stopping while starting', 'stopped']);
    expect(messages).not.toContain('connected to Discord');
    expect(temporaries(join(root, 'state'))).toEqual([]);
    expect(temporaries(join(root, 'cache'))).toEqual([]);
  });
});

describe('stopping a running bot', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('node dist/src/main.js and %s: exit 0, "stopped", and no outage warning on the way', async (signal) => {
    const root = temporaryDir('kz-stop-');
    const bot = start(['dist/src/main.js'], await restartFolders(root));
    await bot.waitForLog('connected to Discord');
    const answer = await discord.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } }).finalResponse;
    expect(answer.body.data.embeds[0].description).toContain('signed');
    const mark = bot.logs().length;
    const ended = await signalAndWait(bot, signal);
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: 0, signal: null });
    const stopping = bot.logs().slice(mark);
    expect(messagesOf(stopping)).toEqual(['stopping: finishing answers in flight', 'stopped']);
    expect(bot.stderr()).not.toContain('gateway connection lost');
  });
});

describe('npm start, and a signal sent to npm alone (as `docker stop` or `kill <npm pid>` do)', () => {
  const npm = (() => {
    try {
      return { version: String(execFileSync('npm', ['--version'], { encoding: 'utf8' })).trim() };
    } catch {
      return undefined;
    }
  })();

  it.skipIf(!npm)(unless(npm ? undefined : 'npm is not on PATH', 'SIGTERM to npm: npm passes it to its shell, which dies of it; the bot notices it was left behind and stops cleanly'), { timeout: 30_000 }, async () => {
    const root = temporaryDir('kz-npm-');
    const tree = start(['start', '--silent'], await restartFolders(root), { command: 'npm' });
    const connected = await tree.waitForLog('connected to Discord');
    const botPid = connected.pid as number;
    expect(botPid).not.toBe(tree.child.pid); // npm → sh → node: the bot is not npm's own process

    tree.child.kill('SIGTERM'); // to npm alone, not to its process group
    // The output pipe ends when the last process holding it has exited: the bot, if it stops at all.
    const stderr = tree.child.stderr!;
    if (!stderr.readableEnded) await new Promise((resolve) => stderr.once('end', resolve));
    expect(running(botPid)).toBe(false);
    const messages = messagesOf(tree.logs());
    expect(messages).toContain('the npm process that started the bot has gone (a signal sent to npm alone does not reach the bot through the shell npm runs it in): stopping');
    expect(messages.slice(-2)).toEqual(['stopping: finishing answers in flight', 'stopped']);
    expect(tree.stderr()).not.toContain('gateway connection lost');
  });

  it.skipIf(!npm)(unless(npm ? undefined : 'npm is not on PATH', 'Ctrl-C at a terminal (SIGINT to the whole process group): the bot stops cleanly'), { timeout: 30_000 }, async () => {
    const root = temporaryDir('kz-npm-ctrl-c-');
    const tree = start(['start', '--silent'], await restartFolders(root), { command: 'npm', detached: true });
    const botPid = (await tree.waitForLog('connected to Discord')).pid as number;
    process.kill(-tree.child.pid!, 'SIGINT');
    const stderr = tree.child.stderr!;
    if (!stderr.readableEnded) await new Promise((resolve) => stderr.once('end', resolve));
    expect(running(botPid)).toBe(false);
    expect(messagesOf(tree.logs()).slice(-2)).toEqual(['stopping: finishing answers in flight', 'stopped']);
    // npm itself ends as a shell does on Ctrl-C (killed by SIGINT, or 130), or with the bot's 0.
    const npmEnded = await tree.exited;
    expect([npmEnded.signal, npmEnded.code]).toSatisfy(([signal, code]) => signal === 'SIGINT' || code === 0 || code === 130);
  });
});
