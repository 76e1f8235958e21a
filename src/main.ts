import { watchKnowledge } from './bot/knowledge-watcher';
import { startBot } from './bot/start';
import { settingsOrExit } from './cli/env';
import { createLogger } from './logger';
import { runTerminal } from './terminal/repl';

const settings = settingsOrExit();
const log = createLogger(settings.LOG_LEVEL);

if (!settings.DISCORD_TOKEN) {
  process.stderr.write(
    'Running without Discord (no DISCORD_TOKEN): ask a question or type /help, "exit" to stop. To connect, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see .env.example).\n',
  );
  const quiet = createLogger(process.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn');
  const { runner, library } = await startBot(settings, quiet);
  // Articles added while the terminal is open are answered too.
  const watcher = watchKnowledge(library, quiet.child({ module: 'knowledge' }), { pollMs: settings.KNOWLEDGE_POLL_SECONDS * 1000 });
  await runTerminal(runner);
  watcher.close();
} else {
  const { runDiscordBot } = await import('./discord/bot');
  await runDiscordBot(settings, log);
}
