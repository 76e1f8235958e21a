import { z } from 'zod';
import { parseDataFile } from '../data-file';

const aliasSchema = z.object({
  term: z.string().regex(/^[a-z0-9_]+$/, 'an alias term is lowercase letters, digits or _'),
  forms: z.array(z.string().min(1)).default([]),
  caseSensitive: z.array(z.string().min(1)).default([]),
  queryOnly: z.boolean().default(false),
});

const vocabularySchema = z.object({
  aliases: z.array(aliasSchema),
  spellings: z.record(z.string(), z.string()),
  stopWords: z.array(z.string()),
  /** Words that frame a question rather than say what it is about ("the main topic of …", "what kind of …"): skipped in questions, indexed in articles. */
  questionFrameWords: z.array(z.string()).default([]),
});

export type Alias = z.infer<typeof aliasSchema>;
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Parses and checks vocabulary JSON; throws an error naming the file and the field that is wrong. */
export function parseVocabulary(json: string, file: string): Vocabulary {
  return parseDataFile(json, file, 'vocabulary', vocabularySchema);
}
