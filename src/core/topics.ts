import { z } from 'zod';

/** What /minerals and /who know to look for (data/topics.json): minerals by the words that name them, and the words of agreements. */
const topicsSchema = z.object({
  minerals: z.array(z.object({ name: z.string().min(1).max(100), words: z.array(z.string().min(1)).min(1) })),
  agreementWords: z.array(z.string().min(1)),
});

export type Topics = z.infer<typeof topicsSchema>;

/** Parses and checks topics JSON; throws an error naming the file and the field that is wrong. */
export function parseTopics(json: string, file: string): Topics {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`topics: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = topicsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`topics: ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
