/**
 * Writes a knowledge folder for benchmarks: the project's knowledge/ articles plus the Brown
 * corpus `copies` times over, one Markdown file per text (`brown/ca01-2.md`, …), as the team would
 * add articles.
 *
 *   node --import tsx scripts/brown-folder.ts --copies 5 --out /tmp/brown-5x
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ArticleText } from '../src/core/types';
import { projectPath } from '../src/util/project-path';
import { loadBrownArticles } from './brown';

/** An article as a knowledge file (front matter values quoted as JSON, which is YAML too). */
export function articleMarkdown(article: Omit<ArticleText, 'file'>): string {
  const fields = [`title: ${JSON.stringify(article.title)}`];
  if (article.publisher) fields.push(`publisher: ${JSON.stringify(article.publisher)}`);
  if (article.published) fields.push(`published: ${article.published}`);
  if (article.url) fields.push(`url: ${article.url}`);
  return `---\n${fields.join('\n')}\n---\n\n${article.body}\n`;
}

/** Writes the folder (with `articles`, only the first that many Brown texts); returns the number of article files written. */
export function writeBrownFolder(out: string, copies: number, articles?: number): number {
  mkdirSync(join(out, 'brown'), { recursive: true });
  cpSync(projectPath('knowledge'), out, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  let written = 0;
  const brown = loadBrownArticles().slice(0, articles);
  for (let copy = 1; copy <= copies; copy++) {
    for (const article of brown) {
      const id = article.file.replace(/^brown\//, '');
      const title = copy === 1 ? article.title : `${article.title} #${copy}`;
      writeFileSync(join(out, 'brown', `${id}-${copy}.md`), articleMarkdown({ ...article, title }));
      written++;
    }
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { copies: { type: 'string', default: '1' }, out: { type: 'string' } } });
  const copies = Number(values.copies);
  if (!values.out || !Number.isInteger(copies) || copies < 1) {
    process.stderr.write('usage: node --import tsx scripts/brown-folder.ts --copies N --out DIR\n');
    process.exit(2);
  }
  const written = writeBrownFolder(values.out, copies);
  process.stdout.write(`${written} Brown articles (+ knowledge/) written to ${values.out}\n`);
}
