import { isEntry, readSettings, runMain } from './io';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { describeCheck, describeFeed, describeTest } from '../ingest/describe';
import { parseKeywords } from '../ingest/keywords';
import { KnownArticlesIndex } from '../ingest/known-articles';
import { plural } from '../util/text';
import { ingestFromSettings, type CliIo } from './ingest-io';

/** Commands that never save an article (list, remove, resume). */
const WRITES_NO_ARTICLE = new Set(['list', 'remove', 'resume']);

const USAGE = `usage: npm run feeds -- COMMAND
  add URL [--keywords "kazakhstan, tungsten"] [--backfill N]   subscribe (the first check records what the feed has; N imports its newest N)
  list                                                         every feed: last success, last error, imported and skipped, next check
  remove URL                                                   unsubscribe (the articles stay)
  resume URL                                                   start a paused feed again
  test URL [--keywords "…"]                                    what the feed has now and which items the keywords would take (nothing saved)
  poll                                                         check every feed now, print what was imported and skipped, then exit
`;

/** `npm run feeds -- add|list|remove|resume|test|poll`: the same feeds.json as the bot. Exit 0 when done, 1 when it could not, 2 for a wrong command line. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { keywords: { type: 'string' }, backfill: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, url, ...extra] = parsed.positionals;
  if (parsed.values.help || !command) {
    (parsed.values.help ? io.stdout : io.stderr).write(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const needsUrl = ['add', 'remove', 'resume', 'test'].includes(command);
  if (!['add', 'list', 'remove', 'resume', 'test', 'poll'].includes(command) || (needsUrl && !url) || (!needsUrl && url) || extra.length) {
    io.stderr.write(USAGE);
    return 2;
  }
  let backfill = 0;
  if (parsed.values.backfill !== undefined) {
    backfill = Number(parsed.values.backfill);
    if (command !== 'add' || !Number.isInteger(backfill) || backfill < 0 || backfill > 20) {
      io.stderr.write('--backfill goes with add, and is a whole number from 0 to 20\n');
      return 2;
    }
  }
  if (parsed.values.keywords !== undefined && command !== 'add' && command !== 'test') {
    io.stderr.write('--keywords goes with add or test\n');
    return 2;
  }
  const keywords = parseKeywords(parsed.values.keywords);

  const settings = readSettings(io);
  if (!settings) return 1;
  const notices: string[] = [];
  const ingest = await ingestFromSettings(io, settings, {
    pollMinutes: settings.FEEDS_POLL_MINUTES,
    notify: (message) => void notices.push(message),
    // Only checking a feed can write an article: the others need not read the whole knowledge folder for duplicates.
    ...(WRITES_NO_ARTICLE.has(command) ? { known: new KnownArticlesIndex() } : {}),
  });
  const feeds = ingest.feeds;
  try {
    switch (command) {
      case 'add': {
        const result = await feeds.add(url!, { keywords, backfill, addedBy: `cli:${userInfo().username}` });
        if (!result.ok) {
          io.stderr.write(`✗ ${result.error}\n`);
          return 1;
        }
        io.stdout.write(`Subscribed to ${result.feed.title ?? result.feed.url} (${result.feed.url}).\n${describeCheck(result.check)}\n`);
        return 0;
      }
      case 'list': {
        const all = await feeds.list();
        io.stdout.write(all.length ? `${all.map(describeFeed).join('\n\n')}\n` : 'No feeds. Add one with: npm run feeds -- add URL [--keywords "…"]\n');
        return 0;
      }
      case 'remove': {
        const result = await feeds.remove(url!);
        if (!result.ok) {
          io.stderr.write(`✗ ${result.error}\n`);
          return 1;
        }
        io.stdout.write(`Removed ${result.feed.url} (${plural(result.feed.imported, 'article')} it brought ${result.feed.imported === 1 ? 'stays' : 'stay'} in the knowledge base).\n`);
        return 0;
      }
      case 'resume': {
        const result = await feeds.resume(url!);
        if (!result.ok) {
          io.stderr.write(`✗ ${result.error}\n`);
          return 1;
        }
        io.stdout.write(result.wasPaused ? `Resumed ${result.feed.url}: it is checked at the next round (the bot's, or npm run feeds -- poll).\n` : `${result.feed.url} was not paused; it is checked at the next round.\n`);
        return 0;
      }
      case 'test': {
        const report = await feeds.test(url!, keywords);
        if (!report.ok) {
          io.stderr.write(`✗ ${report.error}\n`);
          return 1;
        }
        io.stdout.write(`${describeTest(report)}\n`);
        return 0;
      }
      default: {
        // A round can take a while (requests to one site go one at a time, seconds apart): at a terminal, how far it is.
        const progress = io.stderr.isTTY ? (done: number, of: number) => of > 1 && io.stderr.write(`\rChecking ${of} feeds (one request at a time per site, seconds apart): ${done} done…`) : undefined;
        const reports = await feeds.checkAll(undefined, progress);
        if (progress && reports.length > 1) io.stderr.write('\r\x1b[K');
        if (reports.length === 0) io.stdout.write('No feeds to check.\n');
        for (const report of reports) io.stdout.write(`${describeCheck(report)}\n`);
        for (const notice of notices) io.stderr.write(`${notice}\n`);
        return reports.some((r) => r.status === 'failed' || r.status === 'paused') ? 1 : 0;
      }
    }
  } catch (err) {
    io.stderr.write(`✗ ${(err as Error).message}\n`);
    return 1;
  } finally {
    await ingest.close();
  }
}

if (isEntry(import.meta.url)) void runMain(main);
