import { systemClock, type Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { draftFromLink, type LinkDraft } from './article-from-link';
import { ArticleWriter } from './article-file';
import { FeedService, type FeedServiceOptions } from './feed-service';
import { FeedStore } from './feed-store';
import { createOffThreadExtractor, extractHere } from './extract-off-thread';
import { createFetcher, userAgentFor, type Fetcher, type FetcherOptions } from './fetch';
import { PoliteFetcher } from './host-queue';
import { knownArticlesInFolder, type KnownArticles } from './known-articles';
import { knownOrRemoved, RemovedArticles, type MoveOutcome } from './removed-articles';

export interface IngestOptions {
  knowledgeDir: string;
  stateDir: string;
  log: Logger;
  clock?: Clock;
  /** FEEDS_CONTACT: an e-mail address or web page that site owners can reach the operator at. */
  contact?: string;
  /** ALLOW_PRIVATE_NETWORK (tests only). */
  allowPrivateNetwork?: boolean;
  /** FEEDS_POLL_MINUTES. */
  pollMinutes?: number;
  /** The knowledge base as the bot knows it; without it (the CLIs) the folder is loaded once. */
  known?: KnownArticles;
  notify?: FeedServiceOptions['notify'];
  onSaved?: FeedServiceOptions['onSaved'];
  /** Overrides for tests: a short time-out, a small size limit, a fake DNS. */
  fetch?: Partial<FetcherOptions>;
  /** Politeness gap between requests to one host (default 2 s). */
  minGapMs?: number;
  /** Pages are read in a worker thread, so that the thread answering questions never waits for one (the bot); default: in this thread (the CLIs). */
  extractOffThread?: boolean;
}

/** Everything ingesting needs, wired together: what the bot and the CLIs build at start. */
export interface Ingest {
  fetcher: PoliteFetcher;
  writer: ArticleWriter;
  store: FeedStore;
  feeds: FeedService;
  /** Takes an article out of the knowledge base, keeping its file in STATE_DIR/removed/ (never imported again unasked; see RemovedArticles). */
  removeArticle(file: string): Promise<MoveOutcome>;
  /** Puts a removed article back in the knowledge folder. */
  restoreArticle(file: string): Promise<MoveOutcome>;
  /** The removed articles' files. */
  removedFiles(): Promise<string[]>;
  /** Fetches and extracts the article at a link a person gave; nothing is written. */
  draftFromLink(url: string, signal?: AbortSignal): Promise<LinkDraft>;
  /** Stops the feed service and closes connections. */
  close(): Promise<void>;
}

export async function createIngest(options: IngestOptions): Promise<Ingest> {
  const clock = options.clock ?? systemClock;
  const raw: Fetcher = createFetcher({
    userAgent: userAgentFor(options.contact),
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    clock,
    ...options.fetch,
  });
  const log = options.log.child({ module: 'ingest' });
  const fetcher = new PoliteFetcher({ fetcher: raw, clock, log, ...(options.minGapMs !== undefined ? { minGapMs: options.minGapMs } : {}) });
  const known = options.known ?? (await knownArticlesInFolder(options.knowledgeDir));
  const removed = await RemovedArticles.open(options.knowledgeDir, options.stateDir);
  const writer = new ArticleWriter({ knowledgeDir: options.knowledgeDir, clock, known: knownOrRemoved(known, removed) });
  const store = new FeedStore(options.stateDir, { clock, log });
  const extractor = options.extractOffThread ? createOffThreadExtractor(log) : undefined;
  const extract = extractor?.extract ?? extractHere;
  const feeds = new FeedService({
    store,
    fetcher,
    writer,
    clock,
    log,
    ...(options.pollMinutes !== undefined ? { pollMinutes: options.pollMinutes } : {}),
    ...(options.notify ? { notify: options.notify } : {}),
    ...(options.onSaved ? { onSaved: options.onSaved } : {}),
    extract,
  });
  return {
    fetcher,
    writer,
    store,
    feeds,
    async removeArticle(file) {
      const moved = await removed.remove(file);
      // Written by this process, it is known from then on as removed, not as in the knowledge base.
      if (moved.ok) writer.forget(file);
      return moved;
    },
    restoreArticle: (file) => removed.restore(file, known),
    removedFiles: () => removed.files(),
    draftFromLink: (url, signal) => draftFromLink(url, { fetcher, writer, clock, extract, ...(signal ? { signal } : {}) }),
    async close() {
      await feeds.stop();
      await extractor?.close();
      await raw.close();
    },
  };
}
