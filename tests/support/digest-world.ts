/**
 * A world for digest and reload tests: one local Discord stand-in that outlives bot restarts, a
 * manual clock, and temporary knowledge, cache and state folders. Bots are started and stopped
 * (or "crash") against the same stand-in and state, as a real bot restarts against Discord.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommands } from '../../src/bot/load-commands';
import { parseSettings } from '../../src/bot/settings';
import { connectBot, type ConnectOptions, type RunningBot } from '../../src/discord/bot';
import { deployCommands } from '../../src/discord/deploy';
import type { KnowledgeChange } from '../../src/library/library';
import { createLogger } from '../../src/util/logger';
import { STATE_FILE } from '../../src/state/state-file';
import { fakeBotToken, LogCapture, REPO_KNOWLEDGE_DIR } from './bot-harness';
import { startStandIn, type StandIn } from './discord-standin';
import { registerBot } from './running-bots';
import { ManualClock } from './manual-clock';
import { warmCache } from './warm-cache';

/** An article file's front matter and body, as addArticle writes it. */
export interface ArticleFields {
  title: string;
  publisher?: string;
  published?: string;
  url?: string;
  body: string;
}

export interface DigestWorld {
  standIn: StandIn;
  clock: ManualClock;
  logs: LogCapture;
  knowledgeDir: string;
  stateDir: string;
  stateFile: string;
  /** The digest channel (DIGEST_CHANNEL_ID unless a test overrides it). */
  channelId: string;
  /** Starts a bot and waits until its digest schedule has caught up and is waiting. */
  start(env?: Record<string, string>): Promise<RunningBot>;
  /** Stops every bot started, removes the folders and closes the stand-in. */
  close(): Promise<void>;
  /** Writes an article file into the knowledge folder. */
  addArticle(file: string, article: ArticleFields): Promise<void>;
}

export async function startDigestWorld(options: { at: string; env?: Record<string, string>; connect?: ConnectOptions }): Promise<DigestWorld> {
  const standIn = await startStandIn({ token: fakeBotToken() });
  const root = await mkdtemp(join(tmpdir(), 'kz-digest-'));
  const knowledgeDir = join(root, 'knowledge');
  await cp(REPO_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  const stateDir = join(root, 'state');
  // Every start of the world's bot is from the cache a first start leaves: what is tested is the digest.
  await warmCache(join(root, 'cache'), knowledgeDir);
  const clock = new ManualClock(options.at);
  const logs = new LogCapture();
  const log = createLogger('debug', logs.stream);
  const bots: RunningBot[] = [];

  const commands = await loadCommands();
  await deployCommands(commands.values(), { token: standIn.token, applicationId: standIn.applicationId, guildId: standIn.guildId, apiUrl: standIn.apiUrl });

  const world: DigestWorld = {
    standIn,
    clock,
    logs,
    knowledgeDir,
    stateDir,
    stateFile: join(stateDir, STATE_FILE),
    channelId: standIn.defaultChannelId,
    async start(env = {}) {
      const settings = parseSettings({
        DISCORD_TOKEN: standIn.token,
        DISCORD_APPLICATION_ID: standIn.applicationId,
        DISCORD_GUILD_ID: standIn.guildId,
        DISCORD_API_URL: standIn.apiUrl,
        KNOWLEDGE_DIR: knowledgeDir,
        CACHE_DIR: join(root, 'cache'),
        STATE_DIR: stateDir,
        LOG_LEVEL: 'debug',
        DIGEST_CHANNEL_ID: standIn.defaultChannelId,
        ...options.env,
        ...env,
      });
      const bot = registerBot(await connectBot(settings, log, {
        requestsPerSecond: 10_000,
        clock,
        watch: { debounceMs: 20, pollMs: 0 },
        digestRetryDelaysMs: [1_000, 5_000],
        ...options.connect,
      }));
      bots.push(bot);
      await bot.digest.whenAsleep();
      return bot;
    },
    async close() {
      for (const bot of bots) await bot.stop(1_000);
      await standIn.close();
      await rm(root, { recursive: true, force: true });
    },
    async addArticle(file, article) {
      const front = [`title: ${JSON.stringify(article.title)}`];
      if (article.publisher) front.push(`publisher: ${JSON.stringify(article.publisher)}`);
      if (article.published) front.push(`published: ${article.published}`);
      if (article.url) front.push(`url: ${article.url}`);
      await writeFile(join(knowledgeDir, file), `---\n${front.join('\n')}\n---\n\n${article.body}\n`);
    },
  };
  return world;
}

/**
 * Moves the clock to `to` and, if that wakes the digest schedule, waits until it sleeps again
 * (having posted whatever was due). Returns whether the schedule woke. (Other sleepers on the clock,
 * such as the feed service's, may wake too: what counts is the digest's.)
 */
export async function advanceTo(world: DigestWorld, bot: RunningBot, to: string): Promise<boolean> {
  // When the digest sleeps, until when (whenAsleep resolves at once then); otherwise it is waiting on the clock for something else (a retry).
  const asleepUntil = await Promise.race([bot.digest.whenAsleep(), Promise.resolve(undefined)]);
  const slept = bot.digest.next('sleeping');
  const woke = world.clock.set(to);
  if (asleepUntil ? asleepUntil.getTime() > new Date(to).getTime() : woke === 0) return false;
  await slept;
  return true;
}

/** Writes an article file into the knowledge folder and resolves with the change once `bot`'s library has read it. */
export async function addArticleAndReload(world: DigestWorld, bot: RunningBot, file: string, article: ArticleFields): Promise<KnowledgeChange> {
  const reloaded = bot.library.nextChange();
  await world.addArticle(file, article);
  return reloaded;
}
