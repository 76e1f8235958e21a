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

/**
 * Extraction in a worker thread, for the bot: reading a page takes about 1.4 ms per KB of HTML
 * (a 200 KB news page, a quarter of a second), which on the thread that reads Discord's gateway
 * would hold every interaction arriving meanwhile. One worker, started when first needed and
 * stopped when idle; if it fails, what it had been asked is extracted here instead.
 */
export function createOffThreadExtractor(log: Logger, options: { idleMs?: number; startWorker?: () => Worker } = {}): { extract: Extract; close(): Promise<void> } {
  const idleMs = options.idleMs ?? IDLE_MS;
  const startWorker = options.startWorker ?? (() => startProjectWorker(import.meta.url, 'extract-worker', { stdout: false, stderr: false }));
  const pending = new Map<number, { html: string; pageUrl: string; resolve: (result: Extraction) => void; reject: (err: unknown) => void }>();
  let worker: Worker | undefined;
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const stop = () => {
    clearTimeout(idleTimer);
    const stopping = worker;
    worker = undefined;
    return stopping?.terminate().then(() => undefined);
  };

  const fail = (failed: Worker, reason: string) => {
    if (worker !== failed) return;
    worker = undefined;
    void failed.terminate();
    log.warn({ reason, pending: pending.size }, `extraction worker failed (${reason}); pages are read in the main thread until it starts again`);
    const left = [...pending.values()];
    pending.clear();
    for (const request of left) extractHere(request.html, request.pageUrl).then(request.resolve, request.reject);
  };

  const start = (): Worker => {
    const started = startWorker();
    // The bot's own work keeps the process alive, not an idle extractor.
    started.unref();
    started.on('message', ({ id, result }: ExtractReply) => {
      const request = pending.get(id);
      pending.delete(id);
      request?.resolve(result);
      if (pending.size === 0) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => void stop(), idleMs).unref();
      }
    });
    started.on('error', (err) => fail(started, err.message));
    started.on('exit', (code) => fail(started, `it stopped with exit code ${code}`));
    return started;
  };

  return {
    extract(html, pageUrl) {
      clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { html, pageUrl, resolve, reject });
        worker!.postMessage({ id, html, pageUrl } satisfies ExtractRequest);
      });
    },
    async close() {
      await stop();
      const left = [...pending.values()];
      pending.clear();
      for (const request of left) request.reject(new Error('the extractor was closed'));
    },
  };
}
