/**
 * A large reload never stops the bot answering: with a library of thousands of passages, a change
 * of a hundred and fifty articles at once is read and applied in small steps, and interactions that
 * arrive meanwhile are acknowledged and answered while it runs (a synchronous rebuild of this
 * library takes seconds, during which nothing would be answered).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brownArticles } from './support/brown';
import { articleMarkdown } from '../scripts/brown-folder';
import { loadCommands } from '../src/bot/load-commands';
import { parseSettings } from '../src/bot/settings';
import { connectBot } from '../src/discord/bot';
import { deployCommands } from '../src/discord/deploy';
import { createLogger } from '../src/util/logger';
import { fakeBotToken, startBotHarness, type BotHarness } from './support/bot-harness';
import { startStandIn, type InteractionHandle } from './support/discord-standin';
import { temporaryDir } from './support/temporary-dir';
import { registerBot } from './support/running-bots';
import './support/unhandled';

const DISCORD_DEADLINE_MS = 3_000;
let h: BotHarness;
let dir: string;
const brown = brownArticles();

/** The cold start's cache folder, which the bot of the large reload then starts from (not the subject there). */
let cacheDir: string;

beforeAll(() => {
  dir = temporaryDir('kz-large-');
  mkdirSync(join(dir, 'brown'));
  for (const article of brown.slice(0, 250)) writeFileSync(join(dir, `${article.file}.md`), articleMarkdown(article));
  cacheDir = temporaryDir('kz-large-cache-');
});

afterAll(async () => {
  await h?.close();
});

// First: it builds the 250 articles of beforeAll, not the 400 the reload below leaves, and leaves its cache.
describe('a start without a cache', () => {
  it('is connected to Discord while the index is built, and says privately that it is starting; then answers', { timeout: 120_000 }, async () => {
    const standIn = await startStandIn({ token: fakeBotToken() });
    try {
      await deployCommands((await loadCommands()).values(), { token: standIn.token, applicationId: standIn.applicationId, guildId: standIn.guildId, apiUrl: standIn.apiUrl });
      const settings = parseSettings({
        DISCORD_TOKEN: standIn.token,
        DISCORD_APPLICATION_ID: standIn.applicationId,
        DISCORD_GUILD_ID: standIn.guildId,
        DISCORD_API_URL: standIn.apiUrl,
        KNOWLEDGE_DIR: dir,
        CACHE_DIR: cacheDir,
        STATE_DIR: join(cacheDir, 'state'),
      });
      let connected = false;
      // Told it is starting after 50 ms of waiting (2 s in production): building this index takes longer, even on a fast machine.
      const connecting = connectBot(settings, createLogger('silent'), { requestsPerSecond: 10_000, loadingWaitMs: 50 })
        .then(registerBot)
        .finally(() => (connected = true));
      while (standIn.sessionCount === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const early = standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
      const reply = await early.finalResponse;
      expect(connected, 'the index was still being built').toBe(false);
      expect(reply.body.data.flags & 64).toBe(64);
      expect(reply.body.data.embeds[0].description).toContain('still reading its articles');
      const bot = await connecting;
      try {
        // Answered from the articles it has just read (ca01, the first of them).
        const later = await standIn.dispatchCommand({ name: 'ask', options: { question: 'What did the Fulton County Grand Jury say about the primary election?' } }).finalResponse;
        expect(later.body.data.flags & 64).toBe(0);
        expect(later.body.data.embeds[0].description.replaceAll('*', '')).toContain('The Fulton County Grand Jury said Friday');
      } finally {
        await bot.stop(1_000);
      }
    } finally {
      await standIn.close();
    }
  });
});

describe('a large reload', () => {
  // From the cache the cold start left (built here if that test did not run): starting is not what is tested.
  beforeAll(async () => {
    h = await startBotHarness({ knowledgeDir: dir, logLevel: 'warn', env: { CACHE_DIR: cacheDir }, connect: { watch: { debounceMs: 60_000, pollMs: 0 } } });
  }, 120_000);

  it('interactions arriving during it are answered while it runs, each acknowledged within Discord’s 3 s', { timeout: 120_000 }, async () => {
    const before = h.bot.library.engine.passageCount;
    expect(before).toBeGreaterThan(9_000);
    // 150 articles at once: added under new names.
    for (const article of brown.slice(250, 400)) writeFileSync(join(dir, `${article.file}.md`), articleMarkdown(article));

    let reloading = true;
    const answeredDuring: InteractionHandle[] = [];
    const handles: InteractionHandle[] = [];
    const reload = h.bot.library.refresh().finally(() => (reloading = false));
    while (reloading) {
      const handle = h.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
      handles.push(handle);
      void handle.finalResponse.then(() => {
        if (reloading) answeredDuring.push(handle);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const change = await reload;
    expect(change.added).toHaveLength(150);
    expect(h.bot.library.engine.passageCount).toBeGreaterThan(before);
    // Answered before the reload was over: the bot kept reading the gateway and answering.
    expect(answeredDuring.length).toBeGreaterThanOrEqual(3);
    for (const handle of handles) {
      const first = await handle.firstResponse;
      expect(first.status).toBeLessThan(300);
      expect(first.at - handle.dispatchedAt).toBeLessThan(DISCORD_DEADLINE_MS);
    }
    expect(h.standIn.violations).toEqual([]);
  });
});
