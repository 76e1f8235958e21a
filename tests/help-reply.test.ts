/** /help's examples: an article is named only if the library has it; otherwise the example shows what a file name looks like. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpReply } from '../src/bot/replies/help';
import type { Library } from '../src/library/library';
import { renderText } from '../src/terminal/render-text';
import { articleFile } from './support/article-file';
import { openLibrary } from './support/engine';
import { temporaryDir } from './support/temporary-dir';

const libraries: Library[] = [];
afterAll(async () => {
  await Promise.all(libraries.map((library) => library.close()));
});

async function library(files: Record<string, string>) {
  const dir = join(temporaryDir('help-'), 'knowledge');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const opened = await openLibrary(dir);
  libraries.push(opened);
  return opened;
}

/** The examples of /knowledge remove and /knowledge restore, as printed. */
const articleExamples = (text: string) => text.split('\n').filter((line) => /e\.g\. \/knowledge (remove|restore) /.test(line));

describe('/help, the examples that name an article', () => {
  it('name the newest article of the library by its file name, as /knowledge remove lists it first', async () => {
    const served = await library({
      '2026-01-05-gallium.md': articleFile({ title: 'Gallium exports rise', published: '2026-01-05', body: 'Gallium exports from Pavlodar rose.' }),
      '2026-02-10-lithium.md': articleFile({ title: 'Lithium survey begins', published: '2026-02-10', body: 'A lithium survey began in East Kazakhstan.' }),
    });
    expect(articleExamples(renderText(helpReply(served)))).toEqual([
      '  e.g. /knowledge remove article: 2026-02-10-lithium.md',
      '  e.g. /knowledge restore article: 2026-02-10-lithium.md',
    ]);
  });

  it('are a placeholder, clearly not an article, without a library or with no article in it; never an article the library does not have', async () => {
    const placeholder = ['  e.g. /knowledge remove article: YYYY-MM-DD-short-title.md', '  e.g. /knowledge restore article: YYYY-MM-DD-short-title.md'];
    expect(articleExamples(renderText(helpReply()))).toEqual(placeholder);
    expect(articleExamples(renderText(helpReply(await library({}))))).toEqual(placeholder);
  });
});
