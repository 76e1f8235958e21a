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
  /**
   * Words of one root or one meaning that WordNet does not relate (Russian above all: "добыча" and
   * "добывать"): each word of a group earns another form's credit for the others (see answer.ts).
   */
  relatedWords: z.array(z.array(z.string().min(1)).min(2, 'a group of related words has two words or more')).default([]),
});

export type Alias = z.infer<typeof aliasSchema>;
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Parses and checks vocabulary JSON; throws an error naming the file and the field that is wrong. */
export function parseVocabulary(json: string, file: string): Vocabulary {
  return parseDataFile(json, file, 'vocabulary', vocabularySchema);
}
