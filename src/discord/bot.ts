import { Events, type Client } from 'discord.js';
import { watchKnowledge, type WatchOptions } from '../bot/knowledge-watcher';
import type { Library } from '../bot/library';
import { startBot } from '../bot/start';
import type { Clock } from '../clock';
import type { Settings } from '../config';
import type { DigestService } from '../digest/digest-service';
import type { Logger } from '../logger';
import { createClient } from './client';
import { discordDigestPoster } from './digest-poster';
import { createInteractionHandler } from './interactions';
import { PageStore } from './page-store';

export interface RunningBot {
  client: Client;
  library: Library;
  digest: DigestService;
  /** Finishes the answers in flight (at most `graceMs`), then closes the gateway connection. */
  stop(graceMs?: number): Promise<void>;
}

export interface ConnectOptions {
  requestsPerSecond?: number;
  /** The digest's clock (tests move it by hand). */
  clock?: Clock;
  /** How the knowledge folder is watched (tests shorten the debounce). */
  watch?: WatchOptions;
  digestRetryDelaysMs?: number[];
  /** When Discord stays unreachable: after how many failed attempts to pause, and for how long (doubling). */
  reconnect?: Partial<ReconnectPolicy>;
}

export interface ReconnectPolicy {
  /** discord.js retries about twice a second; after this many failures in a row the bot pauses instead. */
  pauseAfter: number;
  firstPauseMs: number;
  longestPauseMs: number;
}

const RECONNECT_DEFAULTS: ReconnectPolicy = { pauseAfter: 10, firstPauseMs: 5_000, longestPauseMs: 300_000 };

/**
 * Connects to Discord and answers interactions until stopped; watches the knowledge folder and
 * posts the daily digest. Rejects when Discord refuses the login.
 */
export async function connectBot(settings: Settings, log: Logger, options: ConnectOptions = {}): Promise<RunningBot> {
  const { runner, library, digest, state } = await startBot(settings, log, { clock: options.clock, writeState: true, digestRetryDelaysMs: options.digestRetryDelaysMs });
  const client = createClient({ apiUrl: settings.DISCORD_API_URL, requestsPerSecond: options.requestsPerSecond });
  const handle = createInteractionHandler(runner, new PageStore(), log.child({ module: 'discord' }));
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  const connection = superviseConnection(client, log, settings.DISCORD_TOKEN!, { ...RECONNECT_DEFAULTS, ...options.reconnect });

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(settings.DISCORD_TOKEN);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  const watcher = watchKnowledge(library, log.child({ module: 'knowledge' }), {
    pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000,
    ...options.watch,
  });
  digest.start(discordDigestPoster(client));
  const { time, timeZone } = digest.schedule();
  log.info({ channelId: digest.channelId() ?? null, time, timeZone }, 'digest scheduled');

  return {
    client,
    library,
    digest,
    async stop(graceMs = 4_000) {
      stopping = true;
      connection.stop();
      watcher.close();
      let timer: NodeJS.Timeout | undefined;
      const finishing = Promise.allSettled([...inFlight, digest.stop(), library.settled()]);
      await Promise.race([finishing, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await client.destroy();
      // Nothing is written to the state folder after this (answers still finishing keep their changes in memory).
      await state.close();
    },
  };
}

/**
 * Watches the gateway connection so an operator sees an outage (each failed attempt as a warning
 * with the reason, how long the bot has been cut off, and when it is back), and backs off while
 * Discord stays unreachable: discord.js retries about twice a second for ever, so after
 * `pauseAfter` failures in a row the bot closes the client and logs in again after a pause that
 * doubles each time (5 s, 10 s, … 5 min).
 */
function superviseConnection(client: Client, log: Logger, token: string, policy: ReconnectPolicy) {
  let downSince: number | undefined;
  let attempts = 0;
  let failures = 0;
  let pauses = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const down = () => (downSince === undefined ? 0 : Math.round((Date.now() - downSince) / 1000));

  const pause = async () => {
    const pauseMs = Math.min(policy.longestPauseMs, policy.firstPauseMs * 2 ** pauses);
    pauses++;
    failures = 0;
    log.warn({ attempts, downSeconds: down(), pauseMs }, 'Discord unreachable: pausing before trying again');
    await client.destroy();
    timer = setTimeout(() => {
      if (stopped) return;
      log.info({ attempt: attempts + 1 }, 'logging in to Discord again');
      client.login(token).catch((err: unknown) => {
        attempts++;
        log.warn({ err, attempt: attempts, downSeconds: down() }, 'gateway connection attempt failed');
        if (!stopped) void pause();
      });
    }, pauseMs);
  };

  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'gateway connection closed for good; not reconnecting'));
  client.on(Events.ShardReconnecting, () => {
    downSince ??= Date.now();
    attempts++;
    const message = 'gateway connection lost: reconnecting';
    if (attempts === 1) log.warn({ attempt: attempts }, message);
    else log.warn({ attempt: attempts, downSeconds: down() }, `${message} (still down)`);
  });
  client.on(Events.ShardError, (err) => {
    log.warn({ err, attempt: attempts, downSeconds: down() }, 'gateway connection attempt failed');
    if (++failures >= policy.pauseAfter && !stopped) void pause();
  });
  const back = (how: string) => {
    if (downSince === undefined) return;
    log.info({ attempts, downSeconds: down() }, `gateway connection ${how}`);
    downSince = undefined;
    attempts = failures = pauses = 0;
  };
  client.on(Events.ShardResume, () => back('resumed'));
  client.on(Events.ShardReady, () => back('re-established'));

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
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
