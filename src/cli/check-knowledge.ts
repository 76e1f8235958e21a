import { splitBody } from '../core/passages';
import { afterTomorrow } from '../ingest/article-file';
import { loadKnowledge } from '../library/knowledge-folder';
import { plural } from '../util/text';
import { isEntry, knowledgeFolderIsThere, optionsOf, readSettings, runMain, type CliIo } from './io';

const USAGE = `Usage:
  npm run --silent check-knowledge                    check every article file in KNOWLEDGE_DIR (default knowledge/)
  npm run --silent check-knowledge -- --knowledge DIR check another folder
Options:
  --help, -h   this text
Exits 0 when every file is a usable article, 1 when one is not (each is named) or the folder is missing or has none, 2 for a wrong command line.`;

/** A file name as it can be shown on one line: plain when it is plain, quoted (with escapes) when it has spaces, quotes or control characters. */
export function shownName(name: string): string {
  return /^[\p{L}\p{N}._\-/+@#()]+$/u.test(name) ? name : JSON.stringify(name);
}

/**
 * `npm run check-knowledge [-- --knowledge DIR]`: lists every article file that cannot be used,
 * and fails (exit 1) when there is one, or when the folder is missing or has no article at all.
 * A wrong command line prints the usage and exits 2, as the other programs do, so that a script
 * can tell it from a bad article file.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const line = optionsOf(argv, io, USAGE, { knowledge: { type: 'string' } });
  if ('exit' in line) return line.exit;
  const { values } = line;
  const settings = readSettings(io, values.knowledge ? { KNOWLEDGE_DIR: values.knowledge } : {});
  if (!settings) return 1;
  // A mistyped path is said as such, not counted as an invalid article ("0 articles valid, 1 invalid").
  if (!knowledgeFolderIsThere(io, settings, Boolean(values.knowledge))) return 1;
  const dir = settings.KNOWLEDGE_DIR;
  const { articles, problems } = await loadKnowledge(dir);
  const passages = articles.reduce((sum, article) => sum + splitBody(article.body).length, 0);
  for (const problem of problems) io.stderr.write(`✗ ${shownName(problem.file)} ${problem.reason}\n`);
  // Usable, but most likely a typo: such an article heads every newest-first list until then.
  const today = io.now?.() ?? new Date();
  for (const article of articles) {
    if (article.published && afterTomorrow(article.published, today)) {
      io.stderr.write(`⚠ ${shownName(article.file)} is dated ${article.published}, after tomorrow: it would head "What's new?", /sources and the digest until then; check its published date\n`);
    }
  }
  if (articles.length === 0 && problems.length === 0) io.stderr.write(`✗ ${shownName(dir)} has no article files: the bot would have nothing to answer from\n`);
  io.stdout.write(`${plural(articles.length, 'article')} valid (${passages} passages), ${problems.length} invalid in ${shownName(dir)}\n`);
  return problems.length || articles.length === 0 ? 1 : 0;
}

if (isEntry(import.meta.url)) runMain(main);
