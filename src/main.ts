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
  const { runner } = await startBot(settings, createLogger(process.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn'));
  await runTerminal(runner);
} else {
  const { runDiscordBot } = await import('./discord/bot');
  await runDiscordBot(settings, log);
}
