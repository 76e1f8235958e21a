import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord ID (17 to 20 digits)');
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());
const folder = (fallback: string) =>
  z.preprocess(blankAsUnset, z.string().default(fallback)).transform((dir) => (isAbsolute(dir) ? dir : resolve(dir)));

const settingsSchema = z.object({
  DISCORD_TOKEN: optional(z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three parts separated by dots)')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) address' })),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
  KNOWLEDGE_DIR: folder('knowledge'),
  CACHE_DIR: folder('.cache'),
  STATE_DIR: folder('.data'),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`Setting ${setting} ${problem}`);
  }
}

/** Reads and checks every setting once. Throws a SettingsError naming the first bad setting. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'unknown');
  throw new SettingsError(name, `is invalid: ${issue.message}. See .env.example.`);
}
