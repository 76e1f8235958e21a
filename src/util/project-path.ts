import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is), found from this file whether it runs as TypeScript or compiled. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project folder (no package.json above src/util)');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();

/** A path inside the project: `projectPath('data', 'vocabulary.json')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
