/** Reading feeds: RSS 2.0, Atom, RDF, JSON Feed; cut-off and entity-broken feeds; a web page where a feed should be; windows-1251; 10,000 items. */
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createFetcher, userAgentFor } from '../../src/ingest/fetch';
import { readFeed, type FeedReadResult } from '../../src/ingest/feed-reader';
import { bigFeed, fixture, win1251 } from './support/fixtures';
import { body, startSite } from './support/web';

const O = 'https://news.example';

// feed-parser's own classes (the instances readFeed reads), to count the work a read does.
const parserModule = createRequire(import.meta.url);
const { RssFeed } = parserModule('@rowanmanning/feed-parser/lib/feed/rss') as typeof import('@rowanmanning/feed-parser/lib/feed/rss');
const { RssFeedItem } = parserModule('@rowanmanning/feed-parser/lib/feed/item/rss') as typeof import('@rowanmanning/feed-parser/lib/feed/item/rss');
const items = (result: FeedReadResult) => {
  if (!result.ok) throw new Error(result.message);
  return result.feed.items.map((item) => ({ ...item, published: item.published?.toISOString() ?? null }));
};

describe('feed formats', () => {
  it('reads RSS 2.0: GUIDs, links made absolute, HTML and broken entities in descriptions', () => {
    const result = readFeed(fixture('rss2.xml'), 'xml', `${O}/rss.xml`);
    expect(result).toMatchObject({ ok: true, feed: { title: 'The Steppe Ledger — Business', format: 'RSS 2.0' } });
    expect(items(result)).toEqual([
      {
        id: 'steppe-ledger-88121',
        title: 'Kazakhstan Opens Tungsten Deposit to US Investors',
        link: `${O}/articles/tungsten`,
        summary: 'The ministry invited American companies to develop the Boguty deposit.',
        published: '2026-03-09T03:15:00.000Z',
        day: '2026-03-09',
      },
      { id: 'steppe-ledger-88120', title: 'Tenge hits record low against the dollar', link: `${O}/articles/tenge`, summary: 'The national currency fell for the fifth day in a row & analysts expect more.', published: '2026-03-08T12:00:00.000Z', day: '2026-03-08' },
      // No GUID: known by its link.
      { id: `${O}/articles/gallium`, title: 'Gallium output to double by 2027', link: `${O}/articles/gallium`, summary: expect.stringContaining('double its gallium output'), published: '2026-03-07T09:30:00.000Z', day: '2026-03-07' },
    ]);
  });

  it('reads Atom, RSS 1.0 (RDF) and JSON Feed', () => {
    const atom = readFeed(fixture('atom.xml'), 'xml', `${O}/atom.xml`);
    expect(atom).toMatchObject({ ok: true, feed: { title: 'Central Asia Wire', format: 'Atom 1.0' } });
    expect(items(atom).map((i) => [i.id, i.link, i.published])).toEqual([
      ['tag:wire.example,2026:roadmap', `${O}/articles/roadmap`, '2026-02-27T09:00:00.000Z'],
      ['tag:wire.example,2026:gold', `${O}/articles/gold`, '2026-02-26T10:00:00.000Z'], // only <updated>
    ]);
    expect(items(atom)[1]!.summary).toBe('Kumtor produced more gold than planned.');

    const rdf = readFeed(fixture('rdf.xml'), 'xml', `${O}/rdf.xml`);
    expect(rdf).toMatchObject({ ok: true, feed: { title: 'Mining Digest (RDF)', format: 'RSS 1.0 (RDF)' } });
    expect(items(rdf).map((i) => [i.title, i.link, i.published])).toEqual([
      ['Lithium rush reaches East Kazakhstan', `${O}/articles/lithium`, '2026-03-05T08:00:00.000Z'],
      ['Copper smelter expansion approved', `${O}/articles/copper`, '2026-03-04T08:00:00.000Z'],
    ]);

    const json = readFeed(fixture('feed.json'), 'json', `${O}/feed.json`);
    expect(json).toMatchObject({ ok: true, feed: { title: 'Astana Energy Notes', format: 'JSON Feed' } });
    expect(items(json)).toEqual([
      { id: '2026-03-03-uranium', title: 'Kazatomprom trims uranium output plan', link: `${O}/articles/uranium`, summary: "The world's largest producer cuts its 2026 guidance.", published: '2026-03-03T02:00:00.000Z', day: '2026-03-03' },
      { id: '42', title: 'Rare earths find in Kostanay', link: `${O}/articles/rare-earths`, summary: 'Geologists report a rare earth find.', published: '2026-03-02T07:00:00.000Z', day: '2026-03-02' },
    ]);
  });

  it('knows an item with neither GUID nor link by a hash of its title and date', () => {
    const rss = '<rss version="2.0"><channel><title>t</title><item><title>No link</title><pubDate>Mon, 09 Mar 2026 03:15:00 GMT</pubDate></item></channel></rss>';
    const [first] = items(readFeed(rss, 'xml', `${O}/f`));
    const [again] = items(readFeed(rss, 'xml', `${O}/f`));
    expect(first!.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(again!.id).toBe(first!.id);
    const [other] = items(readFeed(rss.replace('03:15', '04:15'), 'xml', `${O}/f`));
    expect(other!.id).not.toBe(first!.id);
  });

  it('knows an item with no GUID, no link and no title by a hash of its summary and date, in every format', () => {
    const date = 'Mon, 09 Mar 2026 03:15:00 GMT';
    const rss = (...descriptions: string[]) =>
      `<rss version="2.0"><channel><title>t</title>${descriptions.map((d) => `<item><description>${d}</description><pubDate>${date}</pubDate></item>`).join('')}</channel></rss>`;
    const [first, second] = items(readFeed(rss('Tungsten prices rose.', 'Gallium prices fell.'), 'xml', `${O}/f`));
    expect(first).toEqual({ id: expect.stringMatching(/^sha256:[0-9a-f]{32}$/), title: null, link: null, summary: 'Tungsten prices rose.', published: '2026-03-09T03:15:00.000Z', day: '2026-03-09' });
    expect(second!.id).not.toBe(first!.id);
    // Stable from one read to the next; the same words and date under a title are another item.
    expect(items(readFeed(rss('Tungsten prices rose.'), 'xml', `${O}/f`))[0]!.id).toBe(first!.id);
    const titled = `<rss version="2.0"><channel><title>t</title><item><title>Tungsten prices rose.</title><pubDate>${date}</pubDate></item></channel></rss>`;
    expect(items(readFeed(titled, 'xml', `${O}/f`))[0]!.id).not.toBe(first!.id);
    // An item listed twice is one item; an empty item still has an identity (and is recorded, not lost).
    expect(items(readFeed(rss('Tungsten prices rose.', 'Tungsten prices rose.', ''), 'xml', `${O}/f`)).map((i) => [i.id === first!.id, i.summary])).toEqual([
      [true, 'Tungsten prices rose.'],
      [false, null],
    ]);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ content_text: 'Tungsten prices rose.', date_published: '2026-03-09T03:15:00Z' }] });
    expect(items(readFeed(json, 'json', `${O}/feed.json`))).toEqual([{ id: first!.id, title: null, link: null, summary: 'Tungsten prices rose.', published: '2026-03-09T03:15:00.000Z', day: '2026-03-09' }]);
  });
});

describe('dates', () => {
  it('gives the day an item was published as the feed dates it, in its own time zone; a day no calendar has is no date', () => {
    const rss = (date: string) => `<rss version="2.0"><channel><title>t</title><item><title>A</title><link>${O}/a</link><pubDate>${date}</pubDate></item></channel></rss>`;
    const atom = (date: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>a</id><title>A</title><link href="${O}/a"/><updated>${date}</updated></entry></feed>`;
    const first = (text: string) => items(readFeed(text, 'xml', `${O}/f`))[0]!;
    // 21:30 in New York on 30 November is 1 December in UTC.
    expect(first(rss('Mon, 30 Nov 2026 21:30:00 -0500'))).toMatchObject({ day: '2026-11-30', published: '2026-12-01T02:30:00.000Z' });
    expect(first(atom('2026-11-30T21:30:00-05:00'))).toMatchObject({ day: '2026-11-30' });
    expect(first(atom('2026-12-01T00:30:00+06:00'))).toMatchObject({ day: '2026-12-01', published: '2026-11-30T18:30:00.000Z' });
    // Date would roll "31 November" over to 1 December.
    for (const text of [atom('2026-11-31T10:00:00Z'), rss('Tue, 31 Nov 2026 10:00:00 GMT'), rss('32/13/2026')]) expect(first(text)).toMatchObject({ day: null, published: null });
    // A date element that is no date leaves the next one to say it.
    expect(first(rss('Today</pubDate><dc:date>2026-11-30T10:00:00Z</dc:date><pubDate>'))).toMatchObject({ day: '2026-11-30' });
  });
});

describe('broken feeds', () => {
  it('reads the complete items of a feed that is cut off, and says so', () => {
    const result = readFeed(fixture('truncated.xml'), 'xml', `${O}/cut.xml`);
    expect(result).toMatchObject({ ok: true, feed: { title: 'Cut-off feed', note: 'the feed is cut off: read the 2 complete items' } });
    expect(items(result).map((i) => i.id)).toEqual(['cut-1', 'cut-2']);
  });

  it('calls a web page where a feed should be what it is, and names the feed the page points to', () => {
    expect(readFeed(fixture('not-a-feed.html'), 'html', `${O}/news`)).toEqual({
      ok: false,
      message: `not a feed: ${O}/news is a web page. It names its feed: ${O}/rss/business.xml (add that address instead)`,
      alternate: `${O}/rss/business.xml`,
    });
    expect(readFeed(fixture('no-article.html').replace(/<link rel="alternate"[^>]*>/, ''), 'html', `${O}/`)).toEqual({
      ok: false,
      message: `not a feed: ${O}/ is a web page, and it names no feed (look for an RSS or Atom link on the site)`,
    });
  });

  it('says what is wrong with XML and JSON that are not feeds', () => {
    expect(readFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', 'xml', `${O}/x`)).toEqual({ ok: false, message: 'not a feed: the XML is not RSS, Atom or RDF, or is too broken to read' });
    expect(readFeed('{"items": []}', 'json', `${O}/x`)).toMatchObject({ ok: false, message: expect.stringContaining('not a JSON Feed') });
    expect(readFeed('{"items": [', 'json', `${O}/x`)).toMatchObject({ ok: false, message: expect.stringContaining('the JSON cannot be read') });
  });
});

describe('feeds as served', () => {
  const fetcher = createFetcher({ userAgent: userAgentFor(undefined), allowPrivateNetwork: true });
  afterAll(() => fetcher.close());

  it('reads a windows-1251 feed by its XML declaration', async () => {
    const title = 'Казахстан и США подписали меморандум о критических минералах';
    const site = await startSite({
      '/rss': body('application/rss+xml', win1251(`<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title><item><title>${title}</title><link>http://x.example/1</link><guid>ru-1</guid></item></channel></rss>`)),
    });
    const fetched = await fetcher.fetch(site.url('/rss'), { purpose: 'feed' });
    if (!fetched.ok || fetched.notModified) throw new Error('fetch failed');
    const result = readFeed(fetched.text, fetched.kind, fetched.url);
    expect(result).toMatchObject({ ok: true, feed: { title: 'Новости' } });
    expect(items(result)[0]!.title).toBe(title);
  });

  it('reads the identities of a feed of 10,000 items without the work that grows with each item', async () => {
    const site = await startSite();
    site.route('/big', body('application/rss+xml', bigFeed(site.origin, 10_000)));
    const fetched = await fetcher.fetch(site.url('/big'), { purpose: 'feed' });
    if (!fetched.ok || fetched.notModified) throw new Error('fetch failed');
    // Work counted, not milliseconds: the feed's own address walks all the channel's children
    // (read once per item link, that is quadratic), and an item's details are read only when asked.
    const feedUrlReads = vi.spyOn(RssFeed.prototype, 'url', 'get');
    const detailReads = vi.spyOn(RssFeedItem.prototype, 'description', 'get');
    try {
      const result = readFeed(fetched.text, fetched.kind, fetched.url);
      const ids = result.ok ? result.feed.items.map((item) => item.id) : []; // what a check needs of every item
      expect(ids).toHaveLength(10_000);
      expect(detailReads).not.toHaveBeenCalled();
      expect(items(result)).toHaveLength(10_000);
      expect(new Set(items(result).map((i) => i.id)).size).toBe(10_000);
      expect(detailReads.mock.calls.length).toBeGreaterThanOrEqual(10_000); // the spies do see the parser's reads
      expect(feedUrlReads.mock.calls.length).toBeLessThanOrEqual(2); // looked up once, not once per item
    } finally {
      feedUrlReads.mockRestore();
      detailReads.mockRestore();
    }
  });
});
