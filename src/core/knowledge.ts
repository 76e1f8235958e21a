import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type matterType from 'gray-matter';
import type { parse as parseYamlType } from 'yaml';
import { z } from 'zod';
import type { Article, ArticleText, KnowledgeProblem } from './types';

// gray-matter and the YAML parser are loaded when a file is first parsed, or by the warm-up (see
// loadFrontMatterParsers): a start from the cache whose files have not changed does not wait for them.
const require = createRequire(import.meta.url);
let matterModule: typeof matterType | undefined;
let yamlParse: typeof parseYamlType | undefined;
const loadMatter = () => (matterModule ??= require('gray-matter') as typeof matterType);
const loadYaml = () => (yamlParse ??= (require('yaml') as { parse: typeof parseYamlType }).parse);
const matter = (source: string, options: Parameters<typeof matterType>[1]) => loadMatter()(source, options);
const parseYaml = (text: string) => loadYaml()(text);

/** Loads the two parsers (about 25 ms each), one a step, for a warm-up that yields between steps (see Engine.warmUp). */
export function* loadFrontMatterParsers(): Generator<void> {
  loadMatter();
  yield;
  loadYaml();
  yield;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .nullish()
  .transform((value) => value ?? null);

export const frontMatterSchema = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, 'must not be empty'),
  publisher: optionalText,
  // Numbers and dates in YAML are parsed without timestamps (YAML 1.2 core), so a date is a string here.
  published: isoDate.nullish().transform((value) => value ?? null),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .nullish()
    .transform((value) => value ?? null),
  tags: z
    .union([z.string().transform((tag) => [tag]), z.array(z.union([z.string(), z.number()]).transform(String))])
    .nullish()
    .transform((tags) => (tags ?? []).map((tag) => tag.trim()).filter(Boolean)),
});

const ARTICLE_FILE = /\.(md|markdown)$/i;
const NOT_ARTICLES = new Set(['readme.md']);

/** Whether a file name (with or without its folder) is an article file of a knowledge folder. */
export function isArticleFile(name: string): boolean {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return ARTICLE_FILE.test(base) && !NOT_ARTICLES.has(base.toLowerCase());
}

/** Parses one knowledge file. Returns the article, or a reason it cannot be used. */
export function parseArticle(file: string, bytes: Uint8Array): { article: ArticleText } | { reason: string } {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { reason: 'is not UTF-8 text (save it as UTF-8)' };
  }
  if (source.includes('\u0000')) return { reason: 'looks like a binary file, not Markdown text' };
  if (source.trim() === '') return { reason: 'is empty' };
  if (!/^(\uFEFF)?---\r?\n/.test(source)) {
    return { reason: 'has no front matter: start the file with a --- line, the title and other fields, and another --- line' };
  }

  let parsed: matterType.GrayMatterFile<string>;
  try {
    // gray-matter only caches parses made without options, so this also keeps its cache empty.
    parsed = matter(source, { engines: { yaml: (text: string) => parseYaml(text) ?? {} } });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return { reason: `has front matter that is not valid YAML: ${message}` };
  }
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    return { reason: 'has front matter that is not a set of fields (title: …, publisher: …)' };
  }

  const fields = frontMatterSchema.safeParse(parsed.data);
  if (!fields.success) {
    const reasons = fields.error.issues.map((issue) => `${issue.path.join('.') || 'front matter'} ${issue.message}`);
    return { reason: `has invalid front matter: ${reasons.join('; ')}` };
  }
  const body = parsed.content.replace(/\r\n?/g, '\n').replace(/^\n+/, '').trimEnd();
  if (body.trim() === '') return { reason: 'has no article text below the front matter' };

  return { article: { file, ...fields.data, body } };
}

/** A hash of what an article says (front matter and text): the same article under another file name has the same hash. */
export function articleHash(article: ArticleText): string {
  const { title, publisher, published, url, tags, body } = article;
  return createHash('sha256').update(JSON.stringify([title, publisher, published, url, tags, body])).digest('hex').slice(0, 32);
}

/** The article without its text. */
export function articleMeta({ file, title, publisher, published, url, tags }: Article): Article {
  return { file, title, publisher, published, url, tags };
}

export function describeProblem(problem: KnowledgeProblem): string {
  return `${problem.file} ${problem.reason}`;
}
