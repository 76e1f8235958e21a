/** Safe fetching: only public http(s) addresses (checked at connection time and on every redirect), size and time limits, charsets, conditional requests, Retry-After. */
import { lookup as realLookup, type LookupAddress } from 'node:dns';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/ingest/address';
import { createFetcher, userAgentFor, type Fetcher, type FetcherOptions } from '../../src/ingest/fetch';
import { ManualClock } from '../support/manual-clock';
import { win1251 } from './support/fixtures';
import { body, redirect, startSite } from './support/web';

const fetchers: Fetcher[] = [];
function fetcher(options: Partial<FetcherOptions> = {}): Fetcher {
  const made = createFetcher({ userAgent: userAgentFor('ops@example.org'), allowPrivateNetwork: true, ...options });
  fetchers.push(made);
  return made;
}
afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
});

/** A DNS that knows a few made-up names, for the tests that must not reach a real resolver. */
function fakeDns(names: Record<string, string>): typeof realLookup {
  return ((hostname: string, _options: unknown, callback: (err: Error | null, addresses: LookupAddress[]) => void) => {
    const address = names[hostname];
    if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  }) as unknown as typeof realLookup;
}

/** 127.0.0.1 stands for the public internet; every other address is judged as in production. */
const loopbackIsPublic = (address: string) => (address === '127.0.0.1' ? { public: true as const } : classifyAddress(address));

describe('addresses', () => {
  it('names every non-public range, IPv4 and IPv6, IPv4-mapped included', () => {
    const cases: Record<string, string> = {
      '10.0.0.5': 'a private address',
      '172.16.3.4': 'a private address',
      '192.168.1.1': 'a private address',
      '127.0.0.1': 'a loopback address',
      '169.254.169.254': 'a link-local address',
      '100.64.0.1': 'a carrier-grade NAT (shared) address',
      '224.0.0.251': 'a multicast address',
      '0.0.0.0': 'an unspecified address (0.0.0.0/8)',
      '240.0.0.1': 'a reserved address',
      '198.18.0.1': 'a reserved address',
      '::1': 'a loopback address',
      '::': 'an unspecified address (::)',
      '::ffff:10.0.0.5': 'a private address',
      '::ffff:7f00:1': 'a loopback address',
      'fe80::1': 'a link-local address',
      'fd12:3456::1': 'a private (unique local) address',
      'ff02::1': 'a multicast address',
      '64:ff9b::a00:5': 'a NAT64 address',
      '2001:db8::1': 'a reserved (documentation) address',
    };
    for (const [address, kind] of Object.entries(cases)) expect(classifyAddress(address), address).toEqual({ public: false, kind });
    for (const address of ['8.8.8.8', '1.1.1.1', '::ffff:8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001::200e']) {
      expect(classifyAddress(address), address).toEqual({ public: true });
    }
  });

  it('judges an IPv4-mapped IPv6 address exactly as its IPv4 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(classifyAddress(`::ffff:${v4}`).public).toBe(classifyAddress(v4).public);
      }),
    );
  });
});

describe('refusing non-public addresses', () => {
  const safe = () => fetcher({ allowPrivateNetwork: false });

  it('refuses an address written as an IP, in every spelling, before connecting', async () => {
    const site = await startSite({ '/': body('text/html', '<p>secret</p>') });
    const port = new URL(site.origin).port;
    const spellings: [string, string][] = [
      [`http://127.0.0.1:${port}/`, 'refused: 127.0.0.1 is a loopback address'],
      [`http://0x7f.1:${port}/`, 'refused: 127.0.0.1 is a loopback address'],
      [`http://2130706433:${port}/`, 'refused: 127.0.0.1 is a loopback address'],
      [`http://[::1]:${port}/`, 'refused: ::1 is a loopback address'],
      [`http://[::ffff:127.0.0.1]:${port}/`, 'refused: ::ffff:7f00:1 is a loopback address'],
      ['http://10.0.0.5/', 'refused: 10.0.0.5 is a private address'],
      ['http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a link-local address'],
    ];
    for (const [url, message] of spellings) {
      expect(await safe().fetch(url, { purpose: 'page' }), url).toMatchObject({ ok: false, code: 'refused', message, transient: false });
    }
    expect(site.requests).toEqual([]);
  });

  it('refuses a name that resolves to a non-public address, at connection time', async () => {
    const site = await startSite({ '/': body('text/html', '<p>secret</p>') });
    const port = new URL(site.origin).port;
    let lookups = 0;
    const dns = fakeDns({ 'intranet.test': '127.0.0.1' });
    const counting = ((...args: Parameters<typeof realLookup>) => {
      lookups++;
      return (dns as (...a: unknown[]) => void)(...args);
    }) as unknown as typeof realLookup;
    const refused = await fetcher({ allowPrivateNetwork: false, lookup: counting }).fetch(`http://intranet.test:${port}/`, { purpose: 'page' });
    expect(refused).toMatchObject({ ok: false, code: 'refused', message: 'refused: intranet.test resolves to 127.0.0.1, a loopback address' });
    expect(lookups).toBe(1); // the lookup that refused is the connection's own
    expect(site.requests).toEqual([]);
    // The same name with the check switched off (ALLOW_PRIVATE_NETWORK=true) connects through the same lookup.
    const allowed = await fetcher({ allowPrivateNetwork: true, lookup: counting }).fetch(`http://intranet.test:${port}/`, { purpose: 'page' });
    expect(allowed).toMatchObject({ ok: true, text: '<p>secret</p>' });
    expect(lookups).toBe(2);
  });

  it('checks every redirect: to a private IP, to [::1], to a name resolving inward, to another scheme', async () => {
    const site = await startSite();
    const port = new URL(site.origin).port;
    site.route('/to-private', redirect('http://10.0.0.5/admin'));
    site.route('/to-v6', redirect(`http://[::1]:${port}/secret`));
    site.route('/to-name', redirect(`http://metadata.test:${port}/secret`));
    site.route('/to-file', redirect('file:///etc/passwd'));
    const guarded = fetcher({ allowPrivateNetwork: false, classify: loopbackIsPublic, lookup: fakeDns({ 'metadata.test': '169.254.169.254' }) });
    expect(await guarded.fetch(site.url('/to-private'), { purpose: 'page' })).toMatchObject({
      code: 'refused',
      message: `refused: 10.0.0.5 is a private address (redirected from ${site.url('/to-private')})`,
    });
    expect(await guarded.fetch(site.url('/to-v6'), { purpose: 'page' })).toMatchObject({ code: 'refused', message: expect.stringContaining('refused: ::1 is a loopback address') });
    expect(await guarded.fetch(site.url('/to-name'), { purpose: 'page' })).toMatchObject({
      code: 'refused',
      message: 'refused: metadata.test resolves to 169.254.169.254, a link-local address',
    });
    expect(await guarded.fetch(site.url('/to-file'), { purpose: 'page' })).toMatchObject({ code: 'refused', message: expect.stringContaining('only http and https') });
    expect(site.requests.map((r) => r.path)).toEqual(['/to-private', '/to-v6', '/to-name', '/to-file']);
  });

  it('fetches only http(s), and no address carrying a password', async () => {
    for (const url of ['ftp://example.org/feed.xml', 'file:///etc/passwd', 'data:text/html,hi', 'javascript:alert(1)']) {
      expect(await fetcher().fetch(url, { purpose: 'feed' }), url).toMatchObject({ code: 'refused', message: expect.stringContaining('only http and https') });
    }
    expect(await fetcher().fetch('http://user:pw@example.org/', { purpose: 'feed' })).toMatchObject({ code: 'refused' });
    expect(await fetcher().fetch('not a url', { purpose: 'feed' })).toMatchObject({ code: 'bad-address', message: 'not a web address: not a url' });
  });
});

describe('redirects', () => {
  it('follows up to 5 and says so past that', async () => {
    const site = await startSite({ '/end': body('text/html', '<p>here</p>') });
    for (let i = 1; i <= 6; i++) site.route(`/hop${i}`, (_req, res) => void res.writeHead(301, { location: i === 6 ? '/end' : `/hop${i + 1}` }).end());
    expect(await fetcher().fetch(site.url('/hop2'), { purpose: 'page' })).toMatchObject({ ok: true, url: site.url('/end'), text: '<p>here</p>' });
    expect(await fetcher().fetch(site.url('/hop1'), { purpose: 'page' })).toMatchObject({ ok: false, code: 'redirects', message: 'too many redirects (more than 5)' });
  });

  it('asks the caller before each request after a redirect: it may stop the fetch, and its wait is not timed', async () => {
    const site = await startSite({ '/end': body('text/html', '<p>here</p>'), '/private/end': body('text/html', '<p>hidden</p>') });
    site.route('/start', redirect('/middle'));
    site.route('/middle', redirect('/end', 301));
    site.route('/to-private', redirect('/private/end'));
    const hops: string[] = [];
    const beforeHop = async (url: URL) => {
      hops.push(url.pathname);
      await new Promise((resolve) => setTimeout(resolve, 200)); // longer than the whole time limit
      return url.pathname.startsWith('/private/') ? { ok: false as const, code: 'robots' as const, message: 'refused by robots.txt', url: url.href, transient: false } : undefined;
    };
    const quick = fetcher({ timeoutMs: 150 });
    expect(await quick.fetch(site.url('/start'), { purpose: 'page', beforeHop })).toMatchObject({ ok: true, url: site.url('/end'), text: '<p>here</p>' });
    expect(await quick.fetch(site.url('/to-private'), { purpose: 'page', beforeHop })).toEqual({
      ok: false,
      code: 'robots',
      message: `refused by robots.txt (redirected from ${site.url('/to-private')})`,
      url: site.url('/private/end'),
      transient: false,
    });
    expect(hops).toEqual(['/middle', '/end', '/private/end']); // not the first request
    expect(site.requests.map((r) => r.path)).toEqual(['/start', '/middle', '/end', '/to-private']);
  });
});

describe('limits', () => {
  it('stops a download as soon as it passes the limit, declared or not', async () => {
    let stopped = false;
    const site = await startSite({
      '/declared': body('text/html', 'x'.repeat(5000)),
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('x'.repeat(1024)), 1);
        res.on('close', () => {
          stopped = true;
          clearInterval(timer);
        });
      },
    });
    const small = fetcher({ limits: { page: 4096 } });
    expect(await small.fetch(site.url('/declared'), { purpose: 'page' })).toMatchObject({ ok: false, code: 'too-large', message: 'too large: over 4 KB' });
    expect(await small.fetch(site.url('/endless'), { purpose: 'page' })).toMatchObject({ ok: false, code: 'too-large' });
    await expect.poll(() => stopped).toBe(true);
  });

  it('holds pages to 3 MB and feeds to 5 MB by default, counting what a compressed body unpacks to', async () => {
    const big = 'y'.repeat(3.5 * 1024 * 1024);
    const site = await startSite({
      '/page': body('text/html', big),
      '/feed': body('application/rss+xml', `<rss>${big}</rss>`),
      '/bomb': body('text/html', gzipSync(Buffer.alloc(20 * 1024 * 1024, 32)), { 'content-encoding': 'gzip' }),
    });
    expect(await fetcher().fetch(site.url('/page'), { purpose: 'page' })).toMatchObject({ ok: false, message: 'too large: over 3 MB' });
    expect(await fetcher().fetch(site.url('/feed'), { purpose: 'feed' })).toMatchObject({ ok: true, kind: 'xml' });
    expect(await fetcher().fetch(site.url('/bomb'), { purpose: 'feed' })).toMatchObject({ ok: false, message: 'too large: over 5 MB' });
  });

  it('gives up on a server that stops answering', async () => {
    const site = await startSite({
      '/slow': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss><channel>'); // and nothing more
      },
      '/silent': () => {},
    });
    const quick = fetcher({ timeoutMs: 300 });
    expect(await quick.fetch(site.url('/slow'), { purpose: 'feed' })).toMatchObject({ ok: false, code: 'timeout', message: 'timed out after 0.3 s', transient: true });
    expect(await quick.fetch(site.url('/silent'), { purpose: 'feed' })).toMatchObject({ ok: false, code: 'timeout', transient: true });
  });

  it('reads only HTML, XML and JSON (and text for robots.txt)', async () => {
    const site = await startSite({
      '/image': body('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
      '/pdf': body('application/pdf', '%PDF-1.4'),
      '/text': body('text/plain; charset=utf-8', 'User-agent: *'),
      '/json': body('application/feed+json', '{"version":"https://jsonfeed.org/version/1.1"}'),
      '/atom': body('application/atom+xml', '<feed/>'),
      '/bare': (_req, res) => void res.end('<!doctype html><p>no type</p>'),
    });
    expect(await fetcher().fetch(site.url('/image'), { purpose: 'page' })).toMatchObject({ ok: false, code: 'content-type', message: 'not an article page: content type image/png' });
    expect(await fetcher().fetch(site.url('/pdf'), { purpose: 'feed' })).toMatchObject({ ok: false, message: 'not a feed: content type application/pdf' });
    expect(await fetcher().fetch(site.url('/text'), { purpose: 'page' })).toMatchObject({ ok: false, message: 'not an article page: content type text/plain' });
    expect(await fetcher().fetch(site.url('/text'), { purpose: 'robots' })).toMatchObject({ ok: true, kind: 'text', text: 'User-agent: *' });
    expect(await fetcher().fetch(site.url('/json'), { purpose: 'feed' })).toMatchObject({ ok: true, kind: 'json' });
    expect(await fetcher().fetch(site.url('/atom'), { purpose: 'feed' })).toMatchObject({ ok: true, kind: 'xml' });
    expect(await fetcher().fetch(site.url('/bare'), { purpose: 'page' })).toMatchObject({ ok: true, kind: 'html' });
  });
});

describe('text', () => {
  const cyrillic = 'Казахстан и США подписали меморандум о критических минералах';

  it('decodes by the charset of the header, else of <meta>, else of the XML declaration', async () => {
    const page = (head: string) => win1251(`<html><head>${head}</head><body><p>${cyrillic}</p></body></html>`);
    const site = await startSite({
      '/header': body('text/html; charset=windows-1251', page('')),
      '/meta': body('text/html', page('<meta charset="windows-1251">')),
      '/http-equiv': body('text/html', page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')),
      '/xml': body('application/rss+xml', win1251(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${cyrillic}</title></channel></rss>`)),
      '/utf8': body('text/html', `<p>${cyrillic}</p>`),
    });
    for (const path of ['/header', '/meta', '/http-equiv']) {
      expect(await fetcher().fetch(site.url(path), { purpose: 'page' }), path).toMatchObject({ ok: true, charset: 'windows-1251', text: expect.stringContaining(cyrillic) });
    }
    expect(await fetcher().fetch(site.url('/xml'), { purpose: 'feed' })).toMatchObject({ ok: true, charset: 'windows-1251', text: expect.stringContaining(cyrillic) });
    expect(await fetcher().fetch(site.url('/utf8'), { purpose: 'page' })).toMatchObject({ ok: true, charset: 'utf-8', text: `<p>${cyrillic}</p>` });
  });

  it('names the bot and the operator in its User-Agent', async () => {
    const site = await startSite({ '/': body('text/html', 'hi') });
    await fetcher().fetch(site.url('/'), { purpose: 'page' });
    expect(site.requests[0]!.headers['user-agent']).toBe('kz-minerals-bot/0.1 (knowledge bot reading news feeds; +ops@example.org)');
    expect(userAgentFor(undefined)).toBe('kz-minerals-bot/0.1 (knowledge bot reading news feeds; contact address not set)');
  });
});

describe('conditional requests and rate limits', () => {
  it('sends the validators back and reads a 304 as "nothing new"', async () => {
    const site = await startSite({
      '/feed': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 10 Mar 2026 06:00:00 GMT' }).end('<rss/>');
      },
    });
    const first = await fetcher().fetch(site.url('/feed'), { purpose: 'feed' });
    expect(first).toMatchObject({ ok: true, notModified: false, validators: { etag: '"v1"', lastModified: 'Tue, 10 Mar 2026 06:00:00 GMT' } });
    const second = await fetcher().fetch(site.url('/feed'), { purpose: 'feed', validators: first.ok ? first.validators : {} });
    expect(second).toEqual({ ok: true, notModified: true, url: site.url('/feed'), validators: { etag: '"v1"', lastModified: 'Tue, 10 Mar 2026 06:00:00 GMT' } });
    expect(site.requests[1]!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 10 Mar 2026 06:00:00 GMT' });
  });

  it('returns Retry-After of a 429 or 503 as a time, in seconds or as a date', async () => {
    const clock = new ManualClock('2026-03-10T06:00:00Z');
    const site = await startSite({
      '/busy': (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end(),
      '/down': (_req, res) => void res.writeHead(503, { 'retry-after': 'Tue, 10 Mar 2026 07:00:00 GMT' }).end(),
      '/broken': (_req, res) => void res.writeHead(500).end(),
      '/gone': (_req, res) => void res.writeHead(404).end(),
    });
    const f = fetcher({ clock });
    expect(await f.fetch(site.url('/busy'), { purpose: 'feed' })).toMatchObject({
      ok: false,
      code: 'rate-limited',
      status: 429,
      transient: true,
      retryAfter: new Date('2026-03-10T06:02:00Z'),
      message: `${new URL(site.origin).host} answered too many requests; asks to wait until 2026-03-10T06:02:00.000Z`,
    });
    expect(await f.fetch(site.url('/down'), { purpose: 'feed' })).toMatchObject({ code: 'rate-limited', status: 503, retryAfter: new Date('2026-03-10T07:00:00Z') });
    expect(await f.fetch(site.url('/broken'), { purpose: 'feed' })).toMatchObject({ code: 'http-status', status: 500, transient: true });
    expect(await f.fetch(site.url('/gone'), { purpose: 'feed' })).toMatchObject({ code: 'http-status', status: 404, transient: false, message: expect.stringContaining('answered 404') });
  });

  it('says plainly when a host does not exist or refuses the connection', async () => {
    const site = await startSite();
    const port = new URL(site.origin).port;
    await site.close();
    expect(await fetcher().fetch(`http://127.0.0.1:${port}/`, { purpose: 'feed' })).toMatchObject({ ok: false, code: 'network', message: `127.0.0.1:${port} refused the connection` });
    const noDns = fetcher({ lookup: fakeDns({}) });
    expect(await noDns.fetch('http://no-such-host.test/', { purpose: 'feed' })).toMatchObject({ ok: false, message: 'no-such-host.test was not found (no such host name)', transient: false });
  });
});
