import { parseArgs } from 'node:util';
import { splitBody } from '../core/passages';
import { loadKnowledge } from '../library/knowledge-folder';
import { plural } from '../util/text';
import { isEntry, readSettings, runMain, type CliIo } from './io';

/** A file name as it can be shown on one line: plain when it is plain, quoted (with escapes) when it has spaces, quotes or control characters. */
export function shownName(name: string): string {
  return /^[\p{L}\p{N}._\-/+@#()]+$/u.test(name) ? name : JSON.stringify(name);
}

/**
 * `npm run check-knowledge [-- --knowledge DIR]`: lists every article file that cannot be used,
 * and fails (exit 1) when there is one, or when the folder is missing or has no article at all.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { knowledge: { type: 'string' } } });
  const settings = readSettings(io, values.knowledge ? { KNOWLEDGE_DIR: values.knowledge } : {});
  if (!settings) return 1;
  const dir = settings.KNOWLEDGE_DIR;
  const { articles, problems } = await loadKnowledge(dir);
  const passages = articles.reduce((sum, article) => sum + splitBody(article.body).length, 0);
  for (const problem of problems) io.stderr.write(`✗ ${shownName(problem.file)} ${problem.reason}\n`);
  if (articles.length === 0 && problems.length === 0) io.stderr.write(`✗ ${shownName(dir)} has no article files: the bot would have nothing to answer from\n`);
  io.stdout.write(`${plural(articles.length, 'article')} valid (${passages} passages), ${problems.length} invalid in ${shownName(dir)}\n`);
  return problems.length || articles.length === 0 ? 1 : 0;
}

if (isEntry(import.meta.url)) runMain(main);
