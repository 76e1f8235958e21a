import type { Worker } from 'node:worker_threads';
import { startProjectWorker } from '../util/project-worker';
import type { Logger } from '../util/logger';
import type { Extraction } from './extract';

/** Extracts the article of a page (see extract.ts). */
export type Extract = (html: string, pageUrl: string) => Promise<Extraction>;

export interface ExtractRequest {
  id: number;
  html: string;
  pageUrl: string;
}

export interface ExtractReply {
  id: number;
  result: Extraction;
}

/** In this thread: what a one-shot command line needs (nothing else waits on it). */
export const extractHere: Extract = async (html, pageUrl) => {
  const { extractArticle } = await import('./extract'); // loaded when first needed: its DOM takes half a second to load
  return extractArticle(html, pageUrl);
};

/** A worker idle this long is stopped: its DOM and parsers hold tens of MB, and most hours import nothing. */
const IDLE_MS = 60_000;
/** After a worker failed, pages are read in the main thread this long before a worker is tried again (a broken install would fail each time). */
const RETRY_WORKER_AFTER_MS = 10 * 60_000;
/** A page not read in this long is given up (a page that sends the parser into a loop): the worker is stopped, the others go to a new one. */
const TIME_LIMIT_MS = 30_000;

interface Pending {
  html: string;
  pageUrl: string;
  resolve: (result: Extraction) => void;
  reject: (err: unknown) => void;
}

/**
 * Extraction in a worker thread, for the bot: reading a page takes about 1.4 ms per KB of HTML
 * (a 200 KB news page, a quarter of a second), which on the thread that reads Discord's gateway
 * would hold every interaction arriving meanwhile. One worker, started when first needed and
 * stopped when idle; it reads pages in the order asked, each within a time limit. If it fails, what
 * it had been asked, and what is asked for a while after, is extracted here instead.
 */
export function createOffThreadExtractor(
  log: Logger,
  options: { idleMs?: number; timeLimitMs?: number; startWorker?: () => Worker } = {},
): { extract: Extract; close(): Promise<void> } {
  const idleMs = options.idleMs ?? IDLE_MS;
  const timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
  const startWorker = options.startWorker ?? (() => startProjectWorker(import.meta.url, 'extract-worker', { stdout: false, stderr: false }));
  /** In the order asked, which is the order the worker reads them: the first is the one being read. */
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let limitTimer: NodeJS.Timeout | undefined;
  /** Until when pages are read in the main thread, after a worker failed. */
  let brokenUntil = 0;

  const stop = () => {
    clearTimeout(idleTimer);
    clearTimeout(limitTimer);
    const stopping = worker;
    worker = undefined;
    return stopping?.terminate().then(() => undefined);
  };

  /** Times the page being read now, if any. */
  const timeFirst = () => {
    clearTimeout(limitTimer);
    const [first] = pending.keys();
    if (first !== undefined) limitTimer = setTimeout(() => tooLong(first), timeLimitMs).unref();
  };

  const send = (request: Pending) => {
    if (Date.now() < brokenUntil) return void extractHere(request.html, request.pageUrl).then(request.resolve, request.reject);
    clearTimeout(idleTimer);
    worker ??= start();
    const id = nextId++;
    pending.set(id, request);
    worker.postMessage({ id, html: request.html, pageUrl: request.pageUrl } satisfies ExtractRequest);
    if (pending.size === 1) timeFirst();
  };

  /** Takes the pages not read yet from a worker that is being stopped. */
  const takePending = () => {
    const left = [...pending.values()];
    pending.clear();
    return left;
  };

  const tooLong = (id: number) => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    void stop();
    const seconds = Math.round(timeLimitMs / 100) / 10;
    log.warn({ page: request.pageUrl }, `extraction: ${request.pageUrl} was not read in ${seconds} s; given up`);
    request.resolve({ ok: false, reason: `not an article: the page could not be read in ${seconds} s` });
    for (const other of takePending()) send(other);
  };

  const fail = (failed: Worker, reason: string) => {
    if (worker !== failed) return;
    void stop();
    brokenUntil = Date.now() + RETRY_WORKER_AFTER_MS;
    const left = takePending();
    log.warn({ reason, pages: left.length }, `extraction worker failed (${reason}); pages are read in the main thread for ${RETRY_WORKER_AFTER_MS / 60_000} minutes, then a worker is tried again`);
    for (const request of left) send(request);
  };

  const start = (): Worker => {
    const started = startWorker();
    // The bot's own work keeps the process alive, not an idle extractor.
    started.unref();
    started.on('message', ({ id, result }: ExtractReply) => {
      const request = pending.get(id);
      if (!request) return;
      pending.delete(id);
      request.resolve(result);
      timeFirst();
      if (pending.size === 0) idleTimer = setTimeout(() => void stop(), idleMs).unref();
    });
    started.on('error', (err) => fail(started, err.message));
    started.on('exit', (code) => fail(started, `it stopped with exit code ${code}`));
    return started;
  };

  return {
    extract: (html, pageUrl) => new Promise((resolve, reject) => send({ html, pageUrl, resolve, reject })),
    async close() {
      await stop();
      for (const request of takePending()) request.reject(new Error('the extractor was closed'));
    },
  };
}
