/**
 * News feeds end to end: the real bot (connectBot) and discord.js client against the local Discord
 * stand-in, a local news site (its RSS feed and article pages on 127.0.0.1), and a clock the test
 * moves. `/feeds add` records what the feed has; an item published after it is imported by the
 * next check (the running bot's schedule, woken by moving the clock), is answered by /ask and is
 * in /digest preview; `/feeds list` and `/feeds test` show states and reasons; a broken feed is
 * retried with growing pauses, paused after 10 failures with one message in the digest channel,
 * and resumed. The test waits on the feed service's own signal that it sleeps, never on a timer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../src/discord/bot';
import type { FeedService, FeedView } from '../src/ingest/feed-service';
import { startDigestWorld, type DigestWorld } from './support/digest-world';
import type { CommandInput } from './support/discord-standin';
import { EPHEMERAL, payload, TrackedInteractions } from './support/interaction-checks';
import { startNewsroom, story, type Newsroom } from './ingest/support/newsroom';
import './support/unhandled';

const NO_PERMISSIONS = '0';

let world: DigestWorld;
let bot: RunningBot;
let news: Newsroom;
const interactions = new TrackedInteractions();
const { track } = interactions;

beforeAll(async () => {
  news = await startNewsroom();
  news.publish({ slug: 'tenge-steady', title: 'Tenge steady against the dollar', paragraphs: story('the tenge'), published: new Date('2026-03-08T10:00:00Z') });
  news.publish({ slug: 'astana-forum', title: 'Astana hosts a mining forum', paragraphs: story('the forum'), published: new Date('2026-03-09T10:00:00Z') });
  world = await startDigestWorld({
    at: '2026-03-10T09:00:00Z',
    env: { ALLOW_PRIVATE_NETWORK: 'true', FEEDS_POLL_MINUTES: '30' },
    // One local host for the feed and its pages: no 2 s between requests to it.
    connect: { ingest: { minGapMs: 0, startAfterMs: 0 } },
  });
  bot = await world.start();
});

afterAll(async () => {
  await world?.close();
});

afterEach(async () => {
  await interactions.expectAllAnswered();
  expect(world.standIn.violations.splice(0)).toEqual([]);
  expect(world.standIn.unknownRoutes.splice(0)).toEqual([]);
  expect(world.logs.atLeast(50)).toEqual([]);
});

const feeds = (): FeedService => bot.ingest!.feeds;
const said = (data: any): string => [data?.content, ...(data?.embeds ?? []).map((e: { description?: string }) => e.description)].filter(Boolean).join('\n');
const articleFiles = () => readdirSync(world.knowledgeDir).filter((name) => name.endsWith('.md')).sort();
const feedNow = async (): Promise<FeedView> => (await feeds().list())[0]!;

/** A private reply that fetches (add, test): deferred privately at once, the fetch shown, then the outcome. */
async function fetching(input: CommandInput) {
  const handle = track(world.standIn.dispatchCommand(input));
  const deferred = await handle.response(0);
  expect(deferred).toMatchObject({ kind: 'callback', type: 5 });
  expect(deferred.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  const progress = payload(await handle.response(1));
  expect(said(progress)).toMatch(/^Fetching `http:\/\/127\.0\.0\.1:\d+\/rss\.xml` and reading the feed…/);
  return payload(await handle.response(2));
}

/** A reply given at once (list, remove, resume, refusals). */
async function answered(input: CommandInput) {
  const response = await track(world.standIn.dispatchCommand(input)).finalResponse;
  expect(response).toMatchObject({ kind: 'callback', type: 4 });
  expect(response.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return response.body.data;
}

/** Moves the clock to `to` and waits until the running feed service has done the round that wakes and gone back to sleep. */
async function roundAt(to: string | Date): Promise<void> {
  await feeds().whenAsleep();
  const round = feeds().nextSleep();
  world.clock.set(to);
  await round;
}

const GERMANIUM_TITLE = 'Ekibastuz plant to ship germanium to American chipmakers';
const GERMANIUM_FILE = '2026-03-10-ekibastuz-plant-ship-germanium-american-chipmakers.md';

describe('/feeds', () => {
  it('add: subscribes, and its first check records what the feed has without importing it', async () => {
    const before = articleFiles();
    const data = await fetching({ name: 'feeds', subcommand: 'add', options: { url: news.feedUrl, keywords: 'germanium, tungsten' } });
    expect(data.embeds[0].title).toBe('Subscribed: The Steppe Ledger');
    const text = data.embeds[0].description;
    expect(text).toContain(`\`${news.feedUrl}\``);
    expect(text).toContain('**Keywords:** germanium, tungsten');
    expect(text).toContain('**First check:** 2 items already in the feed recorded, not imported (no flood).');
    expect(text).toContain('**Next check:** 2026-03-10 09:30 UTC, then every check at most every 30 minutes.');
    expect(articleFiles()).toEqual(before);
    expect(news.pageRequests()).toEqual([]);

    const again = await fetching({ name: 'feeds', subcommand: 'add', options: { url: news.feedUrl } });
    expect(said(again)).toBe(`Not subscribed: \`${news.feedUrl}\` — already subscribed to ${news.feedUrl}.`);
  });

  it('list: each feed’s state, privately, to anyone', async () => {
    const data = await answered({ name: 'feeds', subcommand: 'list', memberPermissions: NO_PERMISSIONS });
    expect(data.content).toBe('**Feeds (1)**: imported and skipped count items since each was added.');
    expect(data.embeds[0].fields).toEqual([
      {
        name: 'The Steppe Ledger',
        value: [`\`${news.feedUrl}\``, 'Keywords: germanium, tungsten', 'Next check: 2026-03-10 09:30 UTC', 'Last success: 2026-03-10 09:00 UTC · imported 0 · skipped 0 · 2 in the feed when added (not imported)'].join('\n'),
      },
    ]);
  });

  it('remove, resume and test offer the subscribed feeds as you type', async () => {
    for (const subcommand of ['remove', 'resume', 'test']) {
      const response = await track(world.standIn.dispatchAutocomplete({ name: 'feeds', subcommand, focused: 'url', options: { url: 'steppe' } })).finalResponse;
      expect(response.type).toBe(8);
      expect(response.body.data.choices).toEqual([{ name: `The Steppe Ledger — ${news.feedUrl}`, value: news.feedUrl }]);
    }
    const none = await track(world.standIn.dispatchAutocomplete({ name: 'feeds', subcommand: 'remove', focused: 'url', options: { url: 'nothing like it' } })).finalResponse;
    expect(none.body.data.choices).toEqual([]);
  });

  it('a new item that matches is imported at the next check: answered by /ask, and in /digest preview; one that does not is recorded with why', async () => {
    news.publish({
      slug: 'ekibastuz-germanium',
      title: GERMANIUM_TITLE,
      published: new Date('2026-03-10T09:10:00Z'),
      paragraphs: [
        'The Ekibastuz germanium plant will ship its first germanium concentrate to American chipmakers in the spring of 2027, the operator said on Monday.',
        'The plant recovers germanium from the fly ash of the coal power stations around Ekibastuz, which has piled up for decades beside the town.',
        'Officials said the output would reach twelve tonnes a year, enough to make Kazakhstan one of the few germanium suppliers outside China.',
      ],
    });
    news.publish({ slug: 'tenge-weaker', title: 'Tenge a little weaker', paragraphs: story('the exchange rate'), published: new Date('2026-03-10T09:12:00Z') });
    const before = articleFiles();

    // Nothing happens until the check is due.
    await roundAt('2026-03-10T09:20:00Z');
    expect(articleFiles()).toEqual(before);
    const changed = bot.library.nextChange();
    await roundAt('2026-03-10T09:30:00Z');
    expect(await changed).toMatchObject({ added: [GERMANIUM_FILE] });
    expect(articleFiles()).toEqual([...before, GERMANIUM_FILE].sort());
    expect(readFileSync(join(world.knowledgeDir, GERMANIUM_FILE), 'utf8')).toMatch(/^---\ntitle: "Ekibastuz plant to ship germanium to American chipmakers"\npublisher: "The Steppe Ledger"\npublished: 2026-03-10\nurl: ".*\/articles\/ekibastuz-germanium"\ntags: \["germanium"\]\n---\n\nThe Ekibastuz germanium plant/);
    expect(world.logs.entries()).toContainEqual(expect.objectContaining({ msg: 'feeds: imported', file: GERMANIUM_FILE }));

    const answer = (await track(world.standIn.dispatchCommand({ name: 'ask', options: { question: 'When will the Ekibastuz plant ship germanium?' } })).finalResponse).body.data;
    expect((answer.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(answer.embeds[0].title).toBe(GERMANIUM_TITLE);
    expect(answer.embeds[0].description).toMatch(/spring of 2027/);

    const preview = (await track(world.standIn.dispatchCommand({ name: 'digest', subcommand: 'preview', memberPermissions: NO_PERMISSIONS })).finalResponse).body.data;
    expect(preview.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(preview.content).toContain('1 new article');
    expect(said(preview)).toContain(GERMANIUM_TITLE);

    const list = await answered({ name: 'feeds', subcommand: 'list' });
    expect(list.embeds[0].fields[0].value).toContain('Last success: 2026-03-10 09:30 UTC · imported 1 · skipped 1 · 2 in the feed when added (not imported)');
    expect(list.embeds[0].fields[0].value).toContain('Next check: 2026-03-10 10:00 UTC');
  });

  it('test: what the feed has now and which items the keywords would take, item by item with why; nothing saved', async () => {
    news.publish({ slug: 'tungsten-exports', title: 'Tungsten exports rise', paragraphs: story('tungsten exports'), published: new Date('2026-03-10T09:40:00Z') });
    world.clock.set('2026-03-10T09:45:00Z');
    const before = articleFiles();
    const data = await fetching({ name: 'feeds', subcommand: 'test', options: { url: news.feedUrl, keywords: 'tungsten, germanium' }, memberPermissions: NO_PERMISSIONS });
    expect(data.embeds[0].title).toBe('Test: The Steppe Ledger');
    const text = said(data);
    expect(text).toContain('RSS 2.0, 5 items · **1 of 5 would be taken** with the keywords tungsten, germanium · nothing was saved');
    const lines = text.split('\n').slice(2);
    expect(lines).toEqual([
      '✓ **take** 2026-03-10 — Tungsten exports rise',
      '    matches “tungsten” in the title',
      '· skip 2026-03-10 — Tenge a little weaker',
      '    already seen: did not match the keywords',
      `· skip 2026-03-10 — ${GERMANIUM_TITLE}`,
      `    already imported as ${GERMANIUM_FILE}`,
      '· skip 2026-03-09 — Astana hosts a mining forum',
      "    already seen: in the feed at its first check",
      '· skip 2026-03-08 — Tenge steady against the dollar',
      "    already seen: in the feed at its first check",
    ]);
    expect(data.embeds.at(-1).footer.text).toBe('Newest first. Nothing was saved or recorded.');
    expect(articleFiles()).toEqual(before);
    expect((await feedNow()).imported).toBe(1);
  });

  it('a broken feed is retried after 5 minutes, 10, 20 … 6 hours; after 10 failures it is paused and the digest channel is told once; resume starts it again', async () => {
    news.failFeed((_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('down'));
    const host = new URL(news.feedUrl).host;
    const waits: number[] = [];
    for (let failures = 1; failures <= 10; failures++) {
      await roundAt((await feedNow()).nextCheckAt);
      const feed = await feedNow();
      expect(feed.failures).toBe(failures);
      if (failures === 1) {
        // /feeds list shows the error, when, and that the last success is older.
        const failing = await answered({ name: 'feeds', subcommand: 'list', memberPermissions: NO_PERMISSIONS });
        expect(failing.embeds[0].fields[0].value.split('\n')).toEqual([
          `\`${news.feedUrl}\``,
          'Keywords: germanium, tungsten',
          'Next check: 2026-03-10 10:05 UTC',
          'Last success: 2026-03-10 09:30 UTC · imported 1 · skipped 1 · 2 in the feed when added (not imported)',
          `Last error (2026-03-10 10:00 UTC, 1 failed check in a row): ${host} answered 500 Internal Server Error`,
        ]);
      }
      if (failures < 10) waits.push((Date.parse(feed.nextCheckAt) - Date.parse(feed.lastCheckAt!)) / 60_000);
      else expect(feed.paused?.reason).toMatch(/^10 failed checks in a row; the last: 127\.0\.0\.1:\d+ answered 500 Internal Server Error$/);
    }
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
    const told = world.standIn.channelMessages(world.channelId).filter((m) => /paused/.test(m.content ?? ''));
    expect(told).toHaveLength(1);
    expect(told[0]!.content).toMatch(/^Feed “The Steppe Ledger” \(http:\/\/127\.0\.0\.1:\d+\/rss\.xml\) is paused after 10 failed checks in a row\. The last error: 127\.0\.0\.1:\d+ answered 500 Internal Server Error\. Fix it, then resume it with \/feeds resume/);
    const posted = world.standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${world.channelId}/messages` && /paused/.test(JSON.stringify(r.body)));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ allowed_mentions: { parse: [] }, nonce: expect.stringMatching(/^feeds-[0-9a-f]{12}$/), enforce_nonce: true });

    // Paused: no more checks, however much time passes.
    const requests = news.feedRequests().length;
    await roundAt(new Date(world.clock.now().getTime() + 24 * 3600_000));
    expect(news.feedRequests()).toHaveLength(requests);
    const list = await answered({ name: 'feeds', subcommand: 'list' });
    expect(list.content).toBe('**Feeds (1)** — 1 paused: imported and skipped count items since each was added.');
    expect(list.embeds[0].fields[0].name).toBe('⏸ The Steppe Ledger');
    expect(list.embeds[0].fields[0].value).toMatch(/\*\*Paused\*\* since .*: 10 failed checks in a row; .* — `\/feeds resume` starts it again\./);
    const pausedAt = (await feedNow()).paused!.at.replace('T', ' ').slice(0, 16);
    expect(list.embeds[0].fields[0].value).toContain(`\nLast error (${pausedAt} UTC, 10 failed checks in a row): ${host} answered 500 Internal Server Error`);

    // Fixed, and resumed: checked at once, and what it missed is imported.
    news.failFeed(undefined);
    const changed = bot.library.nextChange();
    const resumed = await answered({ name: 'feeds', subcommand: 'resume', options: { url: news.feedUrl } });
    expect(said(resumed)).toBe('Resumed **The Steppe Ledger**: it is checked now, and `/feeds list` shows how it went.');
    await feeds().whenAsleep();
    expect((await changed).added).toEqual(['2026-03-10-tungsten-exports-rise.md']);
    const feed = await feedNow();
    expect(feed).toMatchObject({ paused: null, failures: 0, imported: 2 });
    expect(feed.lastSuccessAt).toBe(world.clock.now().toISOString());
    expect(told).toHaveLength(1);
    const recovered = await answered({ name: 'feeds', subcommand: 'list' });
    expect(recovered.embeds[0].fields[0].value).toContain(`\nLast error (${pausedAt} UTC, since recovered): ${host} answered 500 Internal Server Error`);
  });

  it('remove: unsubscribes; the articles it brought stay', async () => {
    const before = articleFiles();
    const removed = await answered({ name: 'feeds', subcommand: 'remove', options: { url: news.feedUrl } });
    expect(said(removed)).toBe(`Removed **The Steppe Ledger** (${news.feedUrl}). The 2 articles it brought stay in the knowledge base.`);
    expect(articleFiles()).toEqual(before);
    const list = await answered({ name: 'feeds', subcommand: 'list' });
    expect(said(list)).toBe('No feeds yet. `/feeds add url: … keywords: …` subscribes to one (Manage Server).');
    const gone = await answered({ name: 'feeds', subcommand: 'remove', options: { url: news.feedUrl } });
    expect(said(gone)).toBe(`Not subscribed to \`${news.feedUrl}\`. \`/feeds list\` shows the feeds.`);
  });
});

describe('/feeds add backfill:', () => {
  it('imports the newest N items the feed has now and records the rest', async () => {
    const agency = await startNewsroom();
    agency.publish({ slug: 'zinc', title: 'Zinc exports climb in Pavlodar', paragraphs: story('zinc exports'), published: new Date('2026-03-07T10:00:00Z') });
    agency.publish({ slug: 'chromium', title: 'Chromium smelter signs a US offtake deal', paragraphs: story('a chromium offtake deal'), published: new Date('2026-03-08T10:00:00Z') });
    agency.publish({ slug: 'vanadium', title: 'Vanadium survey maps new reserves', paragraphs: story('a vanadium survey'), published: new Date('2026-03-09T10:00:00Z') });
    const before = articleFiles();
    const handle = track(world.standIn.dispatchCommand({ name: 'feeds', subcommand: 'add', options: { url: agency.feedUrl, backfill: 2 } }));
    const data = payload(await handle.response(2));
    const text = data.embeds[0].description;
    // Each file on a line of its own ("+" escaped, so Discord does not make it a list).
    expect(text).toContain('**First check:** 1 item already in the feed recorded, not imported (no flood); 2 of the newest imported.');
    expect(text).toContain('\n\\+ `2026-03-08-chromium-smelter-signs-us-offtake-deal.md` Chromium smelter signs a US offtake deal');
    expect(text).toContain('\n\\+ `2026-03-09-vanadium-survey-maps-new-reserves.md` Vanadium survey maps new reserves');
    expect(articleFiles()).toEqual([...before, '2026-03-08-chromium-smelter-signs-us-offtake-deal.md', '2026-03-09-vanadium-survey-maps-new-reserves.md'].sort());
    expect(agency.pageRequests()).toEqual(['/articles/chromium', '/articles/vanadium']);
    expect(await feeds().list()).toEqual([expect.objectContaining({ url: agency.feedUrl, imported: 2, skipped: 0, recorded: 1 })]);
    await answered({ name: 'feeds', subcommand: 'remove', options: { url: agency.feedUrl } });
  });

  it('with keywords: of the newest N, one that does not match is counted apart from what was recorded', async () => {
    const agency = await startNewsroom();
    agency.publish({ slug: 'copper', title: 'Copper output steady in Balkhash', paragraphs: story('copper output'), published: new Date('2026-03-07T10:00:00Z') });
    agency.publish({ slug: 'nickel', title: 'Nickel plant expands near Aktobe', paragraphs: story('a nickel plant'), published: new Date('2026-03-08T10:00:00Z') });
    agency.publish({ slug: 'tantalum', title: 'Tantalum find reported in the east', paragraphs: story('a tantalum find'), published: new Date('2026-03-09T10:00:00Z') });
    const handle = track(world.standIn.dispatchCommand({ name: 'feeds', subcommand: 'add', options: { url: agency.feedUrl, backfill: 2, keywords: 'tantalum' } }));
    const text = payload(await handle.response(2)).embeds[0].description;
    expect(text).toContain('**First check:** 1 item already in the feed recorded, not imported (no flood); 1 of the newest imported; 1 of the newest not imported (/feeds test says why).');
    expect(text).toContain('\n\\+ `2026-03-09-tantalum-find-reported-east.md` Tantalum find reported in the east');
    await answered({ name: 'feeds', subcommand: 'remove', options: { url: agency.feedUrl } });
  });
});

describe('a /knowledge add preview', () => {
  it('expires after 15 minutes: Save then says so, and writes nothing', async () => {
    news.publish({ slug: 'lithium-survey', title: 'Lithium survey begins in East Kazakhstan', paragraphs: story('a lithium survey'), published: new Date('2026-03-10T08:00:00Z') });
    const handle = track(world.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'add', options: { url: news.site.url('/articles/lithium-survey') } }));
    const preview = payload(await handle.response(2));
    expect(preview.embeds[0].title).toBe('Lithium survey begins in East Kazakhstan');
    const message = handle.message()!;
    const before = articleFiles();

    world.clock.advance(15 * 60_000);
    const save = preview.components[0].components.find((b: { label: string }) => b.label === 'Save');
    const response = await track(world.standIn.clickButton({ customId: save.custom_id, message })).finalResponse;
    expect(response.type).toBe(4);
    expect(response.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(said(response.body.data)).toBe(
      'This preview has expired (previews last 15 minutes, and not across a restart of the bot). Nothing was saved. Run `/knowledge add` again to add the article.',
    );
    expect(articleFiles()).toEqual(before);
  });
});
