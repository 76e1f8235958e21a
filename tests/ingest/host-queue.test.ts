/** Politeness: one request at a time per host, 2 s apart or the Crawl-delay, Retry-After, robots.txt (cached a day). */
import { afterAll, describe, expect, it } from 'vitest';
import { createFetcher, userAgentFor, type Fetcher } from '../../src/ingest/fetch';
import { PoliteFetcher } from '../../src/ingest/host-queue';
import { ManualClock } from '../support/manual-clock';
import { drive } from './support/drive';
import { body, redirect, startSite, type Route, type TestSite } from './support/web';

const fetchers: Fetcher[] = [];
afterAll(() => Promise.all(fetchers.map((f) => f.close())));

function setUp() {
  const clock = new ManualClock('2026-03-10T06:00:00Z');
  const fetcher = createFetcher({ userAgent: userAgentFor('ops@example.org'), allowPrivateNetwork: true, clock });
  fetchers.push(fetcher);
  const polite = new PoliteFetcher({ fetcher, clock });
  // The clock moves only while no request is on its way (see drive).
  const move = <T,>(work: Promise<T>) => drive(clock, work, [fetcher]);
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
  /** Each arrival as [site, path, seconds]: the site is 'A' when it is `a`, else 'B'. */
  const seenFrom = (a: TestSite) => arrivals.map((r) => [r.port === new URL(a.origin).port ? 'A' : 'B', r.path, r.at]);
  return { clock, polite, arrivals, timed, seenFrom, move, mostAtOnce: () => mostAtOnce };
}

describe('one host at a time', () => {
  it('sends one request at a time to a host, at least 2 s apart; another host is not held up', async () => {
    const { move, polite, arrivals, timed, mostAtOnce } = setUp();
    const a = await startSite({ '/1': timed(body('text/html', 'a1')), '/2': timed(body('text/html', 'a2')), '/3': timed(body('text/html', 'a3')) });
    const b = await startSite({ '/1': timed(body('text/html', 'b1')) });
    const all = Promise.all([
      polite.fetch(a.url('/1'), { purpose: 'page' }),
      polite.fetch(a.url('/2'), { purpose: 'page' }),
      polite.fetch(a.url('/3'), { purpose: 'page' }),
      polite.fetch(b.url('/1'), { purpose: 'page' }),
    ]);
    const results = await move(all);
    expect(results.map((r) => r.ok && !r.notModified && r.text)).toEqual(['a1', 'a2', 'a3', 'b1']);
    const portA = new URL(a.origin).port;
    expect(arrivals.filter((r) => r.port === portA).map((r) => [r.path, r.at])).toEqual([['/1', 0], ['/2', 2], ['/3', 4]]);
    expect(arrivals.find((r) => r.port !== portA)).toMatchObject({ path: '/1', at: 0 });
    expect(mostAtOnce()).toBe(1); // never two at once on one host
  });

  it("waits for a host's Retry-After before its next request, and does not queue for hours", async () => {
    const { move, polite, arrivals, timed } = setUp();
    let busy = true;
    const site = await startSite({
      '/feed': timed((_req, res) => {
        if (busy) return void res.writeHead(429, { 'retry-after': '60' }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>');
      }),
      '/slow-down': timed((_req, res) => void res.writeHead(503, { 'retry-after': '86400' }).end()),
    });
    expect(await move(polite.fetch(site.url('/feed'), { purpose: 'feed' }))).toMatchObject({ code: 'rate-limited' });
    busy = false;
    expect(await move(polite.fetch(site.url('/feed'), { purpose: 'feed' }))).toMatchObject({ ok: true });
    expect(arrivals.map((r) => r.at)).toEqual([0, 60]);
    await move(polite.fetch(site.url('/slow-down'), { purpose: 'feed' }));
    const refused = await move(polite.fetch(site.url('/feed'), { purpose: 'feed' }));
    expect(refused).toMatchObject({ ok: false, code: 'rate-limited', transient: true, message: expect.stringContaining('asked to wait until 2026-03-11T06:01:') });
    expect(arrivals.map((r) => r.path)).toEqual(['/feed', '/feed', '/slow-down']); // the last one was not sent
  });
});

describe('after a redirect', () => {
  it('counts the request against the host that answered: its next request waits its turn, and its Retry-After holds', async () => {
    const { move, polite, arrivals, timed } = setUp();
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
    expect(await move(polite.fetch(a.url('/go/story'), { purpose: 'page' }))).toMatchObject({ ok: true, url: b.url('/story') });
    expect(await move(polite.fetch(b.url('/other'), { purpose: 'page' }))).toMatchObject({ ok: true, text: 'other' });
    expect(arrivals.filter((r) => r.port === portB).map((r) => [r.path, r.at])).toEqual([['/story', 0], ['/other', 2]]);

    busy = true;
    expect(await move(polite.fetch(a.url('/go/busy'), { purpose: 'page' }))).toMatchObject({ ok: false, code: 'rate-limited' });
    busy = false;
    const refusedAt = arrivals.at(-1)!.at; // seconds, when the 429 came back through the redirect
    expect(await move(polite.fetch(b.url('/busy'), { purpose: 'page' }))).toMatchObject({ ok: true, text: 'free' });
    expect(arrivals.at(-1)).toMatchObject({ port: portB, path: '/busy', at: refusedAt + 60 });
  });

  it("waits for the turn of the host redirected to, and lets the first host's next request go meanwhile", async () => {
    const { move, polite, arrivals, timed, mostAtOnce } = setUp();
    const b = await startSite({ '/1': timed(body('text/html', 'b1')), '/2': timed(body('text/html', 'b2')), '/story': timed(body('text/html', 'story')) });
    const a = await startSite({
      '/go/story': timed(redirect(b.url('/story'))),
      '/later': timed(body('text/html', 'later')),
    });
    const all = Promise.all([
      polite.fetch(b.url('/1'), { purpose: 'page' }),
      polite.fetch(b.url('/2'), { purpose: 'page' }),
      polite.fetch(a.url('/go/story'), { purpose: 'page' }),
      polite.fetch(a.url('/later'), { purpose: 'page' }),
    ]);
    expect((await move(all)).map((r) => r.ok && !r.notModified && r.text)).toEqual(['b1', 'b2', 'story', 'later']);
    const portA = new URL(a.origin).port;
    // B's turns come one by one, 2 s apart, the redirected request last in line; A's turn ended at the redirect.
    expect(arrivals.filter((r) => r.port !== portA).map((r) => [r.path, r.at])).toEqual([['/1', 0], ['/2', 2], ['/story', 4]]);
    expect(arrivals.filter((r) => r.port === portA).map((r) => [r.path, r.at])).toEqual([['/go/story', 0], ['/later', 2]]);
    expect(mostAtOnce()).toBe(1);
  });

  it('follows a redirect within a host in the same turn, and back to a host it left in a new one, without deadlock', async () => {
    const { move, polite, timed, seenFrom } = setUp();
    const robots = timed(body('text/plain', 'User-agent: *\nDisallow: /private/\n'));
    const a = await startSite({ '/robots.txt': robots, '/new': timed(body('text/html', 'new')), '/back': timed(body('text/html', 'back')) });
    const b = await startSite({ '/robots.txt': robots, '/bounce': timed(redirect(a.url('/back'))) });
    a.route('/old', timed(redirect('/new', 301)));
    a.route('/out', timed(redirect(b.url('/bounce'))));
    const page = (url: string) => move(polite.fetch(url, { purpose: 'page', obeyRobots: true }));
    expect(await page(a.url('/old'))).toMatchObject({ ok: true, url: a.url('/new'), text: 'new' });
    expect(await page(a.url('/out'))).toMatchObject({ ok: true, url: a.url('/back'), text: 'back' });
    expect(seenFrom(a)).toEqual([
      ['A', '/robots.txt', 0],
      ['A', '/old', 2],
      ['A', '/new', 2],
      ['A', '/out', 4],
      ['B', '/robots.txt', 4],
      ['B', '/bounce', 6],
      ['A', '/back', 6],
    ]);
  });
});

describe('robots.txt', () => {
  it('is obeyed for pages fetched because of a feed, read once a day, and its Crawl-delay spaces requests', async () => {
    const { clock, move, polite, arrivals, timed } = setUp();
    const site = await startSite({
      '/robots.txt': timed(body('text/plain', 'User-agent: *\nDisallow: /private/\nCrawl-delay: 5\n\nUser-agent: kz-minerals-bot\nDisallow: /no-bots/\nCrawl-delay: 5\n')),
      '/news/1': timed(body('text/html', 'one')),
      '/news/2': timed(body('text/html', 'two')),
      '/no-bots/3': timed(body('text/html', 'three')),
    });
    const page = (path: string) => move(polite.fetch(site.url(path), { purpose: 'page', obeyRobots: true }));
    expect(await page('/news/1')).toMatchObject({ ok: true, text: 'one' });
    expect(await page('/no-bots/3')).toEqual({ ok: false, code: 'robots', message: `refused by robots.txt of ${new URL(site.origin).host}`, url: site.url('/no-bots/3'), transient: false });
    expect(await page('/news/2')).toMatchObject({ ok: true, text: 'two' });
    expect(arrivals.map((r) => [r.path, r.at])).toEqual([['/robots.txt', 0], ['/news/1', 5], ['/news/2', 10]]);
    // Without obeyRobots (the feed itself, or a link a person gave) it is not consulted.
    expect(await move(polite.fetch(site.url('/no-bots/3'), { purpose: 'page' }))).toMatchObject({ ok: true });
    // A day later it is read again.
    clock.advance(24 * 3600_000);
    await page('/news/1');
    expect(arrivals.filter((r) => r.path === '/robots.txt')).toHaveLength(2);
  });

  it('allows everything when there is no robots.txt, and fetches nothing while it cannot be read', async () => {
    const { move, polite, arrivals, timed } = setUp();
    const none = await startSite({ '/news/1': timed(body('text/html', 'one')) });
    expect(await move(polite.fetch(none.url('/news/1'), { purpose: 'page', obeyRobots: true }))).toMatchObject({ ok: true });
    const broken = await startSite({
      '/robots.txt': timed((_req, res) => void res.writeHead(500).end()),
      '/news/1': timed(body('text/html', 'one')),
    });
    expect(await move(polite.fetch(broken.url('/news/1'), { purpose: 'page', obeyRobots: true }))).toMatchObject({
      ok: false,
      code: 'robots-unavailable',
      transient: true,
      message: expect.stringMatching(/^robots.txt of 127.0.0.1:\d+ could not be read \(.*answered 500.*\); will try again later$/),
    });
    expect(arrivals.map((r) => r.path)).toEqual(['/news/1', '/robots.txt']);
  });

  it('is obeyed for every address a page is redirected to, on the same host or another', async () => {
    const { move, polite, timed, seenFrom } = setUp();
    const b = await startSite({
      '/robots.txt': timed(body('text/plain', 'User-agent: *\nDisallow: /private/\n')),
      '/private/story': timed(body('text/html', 'private')),
      '/news/story': timed(body('text/html', 'news')),
    });
    const a = await startSite({
      '/robots.txt': timed(body('text/plain', 'User-agent: kz-minerals-bot\nDisallow: /hidden/\n')),
      '/item/1': timed(redirect(b.url('/private/story'))),
      '/item/2': timed(redirect(b.url('/news/story'))),
      '/item/3': timed(redirect('/hidden/3')),
      '/hidden/3': timed(body('text/html', 'hidden')),
    });
    const page = (path: string) => move(polite.fetch(a.url(path), { purpose: 'page', obeyRobots: true }));
    expect(await page('/item/1')).toEqual({
      ok: false,
      code: 'robots',
      message: `refused by robots.txt of ${new URL(b.origin).host} (redirected from ${a.url('/item/1')})`,
      url: b.url('/private/story'),
      transient: false,
    });
    expect(await page('/item/2')).toMatchObject({ ok: true, url: b.url('/news/story'), text: 'news' });
    expect(await page('/item/3')).toMatchObject({ ok: false, code: 'robots', message: `refused by robots.txt of ${new URL(a.origin).host} (redirected from ${a.url('/item/3')})` });
    expect(seenFrom(a)).toEqual([
      ['A', '/robots.txt', 0],
      ['A', '/item/1', 2],
      ['B', '/robots.txt', 2],
      ['A', '/item/2', 4],
      ['B', '/news/story', 4],
      ['A', '/item/3', 6],
    ]);
  });
});
