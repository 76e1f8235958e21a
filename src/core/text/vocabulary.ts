import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const VOCABULARY_FILE = fileURLToPath(new URL('../../../data/vocabulary.json', import.meta.url));

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
export function parseVocabulary(json: string, file = VOCABULARY_FILE): Vocabulary {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`vocabulary: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = vocabularySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`vocabulary: ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

let cached: { vocabulary: Vocabulary; source: string } | undefined;

/** The team's vocabulary file (data/vocabulary.json), read once. `source` is its text, for cache keys. */
export function defaultVocabulary(): { vocabulary: Vocabulary; source: string } {
  if (!cached) {
    const source = readFileSync(VOCABULARY_FILE, 'utf8');
    cached = { vocabulary: parseVocabulary(source), source };
  }
  return cached;
}
