import { loadCommands } from '../bot/load-commands';
import { deployCommands } from '../discord/deploy';
import { isEntry, optionsOf, readSettings, runMain, type CliIo } from './io';

const USAGE = `Usage:
  npm run deploy-commands   register the slash commands with Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_GUILD_ID from .env), changing only what differs
Options:
  --help, -h   this text`;

/**
 * `npm run deploy-commands`: registers the slash commands with Discord, changing only what differs.
 * `--help` prints the usage; any other argument is a wrong command line (exit 2), never a reason to register.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const line = optionsOf(argv, io, USAGE, {});
  if ('exit' in line) return line.exit;
  const settings = readSettings(io);
  if (!settings) return 1;
  if (!settings.DISCORD_TOKEN || !settings.DISCORD_APPLICATION_ID) {
    io.stderr.write('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see .env.example).\n');
    return 1;
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
    io.stdout.write(
      changes.length
        ? `Commands registered (${result.scope}): ${changes.join('; ')}.${result.scope === 'global' ? ' Global commands can take up to an hour to appear.' : ''}\n`
        : `Commands already up to date (${result.scope}): ${result.unchanged.join(', ')}.\n`,
    );
    return 0;
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
    io.stderr.write(`Could not register the commands: ${reason}\n`);
    return 1;
  }
}

if (isEntry(import.meta.url)) runMain(main);
