import type { CliIo } from './cli/io';
import { isEntry } from './util/entry';
import { catchStopRequests, type StopRequests } from './util/stop-signals';

/**
 * `npm start` (and `node dist/src/main.js`, as the systemd unit runs it): the bot in Discord with a
 * token, in the terminal without one. Returns the exit code of the terminal mode; the Discord mode
 * runs until it is told to stop (and exits itself).
 *
 * Only this module and the two small ones above load before SIGTERM and SIGINT are caught; the rest
 * is imported after, so that a signal at any moment of start-up is handled.
 */
export async function main(io: CliIo, stops: StopRequests = catchStopRequests()): Promise<number> {
  const { readSettings } = await import('./cli/io');
  const settings = readSettings(io);
  if (!settings) return 1;
  const { createLogger } = await import('./util/logger');
  if (settings.DISCORD_TOKEN) {
    const { runDiscordBot } = await import('./discord/run');
    await runDiscordBot(settings, createLogger(settings.LOG_LEVEL), stops);
    return 0;
  }
  // The terminal writes nothing: a signal ends it the ordinary way.
  stops.release();
  io.stderr.write(
    'Running without Discord (no DISCORD_TOKEN): ask a question or type /help; "exit", "quit" or "bye" to stop. To connect, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see .env.example).\n',
  );
  const [{ startBot }, { watchKnowledge }, { runTerminal }] = await Promise.all([import('./bot/start'), import('./library/watcher'), import('./terminal/repl')]);
  const log = createLogger(io.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn');
  const { runner, library, close } = await startBot(settings, log);
  // Articles added while the terminal is open are answered too.
  const watcher = watchKnowledge(library, log.child({ module: 'knowledge' }), { pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000 });
  await runTerminal(runner, io.stdin, io.stdout);
  watcher.close();
  await close();
  return 0;
}

if (isEntry(import.meta.url)) {
  // Started by npm (npm start), the bot also stops when npm goes away: see stop-signals.ts.
  const stops = catchStopRequests({ watchParent: process.env.npm_lifecycle_event !== undefined });
  // Until the Discord mode takes over, nothing has been read or written: a signal ends the program at once.
  stops.handle(() => process.exit(0));
  const { processIo } = await import('./cli/io');
  process.exitCode = await main(processIo(), stops);
}
