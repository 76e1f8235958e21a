/** The digest commands in the terminal: shared with Discord, previewing what the bot keeps works, posting is Discord's only; the state is only read. */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSlash } from '../src/bot/parse-slash';
import { startBot } from '../src/bot/start';
import { parseSettings } from '../src/bot/settings';
import { createLogger } from '../src/util/logger';
import { renderText } from '../src/terminal/render-text';
import { REPO_KNOWLEDGE_DIR } from './support/bot-harness';
import { ManualClock } from './support/manual-clock';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kz-terminal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A bot started on `knowledgeDir`, and a way to run a command line in it as the terminal does. */
async function terminalBot(knowledgeDir: string, options: { writeState?: boolean; now?: string } = {}) {
  const settings = parseSettings({ KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: join(dir, 'cache'), STATE_DIR: join(dir, 'state'), DIGEST_TIMEZONE: 'Asia/Almaty' });
  const bot = await startBot(settings, createLogger('silent'), { clock: new ManualClock(options.now ?? '2026-03-10T02:00:00Z'), writeState: options.writeState });
  const run = async (line: string) => {
    const slash = parseSlash(line, bot.commands);
    if (!slash.ok) throw new Error(slash.message);
    return renderText(await bot.runner.run(slash.request));
  };
  return { run, close: bot.close };
}

it('/digest preview says no digest is kept yet while no bot has kept one; /digest now says it is for Discord; nothing is written to the state folder', async () => {
  const { run, close } = await terminalBot(REPO_KNOWLEDGE_DIR);
  try {
    // No state: nothing says what is new, and "since the bot began keeping the digest today" would be invented.
    expect(await run('/digest preview')).toBe(
      'No digest is kept yet: the bot running in Discord keeps it from its first start, noting when it first sees each article, and the digest lists the articles new since the last one. Here nothing is noted, so there is nothing to preview until that bot has run with this STATE_DIR.',
    );
    expect(await run('/digest now')).toBe('The digest is posted by the bot running in Discord; here it can only be previewed (/digest preview).');
    expect(await run('/knowledge status')).toContain('Articles: 2 · Passages:');
  } finally {
    await close();
  }
  expect(await readdir(dir)).not.toContain('state');
});

it('/digest preview in the terminal shows what the digest kept by the bot will say: the articles it saw arrive', async () => {
  const knowledge = join(dir, 'knowledge');
  await cp(REPO_KNOWLEDGE_DIR, knowledge, { recursive: true });
  // The bot (which writes the state) starts on the two articles, and again after a third arrived.
  const first = await terminalBot(knowledge, { writeState: true });
  await first.close();
  await writeFile(join(knowledge, 'katpar.md'), '---\ntitle: Katpar tungsten deposit to be developed\npublisher: The Astana Times\npublished: 2026-03-10\nurl: https://example.com/katpar\n---\n\nA Kazakh and a US company will jointly develop the Northern Katpar tungsten deposit, the ministry said.\n');
  const second = await terminalBot(knowledge, { writeState: true, now: '2026-03-10T03:00:00Z' });
  await second.close();
  const terminal = await terminalBot(knowledge, { now: '2026-03-10T04:00:00Z' });
  try {
    const preview = await terminal.run('/digest preview');
    expect(preview).toMatch(/^Preview of the digest due Wednesday 11 March 2026 at 08:00 Asia\/Almaty in no channel yet/);
    expect(preview).toContain('Katpar tungsten deposit to be developed');
    expect(preview).not.toContain('Kazakhstan and US Ink MOU');
  } finally {
    await terminal.close();
  }
});
