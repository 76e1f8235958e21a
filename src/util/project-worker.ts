import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { projectPath } from './project-path';

/** Whether dist/ is as new as every source, looked for once per process (it stats every source). */
let distFresh: boolean | undefined;

function isDistFresh(): boolean {
  if (distFresh !== undefined) return distFresh;
  try {
    const built = statSync(projectPath('dist', '.built')).mtimeMs;
    const sources = readdirSync(projectPath('src'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.ts'));
    distFresh = sources.every((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs <= built);
  } catch {
    distFresh = false;
  }
  return distFresh;
}

/**
 * A worker thread running the project's module `name` from the folder of `callerUrl` (the caller's
 * import.meta.url): the compiled `name.js` when the caller is compiled; when it runs as TypeScript
 * (tests, tsx), the compiled copy in dist/ if dist/ is as new as every source (it starts in a
 * fraction of the time), else `name.ts` through tsx registered in the new thread (a worker does not
 * inherit the loader the main thread was started with).
 */
export function startProjectWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const source = fileURLToPath(new URL(`./${name}.ts`, callerUrl));
  const compiled = projectPath('dist', relative(projectPath(), source).replace(/\.ts$/, '.js'));
  if (isDistFresh() && statSync(compiled, { throwIfNoEntry: false })?.isFile()) return new Worker(compiled, options);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL(`./${name}.ts`, callerUrl).href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
