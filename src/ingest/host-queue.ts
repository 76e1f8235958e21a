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

export interface PoliteRequest extends Omit<FetchRequest, 'beforeHop'> {
  /** Obey the host's robots.txt (pages fetched because of a feed), at every redirect too. */
  obeyRobots?: boolean;
}

interface HostSlot {
  /** Settles when the last turn taken for this host has ended. */
  tail: Promise<void>;
  /** Not before this time (ms). */
  readyAt: number;
  /** When the last request to this host ended (ms). */
  lastEndAt: number;
  crawlDelayMs: number;
}

/** One host's turn: a request, with the redirects it follows within that host. */
interface Turn {
  host: string;
  /** Lets the host's next turn begin, a gap (or its Retry-After) from now. Only the first call counts. */
  end(retryAfter?: Date): void;
}

type RobotsRules = { allows(url: string): boolean; crawlDelayMs: number | undefined };
interface RobotsEntry {
  until: number;
  rules: RobotsRules | FetchProblem;
}

const ALLOW_ALL: RobotsRules = { allows: () => true, crawlDelayMs: undefined };

/** Why robots.txt keeps `url` from being fetched, if it does. */
function robotsRefusal(rules: RobotsRules | FetchProblem, url: URL): FetchProblem | undefined {
  if ('ok' in rules) {
    return { ...rules, url: url.href, code: 'robots-unavailable', message: `robots.txt of ${url.host} could not be read (${rules.message}); will try again later`, transient: true };
  }
  if (!rules.allows(url.href)) return { ok: false, code: 'robots', message: `refused by robots.txt of ${url.host}`, url: url.href, transient: false };
  return undefined;
}

/**
 * Fetching as a polite crawler: one request at a time per host, at least 2 s apart (or the host's
 * Crawl-delay), a host's Retry-After honoured for every later request to it, and robots.txt obeyed
 * when asked (cached a day per host). A redirect to another host waits for that host's turn (the
 * first host's turn ends there), and robots.txt is obeyed for every address redirected to. Waiting
 * is done on the injected Clock, so tests move time by hand.
 *
 * Limits: turns are kept in this process only: `npm run feeds -- poll` beside the running bot does
 * not share them.
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
    return this.fetchInTurns(parsed, request);
  }

  /** Fetches `url` in its host's turn, and each address it is redirected to in that one's host's turn. */
  private async fetchInTurns(url: URL, request: PoliteRequest): Promise<FetchOutcome> {
    const first = await this.enter(url, request);
    if ('ok' in first) return first;
    let turn = first;
    let outcome: FetchOutcome | undefined;
    try {
      outcome = await this.options.fetcher.fetch(url.href, {
        ...request,
        beforeHop: async (next) => {
          const entered = await this.enter(next, request, turn);
          if ('ok' in entered) return entered;
          turn = entered;
          return undefined;
        },
      });
      return outcome;
    } finally {
      turn.end(outcome && !outcome.ok ? outcome.retryAfter : undefined);
    }
  }

  /**
   * Readies a request to `url`: robots.txt allows it (when asked), and it is its host's turn. A turn
   * `held` for the same host is kept (a redirect within a host is not spaced); otherwise it ends
   * before anything is waited for, so no request waits while holding a turn.
   */
  private async enter(url: URL, request: PoliteRequest, held?: Turn): Promise<Turn | FetchProblem> {
    const obey = request.obeyRobots && (url.protocol === 'http:' || url.protocol === 'https:');
    let rules = obey ? this.cachedRobots(url) : ALLOW_ALL;
    // Reading a robots.txt waits for its host's turn: one held for that host ends first, or the request would wait on itself.
    const keep = held?.host === url.host && rules !== undefined;
    if (held && !keep) held.end();
    rules ??= await this.readRobots(url, request.signal);
    const refused = robotsRefusal(rules, url);
    if (refused) return refused;
    return keep ? held : this.take(url.host, url.href, request.signal);
  }

  /** Waits for the host's turn (a problem instead when it is too far off, or the wait was stopped). */
  private async take(host: string, url: string, signal?: AbortSignal): Promise<Turn | FetchProblem> {
    const slot = this.slotOf(host);
    const previous = slot.tail;
    let release!: () => void;
    slot.tail = new Promise((resolve) => (release = resolve));
    await previous;
    const now = this.options.clock.now().getTime();
    if (slot.readyAt - now > this.maxWaitMs) {
      release();
      const retryAfter = new Date(slot.readyAt);
      return { ok: false, code: 'rate-limited', message: `${host} asked to wait until ${retryAfter.toISOString()}`, url, transient: true, retryAfter };
    }
    await this.options.clock.sleepUntil(new Date(slot.readyAt), signal);
    if (signal?.aborted) {
      release();
      return { ok: false, code: 'aborted', message: 'stopped before it finished', url, transient: true };
    }
    let ended = false;
    const end = (retryAfter?: Date) => {
      if (ended) return;
      ended = true;
      const at = this.options.clock.now().getTime();
      slot.lastEndAt = at;
      slot.readyAt = Math.max(at + Math.max(this.minGapMs, slot.crawlDelayMs), retryAfter?.getTime() ?? 0);
      release();
    };
    return { host, end };
  }

  private slotOf(host: string): HostSlot {
    let slot = this.slots.get(host);
    if (!slot) {
      slot = { tail: Promise.resolve(), readyAt: 0, lastEndAt: 0, crawlDelayMs: 0 };
      this.slots.set(host, slot);
    }
    return slot;
  }

  /** The robots.txt rules of the URL's origin, if they are cached. */
  private cachedRobots(url: URL): RobotsRules | FetchProblem | undefined {
    const cached = this.robots.get(url.origin);
    return cached && cached.until > this.options.clock.now().getTime() ? cached.rules : undefined;
  }

  /** Fetches the robots.txt of the URL's origin in the host's turn, and caches its rules. */
  private async readRobots(url: URL, signal?: AbortSignal): Promise<RobotsRules | FetchProblem> {
    const key = url.origin;
    const now = this.options.clock.now().getTime();
    const outcome = await this.fetchInTurns(new URL('/robots.txt', url.origin), { purpose: 'robots', signal });
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
