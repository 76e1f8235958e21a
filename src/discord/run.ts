import type { Settings } from '../bot/settings';
import type { Logger } from '../util/logger';
import { catchStopRequests, type StopRequest, type StopRequests } from '../util/stop-signals';
import { connectBot, LoginFailed, type RunningBot } from './bot';

/** How long answers in flight may take to finish when the bot is told to stop. */
const STOP_GRACE_MS = 4_000;
/** How long what was started may take to stop when a signal comes during start-up (issue 11: within 2 s in all). */
const STOP_WHILE_STARTING_MS = 1_500;

/** Errors of a machine that cannot reach Discord at all (no network, no DNS, a firewall), as node names them. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Why Discord refused to connect, in words an operator can act on. */
export function startProblem(err: unknown): string {
  if (!(err instanceof LoginFailed)) return `Could not start: ${(err as Error).message}`;
  const cause = err.cause as { status?: number; code?: string | number; message?: string };
  const status = cause?.status ?? cause?.code;
  if (status === 401 || status === 'TokenInvalid' || status === 4004) {
    return 'Discord rejected the token (DISCORD_TOKEN): check it in the Developer Portal, Bot tab, and reset it if needed.';
  }
  if (typeof status === 'string' && UNREACHABLE.has(status)) {
    return `Could not connect to Discord: ${err.message}. Check this machine's network connection, DNS and any proxy or firewall; without DISCORD_TOKEN the bot answers in the terminal instead.`;
  }
  return `Could not connect to Discord: ${err.message}`;
}

/**
 * `npm start` with a token: runs until SIGTERM or SIGINT (or, started by npm, until npm goes away),
 * then stops cleanly and exits 0. A signal at any moment of start-up (reading the articles,
 * building the index, connecting) stops what was started at once (the cache builder is terminated
 * and its temporary file removed) and exits 0 within STOP_WHILE_STARTING_MS, leaving no file half
 * written. A rejected token or an unreachable Discord exits 1 with one line saying why.
 */
export async function runDiscordBot(settings: Settings, log: Logger, stops: StopRequests = catchStopRequests()): Promise<void> {
  const starting = new AbortController();
  let bot: RunningBot | undefined;
  let stopping: StopRequest | undefined;
  const connecting = connectBot(settings, log, { signal: starting.signal });
  const stop = async (request: StopRequest) => {
    if (stopping) return;
    stopping = request;
    const whileStarting = !bot;
    log.info({ signal: request }, whileStarting ? 'stopping while starting' : 'stopping: finishing answers in flight');
    starting.abort(new Error(`stopped by ${request}`));
    let failed = false;
    const closing = (async () => {
      // Connected just as the signal came: then it is stopped like a bot that was running.
      const running = bot ?? (await connecting.catch(() => undefined));
      await running?.stop(STOP_GRACE_MS);
    })().catch((err: unknown) => {
      failed = true;
      log.error({ err }, 'stopping failed');
    });
    if (!whileStarting) await closing;
    else {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, STOP_WHILE_STARTING_MS, true)));
      if (await Promise.race([closing.then(() => false), late])) log.warn({ waitedMs: STOP_WHILE_STARTING_MS }, 'start-up did not stop in time; exiting anyway (files are written whole or not at all)');
      clearTimeout(timer);
    }
    log.info('stopped');
    process.exit(failed ? 1 : 0);
  };
  stops.handle((request) => {
    if (request === 'parent-gone') log.warn('the npm process that started the bot has gone (a signal sent to npm alone does not reach the bot through the shell npm runs it in): stopping');
    void stop(request);
  });

  try {
    bot = await connecting;
  } catch (err) {
    if (stopping) return; // stop() exits once what was started is closed
    const problem = startProblem(err);
    process.stderr.write(`${problem}\n`);
    log.error({ err }, err instanceof LoginFailed ? 'login failed' : 'start-up failed');
    process.exit(1);
  }
}
