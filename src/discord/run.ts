import type { Settings } from '../bot/settings';
import type { Logger } from '../util/logger';
import { connectBot, LoginFailed, type RunningBot } from './bot';

/** How long answers in flight may take to finish when the bot is told to stop. */
const STOP_GRACE_MS = 4_000;

/** Why Discord refused to connect, in words an operator can act on. */
function startProblem(err: unknown): string {
  if (!(err instanceof LoginFailed)) return `Could not start: ${(err as Error).message}`;
  const cause = err.cause as { status?: number; code?: string | number; message?: string };
  const status = cause?.status ?? cause?.code;
  if (status === 401 || status === 'TokenInvalid' || status === 4004) {
    return 'Discord rejected the token (DISCORD_TOKEN): check it in the Developer Portal, Bot tab, and reset it if needed.';
  }
  return `Could not connect to Discord: ${err.message}`;
}

/**
 * `npm start` with a token: runs until SIGTERM or SIGINT, then stops cleanly and exits 0. A signal
 * at any moment of start-up (reading the articles, building the index, connecting) stops it at once.
 * A rejected token or an unreachable Discord exits 1 with one line saying why.
 */
export async function runDiscordBot(settings: Settings, log: Logger): Promise<void> {
  const starting = new AbortController();
  let bot: RunningBot | undefined;
  let stopping: string | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = signal;
    log.info({ signal }, bot ? 'stopping: finishing answers in flight' : 'stopping while starting');
    starting.abort(new Error(`stopped by ${signal}`));
    if (bot) await bot.stop(STOP_GRACE_MS);
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    bot = await connectBot(settings, log, { signal: starting.signal });
  } catch (err) {
    if (stopping) return; // stop() exits once what was started is closed
    const problem = startProblem(err);
    process.stderr.write(`${problem}\n`);
    log.error({ err }, err instanceof LoginFailed ? 'login failed' : 'start-up failed');
    process.exit(1);
  }
}
