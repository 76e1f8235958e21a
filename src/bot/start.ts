import { DigestService } from '../digest/digest-service';
import { loadAnalysis } from '../library/analysis-data';
import { FirstSeenLedger } from '../library/first-seen';
import { Library } from '../library/library';
import { StateStore } from '../state/state-file';
import { systemClock, type Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { AnswerFeedback } from './feedback';
import { KnowledgeIngest, type IngestOverrides } from './ingest';
import { loadCommands } from './load-commands';
import { CommandRunner } from './runner';
import type { Settings } from './settings';

export type BotSettings = Pick<
  Settings,
  | 'KNOWLEDGE_DIR'
  | 'CACHE_DIR'
  | 'STATE_DIR'
  | 'DIGEST_CHANNEL_ID'
  | 'DIGEST_TIME'
  | 'DIGEST_TIMEZONE'
  | 'DIGEST_QUIET_LINE'
  | 'DIGEST_CATCH_UP_HOURS'
  | 'FEEDBACK_RETENTION_DAYS'
  | 'GAPS_DIGEST_DAY'
  | 'FEEDS_POLL_MINUTES'
  | 'FEEDS_CONTACT'
  | 'ALLOW_PRIVATE_NETWORK'
  | 'KNOWLEDGE_ADD_ROLE'
>;

export interface StartOptions {
  clock?: Clock;
  /**
   * Whether this process keeps the bot's state (first-seen dates, digests posted) and its cache.
   * Only the bot connected to Discord does; the terminal and the command line read them and
   * change nothing.
   */
  writeState?: boolean;
  /** Waits between digest post attempts (tests make them short). */
  digestRetryDelaysMs?: number[];
  /** Aborts starting (a signal during start-up): the cache builder is stopped at once. */
  signal?: AbortSignal;
  /** Quiet time after a knowledge change before the cache is written again (tests make it short); 0 never (a one-shot command). */
  cacheRewriteDelayMs?: number;
  /**
   * Whether answers take feedback: the record in STATE_DIR is opened, answers carry the Helpful
   * and Not helpful buttons and are recorded, /knowledge gaps reports, and the digest carries the
   * weekly gaps section. Only the bot connected to Discord does.
   */
  feedback?: boolean;
  /** Warm the engine up this long after the articles are loaded (see Library's warmUpAfterMs); startBot's default is BOT_WARM_UP_AFTER_MS. */
  warmUpAfterMs?: number;
  /**
   * Whether articles come from links and news feeds (/knowledge add, /feeds): the feeds in
   * STATE_DIR are opened (checked once `ingest.start()` is called). Only the bot connected to
   * Discord does; `true`, or what tests change (no gap between requests to their local server).
   */
  ingest?: boolean | IngestOverrides;
}

/**
 * A bot warms its engine up a moment after start-up, once it has connected and answered whatever
 * was asked first: its first questions are then as fast as the next ones.
 */
const BOT_WARM_UP_AFTER_MS = 1_000;

export type StartedBot = Awaited<ReturnType<typeof startBot>>;

/** The knowledge base alone (what `npm run ask` needs for a question): analysis data, cache, articles; first-seen dates when a state is given. */
export async function openLibrary(settings: Pick<Settings, 'KNOWLEDGE_DIR' | 'CACHE_DIR'>, log: Logger, options: StartOptions & { state?: StateStore } = {}): Promise<Library> {
  const clock = options.clock ?? systemClock;
  const knowledgeLog = log.child({ module: 'knowledge' });
  const analysis = await loadAnalysis({ cacheDir: settings.CACHE_DIR, log: knowledgeLog });
  return Library.open({
    dir: settings.KNOWLEDGE_DIR,
    cacheDir: settings.CACHE_DIR,
    analysis,
    log: knowledgeLog,
    clock,
    ledger: options.state ? new FirstSeenLedger(options.state, clock) : undefined,
    signal: options.signal,
    cacheRewriteDelayMs: options.cacheRewriteDelayMs,
    warmUpAfterMs: options.warmUpAfterMs,
  });
}

/** Everything an adapter needs: the state, the knowledge base, the digest, and the commands that answer from them. */
export async function startBot(settings: BotSettings, log: Logger, options: StartOptions = {}) {
  const clock = options.clock ?? systemClock;
  // The commands load (importing discord.js's builders takes a while) while the state and the articles are read.
  const commands = loadCommands();
  commands.catch(() => {});
  const state = await StateStore.open(settings.STATE_DIR, { clock, log: log.child({ module: 'state' }), readOnly: !options.writeState });
  if (state.writeProblem) log.warn({ dir: settings.STATE_DIR }, `STATE_DIR (${settings.STATE_DIR}) cannot be written: ${state.writeProblem.message}`);
  let library: Library;
  try {
    library = await openLibrary(settings, log, { warmUpAfterMs: BOT_WARM_UP_AFTER_MS, ...options, clock, state });
  } catch (err) {
    // Stopped while starting (or the library could not be opened): the state's writes under way finish first.
    await state.close();
    throw err;
  }
  let feedback: AnswerFeedback | undefined;
  // The digest's time zone can change from Discord (/digest time): the report reads it when it runs.
  let digestZone = () => settings.DIGEST_TIMEZONE;
  if (options.feedback) {
    try {
      feedback = await AnswerFeedback.open({
        dir: settings.STATE_DIR,
        log: log.child({ module: 'feedback' }),
        library,
        clock,
        retentionDays: settings.FEEDBACK_RETENTION_DAYS,
        timeZone: () => digestZone(),
        gapsDigestDay: settings.GAPS_DIGEST_DAY,
      });
    } catch (err) {
      await closeOpened(log, { library, state });
      throw err;
    }
  }
  let ingest: KnowledgeIngest | undefined;
  if (options.ingest) {
    try {
      ingest = await KnowledgeIngest.open({
        settings,
        library,
        log,
        clock,
        ...(typeof options.ingest === 'object' ? { overrides: options.ingest } : {}),
      });
    } catch (err) {
      await closeOpened(log, { library, feedback, state });
      throw err;
    }
  }
  const digest = new DigestService({
    library,
    store: state,
    clock,
    log: log.child({ module: 'digest' }),
    settings: {
      channelId: settings.DIGEST_CHANNEL_ID,
      time: settings.DIGEST_TIME,
      timeZone: settings.DIGEST_TIMEZONE,
      quietLine: settings.DIGEST_QUIET_LINE,
      catchUpHours: settings.DIGEST_CATCH_UP_HOURS,
    },
    retryDelaysMs: options.digestRetryDelaysMs,
    extraSections: feedback && settings.GAPS_DIGEST_DAY !== 'off' ? (slot, previous) => feedback.digestSections(slot, previous) : undefined,
  });
  digestZone = () => digest.schedule().timeZone;
  const gaps = feedback ?? (options.feedback ? { unavailable: `it could not be opened in ${settings.STATE_DIR}` } : undefined);
  const runner = new CommandRunner(await commands, { library, digest, state, gaps, ingest }, log.child({ module: 'commands' }), feedback);
  return {
    library,
    commands: runner.commands,
    runner,
    digest,
    state,
    clock,
    feedback,
    ingest,
    /** Closes the feeds, the library, the feedback record and the state (the digest is stopped by its owner first). */
    close: () => closeOpened(log, { ingest, library, feedback, state }),
  };
}

/**
 * Closes what startBot opened, in the order that loses nothing: the feeds (no article left half
 * written), the library, the feedback record (written out), then the state, after which nothing is
 * written to STATE_DIR.
 */
async function closeOpened(log: Logger, opened: { ingest?: KnowledgeIngest; library: Library; feedback?: AnswerFeedback; state: StateStore }): Promise<void> {
  await opened.ingest?.close().catch((err: unknown) => log.error({ err }, 'ingest: closing failed'));
  await opened.library.close();
  await opened.feedback?.flush();
  await opened.state.close();
}
