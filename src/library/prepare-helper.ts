import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Analysis } from '../core/analysis';
import { startProjectWorker } from '../util/project-worker';
import type { AnalysisFiles } from './analysis-data';
import { prepareFiles, type PreparedFile } from './prepare-files';
import type { FileInfo } from './knowledge-folder';

/** What a helper thread needs to load the same analysis as the builder (see loadAnalysis). */
export interface HelperAnalysis {
  cacheDir?: string;
  analysisFiles?: AnalysisFiles;
  /** The builder's analysis key: a helper that loads other data (a data file changed meanwhile) stops. */
  analysisKey: string;
  /** Fewer files than this are all prepared by the builder (HELPER_MIN_FILES unless given). */
  minFiles?: number;
}

/** What prepare-worker.ts is given. */
export interface PrepareRequest extends HelperAnalysis {
  dir: string;
  /** Its share of the files, in chunks, each handed back as one message in this order. */
  chunks: FileInfo[][];
}

/** Files per chunk: few enough that the builder seldom waits, many enough that messages are few. */
const CHUNK_FILES = 20;
/**
 * Of every 5 chunks the helper prepares 4 and the builder 1, since the builder also indexes them
 * all (at 5× on two cores, a first build took 8.7 s with 2 of 5, 7.8 s with 3, 6.9–7.2 s with 4,
 * 7.9 s with all 5; 11 s with no helper).
 */
const HELPER_SHARE = 4;
const SHARE_OF = 5;
/** Chunks the helper may have handed over before the builder takes them (its results wait in memory). */
export const HELPER_AHEAD = 8;
/**
 * Below this many files the helper costs more than it saves: it loads the analysis data before its
 * first chunk, while the builder waits (cold `ask` at 1×, 502 files: 3.7–3.9 s alone, 3.9–4.4 s
 * with a helper; at 5×, 2,502 files, 10.7–11.0 → 9.1 s).
 */
export const HELPER_MIN_FILES = 1_000;

/**
 * The folder's files read and prepared for the engine, in the listing's order, a share of them in a
 * helper thread (prepare-worker.ts) while this thread prepares the rest and indexes: on a machine
 * of two cores the build takes a third less time. When the helper cannot help (one core,
 * a small folder, the helper failed), this thread prepares every file itself: the same results.
 */
export async function* preparedInOrder(
  dir: string,
  files: readonly FileInfo[],
  analysis: Analysis,
  helperAnalysis?: HelperAnalysis,
  counts: { byHelper: number } = { byHelper: 0 },
): AsyncGenerator<PreparedFile> {
  if (!helperAnalysis || files.length < (helperAnalysis.minFiles ?? HELPER_MIN_FILES) || availableParallelism() < 2) {
    yield* prepareFiles(dir, files, analysis);
    return;
  }
  const chunks: FileInfo[][] = [];
  for (let at = 0; at < files.length; at += CHUNK_FILES) chunks.push(files.slice(at, at + CHUNK_FILES));
  const helpers = (index: number) => index % SHARE_OF < HELPER_SHARE;
  const helper = startHelper({ ...helperAnalysis, dir, chunks: chunks.filter((_, index) => helpers(index)) });
  let helperChunks = 0;
  try {
    for (let index = 0; index < chunks.length; index++) {
      const done = helpers(index) ? await helper.chunk(helperChunks++) : undefined;
      if (done) {
        counts.byHelper += done.length;
        yield* done;
      } else yield* prepareFiles(dir, chunks[index]!, analysis);
    }
  } finally {
    await helper.stop();
  }
}

interface Helper {
  /** The helper's chunk of that number (in its share), or undefined when the helper has stopped (failed) before handing it over: then this thread prepares it. */
  chunk(number: number): Promise<PreparedFile[] | undefined>;
  stop(): Promise<void>;
}

/** A chunk as the helper hands it over: its number in the helper's share, and its files. */
export interface PreparedChunk {
  number: number;
  files: PreparedFile[];
}

function startHelper(request: PrepareRequest): Helper {
  const received = new Map<number, PreparedFile[]>();
  let waiting: { number: number; resolve: (files: PreparedFile[] | undefined) => void } | undefined;
  let stopped = false;
  const worker: Worker = startProjectWorker(import.meta.url, 'prepare-worker', { workerData: request, stdout: false, stderr: false });
  const take = (number: number) => {
    const files = received.get(number);
    received.delete(number);
    if (files && !stopped) worker.postMessage('taken');
    return files;
  };
  worker.on('message', ({ number, files }: PreparedChunk) => {
    received.set(number, files);
    if (waiting?.number === number) waiting.resolve(take(number));
  });
  // A chunk handed over late, after its turn passed, is never taken: this thread prepared it.
  const end = () => {
    stopped = true;
    waiting?.resolve(take(waiting.number));
  };
  worker.on('error', end);
  worker.on('exit', end);
  return {
    chunk(number) {
      if (received.has(number) || stopped) return Promise.resolve(take(number));
      return new Promise((resolve) => (waiting = { number, resolve }));
    },
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}
