/**
 * `npm run bench:feeds`: what a check round costs when nothing is new. 50 feeds, each on its own
 * local server (its own host, as real feeds are), all answering 304 to the conditional request;
 * the servers run in a child process so that only the checking side's CPU is counted. Rounds 5 s
 * apart open new connections (what a round every 30 minutes costs; on loopback the kernel's work
 * for both ends of each TCP handshake is charged here), rounds 2.5 s apart reuse them. Prints the
 * CPU time (user + system) of each round, and the median, best and worst of each kind; the target
 * is under 50 ms. Five rounds before the timed ones warm the code up (the bot runs for days), and
 * each feed then remembers as many items as the store keeps (2,000 gone from the feed, as after two
 * months of 30 new items a day), as a bot that has run for months does. The checking side is the
 * compiled code in dist/ (built first if a source changed), as the bot runs it.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { PROJECT_ROOT } from '../src/util/project-path';

const FEEDS = 50;
const ROUNDS = 9;
const WARM_UP_ROUNDS = 5;
/** Between rounds: longer than a kept connection lives (4 s), so each round opens new ones, as a round every 30 minutes does. */
const COLD_PAUSE_MS = 5000;
/** Between rounds: longer than the 2 s politeness gap, shorter than a kept connection lives. */
const WARM_PAUSE_MS = 2500;

if (process.argv[2] === 'servers') {
  // The child: 50 servers, each a feed of 10 items with an ETag.
  const { createServer } = await import('node:http');
  const ports: number[] = [];
  for (let i = 0; i < FEEDS; i++) {
    const items = Array.from({ length: 10 }, (_, n) => `<item><title>Feed ${i} item ${n}</title><link>http://127.0.0.1/a/${i}/${n}</link><guid>f${i}-${n}</guid><pubDate>${new Date(Date.UTC(2026, 2, 1, n)).toUTCString()}</pubDate></item>`).join('');
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${i}</title>${items}</channel></rss>`;
    const server = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push((server.address() as { port: number }).port);
  }
  process.send!(ports);
} else {
  // The compiled code the bot runs: tsx compiles this process's copy differently (it wraps every
  // function made at run time, a closure per request included, to keep its name).
  await build({ quiet: true });
  const compiled = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(PROJECT_ROOT, 'dist', path)).href)) as T;
  const { createIngest } = await compiled<typeof import('../src/ingest/ingest')>('src/ingest/ingest.js');
  const { systemClock } = await compiled<typeof import('../src/util/clock')>('src/util/clock.js');
  const { createLogger } = await compiled<typeof import('../src/util/logger')>('src/util/logger.js');
  const { REMEMBERED_GONE_ITEMS } = await compiled<typeof import('../src/ingest/feed-store')>('src/ingest/feed-store.js');
  const child = fork(new URL(import.meta.url).pathname, ['servers'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ports = await new Promise<number[]>((resolve) => child.once('message', (m) => resolve(m as number[])));
  const dir = mkdtempSync(join(tmpdir(), 'bench-feeds-'));
  const ingest = await createIngest({
    knowledgeDir: join(dir, 'knowledge'),
    stateDir: join(dir, 'state'),
    log: createLogger('warn'),
    clock: systemClock,
    allowPrivateNetwork: true,
  });
  try {
    for (const port of ports) {
      const added = await ingest.feeds.add(`http://127.0.0.1:${port}/rss.xml`, { addedBy: 'bench' });
      if (!added.ok) throw new Error(added.error);
    }
    // Warm-up: the bot runs for days, so the timed rounds run with the code compiled, as they do there.
    for (let i = 0; i < WARM_UP_ROUNDS; i++) {
      await new Promise((resolve) => setTimeout(resolve, WARM_PAUSE_MS));
      await ingest.feeds.checkAll();
    }
    // Months of items gone from each feed, as the store keeps them at most (see pruneItems).
    const monthsAgo = Date.now() - 60 * 24 * 3600_000;
    await ingest.store.update((state) => {
      for (const feed of state.feeds) {
        const gone = Array.from({ length: REMEMBERED_GONE_ITEMS }, (_, i) => {
          const link = `${feed.url.replace('/rss.xml', '')}/news/2026/${i}/a-story-that-did-not-match-the-keywords-${i}`;
          return { id: link, link, title: `A headline of the kind news feeds carry, number ${i}`, at: new Date(monthsAgo + i * 43_000).toISOString(), outcome: 'skipped' as const, reason: 'no keyword in the title, the summary or the text' };
        });
        feed.items = [...gone, ...feed.items];
      }
    });
    const measure = async (label: string, pauseMs: number) => {
      const rounds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const before = process.cpuUsage();
        const started = performance.now();
        const reports = await ingest.feeds.checkAll();
        const cpu = process.cpuUsage(before);
        const wall = performance.now() - started;
        const notModified = reports.filter((r) => r.status === 'not-modified').length;
        if (notModified !== FEEDS) throw new Error(`round ${round}: ${notModified} of ${FEEDS} answered 304`);
        rounds.push((cpu.user + cpu.system) / 1000);
        console.log(`${label} round ${round + 1}: ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU (user ${(cpu.user / 1000).toFixed(1)}, system ${(cpu.system / 1000).toFixed(1)}), ${wall.toFixed(0)} ms wall`);
      }
      const sorted = [...rounds].sort((x, y) => x - y);
      return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)}, worst ${sorted.at(-1)!.toFixed(1)}`;
    };
    // The floor, measured at the same moments: the same 50 requests made bare (node's http.get, new connections).
    const { get } = await import('node:http');
    const bare = async () => {
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await new Promise((resolve) => setTimeout(resolve, COLD_PAUSE_MS));
        const before = process.cpuUsage();
        await Promise.all(
          ports.map(
            (port) =>
              new Promise<void>((resolve, reject) => {
                const request = get({ host: '127.0.0.1', port, path: '/rss.xml', headers: { 'if-none-match': '"v1"' }, agent: false }, (response) => {
                  response.resume();
                  response.on('end', resolve);
                });
                request.on('error', reject);
              }),
          ),
        );
        const cpu = process.cpuUsage(before);
        times.push((cpu.user + cpu.system) / 1000);
      }
      const sorted = times.sort((x, y) => x - y);
      return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)}, worst ${sorted.at(-1)!.toFixed(1)}`;
    };
    const floor = await bare();
    const cold = await measure('new connections', COLD_PAUSE_MS);
    const warm = await measure('kept connections', WARM_PAUSE_MS);
    const { loadavg, availableParallelism } = await import('node:os');
    console.log(`CPU per check round of ${FEEDS} feeds all answering 304, each remembering ${REMEMBERED_GONE_ITEMS} items gone from it (target < 50 ms):`);
    console.log(`  new connections (a round every 30 minutes): ${cold}`);
    console.log(`  kept connections (rounds 2.5 s apart):      ${warm}`);
    console.log(`  for comparison, the same 50 requests made bare (http.get, new connections, nothing else): ${floor}`);
    console.log(`  load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: CPU time grows when other processes share them`);
  } finally {
    await ingest.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
