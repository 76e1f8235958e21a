/** The digest commands in the terminal: shared with Discord, previewing works, posting is Discord's only; the state is only read. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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

it('/digest preview answers in the terminal; /digest now says it is for Discord; nothing is written to the state folder', async () => {
  const settings = parseSettings({ KNOWLEDGE_DIR: REPO_KNOWLEDGE_DIR, CACHE_DIR: join(dir, 'cache'), STATE_DIR: join(dir, 'state'), DIGEST_TIMEZONE: 'Asia/Almaty' });
  const { runner, commands } = await startBot(settings, createLogger('silent'), { clock: new ManualClock('2026-03-10T02:00:00Z') });
  const run = async (line: string) => {
    const slash = parseSlash(line, commands);
    if (!slash.ok) throw new Error(slash.message);
    return renderText(await runner.run(slash.request));
  };
  expect(await run('/digest preview')).toBe(
    'Preview of the digest due Tuesday 10 March 2026 at 08:00 Asia/Almaty in no channel yet (an admin sets one with /digest channel).\n' +
      'Daily digest — Tuesday 10 March 2026: nothing new since the bot began keeping the digest on 10 March. The knowledge base holds 2 articles.',
  );
  expect(await run('/digest now')).toBe('The digest is posted by the bot running in Discord; here it can only be previewed (/digest preview).');
  expect(await run('/knowledge status')).toContain('Articles: 2 · Passages:');
  expect(await readdir(dir)).not.toContain('state');
});
