import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from './command';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandShapeError extends Error {}

/** Checks that a module exports `data` (with a name and toJSON) and `execute`; names the file when not. */
export function checkCommandModule(file: string, module: Record<string, unknown>): CommandModule {
  const data = module.data as { name?: unknown; toJSON?: unknown } | undefined;
  const problems: string[] = [];
  if (!data || typeof data.name !== 'string' || typeof data.toJSON !== 'function') problems.push('`data` (a SlashCommandBuilder) is missing');
  if (typeof module.execute !== 'function') problems.push('`execute` is missing or not a function');
  if (module.autocomplete !== undefined && typeof module.autocomplete !== 'function') problems.push('`autocomplete` is not a function');
  if (module.repliesPrivately !== undefined && typeof module.repliesPrivately !== 'function') problems.push('`repliesPrivately` is not a function');
  if (problems.length) throw new CommandShapeError(`commands: ${file}: ${problems.join('; ')}`);
  return module as unknown as CommandModule;
}

/** Loads every command file in `dir`, keyed by command name. Throws naming the first file of the wrong shape. */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, CommandModule>> {
  const files = (await readdir(dir)).filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.(d|test)\.ts$/.test(file)).sort();
  const commands = new Map<string, CommandModule>();
  for (const file of files) {
    const command = checkCommandModule(file, await import(pathToFileURL(join(dir, file)).href));
    if (commands.has(command.data.name)) throw new CommandShapeError(`commands: ${file}: a command named "${command.data.name}" is already loaded`);
    commands.set(command.data.name, command);
  }
  return commands;
}
