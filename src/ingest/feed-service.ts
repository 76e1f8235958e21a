import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { ArticleWriter } from './article-file';
import type { ArticleDraft } from './extract';
import { withoutFutureDate } from './article-file';
import type { FeedEntry, ParsedFeed } from './feed-reader';
import { readFeed } from './feed-reader';
import { AT_FIRST_CHECK, newFeedRecord, pruneItems, type FeedRecord, type FeedStore, type SeenItem } from './feed-store';
import { extractHere, type Extract } from './extract-off-thread';
import type { Fetched, Validators } from './fetch';
import type { PoliteFetcher } from './host-queue';
import { httpUrlWithoutFragment } from './http-url';
import { normaliseUrl } from './known-articles';
import { describeMatch, matchKeywords } from './keywords';

/**
 * How many days before a feed's first check an item new to it may be dated and still be news: news
 * reaches a feed late (aggregators such as Google News list items hours after their date), while an
 * archive re-sorted shows items weeks old (see sortItems).
 */
const LATE_ITEM_GRACE_DAYS = 2;

/** Why an item already known is not imported: the file that has it, or that it was removed (see RemovedArticles). */
const duplicateReason = (known: { file: string; removed?: true }) => (known.removed ? `removed from the knowledge base (kept as removed/${known.file})` : `duplicate of ${known.file}`);

/** Why an item was not imported: the words `/feeds list`, `/feeds test` and the logs use. */
export const REASONS = {
  /** At a feed's first check: recorded, not imported (no flood). */
  atFirstCheck: AT_FIRST_CHECK,
  /** New to the feed later, but dated well before its first check. */
  olderThanFirstCheck: `dated more than ${LATE_ITEM_GRACE_DAYS} days before the feed's first check`,
  noKeywords: 'did not match the keywords',
  noLink: 'has no link to an article',
} as const;

export interface FeedServiceOptions {
  store: FeedStore;
  fetcher: PoliteFetcher;
  writer: ArticleWriter;
  clock: Clock;
  log: Logger;
  /** Told once when a feed is paused after failing too often (the bot posts it to the digest channel). */
  notify?: (message: string) => void | Promise<void>;
  /** Called after each article file is written (the bot reloads its library). */
  onSaved?: (saved: { file: string; path: string; feedUrl: string }) => void | Promise<void>;
  /** Every feed at most this often. Default 30. */
  pollMinutes?: number;
  /** New items taken per feed per check; the rest wait for the next check. Default 20. */
  maxNewPerCheck?: number;
  /** Failed checks in a row before a feed is paused. Default 10. */
  pauseAfter?: number;
  /** An item whose page failed for a passing reason is tried this many times, then skipped. Default 3. */
  itemTries?: number;
  /**
   * Feeds checked at once (requests to one host still go one at a time). Default 50: a round of
   * answers that are mostly 304 costs less CPU the more requests go out together (50 feeds over new
   * connections, all at once: about 20% less CPU than 16 at a time, measured). Bodies are capped at
   * 5 MB, so at worst 250 MB are held at once; a feed is mostly 20–200 KB.
   */
  concurrency?: number;
  /** How often the running service looks at feeds.json for feeds added or resumed by the CLI. Default 60 s. */
  wakeEveryMs?: number;
  /** How a page's article is extracted. Default: in this thread (the bot passes one that works in a worker). */
  extract?: Extract;
}

export interface ItemReport {
  id: string;
  title: string | null;
  link: string | null;
  outcome: 'imported' | 'skipped' | 'retry';
  reason?: string;
  file?: string;
}

export interface CheckReport {
  url: string;
  title: string | null;
  status: 'checked' | 'not-modified' | 'failed' | 'paused' | 'busy' | 'stopped' | 'removed';
  /** The first check of a feed: its items are recorded, not imported (except a backfill). */
  first: boolean;
  /** At a first check, how many of the newest items were taken as new (`backfill`); 0 otherwise. */
  backfill?: number;
  items: ItemReport[];
  /** New items left for the next check (more than the per-check limit). */
  deferred: number;
  error?: string;
  note?: string;
  nextCheckAt?: string;
}

/** One feed as `/feeds list` shows it. */
export interface FeedView {
  url: string;
  title: string | null;
  keywords: string[];
  addedAt: string;
  addedBy: string;
  lastCheckAt: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  failures: number;
  nextCheckAt: string;
  paused: { at: string; reason: string } | null;
  imported: number;
  skipped: number;
  /** Items already in the feed at its first check (recorded, not imported; not among the skipped). */
  recorded: number;
  /** Items whose outcome is remembered. */
  itemsKnown: number;
}

export interface TestItem {
  id: string;
  title: string | null;
  link: string | null;
  /** The day it was published, as the feed dates it (YYYY-MM-DD). */
  published: string | null;
  /** Whether a check would take it (fetch, extract, save) or not. */
  take: boolean;
  reason: string;
}

export type TestReport =
  | { ok: true; url: string; title: string | null; format: string; note?: string; total: number; items: TestItem[] }
  | { ok: false; url: string; error: string };

export type AddResult = { ok: true; feed: FeedView; check: CheckReport } | { ok: false; error: string };

/** The bookkeeping of one feed's check, applied to feeds.json at the end of its round; says so when it paused the feed. */
type Finish = (feed: FeedRecord) => { failures: number; message: string } | undefined;
type Prefetched = { fetched: Fetched; feed: ParsedFeed };

const MINUTE = 60_000;
const BACKOFF_START = 5 * MINUTE;
const BACKOFF_MAX = 6 * 60 * MINUTE;
const LEASE_MS = 15 * MINUTE;
const LATE_ITEM_GRACE_MS = LATE_ITEM_GRACE_DAYS * 24 * 60 * MINUTE;
/** What one check listens to a round's stop signal with at once, at most: its fetch, a wait for its host's turn, a robots.txt read. */
const STOP_LISTENERS_PER_CHECK = 4;

/** The pause after `failures` failed checks in a row: 5 min, 10, 20, 40 … up to 6 h. */
export function backoffAfter(failures: number): number {
  return Math.min(BACKOFF_START * 2 ** Math.max(0, failures - 1), BACKOFF_MAX);
}

function view(feed: FeedRecord): FeedView {
  return {
    url: feed.url,
    title: feed.title,
    keywords: feed.keywords,
    addedAt: feed.addedAt,
    addedBy: feed.addedBy,
    lastCheckAt: feed.lastCheckAt,
    lastSuccessAt: feed.lastSuccessAt,
    lastError: feed.lastError,
    failures: feed.failures,
    nextCheckAt: feed.nextCheckAt,
    paused: feed.paused,
    imported: feed.imported,
    skipped: feed.skipped,
    recorded: feed.recorded,
    itemsKnown: feed.items.length,
  };
}

/** Newest first: by date where both have one, else in the feed's order (feeds list the newest first). */
function newestFirst(items: readonly FeedEntry[]): FeedEntry[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const da = a.item.published?.getTime();
      const db = b.item.published?.getTime();
      if (da !== undefined && db !== undefined && da !== db) return db - da;
      return a.index - b.index;
    })
    .map(({ item }) => item);
}

/**
 * The feed subscriptions at work: each feed checked at most every FEEDS_POLL_MINUTES, new items
 * that match its keywords fetched, extracted and saved as article files, every other item recorded
 * with why; failed checks retried with growing pauses and, after 10 in a row, the feed paused and
 * the team told once. The bot runs it with `start()`; the CLI calls `checkAll()` once. Both work on
 * the same feeds.json, and a feed being checked by one is left alone by the other.
 */
export class FeedService {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly pollMs: number;
  private readonly maxNew: number;
  private readonly pauseAfter: number;
  private readonly itemTries: number;
  private readonly concurrency: number;
  private readonly wakeEveryMs: number;
  private running: { stop: AbortController; done: Promise<void> } | undefined;
  private wake: AbortController | undefined;
  /** While the running service waits for its next round: until when. */
  private asleep: Date | undefined;
  private sleepers: ((until: Date) => void)[] = [];

  constructor(private readonly options: FeedServiceOptions) {
    this.pollMs = (options.pollMinutes ?? 30) * MINUTE;
    this.maxNew = options.maxNewPerCheck ?? 20;
    this.pauseAfter = options.pauseAfter ?? 10;
    this.itemTries = options.itemTries ?? 3;
    this.concurrency = options.concurrency ?? 50;
    this.wakeEveryMs = options.wakeEveryMs ?? MINUTE;
  }

  private get now(): Date {
    return this.options.clock.now();
  }

  // ---------------------------------------------------------------- subscriptions

  async list(): Promise<FeedView[]> {
    return (await this.options.store.read()).feeds.map(view);
  }

  /**
   * Subscribes to a feed: it is fetched and read first (a web page or a broken feed is refused
   * with the reason), then its first check records the items it has (importing the newest
   * `backfill` of them, if asked).
   */
  async add(rawUrl: string, options: { keywords?: string[]; backfill?: number; addedBy: string; signal?: AbortSignal }): Promise<AddResult> {
    const url = httpUrlWithoutFragment(rawUrl);
    if (!url) return { ok: false, error: `not a feed address: ${rawUrl} (it must start with http:// or https://)` };
    const existing = (await this.options.store.read()).feeds.find((feed) => normaliseUrl(feed.url) === normaliseUrl(url));
    if (existing) return { ok: false, error: `already subscribed to ${existing.url}` };
    const read = await this.readNewFeed(url, options.signal);
    if (!read.ok) return read;
    const { fetched, parsed } = read;
    const now = this.now.toISOString();
    const added = await this.options.store.update((state) => {
      if (state.feeds.some((feed) => normaliseUrl(feed.url) === normaliseUrl(url))) return false;
      state.feeds.push(
        newFeedRecord({
          url,
          title: parsed.feed.title,
          keywords: options.keywords ?? [],
          addedAt: now,
          addedBy: options.addedBy,
          // What the first check cannot take (over the per-check limit) would count as older than it: so at most that many.
          backfill: Math.min(this.maxNew, Math.max(0, Math.floor(options.backfill ?? 0))),
        }),
      );
      return true;
    });
    if (!added) return { ok: false, error: `already subscribed to ${url}` };
    const check = await this.checkFeed(url, { prefetched: { fetched, feed: parsed.feed }, signal: options.signal });
    const feed = (await this.options.store.read()).feeds.find((f) => f.url === url);
    return feed ? { ok: true, feed: view(feed), check } : { ok: false, error: 'the feed was removed while it was being added' };
  }

  /** Unsubscribes. The articles it brought stay in the knowledge base. */
  async remove(rawUrl: string): Promise<{ ok: true; feed: FeedView } | { ok: false; error: string }> {
    const removed = await this.options.store.update((state) => {
      const index = this.indexOf(state.feeds, rawUrl);
      return index < 0 ? undefined : state.feeds.splice(index, 1)[0];
    });
    return removed ? { ok: true, feed: view(removed) } : { ok: false, error: `not subscribed to ${rawUrl}` };
  }

  /** Starts a paused feed again: checked at once, its failure count reset. */
  async resume(rawUrl: string): Promise<{ ok: true; feed: FeedView; wasPaused: boolean } | { ok: false; error: string }> {
    const result = await this.options.store.update((state) => {
      const feed = state.feeds[this.indexOf(state.feeds, rawUrl)];
      if (!feed) return undefined;
      const wasPaused = feed.paused !== null;
      feed.paused = null;
      feed.failures = 0;
      feed.nextCheckAt = this.now.toISOString();
      return { feed: view(feed), wasPaused };
    });
    this.checkSoon();
    return result ? { ok: true, ...result } : { ok: false, error: `not subscribed to ${rawUrl}` };
  }

  /** A feed fetched without validators (it is not subscribed yet, or is being tried) and read, or why it cannot be. */
  private async readNewFeed(url: string, signal: AbortSignal | undefined) {
    const fetched = await this.options.fetcher.fetch(url, { purpose: 'feed', signal });
    if (!fetched.ok) return { ok: false as const, error: fetched.message };
    if (fetched.notModified) return { ok: false as const, error: 'the server answered "not modified" to a first request' };
    const parsed = readFeed(fetched.text, fetched.kind, fetched.url);
    if (!parsed.ok) return { ok: false as const, error: parsed.message };
    return { ok: true as const, fetched, parsed };
  }

  private indexOf(feeds: readonly FeedRecord[], rawUrl: string): number {
    const wanted = normaliseUrl(httpUrlWithoutFragment(rawUrl) ?? rawUrl);
    return feeds.findIndex((feed) => normaliseUrl(feed.url) === wanted);
  }

  /**
   * What a feed has now and which items the keywords would take, item by item with the reason;
   * nothing is saved or recorded. Keywords are looked for in titles and summaries: an item that
   * has none there would still be fetched on a real check, to look in its text.
   */
  async test(rawUrl: string, keywords: readonly string[], signal?: AbortSignal): Promise<TestReport> {
    const url = httpUrlWithoutFragment(rawUrl);
    if (!url) return { ok: false, url: rawUrl, error: `not a feed address: ${rawUrl} (it must start with http:// or https://)` };
    const read = await this.readNewFeed(url, signal);
    if (!read.ok) return { url, ...read };
    const { fetched, parsed } = read;
    const subscribed = (await this.options.store.read()).feeds.find((feed) => normaliseUrl(feed.url) === normaliseUrl(url));
    const seen = new Map((subscribed?.items ?? []).map((item) => [item.id, item]));
    const items = newestFirst(parsed.feed.items).map((item): TestItem => {
      const base = { id: item.id, title: item.title, link: item.link, published: item.day };
      const known = seen.get(item.id);
      if (known && known.outcome !== 'retry') {
        return { ...base, take: false, reason: known.outcome === 'imported' ? `already imported as ${known.file}` : `already seen: ${known.reason ?? 'skipped'}` };
      }
      if (!item.link) return { ...base, take: false, reason: REASONS.noLink };
      if (keywords.length === 0) return { ...base, take: true, reason: 'no keywords: every item is taken' };
      const match = matchKeywords(keywords, { title: item.title, summary: item.summary });
      if (match.matches) return { ...base, take: true, reason: `matches ${describeMatch(match)}` };
      return { ...base, take: false, reason: 'no keyword in the title or summary (a check would also look in the article text)' };
    });
    const report: TestReport = { ok: true, url: fetched.url, title: parsed.feed.title, format: parsed.feed.format, total: items.length, items };
    if (parsed.feed.note) report.note = parsed.feed.note;
    return report;
  }

  // ---------------------------------------------------------------- checking

  /** One check of every feed that is due (not paused, not being checked elsewhere). */
  async checkDue(signal?: AbortSignal): Promise<CheckReport[]> {
    const now = this.now.getTime();
    const due = (await this.options.store.read()).feeds.filter((feed) => !feed.paused && Date.parse(feed.nextCheckAt) <= now).map((feed) => feed.url);
    return due.length ? this.checkMany(due, { signal }) : [];
  }

  /**
   * One check of every feed that is not paused, due or not (`npm run feeds -- poll`). `onProgress`
   * hears how many of the round's feeds are done, at its start and as each check ends (requests to
   * one site wait their turn, so a round can take a while).
   */
  async checkAll(signal?: AbortSignal, onProgress?: (done: number, of: number) => void): Promise<CheckReport[]> {
    const all = (await this.options.store.read()).feeds.filter((feed) => !feed.paused).map((feed) => feed.url);
    return all.length ? this.checkMany(all, { signal, onProgress }) : [];
  }

  /** Checks one feed now (paused or being checked elsewhere: says so instead). */
  async checkFeed(url: string, options: { signal?: AbortSignal; prefetched?: Prefetched } = {}): Promise<CheckReport> {
    const [report] = await this.checkMany([url], options);
    return report!;
  }

  /**
   * A round of checks, several feeds at once (requests to one host still go one at a time). A feed
   * is claimed (so that no other process imports from it at the same time) only when its answer
   * has items to record; what each check found is written in one write at the end of the round.
   * A round in which nothing is new costs one write of feeds.json, however many feeds. Item
   * outcomes are written as soon as each is known: a file is written before its item is marked
   * imported, so a crash in between retries the item, and the duplicate check then finds the file.
   */
  private async checkMany(urls: string[], options: { signal?: AbortSignal; prefetched?: Prefetched; onProgress?: (done: number, of: number) => void }): Promise<CheckReport[]> {
    const { signal } = options;
    // Every check of the round listens to the one signal: more than Node's default of 10 listeners,
    // which it would report as a leak ("MaxListenersExceededWarning") on the operator's console.
    if (signal) setMaxListeners(this.concurrency * STOP_LISTENERS_PER_CHECK, signal);
    const now = this.now.getTime();
    const state = await this.options.store.read();
    const reports: CheckReport[] = [];
    const work: { feed: FeedRecord; report: CheckReport }[] = [];
    for (const url of urls) {
      const feed = state.feeds.find((f) => f.url === url);
      if (!feed) {
        reports.push({ url, title: null, status: 'removed', first: false, items: [], deferred: 0 });
        continue;
      }
      const first = feed.firstCheckAt === null;
      const report: CheckReport = { url, title: feed.title, status: 'checked', first, ...(first && feed.backfill ? { backfill: feed.backfill } : {}), items: [], deferred: 0 };
      reports.push(report);
      if (feed.paused) Object.assign(report, { status: 'paused', first: false, error: feed.paused.reason });
      else if (this.heldElsewhere(feed, now)) Object.assign(report, { status: 'busy', first: false });
      // A snapshot for the check: the fields it reads (the list of items is shared: it is replaced, never changed).
      else work.push({ feed: { ...feed, keywords: [...feed.keywords], validators: { ...feed.validators } }, report });
    }

    let done = reports.length - work.length;
    options.onProgress?.(done, reports.length);

    const finishes = new Map<string, Finish>();
    const claimed = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < work.length) {
        const { feed, report } = work[next++]!;
        if (signal?.aborted) {
          report.status = 'stopped';
        } else {
          try {
            const finish = await this.runCheck(feed, report, options.prefetched, signal, claimed);
            if (finish) finishes.set(feed.url, finish);
          } catch (err) {
            this.options.log.error({ err, feed: feed.url }, 'feeds: a check failed unexpectedly');
            if (!signal?.aborted) finishes.set(feed.url, this.failure(report, `the check failed: ${(err as Error).message}`));
          }
        }
        options.onProgress?.(++done, reports.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, work.length) }, worker));
    if (finishes.size === 0 && claimed.size === 0) return reports;

    let paused: { url: string; title: string | null; failures: number; message: string }[] = [];
    try {
      paused = await this.options.store.update((current) => {
        const newlyPaused: typeof paused = [];
        for (const { feed: checked, report } of work) {
          const feed = current.feeds.find((f) => f.url === checked.url);
          if (!feed) {
            if (finishes.has(checked.url)) report.status = 'removed';
            continue;
          }
          const finish = finishes.get(feed.url);
          // Another process took this feed while it was being checked here: its own check records it.
          if (finish && !claimed.has(feed.url) && this.heldElsewhere(feed, this.now.getTime())) continue;
          const pausedNow = finish?.(feed);
          if (pausedNow) {
            report.status = 'paused';
            newlyPaused.push({ url: feed.url, title: feed.title, ...pausedNow });
          }
          if (claimed.has(feed.url) && feed.checking?.by === this.owner) feed.checking = null;
        }
        return newlyPaused;
      });
    } catch (err) {
      // Claims lapse by themselves; the next round checks these feeds again.
      this.options.log.error({ err }, 'feeds: could not record the results of a round of checks');
    }
    for (const feed of paused) await this.announcePause(feed);
    return reports;
  }

  private heldElsewhere(feed: FeedRecord, now: number): boolean {
    return feed.checking !== null && feed.checking.by !== this.owner && Date.parse(feed.checking.until) > now;
  }

  /** Claims a feed for this process, returning it as it is now; undefined when another process holds it (or it is gone). */
  private async claim(url: string): Promise<FeedRecord | undefined> {
    return this.options.store.update((state) => {
      const feed = state.feeds.find((f) => f.url === url);
      const now = this.now.getTime();
      if (!feed || feed.paused || this.heldElsewhere(feed, now)) return undefined;
      feed.checking = { by: this.owner, until: new Date(now + LEASE_MS).toISOString() };
      return { ...feed, keywords: [...feed.keywords], validators: { ...feed.validators } };
    });
  }

  /** Checks one claimed feed; returns what to record of it at the end of the round (nothing when stopped). */
  private async runCheck(snapshot: FeedRecord, report: CheckReport, prefetched: Prefetched | undefined, signal: AbortSignal | undefined, claimed: Set<string>): Promise<Finish | undefined> {
    let feed = snapshot;
    const url = feed.url;
    let fetched: Fetched;
    let parsed: ParsedFeed;
    if (prefetched) {
      ({ fetched, feed: parsed } = prefetched);
    } else {
      const outcome = await this.options.fetcher.fetch(url, { purpose: 'feed', validators: feed.validators, signal });
      if (signal?.aborted) {
        report.status = 'stopped';
        return;
      }
      if (!outcome.ok) return this.failure(report, outcome.message, outcome.retryAfter);
      if (outcome.notModified) {
        report.status = 'not-modified';
        return this.success(report, outcome.validators, undefined, false);
      }
      const read = readFeed(outcome.text, outcome.kind, outcome.url);
      if (!read.ok) return this.failure(report, read.message);
      fetched = outcome;
      parsed = read.feed;
    }
    if (parsed.note) report.note = parsed.note;
    if (parsed.title) report.title = parsed.title;

    let { seen, candidates, baseline } = this.sortItems(feed, parsed);
    if (candidates.length || baseline.length) {
      // Items to record: the feed is claimed, and what it has seen is read again (another process may just have recorded some).
      const fresh = await this.claim(url);
      if (!fresh) {
        report.status = 'busy';
        return undefined;
      }
      claimed.add(url);
      feed = fresh;
      ({ seen, candidates, baseline } = this.sortItems(feed, parsed));
    }
    const now = this.now.toISOString();
    const baselineReason = feed.firstCheckAt === null ? REASONS.atFirstCheck : REASONS.olderThanFirstCheck;
    if (baseline.length) {
      await this.record(
        url,
        // Kept short (no title): a feed of thousands of items records them all on its first check.
        baseline.map((item) => ({ id: item.id, at: now, outcome: 'skipped' as const, reason: baselineReason })),
      );
      for (const item of baseline) report.items.push({ id: item.id, title: item.title, link: item.link, outcome: 'skipped', reason: baselineReason });
    }
    const taken = candidates.slice(0, this.maxNew);
    report.deferred = candidates.length - taken.length;
    for (const item of taken) {
      if (signal?.aborted) {
        report.status = 'stopped';
        return;
      }
      const result = await this.importItem(feed, item, seen.get(item.id), signal);
      if (signal?.aborted) {
        report.status = 'stopped';
        return;
      }
      report.items.push(result);
    }
    const unfinished = report.deferred > 0 || report.items.some((item) => item.outcome === 'retry');
    return this.success(report, fetched.validators, parsed, unfinished);
  }

  /** The feed's items that are new (to take, oldest first) and those to record as older than its first check. */
  private sortItems(feed: FeedRecord, parsed: ParsedFeed): { seen: Map<string, SeenItem>; candidates: FeedEntry[]; baseline: FeedEntry[] } {
    const seen = new Map(feed.items.map((item) => [item.id, item]));
    const firstCheckAt = feed.firstCheckAt ? Date.parse(feed.firstCheckAt) : undefined;
    const ordered = newestFirst(parsed.items);
    const candidates: FeedEntry[] = [];
    const baseline: FeedEntry[] = [];
    if (firstCheckAt === undefined) {
      candidates.push(...ordered.slice(0, feed.backfill));
      baseline.push(...ordered.slice(feed.backfill));
    } else {
      for (const item of ordered) {
        const known = seen.get(item.id);
        if (known && known.outcome !== 'retry') continue;
        // Dated well before the first check: an old item the feed shows again, not news. One dated
        // shortly before it, that the first check did not see, is news that reached the feed late.
        if (!known && item.published && item.published.getTime() < firstCheckAt - LATE_ITEM_GRACE_MS) baseline.push(item);
        else candidates.push(item);
      }
    }
    // Oldest first, so that what waits for the next check is the newest (which stays in the feed longest).
    candidates.reverse();
    return { seen, candidates, baseline };
  }

  /** Fetches, extracts, matches and saves one new item; records its outcome. */
  private async importItem(feed: FeedRecord, item: FeedEntry, previous: SeenItem | undefined, signal?: AbortSignal): Promise<ItemReport> {
    const base = { id: item.id, title: item.title, link: item.link };
    const finish = async (outcome: ItemReport['outcome'], detail: { reason?: string; file?: string }): Promise<ItemReport> => {
      let final = outcome;
      let reason = detail.reason;
      const tries = (previous?.outcome === 'retry' ? (previous.tries ?? 1) : 0) + 1;
      if (outcome === 'retry' && tries >= this.itemTries) {
        final = 'skipped';
        reason = `could not be fetched after ${tries} tries: ${reason}`;
      }
      const record: SeenItem = { id: item.id, at: this.now.toISOString(), outcome: final, ...(reason ? { reason } : {}), ...(detail.file ? { file: detail.file } : {}) };
      if (item.title) record.title = item.title;
      if (item.link) record.link = item.link;
      if (final === 'retry') record.tries = tries;
      await this.record(feed.url, [record]);
      const level = final === 'imported' ? 'info' : 'debug';
      this.options.log[level]({ feed: feed.url, item: item.link ?? item.id, outcome: final, reason, file: detail.file }, `feeds: ${final}${reason ? `: ${reason}` : ''}`);
      return { ...base, outcome: final, ...(reason ? { reason } : {}), ...(detail.file ? { file: detail.file } : {}) };
    };

    if (!item.link) return finish('skipped', { reason: REASONS.noLink });
    // Known by its link: not fetched. Never by its title alone (a recurring headline is a new article).
    const before = this.options.writer.duplicateOf({ url: item.link, text: '' });
    if (before) return finish('skipped', { reason: duplicateReason(before) });

    const page = await this.options.fetcher.fetch(item.link, { purpose: 'page', obeyRobots: true, signal });
    if (signal?.aborted) return { ...base, outcome: 'retry', reason: 'stopped before it finished' }; // not recorded: tried afresh next time
    if (!page.ok) return finish(page.transient ? 'retry' : 'skipped', { reason: page.code === 'robots' ? 'refused by robots.txt' : page.message });
    if (page.notModified) return finish('retry', { reason: 'the server answered "not modified"' });
    if (page.kind !== 'html') return finish('skipped', { reason: `extraction failed: not an article page (${page.contentType || page.kind})` });
    const extracted = await (this.options.extract ?? extractHere)(page.text, page.url);
    let found: ArticleDraft;
    if (extracted.ok) found = extracted.draft;
    // A page that shows no headline it can find: the feed item's title is the outlet's headline.
    else if (extracted.untitled && item.title) found = { title: item.title, ...extracted.untitled };
    else return finish('skipped', { reason: `extraction failed: ${extracted.reason}` });
    const draft = withoutFutureDate(found, this.now);
    const match = matchKeywords(feed.keywords, { title: item.title ?? draft.title, summary: item.summary, text: draft.text });
    if (!match.matches) return finish('skipped', { reason: REASONS.noKeywords });
    // The feed's date is what is known when the page has none (never today's date for an old item).
    if (!draft.published && item.day) draft.published = item.day;
    const saved = await this.options.writer.save(draft, match.found.map((keyword) => keyword.toLowerCase()));
    if (!saved.ok) {
      if (saved.code === 'duplicate') return finish('skipped', { reason: duplicateReason(saved) });
      return finish(saved.code === 'write-failed' ? 'retry' : 'skipped', { reason: saved.reason });
    }
    const report = await finish('imported', { file: saved.file });
    try {
      await this.options.onSaved?.({ file: saved.file, path: saved.path, feedUrl: feed.url });
    } catch (err) {
      this.options.log.warn({ err, file: saved.file }, 'feeds: onSaved failed');
    }
    return report;
  }

  /** Records item outcomes (replacing earlier ones of the same items) and renews the claim on the feed. */
  private async record(url: string, records: SeenItem[]): Promise<void> {
    await this.options.store.update((state) => {
      const feed = state.feeds.find((f) => f.url === url);
      if (!feed) return;
      const ids = new Set(records.map((r) => r.id));
      const previous = new Map(feed.items.filter((item) => ids.has(item.id)).map((item) => [item.id, item]));
      feed.items = feed.items.filter((item) => !ids.has(item.id)).concat(records);
      for (const record of records) {
        const was = previous.get(record.id)?.outcome;
        if (record.outcome === 'imported' && was !== 'imported') feed.imported++;
        if (record.outcome === 'skipped' && was !== 'skipped') {
          if (record.reason === REASONS.atFirstCheck) feed.recorded++;
          else feed.skipped++;
        }
      }
      if (feed.checking?.by === this.owner) feed.checking.until = new Date(this.now.getTime() + LEASE_MS).toISOString();
    });
  }

  /**
   * What a good check records. `unfinished`: items wait for the next check (over the limit, or to
   * be tried again), so the validators are not kept: a 304 would hide them.
   */
  private success(report: CheckReport, validators: Validators, parsed: ParsedFeed | undefined, unfinished: boolean): Finish {
    const now = this.now;
    const next = new Date(now.getTime() + this.pollMs).toISOString();
    report.nextCheckAt = next;
    const current = parsed ? new Set(parsed.items.map((item) => item.id)) : undefined;
    return (feed) => {
      feed.validators = unfinished ? {} : { ...(validators.etag ? { etag: validators.etag } : {}), ...(validators.lastModified ? { lastModified: validators.lastModified } : {}) };
      if (parsed?.title) feed.title = parsed.title;
      feed.firstCheckAt ??= now.toISOString();
      feed.lastCheckAt = now.toISOString();
      feed.lastSuccessAt = now.toISOString();
      feed.failures = 0;
      feed.nextCheckAt = next;
      if (current) feed.items = pruneItems(feed.items, current);
      return undefined;
    };
  }

  /** What a failed check records: the error, the next try (5 min, 10, 20 … 6 h, or a later Retry-After), and a pause after too many. */
  private failure(report: CheckReport, message: string, retryAfter?: Date): Finish {
    const now = this.now;
    report.status = 'failed';
    report.error = message;
    this.options.log.warn({ feed: report.url, error: message }, `feeds: check failed: ${message}`);
    return (feed) => {
      feed.failures++;
      feed.lastCheckAt = now.toISOString();
      feed.lastError = { at: now.toISOString(), message };
      const wait = Math.max(backoffAfter(feed.failures), retryAfter ? retryAfter.getTime() - now.getTime() : 0);
      feed.nextCheckAt = new Date(now.getTime() + wait).toISOString();
      report.nextCheckAt = feed.nextCheckAt;
      this.options.log.debug({ feed: feed.url, failures: feed.failures, nextCheckAt: feed.nextCheckAt }, 'feeds: next try');
      if (feed.failures >= this.pauseAfter && !feed.paused) {
        feed.paused = { at: now.toISOString(), reason: `${feed.failures} failed checks in a row; the last: ${message}` };
        return { failures: feed.failures, message };
      }
      return undefined;
    };
  }

  /** Tells the team, once, that a feed was paused. */
  private async announcePause(feed: { url: string; title: string | null; failures: number; message: string }): Promise<void> {
    const name = feed.title ? `“${feed.title}” (${feed.url})` : feed.url;
    const text = `Feed ${name} is paused after ${feed.failures} failed checks in a row. The last error: ${feed.message}. Fix it, then resume it with /feeds resume (or npm run feeds -- resume ${feed.url}).`;
    this.options.log.warn({ feed: feed.url }, text);
    try {
      await this.options.notify?.(text);
    } catch (err) {
      this.options.log.warn({ err, feed: feed.url }, 'feeds: the pause notice could not be delivered');
    }
  }

  // ---------------------------------------------------------------- running

  /** Starts checking feeds as they come due, until `stop()`. */
  start(): void {
    if (this.running) return;
    const stop = new AbortController();
    const done = this.loop(stop.signal);
    this.running = { stop, done };
  }

  /** Stops: checks under way end at the next item (what is done is recorded), then resolves. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.stop.abort();
    this.wake?.abort();
    await running.done;
  }

  /** Makes the running service look at the feeds now (after an add from Discord, say). */
  checkSoon(): void {
    this.asleep = undefined;
    this.wake?.abort();
  }

  /**
   * When the running service waits for its next round: resolves with the time it waits for (at
   * once if it is waiting now). Tests and tools wait on it instead of polling.
   */
  whenAsleep(): Promise<Date> {
    return this.asleep ? Promise.resolve(this.asleep) : this.nextSleep();
  }

  /** The next time the running service goes to sleep, after the round it is in (or the one it is woken for). */
  nextSleep(): Promise<Date> {
    return new Promise((resolve) => this.sleepers.push(resolve));
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.checkDue(signal);
      } catch (err) {
        this.options.log.error({ err }, 'feeds: a round of checks failed');
      }
      if (signal.aborted) break;
      const now = this.now.getTime();
      let next = now + this.wakeEveryMs;
      try {
        for (const feed of (await this.options.store.read()).feeds) {
          if (feed.paused) continue;
          // A feed another process is checking is looked at again when its claim lapses, or at the next wake-up.
          const lease = feed.checking && feed.checking.by !== this.owner ? Date.parse(feed.checking.until) : 0;
          next = Math.min(next, Math.max(Date.parse(feed.nextCheckAt), lease));
        }
      } catch (err) {
        this.options.log.warn({ err }, 'feeds: could not read the feeds file');
      }
      this.wake = new AbortController();
      // At least a second apart, so nothing can make this loop spin.
      const until = new Date(Math.max(next, now + 1000));
      const sleep = this.options.clock.sleepUntil(until, AbortSignal.any([signal, this.wake.signal]));
      this.asleep = until;
      const sleepers = this.sleepers;
      this.sleepers = [];
      for (const resolve of sleepers) resolve(until);
      await sleep;
      this.asleep = undefined;
    }
    this.asleep = undefined;
  }
}
