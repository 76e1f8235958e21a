import robotsParser from 'robots-parser';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { FetchOutcome, FetchProblem, FetchRequest, Fetcher } from './fetch';

/** The name the bot answers to in robots.txt (`User-agent: kz-minerals-bot`). */
const ROBOTS_TOKEN = 'kz-minerals-bot';

export interface PoliteOptions {
  fetcher: Fetcher;
  clock: Clock;
  log?: Logger;
  /** At least this long between the end of one request to a host and the start of the next. Default 2 s. */
  minGapMs?: number;
  /** A robots.txt Crawl-delay longer than this is held to it, so one host cannot stall a check for hours. Default 2 minutes. */
  maxCrawlDelayMs?: number;
  /** A request that would have to wait longer than this for its host (a long Retry-After) is not made now. Default 5 minutes. */
  maxWaitMs?: number;
  /** How long a robots.txt is kept. Default a day. */
  robotsTtlMs?: number;
  /** How long a robots.txt that could not be read is remembered as such. Default 30 minutes. */
  robotsRetryMs?: number;
}

export interface PoliteRequest extends FetchRequest {
  /** Obey the host's robots.txt (pages fetched because of a feed). */
  obeyRobots?: boolean;
}

interface HostSlot {
  /** The end of the last request queued for this host. */
  tail: Promise<unknown>;
  /** Not before this time (ms). */
  readyAt: number;
  /** When the last request to this host ended (ms). */
  lastEndAt: number;
  crawlDelayMs: number;
}

type RobotsRules = { allows(url: string): boolean; crawlDelayMs: number | undefined };
interface RobotsEntry {
  until: number;
  rules: RobotsRules | FetchProblem;
}

const ALLOW_ALL: RobotsRules = { allows: () => true, crawlDelayMs: undefined };

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * Fetching as a polite crawler: one request at a time per host, at least 2 s apart (or the host's
 * Crawl-delay), a host's Retry-After honoured for every later request to it, and robots.txt obeyed
 * when asked (cached a day per host). Waiting is done on the injected Clock, so tests move time by
 * hand.
 *
 * Limits: a request waits for the turn of the host of its address; redirects are followed within
 * that turn, so the host redirected to is not waited for (its next request is: the end of the
 * redirected request counts as its last, and its Retry-After holds). robots.txt is read for the
 * address as given, not for the one redirected to. Turns are kept in this process only: `npm run
 * feeds -- poll` beside the running bot does not share them.
 */
export class PoliteFetcher {
  private readonly slots = new Map<string, HostSlot>();
  private readonly robots = new Map<string, RobotsEntry>();
  private readonly minGapMs: number;
  private readonly maxCrawlDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly robotsTtlMs: number;
  private readonly robotsRetryMs: number;

  constructor(private readonly options: PoliteOptions) {
    this.minGapMs = options.minGapMs ?? 2000;
    this.maxCrawlDelayMs = options.maxCrawlDelayMs ?? 120_000;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    this.robotsTtlMs = options.robotsTtlMs ?? 24 * 3600_000;
    this.robotsRetryMs = options.robotsRetryMs ?? 30 * 60_000;
  }

  async fetch(url: string, request: PoliteRequest): Promise<FetchOutcome> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return this.options.fetcher.fetch(url, request); // says why in its own words
    }
    if (request.obeyRobots && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      const rules = await this.robotsFor(parsed, request.signal);
      if ('ok' in rules) {
        return { ...rules, url, code: 'robots-unavailable', message: `robots.txt of ${parsed.host} could not be read (${rules.message}); will try again later`, transient: true };
      }
      if (!rules.allows(parsed.href)) {
        return { ok: false, code: 'robots', message: `refused by robots.txt of ${parsed.host}`, url, transient: false };
      }
    }
    return this.inTurn(parsed.host, url, () => this.options.fetcher.fetch(url, request), request.signal);
  }

  /** Runs `task` when it is this host's turn, and sets when the host's next turn can be. */
  private inTurn(host: string, url: string, task: () => Promise<FetchOutcome>, signal?: AbortSignal): Promise<FetchOutcome> {
    const slot = this.slotOf(host);
    const run = slot.tail.then(async (): Promise<FetchOutcome> => {
      const now = this.options.clock.now().getTime();
      if (slot.readyAt - now > this.maxWaitMs) {
        const retryAfter = new Date(slot.readyAt);
        return { ok: false, code: 'rate-limited', message: `${host} asked to wait until ${retryAfter.toISOString()}`, url, transient: true, retryAfter };
      }
      await this.options.clock.sleepUntil(new Date(slot.readyAt), signal);
      if (signal?.aborted) return { ok: false, code: 'aborted', message: 'stopped before it finished', url, transient: true };
      let outcome: FetchOutcome | undefined;
      try {
        outcome = await task();
        return outcome;
      } finally {
        const end = this.options.clock.now().getTime();
        const retryAfter = outcome && !outcome.ok && outcome.retryAfter ? outcome.retryAfter.getTime() : 0;
        // After redirects the answer came from another host: its next request waits its turn too,
        // and a Retry-After is that host's. (The redirected request itself did not wait for it.)
        const answered = outcome && outcome.url !== url ? hostOf(outcome.url) : host;
        const other = answered && answered !== host ? this.slotOf(answered) : undefined;
        slot.lastEndAt = end;
        slot.readyAt = Math.max(end + Math.max(this.minGapMs, slot.crawlDelayMs), other ? 0 : retryAfter);
        if (other) {
          other.lastEndAt = end;
          other.readyAt = Math.max(other.readyAt, end + Math.max(this.minGapMs, other.crawlDelayMs), retryAfter);
        }
      }
    });
    slot.tail = run.catch(() => {});
    return run;
  }

  private slotOf(host: string): HostSlot {
    let slot = this.slots.get(host);
    if (!slot) {
      slot = { tail: Promise.resolve(), readyAt: 0, lastEndAt: 0, crawlDelayMs: 0 };
      this.slots.set(host, slot);
    }
    return slot;
  }

  /** The robots.txt rules of the URL's origin: cached, else fetched in the host's turn. */
  private async robotsFor(url: URL, signal?: AbortSignal): Promise<RobotsRules | FetchProblem> {
    const key = url.origin;
    const now = this.options.clock.now().getTime();
    const cached = this.robots.get(key);
    if (cached && cached.until > now) return cached.rules;
    const robotsUrl = `${url.origin}/robots.txt`;
    const outcome = await this.inTurn(url.host, robotsUrl, () => this.options.fetcher.fetch(robotsUrl, { purpose: 'robots', signal }), signal);
    let rules: RobotsRules | FetchProblem;
    if (outcome.ok && !outcome.notModified) {
      const robots = robotsParser(outcome.url, outcome.text);
      const delay = robots.getCrawlDelay(ROBOTS_TOKEN);
      rules = {
        allows: (page) => robots.isAllowed(page, ROBOTS_TOKEN) !== false,
        crawlDelayMs: delay === undefined ? undefined : Math.min(delay * 1000, this.maxCrawlDelayMs),
      };
    } else if (!outcome.ok && (outcome.transient || outcome.code === 'aborted')) {
      // A server error or no answer: RFC 9309 says assume everything is disallowed for now.
      rules = outcome;
    } else {
      // No robots.txt (4xx), or one that is unusable (refused, too large): nothing is disallowed.
      rules = ALLOW_ALL;
    }
    if ('ok' in rules) {
      // Remembered for a while, so each item of a check does not ask again; a stopped fetch is not remembered.
      if (rules.code !== 'aborted') this.robots.set(key, { until: now + this.robotsRetryMs, rules });
      return rules;
    }
    this.robots.set(key, { until: now + this.robotsTtlMs, rules });
    if (rules.crawlDelayMs !== undefined) {
      const slot = this.slotOf(url.host);
      slot.crawlDelayMs = rules.crawlDelayMs;
      slot.readyAt = Math.max(slot.readyAt, slot.lastEndAt + rules.crawlDelayMs);
      this.options.log?.debug({ host: url.host, crawlDelayMs: rules.crawlDelayMs }, 'robots.txt sets a crawl delay');
    }
    return rules;
  }
}
