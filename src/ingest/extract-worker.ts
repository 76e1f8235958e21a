/**
 * The extractor's worker thread: parses pages and extracts their articles (extract.ts) off the
 * thread that answers questions. Started by extract-off-thread.ts; not run directly.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle, type Extraction } from './extract';
import type { ExtractRequest, ExtractReply } from './extract-off-thread';

parentPort!.on('message', ({ id, html, pageUrl }: ExtractRequest) => {
  let result: Extraction;
  try {
    result = extractArticle(html, pageUrl);
  } catch (err) {
    result = { ok: false, reason: `not an article: the page could not be read (${(err as Error).message})` };
  }
  parentPort!.postMessage({ id, result } satisfies ExtractReply);
});
