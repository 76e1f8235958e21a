/**
 * The extractor's worker thread: parses pages and extracts their articles (extract.ts) off the
 * thread that answers questions. Started by extract-off-thread.ts; not run directly.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from './extract';
import type { ExtractRequest, ExtractReply } from './extract-off-thread';

parentPort!.on('message', ({ id, html, pageUrl }: ExtractRequest) => {
  parentPort!.postMessage({ id, result: extractArticle(html, pageUrl) } satisfies ExtractReply);
});
