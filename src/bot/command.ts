import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { DigestService } from '../digest/digest-service';
import type { Logger } from '../logger';
import type { Library } from './library';
import type { Reply } from './reply';

export type OptionValue = string | number | boolean;

/** A slash command as the bot received it, whatever the channel (Discord or terminal). */
export interface CommandRequest {
  name: string;
  subcommand: string | null;
  options: Record<string, OptionValue>;
  user: { id: string; name: string };
  /** Whether the member may manage the server (admin commands). */
  canManageServer: boolean;
}

export interface AutocompleteRequest extends CommandRequest {
  focused: { name: string; value: string };
}

export interface Choice {
  name: string;
  value: string;
}

export interface CommandContext {
  library: Library;
  log: Logger;
  /** The daily digest; absent where there is none (some tests). */
  digest?: DigestService;
}

/** What each file in commands/ exports, the discord.js guide's way: `data` and `execute`. */
export interface CommandModule {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(request: CommandRequest, context: CommandContext): Promise<Reply> | Reply;
  autocomplete?(request: AutocompleteRequest, context: CommandContext): Promise<Choice[]> | Choice[];
}

/** A string option, trimmed; undefined when absent or blank. */
export function stringOption(request: CommandRequest, name: string): string | undefined {
  const value = request.options[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** The first `max` UTF-16 units of a text, never ending in half of a surrogate pair (half an emoji). */
function cutWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Autocomplete choices within Discord's limits: at most 25, names and values 1–100 characters, no duplicates. */
export function limitChoices(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const choice of choices) {
    const name = cutWhole(choice.name.trim(), MAX_CHOICE_LENGTH);
    const value = cutWhole(choice.value.trim(), MAX_CHOICE_LENGTH);
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}
