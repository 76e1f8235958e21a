import { isEntry, runMain } from './io';
import { ingestFromSettings, oneArgument, type CliIo } from './ingest-io';

const USAGE = 'usage: npm run add-article -- URL [--knowledge DIR]\n';

/**
 * `npm run add-article -- URL`: fetches the page, extracts the article and writes it into
 * KNOWLEDGE_DIR without a preview, printing the file's path (exit 0). A page it cannot use (not an
 * article, a refused address, too large, already in the knowledge base) prints why and exits 1
 * with nothing written; a wrong command line exits 2.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const commandLine = oneArgument(argv, io, USAGE);
  if (typeof commandLine === 'number') return commandLine;
  const { argument: url, settings } = commandLine;
  // A file's path ("/tmp/a.html", "C:\news\a.html") or an address without its scheme ("localhost:8080/a")
  // is the wrong argument, not a page that cannot be used (an ftp:// link is refused as the fetcher refuses it).
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url) || !URL.canParse(url)) {
    io.stderr.write(`✗ ${url} is not a web address: give the page's link, starting with http:// or https://\n${USAGE}`);
    return 2;
  }
  const ingest = await ingestFromSettings(io, settings);
  try {
    // A page can take seconds (its site's robots.txt first, a slow server): at a terminal, say what is going on.
    if (io.stderr.isTTY) io.stderr.write(`Fetching ${url}…`);
    const draft = await ingest.draftFromLink(url);
    if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    if (!draft.ok) {
      io.stderr.write(`✗ ${url}: ${draft.reason}\n`);
      return 1;
    }
    const saved = await ingest.writer.save(draft.draft);
    if (!saved.ok) {
      io.stderr.write(`✗ ${url}: ${saved.reason}\n`);
      return 1;
    }
    io.stdout.write(`${saved.path}\n`);
    return 0;
  } finally {
    await ingest.close();
  }
}

if (isEntry(import.meta.url)) void runMain(main);
