/**
 * `npm run bench:feeds`: what a check round costs when nothing is new. 50 feeds, each on its own
 * local server (its own host, as real feeds are), all answering 304 to the conditional request;
 * the servers run in a child process so that only the checking side's CPU is counted. Rounds are
 * 5 s apart (new connections each round, no politeness wait: what a round every 30 minutes costs).
 * Prints the CPU time (user + system) of each round, its median, best and worst; the target is
 * under 50 ms. One round before the timed ones warms the code up.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock';
import { createIngest } from '../src/ingest/ingest';
import { createLogger } from '../src/logger';

const FEEDS = 50;
const ROUNDS = 9;
/** Between rounds: longer than undici's keep-alive (4 s) and the 2 s politeness gap, so each round opens new connections and waits for no host, as a round every 30 minutes does. */
const PAUSE_MS = 5000;

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
    await ingest.feeds.checkAll(); // warm-up
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const before = process.cpuUsage();
      const started = performance.now();
      const reports = await ingest.feeds.checkAll();
      const cpu = process.cpuUsage(before);
      const wall = performance.now() - started;
      const notModified = reports.filter((r) => r.status === 'not-modified').length;
      if (notModified !== FEEDS) throw new Error(`round ${round}: ${notModified} of ${FEEDS} answered 304`);
      rounds.push((cpu.user + cpu.system) / 1000);
      console.log(`round ${round + 1}: ${FEEDS} feeds, all 304: ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU (user ${(cpu.user / 1000).toFixed(1)}, system ${(cpu.system / 1000).toFixed(1)}), ${wall.toFixed(0)} ms wall`);
    }
    const sorted = [...rounds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`CPU per check round of ${FEEDS} feeds answering 304: median ${median.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms (target < 50 ms)`);
    console.log(`(CPU time is inflated when other processes share the cores: load average now ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores)`);
  } finally {
    await ingest.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
