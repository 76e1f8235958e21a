import { startBot } from './bot/start';
import { isEntry, processIo, readSettings, type CliIo } from './cli/io';
import { watchKnowledge } from './library/watcher';
import { runTerminal } from './terminal/repl';
import { createLogger } from './util/logger';

/**
 * `npm start`: the bot in Discord with a token, in the terminal without one. Returns the exit code
 * of the terminal mode; the Discord mode runs until a signal stops it (and exits itself).
 */
export async function main(io: CliIo): Promise<number> {
  const settings = readSettings(io);
  if (!settings) return 1;
  if (settings.DISCORD_TOKEN) {
    const { runDiscordBot } = await import('./discord/run');
    await runDiscordBot(settings, createLogger(settings.LOG_LEVEL));
    return 0;
  }
  io.stderr.write(
    'Running without Discord (no DISCORD_TOKEN): ask a question or type /help, "exit" to stop. To connect, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see .env.example).\n',
  );
  const log = createLogger(io.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn');
  const { runner, library } = await startBot(settings, log);
  // Articles added while the terminal is open are answered too.
  const watcher = watchKnowledge(library, log.child({ module: 'knowledge' }), { pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000 });
  await runTerminal(runner, io.stdin, io.stdout);
  watcher.close();
  await library.close();
  return 0;
}

if (isEntry(import.meta.url)) {
  main(processIo()).then((code) => {
    process.exitCode = code;
  });
}
