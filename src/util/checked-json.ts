import type { z } from 'zod';

/**
 * A JSON text checked against `schema`: the data, or what is wrong with it in a few words that
 * name the field ("not JSON: …", "feeds.0.addedAt is not a date and time"). For the bot's own
 * state files, which are kept aside rather than trusted when they are not valid.
 */
export function checkedJson<T>(schema: z.ZodType<T>, text: string): T | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'the file'} ${issue.message}`;
}
