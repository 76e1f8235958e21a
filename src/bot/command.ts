import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Reply } from '../core/reply';
import type { DigestService } from '../digest/digest-service';
import type { GapsReport } from '../feedback';
import type { KnowledgeIngest } from './ingest';
import type { Library } from '../library/library';
import type { StateStore } from '../state/state-file';
import type { Logger } from '../util/logger';
import { cutWhole } from '../util/text';
import { MESSAGE_LIMITS } from '../core/reply';
import type { Article } from '../core/types';

export type OptionValue = string | number | boolean;

/** The longest address a command's url option takes. */
export const URL_MAX = 1000;

/** A slash command as the bot received it, whatever the channel (Discord or terminal). */
export interface CommandRequest {
  name: string;
  subcommand: string | null;
  options: Record<string, OptionValue>;
  user: { id: string; name: string };
  /** Whether the member may manage the server (admin commands). */
  canManageServer: boolean;
  /** The member's role ids, where there are roles (Discord). */
  roles?: readonly string[];
}

export interface AutocompleteRequest extends CommandRequest {
  focused: { name: string; value: string };
}

export interface Choice {
  name: string;
  value: string;
}

/** What a command can reach: the knowledge base, the digest, the state. */
export interface CommandContext {
  library: Library;
  log: Logger;
  /** The daily digest; absent where there is none (some tests). */
  digest?: DigestService;
  /** The bot's state, for its health in /knowledge status. */
  state?: StateStore;
  /** The feedback record's gaps report, for /knowledge gaps; only the bot connected to Discord keeps the record. */
  gaps?: GapsSource;
  /** Articles from a link and news feeds (/knowledge add, /feeds); only the bot connected to Discord has them. */
  ingest?: KnowledgeIngest;
  /**
   * Shows the person how slow work is going (fetching a page) before the reply: the Discord adapter
   * defers the reply privately and shows this in its place. Absent where nothing is shown (terminal).
   */
  progress?: (reply: Reply) => void;
}

/** What /knowledge gaps reads: the report over the last `days`; or why there is none (the record could not be opened). */
export type GapsSource = { report(days: number): Promise<GapsReport> } | { unavailable: string };

/** What each file in commands/ exports, the discord.js guide's way: `data` and `execute`. */
export interface CommandModule {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(request: CommandRequest, context: CommandContext): Promise<Reply> | Reply;
  autocomplete?(request: AutocompleteRequest, context: CommandContext): Promise<Choice[]> | Choice[];
  /** True when every reply to the request is private (admin reports): a slow one is then deferred privately, never as a public "thinking…". */
  repliesPrivately?(request: CommandRequest): boolean;
}

/** A string option, trimmed; undefined when absent or blank. */
export function stringOption(request: CommandRequest, name: string): string | undefined {
  const value = request.options[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** An article offered as a choice: its date and title shown, its file the value. */
export const articleChoice = (article: Pick<Article, 'file' | 'title' | 'published'>): Choice => ({ name: `${article.published ?? 'undated'} · ${article.title}`, value: article.file });

/** Autocomplete choices within Discord's limits: at most 25, names and values 1–100 characters, no duplicates. */
export function limitChoices(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const choice of choices) {
    const name = cutWhole(choice.name.trim(), MESSAGE_LIMITS.choiceLength);
    const value = cutWhole(choice.value.trim(), MESSAGE_LIMITS.choiceLength);
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === MESSAGE_LIMITS.choices) break;
  }
  return out;
}
