/**
 * Runs the real bot (connectBot: knowledge base, commands, discord.js client) against the local
 * Discord stand-in, with its commands registered through deployCommands — the same path as
 * `npm run deploy-commands` — and its log lines kept in memory for tests to assert on.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from '../../src/bot/command';
import { loadCommands } from '../../src/bot/load-commands';
import { parseSettings, type Settings } from '../../src/bot/settings';
import { connectBot, type ConnectOptions, type RunningBot } from '../../src/discord/bot';
import { deployCommands, type DeployResult, type DeployTarget } from '../../src/discord/deploy';
import { createLogger, type Logger } from '../../src/util/logger';
import { startStandIn, type StandIn, type StandInOptions } from './discord-standin';
import { registerBot } from './running-bots';
import { LogCapture } from './log-capture';
import { REPO_KNOWLEDGE_DIR, warmCache } from './warm-cache';

export { REPO_KNOWLEDGE_DIR };

export { LogCapture, type LogLine } from './log-capture';

export interface BotHarness {
  standIn: StandIn;
  bot: RunningBot;
  settings: Settings;
  log: Logger;
  logs: LogCapture;
  /** The loaded command modules, as deployed. */
  commands: Map<string, CommandModule>;
  deployTarget: DeployTarget;
  /** What the first deployCommands call did. */
  deployed: DeployResult;
  /** Stops the bot (short grace), closes the stand-in and removes the temporary cache folder. Idempotent. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  knowledgeDir?: string;
  logLevel?: string;
  standIn?: StandInOptions;
  /** Further settings (DIGEST_TIME, …), as in .env. */
  env?: Record<string, string>;
  /** Where the bot keeps its state; default a temporary folder removed on close. */
  stateDir?: string;
  connect?: ConnectOptions;
  /**
   * Start from the cache a first start leaves (as a restarted bot does; see warm-cache.ts), or from
   * an empty cache folder. Default: warm for the project's knowledge/, empty for any other folder.
   */
  cache?: 'warm' | 'empty';
}

/** A token shaped like a real bot token (three base64url parts), which parseSettings insists on. */
export function fakeBotToken(): string {
  const token = [randomBytes(18), randomBytes(4), randomBytes(27)].map((part) => part.toString('base64url')).join('.');
  // discord.js takes a leading "Bot" or "Bearer" (any case, spaces or none) for a prefix and drops it:
  // a token drawn as "bOtq…" would reach the stand-in as "q…" and be refused.
  return /^(?:bot|bearer)/i.test(token) ? fakeBotToken() : token;
}

export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const standIn = await startStandIn({ token: fakeBotToken(), ...options.standIn });
  const cacheDir = await mkdtemp(join(tmpdir(), 'kz-bot-cache-'));
  if ((options.cache ?? (options.knowledgeDir ? 'empty' : 'warm')) === 'warm') await warmCache(cacheDir);
  const stateDir = options.stateDir ?? join(cacheDir, 'state');
  let bot: RunningBot | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await bot?.stop(1_000);
      } finally {
        await standIn.close();
        await rm(cacheDir, { recursive: true, force: true });
      }
    })());

  try {
    const settings = parseSettings({
      DISCORD_TOKEN: standIn.token,
      DISCORD_APPLICATION_ID: standIn.applicationId,
      DISCORD_GUILD_ID: standIn.guildId,
      DISCORD_API_URL: standIn.apiUrl,
      KNOWLEDGE_DIR: options.knowledgeDir ?? REPO_KNOWLEDGE_DIR,
      CACHE_DIR: cacheDir,
      STATE_DIR: stateDir,
      LOG_LEVEL: options.logLevel ?? 'debug',
      ...options.env,
    });
    const logs = new LogCapture();
    const log = createLogger(settings.LOG_LEVEL, logs.stream);

    const commands = await loadCommands();
    const deployTarget: DeployTarget = {
      token: settings.DISCORD_TOKEN!,
      applicationId: settings.DISCORD_APPLICATION_ID!,
      guildId: settings.DISCORD_GUILD_ID,
      apiUrl: settings.DISCORD_API_URL,
    };
    const deployed = await deployCommands(commands.values(), deployTarget);

    bot = registerBot(await connectBot(settings, log, { requestsPerSecond: 10_000, ...options.connect }));
    return { standIn, bot, settings, log, logs, commands, deployTarget, deployed, close };
  } catch (err) {
    await close();
    throw err;
  }
}
