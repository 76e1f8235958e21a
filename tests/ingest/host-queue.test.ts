/** Politeness: one request at a time per host, 2 s apart or the Crawl-delay, Retry-After, robots.txt (cached a day). */
import { afterAll, describe, expect, it } from 'vitest';
import { createFetcher, userAgentFor, type Fetcher } from '../../src/ingest/fetch';
import { PoliteFetcher } from '../../src/ingest/host-queue';
import { ManualClock } from '../support/manual-clock';
import { drive } from './support/drive';
import { body, startSite, type Route } from './support/web';

const fetchers: Fetcher[] = [];
afterAll(() => Promise.all(fetchers.map((f) => f.close())));

function setUp() {
  const clock = new ManualClock('2026-03-10T06:00:00Z');
  const fetcher = createFetcher({ userAgent: userAgentFor('ops@example.org'), allowPrivateNetwork: true, clock });
  fetchers.push(fetcher);
  const polite = new PoliteFetcher({ fetcher, clock });
  /** Seconds since the start, by the test's clock, at which each request reached a server. */
  const arrivals: { path: string; at: number; port: string }[] = [];
  /** Requests under way, per server: a polite client never has two at once on one. */
  const active = new Map<string, number>();
  let mostAtOnce = 0;
  const timed = (route: Route): Route => async (req, res) => {
    const port = String(req.socket.localPort);
    active.set(port, (active.get(port) ?? 0) + 1);
    mostAtOnce = Math.max(mostAtOnce, active.get(port)!);
    arrivals.push({ path: req.url ?? '', at: (clock.now().getTime() - Date.parse('2026-03-10T06:00:00Z')) / 1000, port: String(req.socket.localPort) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    active.set(port, active.get(port)! - 1);
    await route(req, res);
  };
  return { clock, polite, arrivals, timed, mostAtOnce: () => mostAtOnce };
}

describe('one host at a time', () => {
  it('sends one request at a time to a host, at least 2 s apart; another host is not held up', async () => {
    const { clock, polite, arrivals, timed, mostAtOnce } = setUp();
    const a = await startSite({ '/1': timed(body('text/html', 'a1')), '/2': timed(body('text/html', 'a2')), '/3': timed(body('text/html', 'a3')) });
    const b = await startSite({ '/1': timed(body('text/html', 'b1')) });
    const all = Promise.all([
      polite.fetch(a.url('/1'), { purpose: 'page' }),
      polite.fetch(a.url('/2'), { purpose: 'page' }),
      polite.fetch(a.url('/3'), { purpose: 'page' }),
      polite.fetch(b.url('/1'), { purpose: 'page' }),
    ]);
    const results = await drive(clock, all);
    expect(results.map((r) => r.ok && !r.notModified && r.text)).toEqual(['a1', 'a2', 'a3', 'b1']);
    const portA = new URL(a.origin).port;
    expect(arrivals.filter((r) => r.port === portA).map((r) => [r.path, r.at])).toEqual([['/1', 0], ['/2', 2], ['/3', 4]]);
    expect(arrivals.find((r) => r.port !== portA)).toMatchObject({ path: '/1', at: 0 });
    expect(mostAtOnce()).toBe(1); // never two at once on one host
  });

  it("waits for a host's Retry-After before its next request, and does not queue for hours", async () => {
    const { clock, polite, arrivals, timed } = setUp();
    let busy = true;
    const site = await startSite({
      '/feed': timed((_req, res) => {
        if (busy) return void res.writeHead(429, { 'retry-after': '60' }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>');
      }),
      '/slow-down': timed((_req, res) => void res.writeHead(503, { 'retry-after': '86400' }).end()),
    });
    expect(await drive(clock, polite.fetch(site.url('/feed'), { purpose: 'feed' }))).toMatchObject({ code: 'rate-limited' });
    busy = false;
    expect(await drive(clock, polite.fetch(site.url('/feed'), { purpose: 'feed' }))).toMatchObject({ ok: true });
    expect(arrivals.map((r) => r.at)).toEqual([0, 60]);
    await drive(clock, polite.fetch(site.url('/slow-down'), { purpose: 'feed' }));
    const refused = await drive(clock, polite.fetch(site.url('/feed'), { purpose: 'feed' }));
    expect(refused).toMatchObject({ ok: false, code: 'rate-limited', transient: true, message: expect.stringContaining('asked to wait until 2026-03-11T06:01:') });
    expect(arrivals.map((r) => r.path)).toEqual(['/feed', '/feed', '/slow-down']); // the last one was not sent
  });
});

describe('after a redirect', () => {
  it('counts the request against the host that answered: its next request waits its turn, and its Retry-After holds', async () => {
    const { clock, polite, arrivals, timed } = setUp();
    let busy = false;
    const b = await startSite({
      '/story': timed(body('text/html', 'story')),
      '/other': timed(body('text/html', 'other')),
      '/busy': timed((_req, res) => (busy ? void res.writeHead(429, { 'retry-after': '60' }).end() : void res.writeHead(200, { 'content-type': 'text/html' }).end('free'))),
    });
    const a = await startSite({
      '/go/story': timed((_req, res) => void res.writeHead(301, { location: b.url('/story') }).end()),
      '/go/busy': timed((_req, res) => void res.writeHead(302, { location: b.url('/busy') }).end()),
    });
    const portB = new URL(b.origin).port;
    expect(await drive(clock, polite.fetch(a.url('/go/story'), { purpose: 'page' }))).toMatchObject({ ok: true, url: b.url('/story') });
    expect(await drive(clock, polite.fetch(b.url('/other'), { purpose: 'page' }))).toMatchObject({ ok: true, text: 'other' });
    expect(arrivals.filter((r) => r.port === portB).map((r) => [r.path, r.at])).toEqual([['/story', 0], ['/other', 2]]);

    busy = true;
    expect(await drive(clock, polite.fetch(a.url('/go/busy'), { purpose: 'page' }))).toMatchObject({ ok: false, code: 'rate-limited' });
    busy = false;
    const refusedAt = arrivals.at(-1)!.at; // seconds, when the 429 came back through the redirect
    expect(await drive(clock, polite.fetch(b.url('/busy'), { purpose: 'page' }))).toMatchObject({ ok: true, text: 'free' });
    expect(arrivals.at(-1)).toMatchObject({ port: portB, path: '/busy', at: refusedAt + 60 });
  });
});

describe('robots.txt', () => {
  it('is obeyed for pages fetched because of a feed, read once a day, and its Crawl-delay spaces requests', async () => {
    const { clock, polite, arrivals, timed } = setUp();
    const site = await startSite({
      '/robots.txt': timed(body('text/plain', 'User-agent: *\nDisallow: /private/\nCrawl-delay: 5\n\nUser-agent: kz-minerals-bot\nDisallow: /no-bots/\nCrawl-delay: 5\n')),
      '/news/1': timed(body('text/html', 'one')),
      '/news/2': timed(body('text/html', 'two')),
      '/no-bots/3': timed(body('text/html', 'three')),
    });
    const page = (path: string) => drive(clock, polite.fetch(site.url(path), { purpose: 'page', obeyRobots: true }));
    expect(await page('/news/1')).toMatchObject({ ok: true, text: 'one' });
    expect(await page('/no-bots/3')).toEqual({ ok: false, code: 'robots', message: `refused by robots.txt of ${new URL(site.origin).host}`, url: site.url('/no-bots/3'), transient: false });
    expect(await page('/news/2')).toMatchObject({ ok: true, text: 'two' });
    expect(arrivals.map((r) => [r.path, r.at])).toEqual([['/robots.txt', 0], ['/news/1', 5], ['/news/2', 10]]);
    // Without obeyRobots (the feed itself, or a link a person gave) it is not consulted.
    expect(await drive(clock, polite.fetch(site.url('/no-bots/3'), { purpose: 'page' }))).toMatchObject({ ok: true });
    // A day later it is read again.
    clock.advance(24 * 3600_000);
    await page('/news/1');
    expect(arrivals.filter((r) => r.path === '/robots.txt')).toHaveLength(2);
  });

  it('allows everything when there is no robots.txt, and fetches nothing while it cannot be read', async () => {
    const { clock, polite, arrivals, timed } = setUp();
    const none = await startSite({ '/news/1': timed(body('text/html', 'one')) });
    expect(await drive(clock, polite.fetch(none.url('/news/1'), { purpose: 'page', obeyRobots: true }))).toMatchObject({ ok: true });
    const broken = await startSite({
      '/robots.txt': timed((_req, res) => void res.writeHead(500).end()),
      '/news/1': timed(body('text/html', 'one')),
    });
    expect(await drive(clock, polite.fetch(broken.url('/news/1'), { purpose: 'page', obeyRobots: true }))).toMatchObject({
      ok: false,
      code: 'robots-unavailable',
      transient: true,
      message: expect.stringMatching(/^robots.txt of 127.0.0.1:\d+ could not be read \(.*answered 500.*\); will try again later$/),
    });
    expect(arrivals.map((r) => r.path)).toEqual(['/news/1', '/robots.txt']);
  });
});
