import { Events, type Client } from 'discord.js';
import type { AnswerFeedback } from '../bot/feedback';
import type { Settings } from '../bot/settings';
import { startBot } from '../bot/start';
import type { DigestService } from '../digest/digest-service';
import type { Library } from '../library/library';
import { watchKnowledge, type WatchOptions } from '../library/watcher';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { createClient } from './client';
import { RECONNECT_DEFAULTS, superviseConnection, type ReconnectPolicy } from './connection';
import { discordDigestPoster } from './digest-poster';
import { createInteractionHandler } from './interactions';
import { PageStore } from './page-store';

/** Discord did not let the bot in (a rejected token, Discord unreachable): `cause` says how. */
export class LoginFailed extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
  }
}

export interface RunningBot {
  client: Client;
  library: Library;
  digest: DigestService;
  /** Feedback on answers (absent when STATE_DIR could not hold the record). */
  feedback?: AnswerFeedback;
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
  /** Aborts connecting (a signal during start-up): what was started is stopped, and connectBot rejects with the signal's reason. */
  signal?: AbortSignal;
  cacheRewriteDelayMs?: number;
}

/**
 * Connects to Discord and answers interactions until stopped; watches the knowledge folder and
 * posts the daily digest. Rejects when Discord refuses the login, or when `signal` aborts.
 */
export async function connectBot(settings: Settings, log: Logger, options: ConnectOptions = {}): Promise<RunningBot> {
  const { signal } = options;
  const { runner, library, digest, state, feedback } = await startBot(settings, log, {
    clock: options.clock,
    writeState: true,
    feedback: true,
    digestRetryDelaysMs: options.digestRetryDelaysMs,
    signal,
    cacheRewriteDelayMs: options.cacheRewriteDelayMs,
  });
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

  const abandon = async () => {
    connection.stop();
    await client.destroy();
    await library.close();
    await feedback?.flush();
    await state.close();
  };
  try {
    signal?.throwIfAborted();
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    await Promise.race([client.login(settings.DISCORD_TOKEN), ready]);
    await ready;
  } catch (err) {
    await abandon();
    throw signal?.aborted ? signal.reason : new LoginFailed(err);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  const watcher = watchKnowledge(library, log.child({ module: 'knowledge' }), { pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000, ...options.watch });
  digest.start(discordDigestPoster(client));
  const { time, timeZone } = digest.schedule();
  log.info({ channelId: digest.channelId() ?? null, time, timeZone }, 'digest scheduled');

  return {
    client,
    library,
    digest,
    feedback,
    async stop(graceMs = 4_000) {
      stopping = true;
      connection.stop();
      watcher.close();
      let timer: NodeJS.Timeout | undefined;
      const finishing = Promise.allSettled([...inFlight, digest.stop(), library.idle()]);
      await Promise.race([finishing, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await client.destroy();
      await library.close();
      // The answers recorded so far are written before the process goes.
      await feedback?.flush();
      // Nothing is written to the state folder after this (answers still finishing keep their changes in memory).
      await state.close();
    },
  };
}
