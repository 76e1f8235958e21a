import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether a module is the program node was started with (so that its `main` runs). */
export function isEntry(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(resolve(process.argv[1])).href;
}
