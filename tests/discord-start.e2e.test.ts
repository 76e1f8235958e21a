/**
 * `npm start` with a token, as a real process (node dist/src/main.js, as scripts/run.mjs and the
 * systemd unit run it) against the local Discord stand-in: it connects, answers, and stops cleanly
 * on SIGTERM; a wrong token ends it with exit code 1 and one readable line, and the token never
 * appears in its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBotToken, REPO_KNOWLEDGE_DIR } from './support/bot-harness';
import { startStandIn, type StandIn } from './support/discord-standin';
import { warmCache } from './support/warm-cache';
import { within } from './support/within';
import './support/unhandled';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/**
 * After SIGTERM the bot gives answers in flight at most 4 s, then closes and exits; systemd kills it
 * 15 s after the signal (TimeoutStopSec). A bound that fails a bot that does not exit in time, with
 * room for a busy machine: not a measurement of how fast it exits.
 */
const EXIT_BOUND_MS = 10_000;

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stderr line that contains `text`. */
  waitForStderr(text: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBot(env: Record<string, string>): Started {
  // Only what the bot needs, so nothing from the test runner's environment leaks in.
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: (line: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    for (const waiter of [...waiters]) {
      const line = err.split('\n').find((l) => l.includes(waiter.text));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: (text) =>
      new Promise((resolve, reject) => {
        const line = err.split('\n').find((l) => l.includes(text));
        if (line !== undefined) return resolve(line);
        waiters.push({ text, resolve });
        void exited.then(({ code }) => reject(new Error(`the bot exited (code ${code}) before writing "${text}":\n${err}`)));
      }),
  };
}

describe('npm start with a Discord token', () => {
  let standIn: StandIn;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    standIn = await startStandIn({ token: fakeBotToken() });
    dir = await mkdtemp(join(tmpdir(), 'kz-bot-start-'));
    // As a restart: what is tested is connecting and stopping, not the first build of the cache.
    await warmCache(join(dir, 'cache'));
  });

  afterEach(() => {
    expect(standIn.violations.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await standIn?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const envFor = (token: string) => ({
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.apiUrl,
    LOG_LEVEL: 'info',
    KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR,
    CACHE_DIR: join(dir, 'cache'),
    STATE_DIR: join(dir, 'state'),
  });

  it('connects, answers a command, and exits 0 soon after SIGTERM', async () => {
    const bot = startBot(envFor(standIn.token));
    children.push(bot.child);
    const connected = JSON.parse(await bot.waitForStderr('connected to Discord'));
    expect(connected).toMatchObject({ level: 30, msg: 'connected to Discord', user: 'standin-bot', guilds: 1 });
    expect(standIn.sessionCount).toBe(1);

    const handle = standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const answer = await handle.finalResponse;
    expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    expect(answer.body.data.embeds[0].title).toBe('Kazakhstan and US Ink MOU on Critical Minerals Agreement');

    bot.child.kill('SIGTERM');
    const { code, signal } = await within(bot.exited, EXIT_BOUND_MS, 'exit after SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const messages = bot
      .stderr()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['knowledge base loaded', 'connected to Discord', 'stopping: finishing answers in flight', 'stopped']));
    expect(bot.stdout()).toBe('');
    expect(bot.stderr()).not.toContain(standIn.token);
  });

  it('SIGTERM while an answer is in flight: the answer is delivered, then the bot exits 0', async () => {
    const bot = startBot({ ...envFor(standIn.token), STATE_DIR: join(dir, 'state-2') });
    children.push(bot.child);
    await bot.waitForStderr('connected to Discord');
    // The reply is held by "Discord" for 1.5 s: the signal comes while the bot is still answering.
    standIn.delayNext({ method: 'POST', pathIncludes: '/callback' }, 1_500);
    const handle = standIn.dispatchCommand({ name: 'tungsten' });
    const replying = () => standIn.requests.some((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${handle.id}/`));
    while (!replying()) await new Promise<void>((resolve) => setTimeout(resolve, 5));
    const stopAt = performance.now();
    bot.child.kill('SIGTERM');
    const answer = await handle.finalResponse;
    expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    const { code, signal } = await within(bot.exited, EXIT_BOUND_MS, 'exit after SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(answer.at).toBeGreaterThan(stopAt); // delivered after the signal, not before
  });

  it('with a wrong token: exit 1, one line saying Discord rejected the token, and the token appears nowhere', async () => {
    const wrong = fakeBotToken();
    const bot = startBot(envFor(wrong));
    children.push(bot.child);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const lines = bot.stderr().split('\n').filter(Boolean);
    const human = lines.filter((line) => !line.startsWith('{'));
    expect(human).toEqual([
      'Discord rejected the token (DISCORD_TOKEN): check it in the Developer Portal, Bot tab, and reset it if needed.',
    ]);
    // The rest are log lines, the failure among them.
    expect(lines.filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('login failed');
    for (const output of [bot.stderr(), bot.stdout()]) {
      expect(output).not.toContain(wrong);
      expect(output).not.toContain(standIn.token);
      for (const part of wrong.split('.')) expect(output).not.toContain(part);
    }
    expect(standIn.requests.filter((r) => r.path === '/gateway/bot').map((r) => r.status)).toContain(401);
  });
});
