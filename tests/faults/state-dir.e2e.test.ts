/**
 * Issue 11, item 1: a state folder that cannot be written never stops the bot learning. The real
 * bot (node dist/src/main.js, as the systemd unit runs it) against the local Discord stand-in, its
 * STATE_DIR on a tmpfs filled to the last byte (ENOSPC), or made immutable with chattr +i (EPERM:
 * what a read-only folder is for root, who reads and writes anything).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFile } from '../support/article-file';
import { REPO_KNOWLEDGE_DIR } from '../support/bot-harness';
import { messagesOf, standInForPrograms, type ProgramProcess } from '../support/bot-process';
import { chattrProblem, fillUp, mountTmpfs, setImmutable, tmpfsProblem, unless } from '../support/machine';
import { temporaryDir } from '../support/temporary-dir';
import { warmCache } from '../support/warm-cache';
import '../support/unhandled';

const EPHEMERAL = 64;
const cleanups: (() => void)[] = [];
// Registered first, so run last: the mounts are undone once the programs have stopped.
afterAll(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});
const discord = standInForPrograms();

/** Starts the bot on a copy of knowledge/, from the cache an earlier start left (what is tested is the state folder). */
async function startBot(root: string, stateDir: string): Promise<ProgramProcess> {
  const knowledgeDir = join(root, 'knowledge');
  if (!existsSync(knowledgeDir)) {
    cpSync(REPO_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
    await warmCache(join(root, 'cache'), knowledgeDir);
  }
  return discord.start(['dist/src/main.js'], {
    KNOWLEDGE_DIR: knowledgeDir,
    CACHE_DIR: join(root, 'cache'),
    STATE_DIR: stateDir,
    // Only file events pick up the new articles: the test does not wait for a poll.
    KNOWLEDGE_POLL_SECONDS: '0',
  });
}

const answer = async (name: string, options: Record<string, string> = {}, subcommand?: string) =>
  (await discord.standIn.dispatchCommand({ name, options, subcommand }).finalResponse).body.data;

const addArticle = (root: string, file: string, title: string, body: string) =>
  writeFileSync(join(root, 'knowledge', file), articleFile({ title, publisher: 'Kazinform', published: '2026-03-09', url: 'https://example.com/a', body }));

const reloadedTo = (articles: number) => (line: { msg?: string; articles?: unknown }) => line.msg === 'knowledge base reloaded' && line.articles === articles;

const temporaries = (dir: string) => readdirSync(dir).filter((name) => /\.tmp/.test(name));

describe('STATE_DIR on a full disk', () => {
  it.skipIf(tmpfsProblem)(
    unless(tmpfsProblem, 'says so at start, serves new articles anyway, shows it in /knowledge status, leaves no temporary file, and saves the state once there is room'),
    { timeout: 40_000 },
    async () => {
      const root = temporaryDir('kz-full-state-');
      const stateDir = join(root, 'state');
      mkdirSync(stateDir);
      cleanups.push(mountTmpfs(stateDir, '64k'));
      const filler = fillUp(stateDir);

      const bot = await startBot(root, stateDir);
      await bot.waitForLog('connected to Discord');
      const file = join(stateDir, 'state.json');
      // At start, in words: which folder, which file, and why.
      expect(bot.logs()).toContainEqual(
        expect.objectContaining({ level: 40, msg: `STATE_DIR (${stateDir}) cannot be written: cannot write ${file}: the disk is full (ENOSPC)` }),
      );

      addArticle(root, '2026-03-09-scandium.md', 'US firm to build scandium refinery in Kostanay', 'An American company will build a scandium refinery in Kostanay region.');
      await bot.waitForLog(reloadedTo(3));
      const scandium = await answer('ask', { question: 'Where will the scandium refinery be built?' });
      expect(scandium.flags ?? 0).toBe(0);
      expect(scandium.embeds[0].title).toBe('US firm to build scandium refinery in Kostanay');

      const status = await answer('knowledge', {}, 'status');
      expect(status.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(status.embeds[0].description).toContain(`**State not saved:** cannot write ${file}: the disk is full (ENOSPC) (since `);
      // The failure is logged once with its cause, not once per change.
      const failures = bot.logs().filter((line) => line.level === 50 && String(line.msg).startsWith(`state: cannot write ${file}`));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ err: expect.objectContaining({ code: 'ENOSPC' }) });
      expect(messagesOf(bot.logs())).not.toContain('knowledge base reload failed; still serving the previous articles');
      await expect.poll(() => temporaries(stateDir)).toEqual([]);

      // Room again: the next change is saved with everything kept in memory meanwhile.
      rmSync(filler);
      addArticle(root, '2026-03-10-lithium.md', 'Lithium survey in East Kazakhstan', 'A lithium survey began in East Kazakhstan.');
      await bot.waitForLog(reloadedTo(4));
      await bot.waitForLog(`state: ${file} is saved again`);
      // A write from before (the scandium article's, still under way when the room came back) may
      // be the one that logs "saved again": the lithium article's write follows its reload.
      const savedArticles = () => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { knowledge: { articles: Record<string, unknown> } }).knowledge.articles);
      await expect.poll(savedArticles).toEqual(expect.arrayContaining(['2026-03-09-scandium.md', '2026-03-10-lithium.md']));
      const after = await answer('knowledge', {}, 'status');
      expect(after.embeds[0].description).not.toContain('State not saved');
      // A write may be under way (each change is saved): none is left once it is done.
      await expect.poll(() => temporaries(stateDir)).toEqual([]);

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toEqual({ code: 0, signal: null });
    },
  );
});

describe('STATE_DIR that refuses every write (chattr +i), holding a corrupt state file', () => {
  it.skipIf(chattrProblem)(unless(chattrProblem, 'the bot starts, connects and answers, saying what is wrong with the state and not blaming Discord'), { timeout: 30_000 }, async () => {
    const root = temporaryDir('kz-immutable-state-');
    const stateDir = join(root, 'state');
    mkdirSync(stateDir);
    const corrupt = '{"version": 1, "createdAt": "yesterday"';
    writeFileSync(join(stateDir, 'state.json'), corrupt);
    setImmutable(stateDir, true);
    cleanups.push(() => setImmutable(stateDir, false));

    const bot = await startBot(root, stateDir);
    await bot.waitForLog('connected to Discord');
    const file = join(stateDir, 'state.json');
    const messages = messagesOf(bot.logs());
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^state: ${file} is not a valid state file \\(not JSON: .*\\); starting fresh$`)),
        'state: could not move the old state file aside (EPERM); it will be replaced when the state can be written',
        `STATE_DIR (${stateDir}) cannot be written: cannot write ${file}: permission denied (EPERM)`,
      ]),
    );
    expect(bot.stderr()).not.toContain('Could not connect to Discord');
    const signed = await answer('ask', { question: 'Who signed the memorandum?' });
    expect(signed.embeds[0].description).toContain('signed');
    const status = await answer('knowledge', {}, 'status');
    expect(status.embeds[0].description).toContain(`**State not saved:** cannot write ${file}: permission denied (EPERM)`);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(readdirSync(stateDir)).toEqual(['state.json']);
    expect(readFileSync(join(stateDir, 'state.json'), 'utf8')).toBe(corrupt);
  });
});
