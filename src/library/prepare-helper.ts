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
/** Chunks the helper may have handed over before the builder takes them (its results wait in memory). */
export const HELPER_AHEAD = 8;
/** Below this many files a thread costs more to start than it saves. */
const MIN_FILES = 200;

/**
 * The folder's files read and prepared for the engine, in the listing's order, a share of them in a
 * helper thread (prepare-worker.ts) while this thread prepares the rest and indexes: on a machine
 * of two cores a first build takes a third less time. When the helper cannot help (one core,
 * a small folder, the helper failed), this thread prepares every file itself: the same results.
 */
export async function* preparedInOrder(
  dir: string,
  files: readonly FileInfo[],
  analysis: Analysis,
  helperAnalysis?: HelperAnalysis,
  counts: { byHelper: number } = { byHelper: 0 },
): AsyncGenerator<PreparedFile> {
  if (!helperAnalysis || files.length < MIN_FILES || availableParallelism() < 2) {
    yield* prepareFiles(dir, files, analysis);
    return;
  }
  const chunks: FileInfo[][] = [];
  for (let at = 0; at < files.length; at += CHUNK_FILES) chunks.push(files.slice(at, at + CHUNK_FILES));
  const helpers = (index: number) => index % 5 < HELPER_SHARE;
  const helper = startHelper({ ...helperAnalysis, dir, chunks: chunks.filter((_, index) => helpers(index)) });
  try {
    for (let index = 0; index < chunks.length; index++) {
      const done = helpers(index) ? await helper.next() : undefined;
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
  /** The helper's next chunk, or undefined when it has stopped (failed): then this thread prepares it. */
  next(): Promise<PreparedFile[] | undefined>;
  stop(): Promise<void>;
}

function startHelper(request: PrepareRequest): Helper {
  const received: PreparedFile[][] = [];
  let waiting: ((chunk: PreparedFile[] | undefined) => void) | undefined;
  let stopped = false;
  const worker: Worker = startProjectWorker(import.meta.url, 'prepare-worker', { workerData: request, stdout: false, stderr: false });
  const end = () => {
    stopped = true;
    waiting?.(undefined);
    waiting = undefined;
  };
  worker.on('message', (chunk: PreparedFile[]) => {
    if (waiting) {
      waiting(chunk);
      waiting = undefined;
    } else received.push(chunk);
  });
  worker.on('error', end);
  worker.on('exit', end);
  return {
    next() {
      const chunk = received.shift();
      if (chunk || stopped) {
        if (chunk && !stopped) worker.postMessage('taken');
        return Promise.resolve(chunk);
      }
      return new Promise((resolve) => {
        waiting = (got) => {
          if (got && !stopped) worker.postMessage('taken');
          resolve(got);
        };
      });
    },
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}
