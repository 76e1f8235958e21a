import { systemClock, type Clock } from '../clock';
import type { Settings } from '../config';
import { DigestService, type DigestSettings } from '../digest/digest-service';
import type { Logger } from '../logger';
import { StateStore } from '../state/state-file';
import { Library } from './library';
import { loadCommands } from './load-commands';
import { CommandRunner } from './runner';

export type BotSettings = Pick<
  Settings,
  'KNOWLEDGE_DIR' | 'CACHE_DIR' | 'STATE_DIR' | 'DIGEST_CHANNEL_ID' | 'DIGEST_TIME' | 'DIGEST_TIMEZONE' | 'DIGEST_QUIET_LINE' | 'DIGEST_CATCH_UP_HOURS'
>;

export interface StartOptions {
  clock?: Clock;
  /**
   * Whether this process keeps the bot's state (first-seen dates, digests posted). Only the bot
   * connected to Discord does; the terminal and the command line read it and change nothing.
   */
  writeState?: boolean;
  /** Waits between digest post attempts (tests make them short). */
  digestRetryDelaysMs?: number[];
}

function digestSettingsOf(settings: BotSettings): DigestSettings {
  return {
    channelId: settings.DIGEST_CHANNEL_ID,
    time: settings.DIGEST_TIME,
    timeZone: settings.DIGEST_TIMEZONE,
    quietLine: settings.DIGEST_QUIET_LINE,
    catchUpHours: settings.DIGEST_CATCH_UP_HOURS,
  };
}

/** Everything an adapter needs: the state, the knowledge base, the digest, and the commands that answer from them. */
export async function startBot(settings: BotSettings, log: Logger, options: StartOptions = {}) {
  const clock = options.clock ?? systemClock;
  const state = await StateStore.open(settings.STATE_DIR, { clock, log: log.child({ module: 'state' }), readOnly: !options.writeState });
  const library = await Library.open(settings.KNOWLEDGE_DIR, settings.CACHE_DIR, log.child({ module: 'knowledge' }), { state, clock });
  const digest = new DigestService({
    library,
    store: state,
    clock,
    log: log.child({ module: 'digest' }),
    settings: digestSettingsOf(settings),
    retryDelaysMs: options.digestRetryDelaysMs,
  });
  const commands = await loadCommands();
  const runner = new CommandRunner(commands, { library, digest }, log.child({ module: 'commands' }));
  return { library, commands, runner, digest, state, clock };
}
