/**
 * A first build with a helper thread preparing a share of the files (see preparedInOrder): the
 * same cache file, to the byte, as a build that prepares every file itself, whatever the helper
 * does; only quicker.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleMarkdown } from '../scripts/brown-folder';
import { buildFromFolder } from '../src/library/build';
import { encodeLibraryCache } from '../src/library/library-cache';
import type { HelperAnalysis } from '../src/library/prepare-helper';
import { brownArticles } from './support/brown';
import { teamLoadedAnalysis } from './support/engine';
import { temporaryDir } from './support/temporary-dir';

let folder: string;

/** The cache file's bytes of a build from nothing, with the helper given (or none), and what the build found. */
async function build(helper?: HelperAnalysis) {
  const { analysis, key } = teamLoadedAnalysis();
  const built = await buildFromFolder(folder, analysis, { helper });
  return { bytes: encodeLibraryCache(key, built.engine.save(), built.sources), problems: built.problems, byHelper: built.preparedByHelper, articles: built.engine.articles.length };
}

beforeAll(() => {
  // Enough files for a helper (fewer than minFiles are prepared on one thread), with a file that
  // cannot be read as an article and one repeating another's title among them, in both shares.
  folder = temporaryDir('kz-helper-');
  mkdirSync(join(folder, 'brown'));
  const brown = brownArticles().slice(0, 230);
  brown.forEach((article) => writeFileSync(join(folder, `${article.file}.md`), articleMarkdown(article)));
  writeFileSync(join(folder, 'brown', 'ca01-bad.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
  writeFileSync(join(folder, 'brown', 'zz-same-title.md'), articleMarkdown(brown[3]!));
  writeFileSync(join(folder, 'brown', 'cb05-same-title.md'), articleMarkdown(brown[200]!));
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of [...brown.map((article) => `${article.file}.md`), 'brown/ca01-bad.md', 'brown/zz-same-title.md', 'brown/cb05-same-title.md']) utimesSync(join(folder, file), anHourAgo, anHourAgo);
});

describe('a first build with a helper thread', () => {
  it('writes the same cache file, to the byte, as a build on one thread, and the helper prepared most files', { timeout: 60_000 }, async () => {
    expect(availableParallelism()).toBeGreaterThan(1);
    const alone = await build();
    const { key } = teamLoadedAnalysis();
    const helped = await build({ analysisKey: key, minFiles: 200 });
    expect(alone.byHelper).toBe(0);
    expect((await build({ analysisKey: key })).byHelper).toBe(0); // 233 files: fewer than a helper pays for
    expect(helped.byHelper).toBeGreaterThan(150);
    expect(helped.problems).toEqual(alone.problems);
    // Of two files with one title the first by name is the article: the copy named cb05 sorts before its original.
    expect(alone.problems.map((problem) => problem.file)).toEqual(['brown/ca01-bad.md', `${brownArticles()[200]!.file}.md`, 'brown/zz-same-title.md']);
    expect(helped.articles).toBe(230);
    expect(helped.bytes.equals(alone.bytes)).toBe(true);
  });

  it('is done on this thread, the same, when the helper fails (here: its data files say other than the build’s)', { timeout: 60_000 }, async () => {
    const alone = await build();
    const failed = await build({ analysisKey: 'another-key', minFiles: 200 });
    expect(failed.byHelper).toBe(0);
    expect(failed.bytes.equals(alone.bytes)).toBe(true);
  });
});
