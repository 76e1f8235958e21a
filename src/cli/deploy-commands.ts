import { loadCommands } from '../bot/load-commands';
import { deployCommands } from '../discord/deploy';
import { settingsOrExit } from './env';

const settings = settingsOrExit();
if (!settings.DISCORD_TOKEN || !settings.DISCORD_APPLICATION_ID) {
  process.stderr.write('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see .env.example).\n');
  process.exit(1);
}

try {
  const commands = await loadCommands();
  const result = await deployCommands(commands.values(), {
    token: settings.DISCORD_TOKEN,
    applicationId: settings.DISCORD_APPLICATION_ID,
    guildId: settings.DISCORD_GUILD_ID,
    apiUrl: settings.DISCORD_API_URL,
  });
  const changes = [
    result.added.length ? `added ${result.added.join(', ')}` : '',
    result.changed.length ? `updated ${result.changed.join(', ')}` : '',
    result.removed.length ? `removed ${result.removed.join(', ')}` : '',
  ].filter(Boolean);
  process.stdout.write(
    changes.length
      ? `Commands registered (${result.scope}): ${changes.join('; ')}.${result.scope === 'global' ? ' Global commands can take up to an hour to appear.' : ''}\n`
      : `Commands already up to date (${result.scope}): ${result.unchanged.join(', ')}.\n`,
  );
} catch (err) {
  const status = (err as { status?: number }).status;
  const reason =
    status === 401
      ? 'Discord rejected the token (DISCORD_TOKEN).'
      : status === 403
        ? 'Discord refused: is the bot in that server (DISCORD_GUILD_ID) and is DISCORD_APPLICATION_ID its application?'
        : status === 404
          ? 'Discord does not know that application or server: check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID.'
          : (err as Error).message;
  process.stderr.write(`Could not register the commands: ${reason}\n`);
  process.exit(1);
}
