import { randomBytes } from 'node:crypto';
import { Events, type Client, type Interaction } from 'discord.js';
import type { AnswerFeedback } from '../bot/feedback';
import type { IngestOverrides, KnowledgeIngest } from '../bot/ingest';
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
import { renderReply } from './render';
import { notice } from '../core/reply';
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
  /** Articles from links and news feeds (/knowledge add, /feeds). */
  ingest?: KnowledgeIngest;
  /** Finishes the answers in flight (at most `graceMs`), then closes the gateway connection. */
  stop(graceMs?: number): Promise<void>;
}

export interface ConnectOptions {
  requestsPerSecond?: number;
  /** See ClientOptions.identifyAtOnce (tests against the stand-in). */
  identifyAtOnce?: boolean;
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
  /** How long an interaction that arrives while the articles are still loading waits for them (default 2 s, inside Discord's 3 s). */
  loadingWaitMs?: number;
  /** What tests change in fetching (no politeness gap to their one local server, a short time-out). */
  ingest?: IngestOverrides;
}

/** How long an interaction that arrives while the knowledge base is still loading waits for it before being told so. */
const LOADING_WAIT_MS = 2_000;

/**
 * Connects to Discord and answers interactions until stopped; watches the knowledge folder and
 * posts the daily digest. The connection to Discord is made while the knowledge base loads (their
 * waits overlap); an interaction that comes before the articles are ready waits for them, or is
 * told privately that the bot is still loading. Rejects when Discord refuses the login, or when
 * `signal` aborts.
 */
export async function connectBot(settings: Settings, log: Logger, options: ConnectOptions = {}): Promise<RunningBot> {
  const { signal } = options;
  const starting = new AbortController();
  const stopStarting = () => starting.abort(signal?.reason);
  signal?.addEventListener('abort', stopStarting, { once: true });
  const started = startBot(settings, log, {
    clock: options.clock,
    writeState: true,
    feedback: true,
    ingest: options.ingest ?? true,
    digestRetryDelaysMs: options.digestRetryDelaysMs,
    signal: starting.signal,
    cacheRewriteDelayMs: options.cacheRewriteDelayMs,
  });
  started.catch(() => {});
  const client = createClient({ apiUrl: settings.DISCORD_API_URL, requestsPerSecond: options.requestsPerSecond, identifyAtOnce: options.identifyAtOnce });
  const discordLog = log.child({ module: 'discord' });
  const handler = started.then(({ runner }) => createInteractionHandler(runner, new PageStore(), discordLog));
  let handle: ((interaction: Interaction) => Promise<void>) | undefined;
  // (A start that fails is reported below, through `started`.)
  handler.then(
    (ready) => (handle = ready),
    () => {},
  );
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = (handle ? handle(interaction) : whenLoaded(interaction, handler, discordLog, options.loadingWaitMs ?? LOADING_WAIT_MS)).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  const connection = superviseConnection(client, log, settings.DISCORD_TOKEN!, { ...RECONNECT_DEFAULTS, ...options.reconnect });

  const connected = (async () => {
    signal?.throwIfAborted();
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    try {
      await Promise.race([client.login(settings.DISCORD_TOKEN), ready]);
      await ready;
    } catch (err) {
      throw signal?.aborted ? signal.reason : new LoginFailed(err);
    }
  })();
  const [connecting, loading] = await Promise.allSettled([connected, started]);
  if (connecting.status === 'rejected' || loading.status === 'rejected') {
    // One failed: what the other started is stopped too.
    stopStarting();
    connection.stop();
    await client.destroy();
    if (loading.status === 'fulfilled') await loading.value.close();
    signal?.removeEventListener('abort', stopStarting);
    throw connecting.status === 'rejected' ? connecting.reason : (loading as PromiseRejectedResult).reason;
  }
  signal?.removeEventListener('abort', stopStarting);
  const { library, digest, feedback, ingest, close } = loading.value;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  const watcher = watchKnowledge(library, log.child({ module: 'knowledge' }), { pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000, ...options.watch });
  const poster = discordDigestPoster(client);
  digest.start(poster);
  const { time, timeZone } = digest.schedule();
  log.info({ channelId: digest.channelId() ?? null, time, timeZone }, 'digest scheduled');
  if (ingest) {
    // A feed paused after failing too often is told once, in the digest channel, pinging nobody.
    ingest.announceWith(async (message) => {
      const channelId = digest.channelId();
      if (!channelId) {
        log.warn({ notice: message }, 'feeds: no digest channel to announce this in (set one with /digest channel)');
        return;
      }
      await poster.post(channelId, { content: [message], pages: [] }, `feeds-${randomBytes(6).toString('hex')}`);
    });
    ingest.start();
    log.info({ pollMinutes: settings.FEEDS_POLL_MINUTES }, 'feeds: checking');
  }

  return {
    client,
    library,
    digest,
    feedback,
    ingest,
    async stop(graceMs = 4_000) {
      stopping = true;
      connection.stop();
      watcher.close();
      let timer: NodeJS.Timeout | undefined;
      // Feed checks under way stop at their next item (what is done is recorded; an article written is whole);
      // a link being added in an answer still in flight is fetched to the end.
      const feedsStopped = (ingest?.stopFeeds() ?? Promise.resolve()).catch((err: unknown) => log.error({ err }, 'feeds: stopping failed'));
      const finishing = Promise.allSettled([...inFlight, digest.stop(), feedsStopped, library.idle()]);
      await Promise.race([finishing, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await client.destroy();
      await feedsStopped;
      // The answers recorded so far are written before the process goes; nothing is written to the
      // state folder after this (answers still finishing keep their changes in memory).
      await close();
    },
  };
}

/**
 * An interaction that came before the knowledge base was ready: answered as soon as it is, or, if
 * that takes longer than Discord lets an answer wait, told privately that the bot is starting.
 */
async function whenLoaded(interaction: Interaction, handler: Promise<(interaction: Interaction) => Promise<void>>, log: Logger, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'loading'>((resolve) => (timer = setTimeout(() => resolve('loading'), waitMs)));
  const ready = await Promise.race([handler.catch(() => undefined), waited]);
  clearTimeout(timer);
  if (ready && ready !== 'loading') return ready(interaction);
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply(renderReply(STARTING));
  } catch (err) {
    log.warn({ err, interactionId: interaction.id }, 'could not tell an interaction that the bot is starting');
  }
}

const STARTING = notice('The bot is starting and still reading its articles. Please ask again in a minute.');
