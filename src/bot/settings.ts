import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { WEEKDAYS } from '../feedback/digest-section';
import { isTimeZone, parseTimeOfDay } from '../util/time-of-day';

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
  KNOWLEDGE_POLL_SECONDS: z.preprocess(
    blankAsUnset,
    z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(0, 'must be 0 (off) or more').max(86_400, 'must be at most 86400').default(30),
  ),
  DIGEST_CHANNEL_ID: optional(snowflake),
  DIGEST_TIME: z.preprocess(
    blankAsUnset,
    z.string().refine((value) => parseTimeOfDay(value) !== undefined, 'must be a 24-hour time written HH:MM, e.g. 08:00').default('08:00'),
  ).transform((value) => value.trim()),
  DIGEST_TIMEZONE: z.preprocess(
    blankAsUnset,
    z.string().refine(isTimeZone, 'must be an IANA time zone name, e.g. UTC, Asia/Almaty or America/New_York').default('UTC'),
  ),
  DIGEST_QUIET_LINE: z.preprocess(
    blankAsUnset,
    z
      .enum(['on', 'off', 'true', 'false', 'yes', 'no', '1', '0'], { error: 'must be on or off' })
      .default('on')
      .transform((value) => ['on', 'true', 'yes', '1'].includes(value)),
  ),
  DIGEST_CATCH_UP_HOURS: z.preprocess(
    blankAsUnset,
    z.coerce.number({ error: 'must be a number of hours' }).min(0, 'must be 0 (never catch up) or more').max(24, 'must be at most 24 (a missed digest is only posted on its own day)').default(24),
  ),
  FEEDBACK_RETENTION_DAYS: z.preprocess(
    blankAsUnset,
    z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(180),
  ),
  GAPS_DIGEST_DAY: z.preprocess(
    (value) => (typeof value === 'string' ? blankAsUnset(value.trim().toLowerCase()) : value),
    z.enum([...WEEKDAYS, 'off'], { error: `must be a day of the week (${WEEKDAYS.join(', ')}) or off` }).default('monday'),
  ),
  // Articles from links and news feeds (src/ingest).
  FEEDS_POLL_MINUTES: z.preprocess(
    blankAsUnset,
    z.coerce.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(5, 'must be at least 5 (be polite to the sites)').max(1440, 'must be at most 1440 (a day)').default(30),
  ),
  FEEDS_CONTACT: optional(
    z
      .string()
      .trim()
      .refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || /^https?:\/\/\S+$/.test(value), 'must be an e-mail address or an http(s) address where site owners can reach you'),
  ),
  ALLOW_PRIVATE_NETWORK: z.preprocess(
    blankAsUnset,
    z
      .enum(['on', 'off', 'true', 'false', 'yes', 'no', '1', '0'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => ['on', 'true', 'yes', '1'].includes(value)),
  ),
  KNOWLEDGE_ADD_ROLE: optional(snowflake),
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
