import { z } from 'zod';
import { parseDataFile } from './data-file';

/** What /minerals and /who know to look for (data/topics.json): minerals by the words that name them, and the words of agreements and of signing them. */
const topicsSchema = z.object({
  minerals: z.array(z.object({ name: z.string().min(1).max(100), words: z.array(z.string().min(1)).min(1) })),
  agreementWords: z.array(z.string().min(1)),
  signingWords: z.array(z.string().min(1)).min(1),
});

export type Topics = z.infer<typeof topicsSchema>;

/** Parses and checks topics JSON; throws an error naming the file and the field that is wrong. */
export function parseTopics(json: string, file: string): Topics {
  return parseDataFile(json, file, 'topics', topicsSchema);
}
