import { join } from 'node:path';
import { knownArticlesInFolder } from '../ingest/known-articles';
import { RemovedArticles } from '../ingest/removed-articles';
import { oneArgument, type CliIo } from './ingest-io';
import { isEntry, runMain } from './io';

const USAGE = 'usage: npm run remove-article -- FILE [--restore] [--knowledge DIR]\n';

/**
 * `npm run remove-article -- FILE`: takes an article out of the knowledge base as `/knowledge
 * remove` does: its file (named as in KNOWLEDGE_DIR) moves to STATE_DIR/removed/, whose path is
 * printed, and no feed or link adds it again. `--restore FILE` puts a removed one back and prints
 * its path in KNOWLEDGE_DIR. A file that is not there prints why and exits 1, with nothing moved;
 * a wrong command line exits 2. A bot running on the same folders reloads by itself.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const commandLine = oneArgument(argv, io, USAGE, ['restore']);
  if (typeof commandLine === 'number') return commandLine;
  const { argument: file, settings } = commandLine;
  const restore = commandLine.given.has('restore');
  const removed = RemovedArticles.folders(settings.KNOWLEDGE_DIR, settings.STATE_DIR);
  const moved = restore ? await removed.restore(file, await knownArticlesInFolder(settings.KNOWLEDGE_DIR)) : await removed.remove(file);
  if (!moved.ok) {
    io.stderr.write(`✗ ${file}: ${moved.reason}; nothing was moved\n`);
    return 1;
  }
  io.stdout.write(`${join(restore ? settings.KNOWLEDGE_DIR : removed.dir, moved.file)}\n`);
  return 0;
}

if (isEntry(import.meta.url)) void runMain(main);
