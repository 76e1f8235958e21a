import { code, lines, markedLengthBound, MESSAGE_LIMITS, notice, strong, type Page, type Reply, type RichText } from '../../core/reply';
import { outcomesOf, sinceLastError, time } from '../../ingest/describe';
import { type CheckReport, type FeedView, type TestItem } from '../../ingest/feed-service';
import { parseKeywords } from '../../ingest/keywords';
import { cutAtWord, isHttpUrl, plural } from '../../util/text';
import type { Choice } from '../command';
import type { KnowledgeIngest, Member } from '../ingest';
import { MANAGE_SERVER_ONLY } from './knowledge-status';

/** `/feeds add backfill:` at most (what one check takes). */
export const MAX_BACKFILL = 20;

/** Room kept in a message for its content line and footers: everything else shares the rest of Discord's 6000. */
const MESSAGE_BUDGET = MESSAGE_LIMITS.embedTotal - 600;
/** One page (embed) of `/feeds test` items: well inside the 4096 of a description. */
const TEST_PAGE_BUDGET = 1800;
const URL_SHOWN = 300;
const REASON_SHOWN = 300;
const TITLE_SHOWN = 150;
const KEYWORDS_SHOWN = 200;
/** Imported items listed after a first check (the rest are counted). */
const IMPORTED_LISTED = 10;

const url = (address: string) => code(cutAtWord(address, URL_SHOWN));
const nameOf = (feed: { title: string | null; url: string }) => cutAtWord(feed.title ?? feed.url, TITLE_SHOWN);

/** The subcommands that change what the knowledge base receives, and the words of their refusal. */
export const FEEDS_ADMIN_ACTIONS = {
  add: 'subscribe the bot to a feed, since every article a feed brings becomes a source the bot quotes to the whole server',
  remove: "unsubscribe from a feed, since it changes what the whole server's knowledge base receives",
  resume: "resume a paused feed, since it changes what the whole server's knowledge base receives",
} as const;

export const feedsRefusal = (action: keyof typeof FEEDS_ADMIN_ACTIONS, addRole: string | undefined): Reply =>
  MANAGE_SERVER_ONLY(FEEDS_ADMIN_ACTIONS[action], [code('/feeds list'), ' shows anyone the feeds.'], addRole);

export const FEEDS_NOT_HERE = notice([
  'Feeds are checked by the bot running in Discord. From the shell, ',
  code('npm run feeds -- list'),
  ' (or add, remove, resume, test, poll) works on the same feeds.',
]);

const notAFeedAddress = () => notice(['Give the address of a feed (RSS, Atom, RDF or JSON Feed), starting with ', code('https://'), ' (or ', code('http://'), ').']);

/** `/feeds add url [keywords] [backfill]`: subscribes; the first check records what the feed has (importing the newest `backfill`). */
export async function feedsAdd(
  ingest: KnowledgeIngest | undefined,
  member: Member,
  address: string | undefined,
  keywordsTyped: string | undefined,
  backfill: number | undefined,
  progress?: (reply: Reply) => void,
): Promise<Reply> {
  if (!ingest) return FEEDS_NOT_HERE;
  if (!ingest.mayAdd(member)) return feedsRefusal('add', ingest.addRole);
  if (!address || !isHttpUrl(address)) return notAFeedAddress();
  const wanted = Math.trunc(backfill ?? 0);
  if (!(wanted >= 0 && wanted <= MAX_BACKFILL)) return notice(`backfill is how many of the newest items to import now: a whole number from 0 to ${MAX_BACKFILL}.`);
  const keywords = parseKeywords(keywordsTyped);
  progress?.(notice(['Fetching ', url(address), ' and reading the feed…']));
  await ingest.ready();
  const result = await ingest.feeds.add(address, { keywords, backfill: wanted, addedBy: `discord:${member.user.id}` });
  if (!result.ok) return notice(['Not subscribed: ', url(address), ` — ${cutAtWord(result.error, REASON_SHOWN)}.`]);
  // The running service looks at the feeds again (it sleeps until the next check it knew of).
  ingest.feeds.checkSoon();
  const { feed, check } = result;
  const text: RichText = lines(
    [url(feed.url)],
    [strong('Keywords:'), ` ${feed.keywords.length ? feed.keywords.join(', ') : 'none: every new item is imported'}`],
    [strong('First check:'), ` ${firstCheck(check)}`],
    [strong('Next check:'), ` ${time(feed.nextCheckAt)}, then every check at most every ${plural(ingest.feedsPollMinutes, 'minute')}.`],
  );
  for (const item of check.items.filter((i) => i.outcome === 'imported').slice(0, IMPORTED_LISTED)) text.push('\n+ ', code(item.file ?? ''), ` ${cutAtWord(item.title ?? item.link ?? item.id, TITLE_SHOWN)}`);
  return {
    private: true,
    pages: [
      {
        title: cutAtWord(`Subscribed: ${nameOf(feed)}`, MESSAGE_LIMITS.title),
        text,
        footer: 'New items that match are saved as articles, answered from at once and listed in the next digest. /feeds list shows how each feed is doing.',
      },
    ],
  };
}

function firstCheck(check: CheckReport): string {
  // notTaken: of the newest taken as new (backfill), those not imported (keywords, extraction, …).
  const { imported, recorded, skipped: notTaken, retry } = outcomesOf(check);
  if (check.status !== 'checked') return check.error ? `not done (${check.error}); it is tried again at the next check` : `not done (${check.status}); it is tried again at the next check`;
  const parts = [`${plural(recorded, 'item')} already in the feed recorded, not imported (no flood)`];
  if (imported.length) parts.push(`${imported.length} of the newest imported`);
  if (notTaken.length) parts.push(`${notTaken.length} of the newest not imported (/feeds test says why)`);
  if (retry.length) parts.push(`${retry.length} to try again`);
  if (check.deferred) parts.push(`${check.deferred} left for the next check`);
  return `${parts.join('; ')}.`;
}

/** One feed as `/feeds list` shows it: a field, its name the feed's title. */
function feedField(feed: FeedView): { name: string; value: RichText } {
  const value: RichText = lines(
    [url(feed.url)],
    [`Keywords: ${feed.keywords.length ? cutAtWord(feed.keywords.join(', '), KEYWORDS_SHOWN) : 'none (every item)'}`],
    feed.paused
      ? [strong('Paused'), ` since ${time(feed.paused.at)}: ${cutAtWord(feed.paused.reason, REASON_SHOWN)} — `, code('/feeds resume'), ' starts it again.']
      : [`Next check: ${time(feed.nextCheckAt)}`],
    [`Last success: ${time(feed.lastSuccessAt)} · imported ${feed.imported} · skipped ${feed.skipped}${feed.recorded ? ` · ${feed.recorded} in the feed when added (not imported)` : ''}`],
  );
  if (feed.lastError) value.push('\n', `Last error (${time(feed.lastError.at)}, ${sinceLastError(feed)}): ${cutAtWord(feed.lastError.message, REASON_SHOWN)}`);
  return { name: cutAtWord(`${feed.paused ? '⏸ ' : ''}${nameOf(feed)}`, MESSAGE_LIMITS.fieldName), value };
}

/** `/feeds list`: every feed's state, privately, as many as one message holds (fields of up to 25 per page, 6000 characters in all). */
export async function feedsList(ingest: KnowledgeIngest | undefined): Promise<Reply> {
  if (!ingest) return FEEDS_NOT_HERE;
  const feeds = await ingest.feeds.list();
  if (feeds.length === 0) return notice(['No feeds yet. ', code('/feeds add url: … keywords: …'), ' subscribes to one (Manage Server).']);
  const pages: Page[] = [];
  let used = 0;
  let shown = 0;
  for (const feed of feeds) {
    const field = feedField(feed);
    const size = field.name.length + markedLengthBound(field.value);
    if (used + size > MESSAGE_BUDGET) break;
    let page = pages[pages.length - 1];
    if (!page || page.fields!.length === MESSAGE_LIMITS.fields) {
      if (pages.length === MESSAGE_LIMITS.embedsPerMessage) break;
      page = { fields: [] };
      pages.push(page);
    }
    page.fields!.push(field);
    used += size;
    shown++;
  }
  const paused = feeds.filter((feed) => feed.paused).length;
  const content: RichText = [strong(`Feeds (${feeds.length})`), paused ? ` — ${paused} paused` : '', ': imported and skipped count items since each was added.'];
  if (shown < feeds.length) pages[pages.length - 1]!.footer = `${shown} of ${feeds.length} feeds shown · npm run feeds -- list shows them all`;
  return { private: true, together: true, content, pages };
}

/** `/feeds remove url`. */
export async function feedsRemove(ingest: KnowledgeIngest | undefined, member: Member, address: string | undefined): Promise<Reply> {
  if (!ingest) return FEEDS_NOT_HERE;
  if (!ingest.mayAdd(member)) return feedsRefusal('remove', ingest.addRole);
  if (!address) return notAFeedAddress();
  const result = await ingest.feeds.remove(address);
  if (!result.ok) return notice(['Not subscribed to ', url(address), '. ', code('/feeds list'), ' shows the feeds.']);
  return notice(['Removed ', strong(nameOf(result.feed)), ` (${result.feed.url}). The ${plural(result.feed.imported, 'article')} it brought stay in the knowledge base.`]);
}

/** `/feeds resume url`: a paused feed is checked again at once. */
export async function feedsResume(ingest: KnowledgeIngest | undefined, member: Member, address: string | undefined): Promise<Reply> {
  if (!ingest) return FEEDS_NOT_HERE;
  if (!ingest.mayAdd(member)) return feedsRefusal('resume', ingest.addRole);
  if (!address) return notAFeedAddress();
  const result = await ingest.feeds.resume(address);
  if (!result.ok) return notice(['Not subscribed to ', url(address), '. ', code('/feeds list'), ' shows the feeds.']);
  return notice(
    result.wasPaused
      ? ['Resumed ', strong(nameOf(result.feed)), ': it is checked now, and ', code('/feeds list'), ' shows how it went.']
      : [strong(nameOf(result.feed)), ' was not paused; it is checked now all the same.'],
  );
}

function testLine(item: TestItem): RichText {
  const what = cutAtWord(item.title ?? item.link ?? item.id, TITLE_SHOWN);
  return [item.take ? '✓ ' : '· ', item.take ? strong('take') : 'skip', ` ${item.published?.slice(0, 10) ?? 'undated'} — ${what}\n    ${cutAtWord(item.reason, REASON_SHOWN)}`];
}

/** `/feeds test url [keywords]`: what the feed has now and which items the keywords would take, item by item; nothing saved. */
export async function feedsTest(ingest: KnowledgeIngest | undefined, address: string | undefined, keywordsTyped: string | undefined, progress?: (reply: Reply) => void): Promise<Reply> {
  if (!ingest) return FEEDS_NOT_HERE;
  if (!address || !isHttpUrl(address)) return notAFeedAddress();
  const keywords = parseKeywords(keywordsTyped);
  progress?.(notice(['Fetching ', url(address), ' and reading the feed…']));
  const report = await ingest.feeds.test(address, keywords);
  if (!report.ok) return notice(['Not a feed I can read: ', url(address), ` — ${cutAtWord(report.error, REASON_SHOWN)}.`]);
  const taken = report.items.filter((item) => item.take).length;
  const head: RichText = lines(
    [url(report.url)],
    [`${report.format}, ${plural(report.total, 'item')} · `, strong(`${taken} of ${report.items.length} would be taken`), keywords.length ? ` with the keywords ${keywords.join(', ')}` : ' (no keywords: every item)', ' · nothing was saved'],
    ...(report.note ? [[`Note: ${cutAtWord(report.note, REASON_SHOWN)}`]] : []),
  );
  const pages: Page[] = [{ title: cutAtWord(`Test: ${report.title ?? report.url}`, MESSAGE_LIMITS.title), text: head }];
  let used = markedLengthBound(head) + pages[0]!.title!.length;
  let pageSize = markedLengthBound(head);
  let shown = 0;
  for (const item of report.items) {
    const line = testLine(item);
    const size = markedLengthBound(line) + 1;
    if (used + size > MESSAGE_BUDGET) break;
    let page = pages[pages.length - 1]!;
    if (pageSize + size > TEST_PAGE_BUDGET) {
      if (pages.length === MESSAGE_LIMITS.embedsPerMessage) break;
      page = { text: [] };
      pages.push(page);
      pageSize = 0;
    }
    page.text = page.text!.length ? [...page.text!, '\n', ...line] : line;
    pageSize += size;
    used += size;
    shown++;
  }
  pages[pages.length - 1]!.footer =
    shown < report.items.length ? `${shown} of ${report.items.length} items shown, newest first · npm run feeds -- test URL lists them all` : 'Newest first. Nothing was saved or recorded.';
  return { private: true, together: true, pages };
}

/** Subscribed feeds whose address or title contains what is typed (addresses over 100 characters cannot be a choice, and are typed in full). */
export async function feedChoices(ingest: KnowledgeIngest | undefined, typed: string): Promise<Choice[]> {
  if (!ingest) return [];
  const wanted = typed.trim().toLowerCase();
  return (await ingest.feeds.list())
    .filter((feed) => feed.url.length <= MESSAGE_LIMITS.choiceLength)
    .filter((feed) => feed.url.toLowerCase().includes(wanted) || (feed.title ?? '').toLowerCase().includes(wanted))
    .map((feed) => ({ name: cutAtWord(`${feed.paused ? '⏸ ' : ''}${feed.title ? `${feed.title} — ` : ''}${feed.url}`, MESSAGE_LIMITS.choiceLength), value: feed.url }));
}
