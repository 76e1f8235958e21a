/** npm run add-article and npm run feeds: mostly in this process through main(argv, io), once each as a real process. */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/library/knowledge-folder';
import { main as addArticle } from '../../src/cli/add-article';
import { main as feeds } from '../../src/cli/feeds';
import { main as removeArticle } from '../../src/cli/remove-article';
import type { CliIo } from '../../src/cli/ingest-io';
import { createLogger } from '../../src/util/logger';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { drive } from './support/drive';
import { fixture, win1251 } from './support/fixtures';
import { startNewsroom, story } from './support/newsroom';
import { body, startSite } from './support/web';

const REPO = join(import.meta.dirname, '..', '..');

function setUp(env: Record<string, string> = {}) {
  const knowledgeDir = temporaryDir('cli-knowledge-');
  const stateDir = temporaryDir('cli-state-');
  const clock = new ManualClock('2026-03-10T06:00:00Z');
  const baseEnv = { KNOWLEDGE_DIR: knowledgeDir, STATE_DIR: stateDir, ALLOW_PRIVATE_NETWORK: 'true', LOG_LEVEL: 'silent', FEEDS_CONTACT: 'ops@example.org', ...env };
  /** Runs a CLI's main in this process; the clock moves through the politeness waits. */
  /** `options.writes` receives every write, in the order it came; `options.terminal`: standard error is a terminal. */
  const run = async (cli: typeof feeds, argv: string[], extraEnv: Record<string, string> = {}, options: { terminal?: boolean; writes?: string[] } = {}) => {
    let stdout = '';
    let stderr = '';
    const writes = options.writes ?? [];
    const io: CliIo = {
      stdout: { write: (t: string) => writes.push(`out: ${t}`) && (stdout += t) },
      stderr: { write: (t: string) => writes.push(`err: ${t}`) && (stderr += t), isTTY: options.terminal ?? false },
      env: { ...baseEnv, ...extraEnv },
      clock,
      log: createLogger('silent'),
    };
    const code = await drive(clock, cli(argv, io));
    return { code, stdout, stderr };
  };
  return { knowledgeDir, stateDir, clock, run, env: baseEnv };
}

/** Starts a CLI the way npm does; resolves with its exit code and output. */
function processRun(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', script, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function newsSite() {
  return startSite({
    '/business/tungsten': body('text/html; charset=utf-8', fixture('article-tungsten.html')),
    '/': body('text/html', fixture('no-article.html')),
    '/photo.png': body('image/png', Buffer.from([0x89, 0x50])),
    '/huge': body('text/html', `<p>${'x'.repeat(3.2 * 1024 * 1024)}</p>`),
  });
}

describe('npm run add-article', () => {
  it('writes the article into KNOWLEDGE_DIR, prints its path and exits 0', async () => {
    const { run, knowledgeDir } = setUp();
    const site = await newsSite();
    const { code, stdout, stderr } = await run(addArticle, [site.url('/business/tungsten')]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${join(knowledgeDir, '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md')}\n`);
    const { articles, problems } = await loadKnowledge(knowledgeDir);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ title: 'Kazakhstan Opens Tungsten Deposit to US Investors', publisher: 'The Steppe Ledger', published: '2026-03-09' });
    expect(site.requests.find((r) => r.path === '/business/tungsten')!.headers['user-agent']).toContain('+ops@example.org');
  });

  it('at a terminal, says it is fetching the page while it does, then clears the line', async () => {
    const { run, knowledgeDir } = setUp();
    const site = await newsSite();
    const url = site.url('/business/tungsten');
    const writes: string[] = [];
    expect((await run(addArticle, [url], {}, { terminal: true, writes })).code).toBe(0);
    expect(writes).toEqual([`err: Fetching ${url}…`, 'err: \r\x1b[K', `out: ${join(knowledgeDir, '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md')}\n`]);
  });

  it('reads a windows-1251 page by its <meta charset> and names the file in Latin letters', async () => {
    const { run, knowledgeDir } = setUp();
    const paragraph = 'Министерство промышленности и строительства Казахстана пригласило американские компании к разработке вольфрамового месторождения Богуты, одного из крупнейших в мире.';
    const page = `<html><head><meta charset="windows-1251"><title>Казахстан и США обсудили вольфрам</title><meta property="article:published_time" content="2026-03-05T10:00:00+05:00"></head><body><nav><a href="/">Главная</a></nav><article><h1>Казахстан и США обсудили вольфрам</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
    const site = await startSite({ '/ru/news/1': body('text/html', win1251(page)) });
    const { code, stdout } = await run(addArticle, [site.url('/ru/news/1')]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(knowledgeDir, '2026-03-05-kazakhstan-ssha-obsudili-volfram.md')}\n`);
    const { articles } = await loadKnowledge(knowledgeDir);
    expect(articles[0]).toMatchObject({ title: 'Казахстан и США обсудили вольфрам', body: `${paragraph}\n\n${paragraph}` });
  });

  it('prints why and exits 1 with nothing written: not an article, refused address, too large, already there', async () => {
    const { run, knowledgeDir } = setUp();
    const site = await newsSite();
    const cases: [string, Record<string, string>, string][] = [
      [site.url('/'), {}, 'not an article: '],
      [site.url('/photo.png'), {}, 'not an article page: content type image/png'],
      [site.url('/huge'), {}, 'too large: over 3 MB'],
      [site.url('/business/tungsten'), { ALLOW_PRIVATE_NETWORK: 'false' }, 'refused: 127.0.0.1 is a loopback address'],
      ['ftp://example.org/x', {}, 'refused: only http and https addresses are fetched (this one is ftp:)'],
    ];
    for (const [url, env, reason] of cases) {
      const { code, stdout, stderr } = await run(addArticle, [url], env);
      expect({ url, code, stdout }).toEqual({ url, code: 1, stdout: '' });
      expect(stderr).toContain(`✗ ${url}: ${reason}`);
    }
    expect(await readdir(knowledgeDir)).toEqual([]);
    expect((await run(addArticle, [site.url('/business/tungsten')])).code).toBe(0);
    const again = await run(addArticle, [`${site.url('/business/tungsten')}?utm_source=newsletter`]);
    expect(again).toEqual({ code: 1, stdout: '', stderr: expect.stringContaining('already in the knowledge base as 2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md (the same link)') });
    expect(await readdir(knowledgeDir)).toHaveLength(1);
  });

  it('exits 2 on a wrong command line and 1 on a bad setting', async () => {
    const { run } = setUp();
    expect(await run(addArticle, [])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run add-article -- URL') });
    expect(await run(addArticle, ['a', 'b'])).toMatchObject({ code: 2 });
    // A file's path, or an address without its scheme, is the wrong argument.
    for (const argument of ['/tmp/page.html', 'news.example/a.html', 'C:\\news\\a.html', 'localhost:8080/a', 'mailto:news@example.org']) {
      expect(await run(addArticle, [argument]), argument).toMatchObject({ code: 2, stderr: expect.stringContaining(`✗ ${argument} is not a web address: give the page's link, starting with http:// or https://`) });
    }
    expect(await run(addArticle, ['https://x.example/'], { FEEDS_CONTACT: 'not a contact' })).toMatchObject({ code: 1, stderr: expect.stringContaining('Setting FEEDS_CONTACT is invalid') });
  });

  it('names a knowledge folder that is not there as the problem, and creates none (a mistyped --knowledge wrote a second copy of an article there)', async () => {
    const { run, knowledgeDir } = setUp();
    const missing = join(knowledgeDir, 'nope');
    expect(await run(addArticle, ['--knowledge', missing, 'https://x.example/a'])).toEqual({ code: 1, stdout: '', stderr: `No knowledge folder at ${missing} (--knowledge): check the path.\n` });
    expect(await run(removeArticle, ['a.md'], { KNOWLEDGE_DIR: missing })).toEqual({ code: 1, stdout: '', stderr: `No knowledge folder at ${missing} (KNOWLEDGE_DIR): check the path.\n` });
    expect(existsSync(missing)).toBe(false);
  });

  it('runs as a real process', async () => {
    const { env, knowledgeDir } = setUp();
    const site = await newsSite();
    const ok = await processRun('src/cli/add-article.ts', [site.url('/business/tungsten')], env);
    expect(ok).toMatchObject({ code: 0, stdout: `${join(knowledgeDir, '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md')}\n` });
    const refused = await processRun('src/cli/add-article.ts', [site.url('/')], env);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('not an article') });
  });
});

describe('npm run remove-article', () => {
  const FILE = '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md';

  it('moves the file to STATE_DIR/removed/ (printing where), after which the link is not added again; --restore puts it back', async () => {
    const { run, knowledgeDir, stateDir } = setUp();
    const site = await newsSite();
    expect(await run(addArticle, [site.url('/business/tungsten')])).toMatchObject({ code: 0 });

    expect(await run(removeArticle, [FILE])).toEqual({ code: 0, stdout: `${join(stateDir, 'removed', FILE)}\n`, stderr: '' });
    expect(await readdir(knowledgeDir)).toEqual([]);
    const again = await run(addArticle, [site.url('/business/tungsten')]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`an article removed from the knowledge base, kept as removed/${FILE} (the same link); /knowledge restore (or npm run remove-article -- --restore ${FILE}) puts it back`) });
    expect(await readdir(knowledgeDir)).toEqual([]);

    expect(await run(removeArticle, [FILE])).toEqual({ code: 1, stdout: '', stderr: `✗ ${FILE}: there is no ${FILE} in ${knowledgeDir}; nothing was moved\n` });
    expect(await run(removeArticle, ['--restore', FILE])).toEqual({ code: 0, stdout: `${join(knowledgeDir, FILE)}\n`, stderr: '' });
    expect(await readdir(knowledgeDir)).toEqual([FILE]);
  });

  it('exits 2 on a wrong command line, and 1 on a name that is no article file, moving nothing', async () => {
    const { run, knowledgeDir } = setUp();
    expect(await run(removeArticle, [])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run remove-article -- FILE') });
    expect(await run(removeArticle, ['a.md', 'b.md'])).toMatchObject({ code: 2 });
    expect(await run(removeArticle, ['../state.json'])).toMatchObject({ code: 1, stderr: expect.stringContaining('is not the name of an article file') });
    expect(await readdir(knowledgeDir)).toEqual([]);
  });

  it('runs as a real process', async () => {
    const { env, knowledgeDir, stateDir } = setUp();
    await writeFile(join(knowledgeDir, 'a.md'), '---\ntitle: A\n---\n\nText.\n');
    expect(await processRun('src/cli/remove-article.ts', ['a.md'], env)).toMatchObject({ code: 0, stdout: `${join(stateDir, 'removed', 'a.md')}\n` });
  });
});

describe('npm run feeds', () => {
  it('adds, lists, tests, polls, removes: on the same feeds.json as the bot', async () => {
    const { run, knowledgeDir, stateDir, clock } = setUp();
    const room = await startNewsroom();
    room.publish({ slug: 'old', title: 'Old tungsten story', paragraphs: story('old'), published: new Date('2026-03-09T06:00:00Z') });

    const added = await run(feeds, ['add', room.feedUrl, '--keywords', 'tungsten, critical minerals']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(`Subscribed to The Steppe Ledger (${room.feedUrl}).\nThe Steppe Ledger (${room.feedUrl}): imported 0, skipped 0 (first check: 1 item already in the feed recorded, not imported)\n`);
    expect(JSON.parse(await readFile(join(stateDir, 'feeds.json'), 'utf8')).feeds[0]).toMatchObject({ url: room.feedUrl, keywords: ['tungsten', 'critical minerals'], addedBy: expect.stringMatching(/^cli:/) });

    const listed = await run(feeds, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`The Steppe Ledger — ${room.feedUrl}\n  keywords: tungsten, critical minerals;`);
    expect(listed.stdout).toContain('next check: 2026-03-10 06:30 UTC');
    expect(listed.stdout).toContain('imported 0, skipped 0; 1 item already in the feed at its first check recorded, not imported');

    room.publish({ slug: 'new', title: 'Tungsten exports rise', paragraphs: story('exports'), published: new Date('2026-03-10T06:10:00Z') });
    room.publish({ slug: 'tenge', title: 'Tenge hits record low', paragraphs: story('the currency'), published: new Date('2026-03-10T06:11:00Z') });
    const tested = await run(feeds, ['test', room.feedUrl, '--keywords', 'tungsten']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('✓ take  2026-03-10  Tungsten exports rise\n        matches “tungsten” in the title');
    expect(tested.stdout).toContain("· skip  2026-03-09  Old tungsten story\n        already seen: in the feed at its first check");
    expect(await readdir(knowledgeDir)).toEqual([]);

    clock.advance(30 * 60_000);
    const polled = await run(feeds, ['poll']);
    expect(polled).toMatchObject({ code: 0, stderr: '' });
    expect(polled.stdout).toBe(
      `The Steppe Ledger (${room.feedUrl}): imported 1, skipped 1\n  + 2026-03-10-tungsten-exports-rise.md  (Tungsten exports rise)\n  - Tenge hits record low: did not match the keywords\n`,
    );
    expect(await readdir(knowledgeDir)).toEqual(['2026-03-10-tungsten-exports-rise.md']);

    expect(await run(feeds, ['resume', 'https://not.subscribed.example/rss'])).toMatchObject({ code: 1, stderr: '✗ not subscribed to https://not.subscribed.example/rss\n' });
    expect(await run(feeds, ['remove', room.feedUrl])).toMatchObject({ code: 0, stdout: `Removed ${room.feedUrl} (1 article it brought stays in the knowledge base).\n` });
    expect(await run(feeds, ['list'])).toMatchObject({ code: 0, stdout: 'No feeds. Add one with: npm run feeds -- add URL [--keywords "…"]\n' });
  });

  it('poll at a terminal shows how far a round is while its requests wait their turn, then what each feed brought', async () => {
    const { run } = setUp();
    const room = await startNewsroom();
    // Three feeds of one site: one request at a time, seconds apart.
    for (const n of [1, 2, 3]) await run(feeds, ['add', `${room.feedUrl}?edition=${n}`]);
    const writes: string[] = [];
    expect((await run(feeds, ['poll'], {}, { terminal: true, writes })).code).toBe(0);
    const progress = (done: number) => `err: \rChecking 3 feeds (one request at a time per site, seconds apart): ${done} done…`;
    expect(writes.slice(0, 5)).toEqual([progress(0), progress(1), progress(2), progress(3), 'err: \r\x1b[K']);
    expect(writes.slice(5)).toEqual([1, 2, 3].map((n) => `out: The Steppe Ledger (${room.feedUrl}?edition=${n}): nothing new (not modified)\n`));
    // Not at a terminal (cron, a pipe): only the results.
    expect(await run(feeds, ['poll'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('explains a refused feed and exits 1; a wrong command line exits 2', async () => {
    const { run } = setUp();
    const room = await startNewsroom();
    expect(await run(feeds, ['add', room.site.url('/nothing-here')])).toMatchObject({ code: 1, stderr: expect.stringContaining('answered 404') });
    expect(await run(feeds, ['add', room.feedUrl], { ALLOW_PRIVATE_NETWORK: 'false' })).toMatchObject({ code: 1, stderr: '✗ refused: 127.0.0.1 is a loopback address\n' });
    expect(await run(feeds, [])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run feeds -- COMMAND') });
    expect(await run(feeds, ['frobnicate'])).toMatchObject({ code: 2 });
    expect(await run(feeds, ['add'])).toMatchObject({ code: 2 });
    expect(await run(feeds, ['list', '--backfill', '3'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--backfill goes with add') });
    expect(await run(feeds, ['add', room.feedUrl, '--backfill', 'many'])).toMatchObject({ code: 2 });
  });

  it('add --backfill N imports the newest N at once and records the rest', async () => {
    const { run, knowledgeDir } = setUp();
    const room = await startNewsroom();
    for (const [n, day] of [[1, '07'], [2, '08'], [3, '09']] as const) room.publish({ slug: `s${n}`, title: `Story number ${n}`, paragraphs: story(`story ${n}`), published: new Date(`2026-03-${day}T06:00:00Z`) });
    const added = await run(feeds, ['add', room.feedUrl, '--backfill', '2']);
    expect(added).toEqual({
      code: 0,
      stderr: '',
      stdout:
        `Subscribed to The Steppe Ledger (${room.feedUrl}).\n` +
        `The Steppe Ledger (${room.feedUrl}): imported 2, skipped 0 (first check: the newest 2 items taken as new, as asked; 1 item already in the feed recorded, not imported)\n` +
        '  + 2026-03-08-story-number-2.md  (Story number 2)\n  + 2026-03-09-story-number-3.md  (Story number 3)\n',
    });
    expect((await readdir(knowledgeDir)).sort()).toEqual(['2026-03-08-story-number-2.md', '2026-03-09-story-number-3.md']);
    expect(room.pageRequests()).toEqual(['/articles/s2', '/articles/s3']);
    expect((await run(feeds, ['list'])).stdout).toContain('imported 2, skipped 0; 1 item already in the feed at its first check recorded, not imported');
  });

  it('poll exits 1 when a feed failed, saying why; list shows the last error; after 10 it is paused, and resume starts it again', async () => {
    const { run, clock } = setUp();
    const room = await startNewsroom();
    room.publish({ slug: 'a', title: 'A story', paragraphs: story('a'), published: new Date('2026-03-09T06:00:00Z') });
    await run(feeds, ['add', room.feedUrl]);
    room.failFeed((_req, res) => void res.writeHead(502).end());
    clock.advance(30 * 60_000);
    const polled = await run(feeds, ['poll']);
    expect(polled.code).toBe(1);
    expect(polled.stdout).toMatch(/^The Steppe Ledger \(.*\): ✗ 127\.0\.0\.1:\d+ answered 502 Bad Gateway \(next try 2026-03-10 06:35 UTC\)\n$/);
    const host = new URL(room.feedUrl).host;
    expect((await run(feeds, ['list'])).stdout.split('\n')).toEqual([
      `The Steppe Ledger — ${room.feedUrl}`,
      expect.stringMatching(/^  keywords: none \(every item\); added 2026-03-10 06:00 UTC by cli:/),
      '  next check: 2026-03-10 06:35 UTC',
      '  last success: 2026-03-10 06:00 UTC; imported 0, skipped 0; 1 item already in the feed at its first check recorded, not imported',
      `  last error (2026-03-10 06:30 UTC, 1 failed check in a row): ${host} answered 502 Bad Gateway`,
      '',
    ]);

    // Nine more failed polls: paused, and the team told (a poll prints the notice on stderr).
    let last = polled;
    for (let i = 2; i <= 10; i++) {
      clock.advance(60 * 60_000);
      last = await run(feeds, ['poll']);
    }
    expect(last).toMatchObject({ code: 1, stdout: `The Steppe Ledger (${room.feedUrl}): ✗ paused: ${host} answered 502 Bad Gateway\n`, stderr: expect.stringMatching(/^Feed “The Steppe Ledger” .* is paused after 10 failed checks in a row\./) });
    const paused = (await run(feeds, ['list'])).stdout;
    expect(paused).toContain(`  PAUSED since ${clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC: 10 failed checks in a row; the last: ${host} answered 502 Bad Gateway\n`);
    expect(paused).toContain(`, 10 failed checks in a row): ${host} answered 502 Bad Gateway`);
    const requests = room.feedRequests().length;
    expect(await run(feeds, ['poll'])).toMatchObject({ code: 0, stdout: 'No feeds to check.\n' }); // a paused feed is not checked
    expect(room.feedRequests()).toHaveLength(requests);

    // Fixed, and resumed from the shell.
    room.failFeed(undefined);
    expect(await run(feeds, ['resume', room.feedUrl])).toEqual({ code: 0, stderr: '', stdout: `Resumed ${room.feedUrl}: it is checked at the next round (the bot's, or npm run feeds -- poll).\n` });
    const resumed = (await run(feeds, ['list'])).stdout;
    expect(resumed).toContain(`  next check: ${clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
    expect(resumed).toContain(', not checked since it was resumed): ');
    clock.advance(60_000);
    expect(await run(feeds, ['poll'])).toMatchObject({ code: 0, stdout: `The Steppe Ledger (${room.feedUrl}): nothing new (not modified)\n` });
    expect((await run(feeds, ['list'])).stdout).toContain(', since recovered): ');
    expect(await run(feeds, ['resume', room.feedUrl])).toMatchObject({ code: 0, stdout: `${room.feedUrl} was not paused; it is checked at the next round.\n` });
  });

  it('runs as a real process', async () => {
    const { env } = setUp();
    const room = await startNewsroom();
    room.publish({ slug: 'a', title: 'A story', paragraphs: story('a'), published: new Date('2026-03-09T06:00:00Z') });
    const added = await processRun('src/cli/feeds.ts', ['add', room.feedUrl], env);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Subscribed to The Steppe Ledger') });
    const listed = await processRun('src/cli/feeds.ts', ['list'], env);
    expect(listed).toMatchObject({ code: 0, stdout: expect.stringContaining(room.feedUrl) });
  });
});
