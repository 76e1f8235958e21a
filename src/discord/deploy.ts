import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandModule } from '../bot/command';

export interface DeployTarget {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export interface DeployResult {
  scope: string;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

type Json = unknown;

/** Fields Discord adds or fills with defaults when it stores a command; they are not ours to compare. */
const SERVER_FIELDS = new Set(['id', 'application_id', 'version', 'guild_id', 'dm_permission', 'nsfw', 'integration_types', 'contexts', 'name_localized', 'description_localized']);

function isEmpty(value: Json): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A command's JSON reduced to what we set, keys sorted, so that equal commands compare equal. */
function comparable(value: Json): Json {
  if (Array.isArray(value)) return value.map(comparable);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, inner] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
    if (!SERVER_FIELDS.has(key) && !isEmpty(inner)) out[key] = comparable(inner);
  }
  return out;
}

/**
 * Registers the commands with Discord: to the guild when one is given (instant), otherwise globally.
 * Reads what is registered first and writes only when something differs.
 */
export async function deployCommands(commands: Iterable<CommandModule>, target: DeployTarget, rest = new REST(target.apiUrl ? { api: target.apiUrl } : {})): Promise<DeployResult> {
  rest.setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const wanted = [...commands].map((command) => command.data.toJSON());
  const registered = (await rest.get(route)) as (RESTPostAPIChatInputApplicationCommandsJSONBody & { id: string })[];

  const byName = new Map(registered.map((command) => [command.name, command]));
  const result: DeployResult = { scope: target.guildId ? `server ${target.guildId}` : 'global', added: [], changed: [], removed: [], unchanged: [] };
  for (const command of wanted) {
    const current = byName.get(command.name);
    if (!current) result.added.push(command.name);
    else if (JSON.stringify(comparable(current)) !== JSON.stringify(comparable(command))) result.changed.push(command.name);
    else result.unchanged.push(command.name);
    byName.delete(command.name);
  }
  result.removed.push(...byName.keys());
  if (result.added.length || result.changed.length || result.removed.length) await rest.put(route, { body: wanted });
  return result;
}
