import type { Worker } from 'node:worker_threads';
import { startProjectWorker } from '../util/project-worker';
import { removeOwnTemporaries } from '../util/atomic-file';
import type { Logger } from '../util/logger';
import type { AnalysisFiles } from './analysis-data';
import type { BuildProgress } from './build';
import { libraryCacheFile } from './library-cache';

/** What the cache builder is asked to do. */
export interface BuildRequest {
  knowledgeDir: string;
  /** Where the cache file is written; without it the bytes are only handed back. */
  cacheDir?: string;
  analysisFiles?: AnalysisFiles;
  /** The key the caller's analysis has: the builder refuses to build with other data. */
  analysisKey: string;
  useInternals?: boolean;
  /** False when only the file is wanted (a rewrite): the bytes are not handed back (unless the file could not be written). */
  returnBytes?: boolean;
  /** Start from the cache file there is, reading only the files changed since (a rewrite; see cacheUpdatedFromFile), rather than from nothing. */
  fromCache?: boolean;
}

export type BuildMessage =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'done'; bytes: Uint8Array; articles: number; passages: number; filesRead: number; fromCache: boolean; writeError?: string }
  | { type: 'failed'; message: string };

export interface BuildResult {
  bytes: Buffer;
  articles: number;
  passages: number;
  /** How many knowledge files were read: every one, unless the build started from the cache file (see BuildRequest.fromCache). */
  filesRead: number;
  fromCache: boolean;
  /** Why the cache file could not be written, if it could not (the bytes are still good). */
  writeError?: string;
}

/** The cache builder's worker (build-worker.ts), compiled or as TypeScript as this module runs (see startProjectWorker). */
function startWorker(workerData: BuildRequest): Worker {
  return startProjectWorker(import.meta.url, 'build-worker', { workerData, stdout: false, stderr: false });
}

/**
 * Builds the library's cache in a worker thread, so that the thread answering questions (and
 * reading Discord's gateway) never waits for it. Resolves with the cache file's bytes; rejects when
 * the build fails or `signal` aborts it: the worker is stopped at once, and the rejection comes once
 * it has stopped and the temporary file it may have been writing is removed (so that a program
 * exiting then leaves no half-written file).
 */
export function buildInWorker(request: BuildRequest, log: Logger, signal?: AbortSignal): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = startWorker(request);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      outcome();
      void worker.terminate();
    };
    const abort = () => {
      if (settled) return;
      settled = true;
      signal!.removeEventListener('abort', abort);
      void worker
        .terminate()
        .then(() => (request.cacheDir ? removeOwnTemporaries(libraryCacheFile(request.cacheDir, request.knowledgeDir, request.analysisKey)) : undefined))
        .catch(() => {})
        .finally(() => reject(signal!.reason));
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: BuildMessage) => {
      if (message.type === 'progress') {
        const { progress } = message;
        if (progress.stage === 'reading') log.info(`Reading the knowledge folder: ${progress.done.toLocaleString('en-US')} of ${progress.of.toLocaleString('en-US')} files…`);
        else if (progress.passages > 5_000) log.info(`Indexing ${progress.passages.toLocaleString('en-US')} passages…`);
      } else if (message.type === 'done') {
        const { bytes, ...counts } = message;
        finish(() => resolve({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ...counts }));
      } else {
        finish(() => reject(new Error(`the cache builder failed: ${message.message}`)));
      }
    });
    worker.on('error', (err) => finish(() => reject(new Error(`the cache builder failed: ${err.message}`, { cause: err }))));
    worker.on('exit', (code) => finish(() => reject(new Error(`the cache builder stopped (exit code ${code}) before it was done`))));
  });
}
