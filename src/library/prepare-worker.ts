/**
 * A helper of the cache builder: reads and prepares its share of a folder's files (see
 * preparedInOrder) and hands each chunk back in order, never more than HELPER_AHEAD chunks ahead of
 * what the builder has taken. Started by prepare-helper.ts; not run directly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalysis } from './analysis-data';
import { prepareFiles, type PreparedFile } from './prepare-files';
import { HELPER_AHEAD, type PreparedChunk, type PrepareRequest } from './prepare-helper';

const request = workerData as PrepareRequest;
const port = parentPort!;
let ahead = 0;
let taken: (() => void) | undefined;
port.on('message', () => {
  ahead--;
  taken?.();
  taken = undefined;
});

const loaded = await loadAnalysis({ cacheDir: request.cacheDir, files: request.analysisFiles });
if (loaded.key !== request.analysisKey) throw new Error('the data files changed while the cache was being built');
for (const [number, chunk] of request.chunks.entries()) {
  const files: PreparedFile[] = [];
  for await (const file of prepareFiles(request.dir, chunk, loaded.analysis)) files.push(file);
  while (ahead >= HELPER_AHEAD) await new Promise<void>((resolve) => (taken = resolve));
  ahead++;
  port.postMessage({ number, files } satisfies PreparedChunk);
}
port.close();
