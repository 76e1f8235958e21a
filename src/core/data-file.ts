import type { z } from 'zod';

/**
 * A data file's JSON, checked against its schema. Throws an error naming the file and the field
 * that is wrong ("vocabulary: data/vocabulary.json: aliases.3.term: …"), so that a bad edit to the
 * team's data stops start-up with one clear line.
 */
export function parseDataFile<T extends z.ZodType>(json: string, file: string, what: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${what}: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${what}: ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
