/** The feed service: no flood, no duplicate, nothing lost silently; retried, paused and told; polite and cheap; across restarts. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/library/knowledge-folder';
import { ArticleWriter } from '../../src/ingest/article-file';
import { backoffAfter, FeedService, REASONS, type FeedServiceOptions } from '../../src/ingest/feed-service';
import { FeedStore } from '../../src/ingest/feed-store';
import { classifyAddress } from '../../src/ingest/address';
import { createFetcher, userAgentFor, type FetcherOptions } from '../../src/ingest/fetch';
import { PoliteFetcher } from '../../src/ingest/host-queue';
import { knownArticlesInFolder } from '../../src/ingest/known-articles';
import { knownOrRemoved, RemovedArticles } from '../../src/ingest/removed-articles';
import { createLogger } from '../../src/util/logger';
import { LogCapture } from '../support/log-capture';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { drive, driveUntil, type Network } from './support/drive';
import { bigFeed, fixture } from './support/fixtures';
import { articlePage, startNewsroom, story, type Newsroom } from './support/newsroom';
import { body, startSite } from './support/web';

const START = '2026-03-10T06:00:00Z';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface World {
  clock: ManualClock;
  service: FeedService;
  store: FeedStore;
  knowledgeDir: string;
  stateDir: string;
  notices: string[];
  saved: string[];
  logs: LogCapture;
  /** The service's fetchers: the clock moves only while none has a request on its way (see drive). */
  network: Network;
  /** Runs an operation of the service, moving the clock through the politeness waits. */
  run<T>(work: Promise<T>): Promise<T>;
  /** A second service on the same folders, as `npm run feeds` beside the bot. */
  another(overrides?: Partial<FeedServiceOptions>): Promise<FeedService>;
}

async function world(overrides: Partial<FeedServiceOptions> = {}, dirs?: { knowledgeDir: string; stateDir: string; clock?: ManualClock }, fetchOptions: Partial<FetcherOptions> = {}): Promise<World> {
  const clock = dirs?.clock ?? new ManualClock(START);
  const knowledgeDir = dirs?.knowledgeDir ?? temporaryDir('feeds-knowledge-');
  const stateDir = dirs?.stateDir ?? temporaryDir('feeds-state-');
  const logs = new LogCapture();
  const log = createLogger('debug', logs.stream);
  const notices: string[] = [];
  const saved: string[] = [];
  const network: Network = [];
  const make = async (extra: Partial<FeedServiceOptions> = {}) => {
    const raw = createFetcher({ userAgent: userAgentFor('ops@example.org'), allowPrivateNetwork: true, clock, timeoutMs: 2000, ...fetchOptions });
    network.push(raw);
    closers.push(() => raw.close());
    const fetcher = new PoliteFetcher({ fetcher: raw, clock, log });
    // As createIngest wires it: the folder's articles and those removed from it are known.
    const writer = new ArticleWriter({ knowledgeDir, clock, known: knownOrRemoved(await knownArticlesInFolder(knowledgeDir), await RemovedArticles.open(knowledgeDir, stateDir)) });
    const store = new FeedStore(stateDir, { clock, log });
    const service = new FeedService({ store, fetcher, writer, clock, log, notify: (m) => void notices.push(m), onSaved: (s) => void saved.push(s.file), ...overrides, ...extra });
    closers.push(() => service.stop());
    return { service, store };
  };
  const { service, store } = await make();
  return {
    clock,
    service,
    store,
    knowledgeDir,
    stateDir,
    notices,
    saved,
    logs,
    network,
    run: (work) => drive(clock, work, network),
    another: async (extra) => (await make(extra)).service,
  };
}

async function newsroomWith(count: number, startAt = Date.parse(START) - 10 * 60 * MINUTE): Promise<Newsroom> {
  const room = await startNewsroom();
  for (let i = 1; i <= count; i++) room.publish({ slug: `old-${i}`, title: `Old story number ${i}`, paragraphs: story(`old story ${i}`), published: new Date(startAt + i * MINUTE) });
  return room;
}

const articleFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();

describe('no flood, no duplicate', () => {
  it('records the items a new feed has without importing them; imports what appears later; a 304 costs nothing', async () => {
    const w = await world();
    const room = await newsroomWith(3);
    const added = await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    expect(added).toMatchObject({ ok: true, feed: { title: 'The Steppe Ledger', imported: 0, skipped: 0, recorded: 3 }, check: { first: true, status: 'checked' } });
    expect(added.ok && added.check.items.map((i) => i.reason)).toEqual([REASONS.atFirstCheck, REASONS.atFirstCheck, REASONS.atFirstCheck]);
    expect(room.pageRequests()).toEqual([]);
    expect(await articleFiles(w.knowledgeDir)).toEqual([]);

    w.clock.advance(30 * MINUTE);
    room.publish({ slug: 'tungsten', title: 'Kazakhstan Opens Tungsten Deposit to US Investors', paragraphs: story('tungsten'), published: new Date(Date.parse(START) + 20 * MINUTE) });
    const [report] = await w.run(w.service.checkDue());
    expect(report).toMatchObject({ status: 'checked', first: false, items: [{ outcome: 'imported', file: '2026-03-10-kazakhstan-opens-tungsten-deposit-us-investors.md' }] });
    expect(w.saved).toEqual(['2026-03-10-kazakhstan-opens-tungsten-deposit-us-investors.md']);
    const { articles, problems } = await loadKnowledge(w.knowledgeDir);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ title: 'Kazakhstan Opens Tungsten Deposit to US Investors', publisher: 'The Steppe Ledger', published: '2026-03-10', url: room.site.url('/articles/tungsten') });
    expect(articles[0]!.body).not.toContain('Share on Facebook');
    expect(articles[0]!.body).not.toContain('Great article');

    // Nothing new: the server answers 304 to the conditional request; nothing is fetched or written.
    w.clock.advance(30 * MINUTE);
    const [quiet] = await w.run(w.service.checkDue());
    expect(quiet).toMatchObject({ status: 'not-modified', items: [] });
    expect(room.feedRequests().map((r) => r.conditional)).toEqual([false, true, true]);
    expect(room.pageRequests()).toEqual(['/articles/tungsten']);
    const [feed] = await w.service.list();
    expect(feed).toMatchObject({ imported: 1, skipped: 0, recorded: 3, failures: 0, lastError: null, paused: null });
    expect(Date.parse(feed!.nextCheckAt) - Date.parse(feed!.lastSuccessAt!)).toBe(30 * MINUTE);
  });

  it('imports the newest N on the first check when asked to backfill', async () => {
    const w = await world();
    const room = await newsroomWith(5);
    const added = await w.run(w.service.add(room.feedUrl, { addedBy: 'cli', backfill: 2 }));
    expect(added.ok && added.check.items.filter((i) => i.outcome === 'imported').map((i) => i.title)).toEqual(['Old story number 4', 'Old story number 5']);
    expect(await articleFiles(w.knowledgeDir)).toHaveLength(2);
    expect(added.ok && added.feed).toMatchObject({ imported: 2, skipped: 0, recorded: 3 });
  });

  it('does not save an article twice, whichever feed or person brought it first', async () => {
    const w = await world();
    const room = await newsroomWith(1);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    // The same article, written by hand under its link before the feed brought it.
    await writeFile(join(w.knowledgeDir, '2026-03-10-by-hand.md'), `---\ntitle: Tungsten by hand\nurl: ${room.site.url('/articles/tungsten')}\n---\n\nWritten by a person.\n`);
    const w2 = await world({}, { knowledgeDir: w.knowledgeDir, stateDir: w.stateDir, clock: w.clock }); // a restart: the folder is read again
    w.clock.advance(30 * MINUTE);
    room.publish({ slug: 'tungsten', title: 'Tungsten news', paragraphs: story('tungsten'), published: new Date(Date.parse(START) + 10 * MINUTE) });
    const [report] = await w2.run(w2.service.checkDue());
    expect(report!.items).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'duplicate of 2026-03-10-by-hand.md' })]);
    expect(room.pageRequests()).toEqual([]); // known by its link: not even fetched

    // A second feed carrying the same article as the first one imported.
    const other = await newsroomWith(0);
    await w2.run(w2.service.add(other.feedUrl, { addedBy: 'cli' }));
    room.publish({ slug: 'gallium', title: 'Gallium output to double', paragraphs: story('gallium'), published: new Date(Date.parse(START) + 40 * MINUTE) });
    other.publish({ slug: 'gallium-copy', title: 'Gallium output to double (agency copy)', paragraphs: story('gallium'), published: new Date(Date.parse(START) + 40 * MINUTE) });
    w.clock.advance(31 * MINUTE);
    const reports = await w2.run(w2.service.checkDue());
    // Checked at the same time: whichever is first imports it, the other finds it.
    const items = reports.flatMap((r) => r.items);
    const imported = items.filter((i) => i.outcome === 'imported');
    expect(imported).toHaveLength(1);
    expect(items.filter((i) => i.outcome !== 'imported')).toEqual([expect.objectContaining({ outcome: 'skipped', reason: `duplicate of ${imported[0]!.file}` })]);
  });

  it('does not import an article removed from the knowledge base again, and says why', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    // In the knowledge base under its link, then removed (/knowledge remove), before the feed brings it.
    await writeFile(join(w.knowledgeDir, '2026-03-10-unwanted.md'), `---\ntitle: Tungsten, unwanted\nurl: ${room.site.url('/articles/tungsten')}\n---\n\nNot wanted here.\n`);
    expect(await (await RemovedArticles.open(w.knowledgeDir, w.stateDir)).remove('2026-03-10-unwanted.md')).toMatchObject({ ok: true });
    const w2 = await world({}, { knowledgeDir: w.knowledgeDir, stateDir: w.stateDir, clock: w.clock }); // a restart: both folders read again
    w.clock.advance(30 * MINUTE);
    room.publish({ slug: 'tungsten', title: 'Tungsten news', paragraphs: story('tungsten'), published: new Date(Date.parse(START) + 10 * MINUTE) });
    const [report] = await w2.run(w2.service.checkDue());
    expect(report!.items).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'removed from the knowledge base (kept as removed/2026-03-10-unwanted.md)' })]);
    expect(room.pageRequests()).toEqual([]);
    expect(await articleFiles(w.knowledgeDir)).toEqual([]);
  });

  it('imports two different articles under the same headline (a recurring "Market wrap"): duplicates are by link or text, not by title', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    room.publish({ slug: 'wrap-monday', title: 'Market wrap', paragraphs: story('Monday’s copper prices'), published: new Date(Date.parse(START) + 10 * MINUTE) });
    w.clock.advance(30 * MINUTE);
    await w.run(w.service.checkDue());
    room.publish({ slug: 'wrap-tuesday', title: 'Market wrap', paragraphs: story('Tuesday’s zinc prices'), published: new Date(Date.parse(START) + 40 * MINUTE) });
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report!.items).toEqual([expect.objectContaining({ title: 'Market wrap', outcome: 'imported', file: '2026-03-10-market-wrap-2.md' })]);
    expect(room.pageRequests()).toEqual(['/articles/wrap-monday', '/articles/wrap-tuesday']);
    const { articles, problems } = await loadKnowledge(w.knowledgeDir);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.file, a.title, a.url])).toEqual([
      ['2026-03-10-market-wrap-2.md', 'Market wrap', room.site.url('/articles/wrap-tuesday')],
      ['2026-03-10-market-wrap.md', 'Market wrap', room.site.url('/articles/wrap-monday')],
    ]);
    expect((await w.service.list())[0]).toMatchObject({ imported: 2, skipped: 0 });
  });
});

describe('nothing disappears silently', () => {
  it('dates an article whose page gives no date by its feed item, on the day the feed dates it (in its own time zone); a date after tomorrow is no date', async () => {
    const w = await world();
    const room = await startNewsroom();
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    // 21:30 in New York on 9 March is 02:30 on 10 March in UTC.
    room.publish({ slug: 'evening', title: 'Tungsten talks run late', paragraphs: story('the talks'), published: new Date('2026-03-10T02:30:00Z'), pubDate: 'Mon, 09 Mar 2026 21:30:00 -0500', undatedPage: true });
    room.publish({ slug: 'future', title: 'Tungsten outlook', paragraphs: story('the outlook'), published: new Date('2099-01-01T00:00:00Z') });
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report!.items.map((i) => [i.title, i.outcome === 'imported' ? i.file : i.reason])).toEqual([
      ['Tungsten talks run late', '2026-03-09-tungsten-talks-run-late.md'],
      ['Tungsten outlook', '2026-03-10-tungsten-outlook.md'],
    ]);
    const { articles } = await loadKnowledge(w.knowledgeDir);
    expect(articles.map((article) => [article.title, article.published])).toEqual([
      ['Tungsten talks run late', '2026-03-09'],
      ['Tungsten outlook', null],
    ]);
  });

  it('takes the headline of an article whose page shows none from its feed item (the outlet\'s headline), rather than losing the article', async () => {
    const w = await world();
    const room = await startNewsroom();
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    const untitled = `<html><body><article>${story('the deposit').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    room.publish({ slug: 'bare', title: 'Beryllium talks continue', paragraphs: [], published: new Date(Date.parse(START) + 10 * MINUTE), page: (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(untitled) });
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report!.items.map((i) => [i.outcome, i.file])).toEqual([['imported', '2026-03-10-beryllium-talks-continue.md']]);
    const { articles } = await loadKnowledge(w.knowledgeDir);
    expect(articles[0]).toMatchObject({ title: 'Beryllium talks continue', published: '2026-03-10' });
    expect(articles[0]!.body).toContain('Paragraph 1 of the story about the deposit.');
  });

  it('records every item not imported with why: keywords, extraction failed, too large, robots.txt, no link, dated days before the first check; one dated hours before it but new to the feed is imported', async () => {
    const w = await world();
    const room = await startNewsroom({ robots: 'User-agent: *\nDisallow: /articles/members-only\n' });
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli', keywords: ['tungsten', 'critical minerals'] }));
    const at = (minutes: number) => new Date(Date.parse(START) + minutes * MINUTE);
    room.publish({ slug: 'in-title', title: 'Tungsten exports rise', paragraphs: story('exports'), published: at(1) });
    room.publish({ slug: 'in-text', title: 'Ministers meet in Washington', paragraphs: [...story('the meeting', 2), 'They discussed Critical Minerals supply chains.'], published: at(2) });
    room.publish({ slug: 'off-topic', title: 'Tenge hits record low', paragraphs: story('the currency'), published: at(3) });
    room.publish({ slug: 'no-article', title: 'Tungsten photo gallery', paragraphs: ['Photo.'], published: at(4) });
    room.publish({
      slug: 'huge',
      title: 'Tungsten report in full',
      paragraphs: [],
      published: at(5),
      page: (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'tungsten '.repeat(400_000)}</p>`),
    });
    room.publish({ slug: 'members-only', title: 'Tungsten insider', paragraphs: story('tungsten'), published: at(6) });
    room.publish({ slug: 'linkless', title: 'Tungsten note', paragraphs: [], published: at(7), noLink: true });
    room.publish({ slug: 'old', title: 'Tungsten history', paragraphs: story('history'), published: at(-3 * 24 * 60) });
    // Dated before the first check, but not in the feed then: news that reached the feed late (as on aggregators).
    room.publish({ slug: 'late', title: 'Tungsten smelter reopens', paragraphs: story('the smelter'), published: at(-600) });
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    const byTitle = Object.fromEntries(report!.items.map((i) => [i.title, i.outcome === 'imported' ? `imported ${i.file}` : i.reason]));
    expect(byTitle).toEqual({
      'Tungsten exports rise': 'imported 2026-03-10-tungsten-exports-rise.md',
      'Ministers meet in Washington': 'imported 2026-03-10-ministers-meet-washington.md',
      'Tenge hits record low': REASONS.noKeywords,
      'Tungsten photo gallery': expect.stringMatching(/^extraction failed: not an article/),
      'Tungsten report in full': 'too large: over 3 MB',
      'Tungsten insider': 'refused by robots.txt',
      'Tungsten note': REASONS.noLink,
      'Tungsten history': REASONS.olderThanFirstCheck,
      'Tungsten smelter reopens': 'imported 2026-03-09-tungsten-smelter-reopens.md',
    });
    const files = await articleFiles(w.knowledgeDir);
    expect(files).toEqual(['2026-03-09-tungsten-smelter-reopens.md', '2026-03-10-ministers-meet-washington.md', '2026-03-10-tungsten-exports-rise.md']);
    expect(await readFile(join(w.knowledgeDir, files[1]!), 'utf8')).toContain('tags: ["critical minerals"]');
    const [feed] = await w.service.list();
    expect(feed).toMatchObject({ imported: 3, skipped: 6 });
    // The state on disk keeps each reason, item by item (read as another process reads it).
    const state = await new FeedStore(w.stateDir, { clock: w.clock, log: createLogger('silent') }).read();
    expect(state.feeds[0]!.items.find((i) => i.title === 'Tungsten insider')).toMatchObject({ outcome: 'skipped', reason: 'refused by robots.txt' });
  });

  it('records an item with no GUID, no link and no title (known by its summary and date) as skipped, and counts it', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    const bare = { paragraphs: [], guid: null, noLink: true, noTitle: true, published: new Date(Date.parse(START) + MINUTE) };
    room.publish({ ...bare, slug: 'bare-1', title: '', summary: 'Tungsten prices rose on Monday.' });
    room.publish({ ...bare, slug: 'bare-2', title: '', summary: 'Gallium prices fell on Monday.' });
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report!.items).toEqual([
      { id: expect.stringMatching(/^sha256:/), title: null, link: null, outcome: 'skipped', reason: REASONS.noLink },
      { id: expect.stringMatching(/^sha256:/), title: null, link: null, outcome: 'skipped', reason: REASONS.noLink },
    ]);
    expect(new Set(report!.items.map((i) => i.id)).size).toBe(2);
    expect((await w.service.list())[0]).toMatchObject({ imported: 0, skipped: 2, itemsKnown: 2 });
    // Known from then on: the next check finds nothing new.
    w.clock.advance(30 * MINUTE);
    expect(await w.run(w.service.checkDue())).toEqual([expect.objectContaining({ status: 'not-modified', items: [] })]);
  });

  it('takes at most 20 new items a check, oldest first; the rest come with the next check', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    for (let i = 1; i <= 25; i++) room.publish({ slug: `n${i}`, title: `New story ${i}`, paragraphs: story(`new ${i}`), published: new Date(Date.parse(START) + i * MINUTE) });
    w.clock.advance(30 * MINUTE);
    const [first] = await w.run(w.service.checkDue());
    expect(first!.items.map((i) => i.title)).toEqual(Array.from({ length: 20 }, (_, i) => `New story ${i + 1}`));
    expect(first!.deferred).toBe(5);
    w.clock.advance(30 * MINUTE);
    const [second] = await w.run(w.service.checkDue());
    expect(second).toMatchObject({ status: 'checked' }); // not a 304: items were waiting
    expect(second!.items.map((i) => i.title)).toEqual(['New story 21', 'New story 22', 'New story 23', 'New story 24', 'New story 25']);
    expect(await articleFiles(w.knowledgeDir)).toHaveLength(25);
  });

  it('tries an item whose page failed for a passing reason again at the next check, then gives up saying why', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    let down = true;
    const item = { slug: 'flaky', title: 'Flaky page', paragraphs: story('flakiness'), published: new Date(Date.parse(START) + MINUTE) };
    room.publish({ ...item, page: (_req, res) => void (down ? res.writeHead(503).end() : res.writeHead(200, { 'content-type': 'text/html' }).end(`<article><h1>Flaky page</h1>${item.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`)) });
    w.clock.advance(30 * MINUTE);
    expect((await w.run(w.service.checkDue()))[0]!.items).toEqual([expect.objectContaining({ outcome: 'retry', reason: expect.stringContaining('answered 503') })]);
    down = false;
    w.clock.advance(30 * MINUTE);
    expect((await w.run(w.service.checkDue()))[0]!.items).toEqual([expect.objectContaining({ outcome: 'imported' })]);

    const stuck = { slug: 'stuck', title: 'Stuck page', paragraphs: [], published: new Date(Date.parse(START) + 61 * MINUTE), page: (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(500).end() };
    room.publish(stuck);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      w.clock.advance(30 * MINUTE);
      const [report] = await w.run(w.service.checkDue());
      outcomes.push(...report!.items.map((it) => `${it.outcome}: ${it.reason}`));
    }
    expect(outcomes).toEqual([
      expect.stringMatching(/^retry: .*answered 500/),
      expect.stringMatching(/^retry: .*answered 500/),
      expect.stringMatching(/^skipped: could not be fetched after 3 tries: .*answered 500/),
    ]);
  });
});

describe('every format, served over HTTP through the service', () => {
  /** A new item written in the format, as the outlet would add it at the top of its feed. */
  type NewItem = { slug: string; title: string; link: string; published: Date; summary: string };
  const formats: { name: string; file: string; type: string; first: number; note?: string; withItem: (feed: string, item: NewItem) => string }[] = [
    {
      name: 'Atom',
      file: 'atom.xml',
      type: 'application/atom+xml',
      first: 2,
      withItem: (feed, i) =>
        feed.replace('<entry>', `<entry><title>${i.title}</title><link href="${i.link}" rel="alternate"/><id>tag:wire.example,2026:${i.slug}</id><published>${i.published.toISOString()}</published><summary>${i.summary}</summary></entry>\n  <entry>`),
    },
    {
      name: 'RSS 1.0 (RDF)',
      file: 'rdf.xml',
      type: 'application/rdf+xml',
      first: 2,
      withItem: (feed, i) =>
        feed.replace('<item rdf:about', `<item rdf:about="${i.link}"><title>${i.title}</title><link>${i.link}</link><description>${i.summary}</description><dc:date>${i.published.toISOString()}</dc:date></item>\n  <item rdf:about`),
    },
    {
      name: 'JSON Feed',
      file: 'feed.json',
      type: 'application/feed+json',
      first: 2,
      withItem: (feed, i) => {
        const json = JSON.parse(feed) as { items: unknown[] };
        json.items.unshift({ id: i.slug, url: i.link, title: i.title, summary: i.summary, date_published: i.published.toISOString() });
        return JSON.stringify(json);
      },
    },
    {
      name: 'RSS 2.0 cut off in the middle of an item',
      file: 'truncated.xml',
      type: 'application/rss+xml',
      first: 2,
      // Read to its last complete item, each time: the cut-off third item is never taken for a whole one.
      note: 'the feed is cut off: read the 3 complete items',
      withItem: (feed, i) => feed.replace('<item>', `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.slug}</guid><pubDate>${i.published.toUTCString()}</pubDate></item>\n    <item>`),
    },
  ];

  it.each(formats)('$name: the first check records what it has without importing; an item added later is imported by the next check', async ({ file, type, first, note, withItem }) => {
    const w = await world();
    const site = await startSite();
    let feed = fixture(file, site.origin);
    site.route('/feed', (_req, res) => void res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(feed));
    const added = await w.run(w.service.add(site.url('/feed'), { addedBy: 'cli' }));
    expect(added).toMatchObject({ ok: true, feed: { imported: 0, skipped: 0, recorded: first, itemsKnown: first }, check: { first: true, status: 'checked' } });
    expect(added.ok && added.check.items.map((i) => i.reason)).toEqual(Array(first).fill(REASONS.atFirstCheck));

    const item = { slug: 'smelter', title: 'Tungsten smelter opens near Karaganda', link: site.url('/articles/smelter'), published: new Date(Date.parse(START) + 10 * MINUTE), summary: 'The first ingots ship in May.' };
    site.route('/articles/smelter', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(site.origin, { ...item, paragraphs: story('the smelter') })));
    feed = withItem(feed, item);
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report).toMatchObject({ status: 'checked', first: false, items: [{ id: expect.any(String), title: item.title, outcome: 'imported', file: '2026-03-10-tungsten-smelter-opens-near-karaganda.md' }] });
    expect(report!.note).toBe(note);
    expect(site.requests.filter((r) => r.path.startsWith('/articles/')).map((r) => r.path)).toEqual(['/articles/smelter']);
    const { articles, problems } = await loadKnowledge(w.knowledgeDir);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.title, a.url])).toEqual([[item.title, item.link]]);
    expect((await w.service.list())[0]).toMatchObject({ imported: 1, skipped: 0, recorded: first, itemsKnown: first + 1 });
  });
});

describe('broken feeds are retried, then paused, and the team is told once', () => {
  it('retries after 5 min, 10, 20, … up to 6 h; pauses after 10 failures in a row; resumes', async () => {
    const w = await world({ wakeEveryMs: 6 * 3600_000 }); // the feeds file is looked at less often: fewer steps for the clock
    const room = await newsroomWith(1);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    room.failFeed((_req, res) => void res.writeHead(500).end());
    w.service.start();
    const t0 = Date.parse(START) + 30 * MINUTE;
    await driveUntil(w.clock, () => w.notices.length > 0, new Date(t0 + 48 * 3600_000), w.network);
    expect(room.feedRequests()).toHaveLength(1 + 10); // the add, then one request per failed check
    const lastError = (await w.service.list())[0]!;
    expect(lastError).toMatchObject({ failures: 10, paused: { reason: expect.stringContaining('10 failed checks in a row; the last:') } });
    expect(w.notices).toEqual([expect.stringMatching(/^Feed “The Steppe Ledger” \(http:\/\/127\.0\.0\.1:\d+\/rss\.xml\) is paused after 10 failed checks in a row\. The last error: .*answered 500.*\/feeds resume/)]);
    // The pauses between checks, in minutes.
    const checks = w.logs.entries().filter((e) => e.msg === 'feeds: next try').map((e) => Date.parse(String(e.nextCheckAt)));
    const gaps = checks.slice(1).map((t, i) => (t - checks[i]!) / MINUTE);
    expect(gaps).toEqual([10, 20, 40, 80, 160, 320, 360, 360, 360]);
    expect([1, 2, 3, 7, 8, 30].map((n) => backoffAfter(n) / MINUTE)).toEqual([5, 10, 20, 320, 360, 360]);

    // Paused: a week goes by without a request to it, and without a second notice.
    const before = room.feedRequests().length;
    w.clock.advance(7 * 24 * 3600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(room.feedRequests()).toHaveLength(before);
    expect(w.notices).toHaveLength(1);

    await w.service.stop();
    room.failFeed(undefined);
    const resumed = await w.service.resume(room.feedUrl);
    expect(resumed).toMatchObject({ ok: true, wasPaused: true, feed: { nextCheckAt: w.clock.now().toISOString() } });
    // Checked at once; the feed has not changed since its last good answer, so the server says 304.
    expect(await w.run(w.service.checkDue())).toEqual([expect.objectContaining({ status: 'not-modified' })]);
    expect((await w.service.list())[0]).toMatchObject({ failures: 0, paused: null });
  });

  it('waits as long as a Retry-After asks when it is longer than the backoff', async () => {
    const w = await world();
    const room = await newsroomWith(1);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    room.failFeed((_req, res) => void res.writeHead(429, { 'retry-after': '7200' }).end());
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report).toMatchObject({ status: 'failed', error: expect.stringContaining('too many requests'), nextCheckAt: '2026-03-10T08:30:00.000Z' });
  });

  it('counts a feed that stops answering as a failed check, and gives up on it after the time limit', async () => {
    const w = await world({}, undefined, { timeoutMs: 300 });
    const room = await newsroomWith(1);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    room.failFeed((_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).write('<rss><channel>'));
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report).toMatchObject({ status: 'failed', error: 'timed out after 0.3 s', nextCheckAt: new Date(w.clock.now().getTime() + 5 * MINUTE).toISOString() });
  });

  it('refuses a feed that redirects to a private address', async () => {
    // 127.0.0.1 stands for the internet here; every other address is judged as in production.
    const w = await world({}, undefined, { allowPrivateNetwork: false, classify: (a) => (a === '127.0.0.1' ? { public: true } : classifyAddress(a)) });
    const room = await newsroomWith(0);
    room.site.route('/moved.xml', (_req, res) => void res.writeHead(301, { location: 'http://192.168.1.10/rss.xml' }).end());
    expect(await w.run(w.service.add(room.site.url('/moved.xml'), { addedBy: 'cli' }))).toEqual({
      ok: false,
      error: `refused: 192.168.1.10 is a private address (redirected from ${room.site.url('/moved.xml')})`,
    });
  });

  it('refuses to subscribe to a web page, naming the feed it points to', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    room.site.route('/', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Home</body></html>'));
    expect(await w.run(w.service.add(room.site.url('/'), { addedBy: 'cli' }))).toEqual({
      ok: false,
      error: `not a feed: ${room.site.url('/')} is a web page. It names its feed: ${room.feedUrl} (add that address instead)`,
    });
    expect(await w.service.list()).toEqual([]);
  });
});

describe('polite and cheap', () => {
  it('checks each feed at most every FEEDS_POLL_MINUTES while running', async () => {
    const w = await world({ pollMinutes: 30 });
    const room = await newsroomWith(2);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    const times: number[] = [];
    room.site.route('/rss.xml', (_req, res) => {
      times.push((w.clock.now().getTime() - Date.parse(START)) / MINUTE);
      res.writeHead(304).end();
    });
    w.service.start();
    await driveUntil(w.clock, () => times.length >= 4, new Date(Date.parse(START) + 3 * 3600_000), w.network);
    await w.service.stop();
    expect(times).toEqual([30, 60, 90, 120]);
  });
});

describe('a round of many feeds', () => {
  it('checks them at once on one stop signal without a false warning of a listener leak', async () => {
    const w = await world();
    // Each on its own host, as real feeds are: all are checked at the same time.
    const sites = await Promise.all(Array.from({ length: 14 }, () => startSite({ '/rss.xml': body('application/rss+xml', fixture('rss2.xml')) })));
    for (const site of sites) await w.run(w.service.add(site.url('/rss.xml'), { addedBy: 'cli' }));
    for (const site of sites) site.route('/rss.xml', (_req, res) => void res.writeHead(304).end());
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const reports = await w.run(w.service.checkAll(new AbortController().signal));
      expect(reports.map((report) => report.status)).toEqual(Array(14).fill('not-modified'));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});

describe('across restarts and processes', () => {
  it('a check stopped in the middle of an import leaves no file, and the item is imported by the next check', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    room.publish({
      slug: 'slow',
      title: 'Slow page',
      paragraphs: story('slowness'),
      published: new Date(Date.parse(START) + MINUTE),
      page: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<article><h1>Slow page</h1>');
        void held.then(() => res.end(`${story('slowness').map((p) => `<p>${p}</p>`).join('')}</article>`));
      },
    });
    w.clock.advance(30 * MINUTE);
    const stop = new AbortController();
    const check = w.run(w.service.checkDue(stop.signal));
    await driveUntil(w.clock, () => room.pageRequests().length > 0, new Date(w.clock.now().getTime() + MINUTE), w.network);
    stop.abort(); // the bot shuts down while the page downloads
    const [report] = await check;
    release();
    expect(report).toMatchObject({ status: 'stopped' });
    expect(await articleFiles(w.knowledgeDir)).toEqual([]);
    expect((await w.store.read()).feeds[0]!.items.map((i) => i.id)).toEqual([]); // not recorded: it is still new

    const again = await world({}, { knowledgeDir: w.knowledgeDir, stateDir: w.stateDir, clock: w.clock });
    const [next] = await again.run(again.service.checkAll());
    expect(next!.items).toEqual([expect.objectContaining({ title: 'Slow page', outcome: 'imported' })]);
  });

  it('a crash after the file is written but before it is recorded: the next check finds the file and writes no second one', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    room.publish({ slug: 'crash', title: 'Crash story', paragraphs: story('crashes'), published: new Date(Date.parse(START) + MINUTE) });
    // The process "dies" right after the file is in place, before the item is recorded.
    const dying = await world({}, { knowledgeDir: w.knowledgeDir, stateDir: w.stateDir, clock: w.clock });
    const writer = (dying.service as unknown as { options: { writer: ArticleWriter } }).options.writer;
    const save = writer.save.bind(writer);
    writer.save = async (...args) => {
      await save(...args);
      throw new Error('killed');
    };
    w.clock.advance(30 * MINUTE);
    await dying.run(dying.service.checkDue());
    expect(await articleFiles(w.knowledgeDir)).toEqual(['2026-03-10-crash-story.md']);
    expect((await w.store.read()).feeds[0]!.items).toEqual([]);

    const restarted = await world({}, { knowledgeDir: w.knowledgeDir, stateDir: w.stateDir, clock: w.clock });
    const [report] = await restarted.run(restarted.service.checkAll());
    expect(report!.items).toEqual([expect.objectContaining({ title: 'Crash story', outcome: 'skipped', reason: 'duplicate of 2026-03-10-crash-story.md' })]);
    expect(await articleFiles(w.knowledgeDir)).toEqual(['2026-03-10-crash-story.md']);
  });

  it('a feed being imported from by one process is left alone by another', async () => {
    const w = await world();
    const room = await newsroomWith(1);
    await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const item = { slug: 'held', title: 'Held story', paragraphs: story('holding'), published: new Date(Date.parse(START) + MINUTE) };
    room.publish({ ...item, page: (_req, res) => void held.then(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<article><h1>Held story</h1>${item.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`)) });
    const cli = await w.another();
    w.clock.advance(30 * MINUTE);
    const bot = w.run(w.service.checkDue());
    await driveUntil(w.clock, () => room.pageRequests().length === 1, new Date(w.clock.now().getTime() + MINUTE), w.network);
    expect(await w.run(cli.checkAll())).toEqual([expect.objectContaining({ status: 'busy', items: [] })]);
    release();
    expect(await bot).toEqual([expect.objectContaining({ status: 'checked', items: [expect.objectContaining({ outcome: 'imported' })] })]);
    expect(room.pageRequests()).toHaveLength(1);
    expect(await articleFiles(w.knowledgeDir)).toHaveLength(1);
  });

  it('remembers the items of a 10,000-item feed without growing forever', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    let feed = bigFeed(room.site.origin, 10_000);
    room.site.route('/rss.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed));
    const added = await w.run(w.service.add(room.feedUrl, { addedBy: 'cli' }));
    expect(added).toMatchObject({ ok: true, feed: { skipped: 0, recorded: 10_000, itemsKnown: 10_000 } });
    // The feed moves on: 10,000 other items, all dated days before the first check (an archive re-sorted).
    feed = bigFeed(room.site.origin, 10_000, Date.parse(START) - 3 * DAY, 10_001);
    w.clock.advance(30 * MINUTE);
    const [report] = await w.run(w.service.checkDue());
    expect(report!.items.every((i) => i.reason === REASONS.olderThanFirstCheck)).toBe(true);
    const [after] = await w.service.list();
    expect(after!.itemsKnown).toBe(10_000 + 2000); // every item in the feed, plus the last 2,000 gone from it
    expect(room.pageRequests()).toEqual([]);
  });
});

describe('/feeds test', () => {
  it('shows what the feed has and which items the keywords would take, and saves nothing', async () => {
    const w = await world();
    const room = await newsroomWith(0);
    room.publish({ slug: 'a', title: 'Tungsten exports rise', paragraphs: story('a'), published: new Date(Date.parse(START) - 2 * MINUTE) });
    room.publish({ slug: 'b', title: 'Tenge hits record low', summary: 'The currency fell.', paragraphs: story('b'), published: new Date(Date.parse(START) - MINUTE) });
    room.publish({ slug: 'c', title: 'Markets', summary: 'Critical minerals are in demand.', paragraphs: story('c'), published: new Date(Date.parse(START)) });
    const report = await w.run(w.service.test(room.feedUrl, ['tungsten', 'critical minerals']));
    expect(report).toMatchObject({ ok: true, title: 'The Steppe Ledger', format: 'RSS 2.0', total: 3 });
    expect(report.ok && report.items.map((i) => [i.title, i.take, i.reason])).toEqual([
      ['Markets', true, 'matches “critical minerals” in the summary'],
      ['Tenge hits record low', false, 'no keyword in the title or summary (a check would also look in the article text)'],
      ['Tungsten exports rise', true, 'matches “tungsten” in the title'],
    ]);
    expect(await articleFiles(w.knowledgeDir)).toEqual([]);
    expect(await readdir(w.stateDir)).toEqual([]);
    expect(room.pageRequests()).toEqual([]);
  });
});
