import { Events, type Client } from 'discord.js';
import { startBot } from '../bot/start';
import type { Settings } from '../config';
import type { Logger } from '../logger';
import { createClient } from './client';
import { createInteractionHandler } from './interactions';
import { PageStore } from './page-store';

export interface RunningBot {
  client: Client;
  /** Finishes the answers in flight (at most `graceMs`), then closes the gateway connection. */
  stop(graceMs?: number): Promise<void>;
}

/** Connects to Discord and answers interactions until stopped. Rejects when Discord refuses the login. */
export async function connectBot(settings: Settings, log: Logger, options: { requestsPerSecond?: number } = {}): Promise<RunningBot> {
  const { runner } = await startBot(settings, log);
  const client = createClient({ apiUrl: settings.DISCORD_API_URL, requestsPerSecond: options.requestsPerSecond });
  const handle = createInteractionHandler(runner, new PageStore(), log.child({ module: 'discord' }));
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'gateway connection closed'));
  client.on(Events.ShardReconnecting, () => log.info('reconnecting to the gateway'));
  client.on(Events.ShardResume, () => log.info('gateway connection resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(settings.DISCORD_TOKEN);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');

  return {
    client,
    async stop(graceMs = 4_000) {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}

/** `npm start` with a token: runs until SIGTERM or SIGINT, then stops cleanly (also when the signal comes while connecting). */
export async function runDiscordBot(settings: Settings, log: Logger): Promise<void> {
  let bot: RunningBot | undefined;
  let stopRequested: string | undefined;
  const stop = async (signal: string) => {
    if (stopRequested) return;
    stopRequested = signal;
    if (!bot) return; // still connecting: stopped as soon as the connection is made
    log.info({ signal }, 'stopping: finishing answers in flight');
    await bot.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    bot = await connectBot(settings, log);
  } catch (err) {
    const status = (err as { status?: number; code?: string | number }).status ?? (err as { code?: string | number }).code;
    const reason =
      status === 401 || status === 'TokenInvalid' || status === 4004
        ? 'Discord rejected the token (DISCORD_TOKEN): check it in the Developer Portal, Bot tab, and reset it if needed.'
        : `Could not connect to Discord: ${(err as Error).message}`;
    process.stderr.write(`${reason}\n`);
    log.error({ err }, 'login failed');
    process.exit(1);
  }
  if (stopRequested) {
    const signal = stopRequested;
    stopRequested = undefined;
    await stop(signal);
  }
}
