/** Reading pages in a worker thread: the same articles as in this thread, and this thread free meanwhile. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/ingest/extract';
import { createOffThreadExtractor } from '../../src/ingest/extract-off-thread';
import { createLogger } from '../../src/util/logger';
import { LogCapture } from '../support/log-capture';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function extractor(options: Parameters<typeof createOffThreadExtractor>[1] = {}) {
  const logs = new LogCapture();
  const made = createOffThreadExtractor(createLogger('debug', logs.stream), options);
  closers.push(() => made.close());
  return { ...made, logs };
}

/** A long page: a few hundred KB of HTML, as a news page with its markup is. */
function longPage(): string {
  const paragraph = (i: number) => `<div class="row"><div class="cell"><p>Paragraph ${i} of the report says that Kazakhstan and the United States discussed tungsten, rare earths and gallium in Astana and in Washington this week.</p></div></div>`;
  return `<html><head><meta property="og:type" content="article"><title>A long report</title></head><body><article><h1>A long report</h1>${Array.from({ length: 500 }, (_, i) => paragraph(i)).join('')}</article></body></html>`;
}

describe('extraction in a worker thread', () => {
  it('gives what extraction in this thread gives: the article, or the reason there is none', async () => {
    const { extract } = extractor();
    const pages: [string, string][] = [
      [fixture('article-tungsten.html'), 'https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit'],
      [fixture('section-page.html'), 'https://steppe-ledger.example/mining/'],
      [fixture('no-article.html'), 'https://steppe-ledger.example/'],
    ];
    const results = await Promise.all(pages.map(([html, url]) => extract(html, url)));
    expect(results).toEqual(pages.map(([html, url]) => extractArticle(html, url)));
    expect(results.map((result) => result.ok)).toEqual([true, false, false]);
  });

  it('leaves this thread free while it reads a long page: the event loop keeps turning', async () => {
    const { extract } = extractor();
    await extract(fixture('article-tungsten.html'), 'https://steppe-ledger.example/a'); // the worker started and loaded
    let turns = 0;
    let reading = true;
    const turn = () => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    const result = await extract(longPage(), 'https://steppe-ledger.example/long');
    reading = false;
    expect(result.ok).toBe(true);
    // In this thread the page would be read before the loop turned once.
    expect(turns).toBeGreaterThan(10);
  });

  it('reads the pages in this thread when the worker fails, and says so once; tries a worker again only later', async () => {
    // A worker that dies as it starts (out of memory, a broken install).
    let started = 0;
    const { extract, logs } = extractor({ startWorker: () => (started++, new Worker('process.exit(3)', { eval: true })) });
    const [html, url] = [fixture('article-tungsten.html'), 'https://steppe-ledger.example/a'];
    expect(await Promise.all([extract(html, url), extract(html, url)])).toEqual([extractArticle(html, url), extractArticle(html, url)]);
    // The next pages too, without starting a worker each time (one that cannot start would fail every time).
    expect(await extract(html, url)).toEqual(extractArticle(html, url));
    expect(started).toBe(1);
    expect(logs.atLeast(40).map((entry) => entry.msg)).toEqual([expect.stringContaining('extraction worker failed (it stopped with exit code 3); pages are read in the main thread for 10 minutes')]);
  });

  it('gives up a page not read within the time limit, and reads the pages after it in a new worker', async () => {
    // A stand-in worker that loops forever on one page (as a parser sent into a loop would) and answers the others.
    const code = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', ({ id, html, pageUrl }) => {
        if (html === 'loops') for (;;) {}
        parentPort.postMessage({ id, result: { ok: false, reason: 'read ' + pageUrl } });
      });`;
    let started = 0;
    const { extract, logs } = extractor({ timeLimitMs: 1000, startWorker: () => (started++, new Worker(code, { eval: true })) });
    const results = await Promise.all([extract('fine', 'https://a.example/1'), extract('loops', 'https://a.example/2'), extract('fine', 'https://a.example/3')]);
    expect(results).toEqual([
      { ok: false, reason: 'read https://a.example/1' },
      { ok: false, reason: 'not an article: the page could not be read in 1 s' },
      { ok: false, reason: 'read https://a.example/3' },
    ]);
    expect(started).toBe(2);
    expect(logs.atLeast(40).map((entry) => entry.msg)).toEqual(['extraction: https://a.example/2 was not read in 1 s; given up']);
  });

  it('starts again after it was stopped for being idle, and after it was closed', async () => {
    const { extract, close } = extractor({ idleMs: 10 });
    const url = 'https://steppe-ledger.example/a';
    expect((await extract(fixture('article-tungsten.html'), url)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await extract(fixture('article-tungsten.html'), url)).ok).toBe(true);
    await close();
    expect((await extract(fixture('article-tungsten.html'), url)).ok).toBe(true);
  });
});
