import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDir } from './support/temporary-dir';
import { parseArticle } from '../src/core/knowledge';
import { loadKnowledge } from '../src/library/knowledge-folder';

const enc = (text: string) => new TextEncoder().encode(text);
const good = (title = 'A title', extra = '') => `---\ntitle: ${title}\npublisher: Someone\npublished: 2025-01-02\nurl: https://example.com/a\ntags: [tungsten]\n${extra}---\n\nBody text.\n`;

function reasonFor(text: string | Uint8Array): string {
  const result = parseArticle('x.md', typeof text === 'string' ? enc(text) : text);
  if (!('reason' in result)) throw new Error('expected a problem');
  return result.reason;
}

describe('knowledge files', () => {
  it('reads the front matter and body of a valid file', () => {
    const result = parseArticle('a.md', enc(good()));
    expect(result).toEqual({
      article: { file: 'a.md', title: 'A title', publisher: 'Someone', published: '2025-01-02', url: 'https://example.com/a', tags: ['tungsten'], body: 'Body text.' },
    });
  });

  it('names what is wrong with a bad file', () => {
    expect(reasonFor('')).toBe('is empty');
    expect(reasonFor('No front matter here')).toMatch(/has no front matter/);
    expect(reasonFor('---\ntitle: [unclosed\n---\nBody')).toMatch(/not valid YAML/);
    expect(reasonFor('---\npublisher: X\n---\nBody')).toMatch(/title is required/);
    expect(reasonFor('---\ntitle: "  "\n---\nBody')).toMatch(/title must not be empty/);
    expect(reasonFor(good('T', 'published: 2025-02-30\n').replace('published: 2025-01-02\n', ''))).toMatch(/published is not a real calendar date/);
    expect(reasonFor(good().replace('2025-01-02', '02/01/2025'))).toMatch(/published must be a date written YYYY-MM-DD/);
    expect(reasonFor(good().replace('https://example.com/a', 'ftp://example.com'))).toMatch(/url must be an http\(s\) address/);
    expect(reasonFor(good().replace('\nBody text.\n', '\n   \n'))).toBe('has no article text below the front matter');
    expect(reasonFor(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00]))).toMatch(/not UTF-8/);
  });

  it('loads the good files of a folder and reports the bad ones, duplicated titles included', async () => {
    const dir = temporaryDir('knowledge-');
    writeFileSync(join(dir, 'a.md'), good('Same title'));
    writeFileSync(join(dir, 'b.md'), good('Same title'));
    writeFileSync(join(dir, 'c.md'), '---\ntitle: [\n---\n');
    writeFileSync(join(dir, 'notes.txt'), 'not an article');
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'd.md'), good('Another'));
    // A headline an outlet uses again for another article (its own link) is another article.
    writeFileSync(join(dir, 'e.md'), good('Same title').replace('https://example.com/a', 'https://example.com/e'));
    const { articles, problems } = await loadKnowledge(dir);
    expect(articles.map((a) => a.file)).toEqual(['a.md', 'e.md', 'more/d.md']);
    expect(problems).toEqual([
      { file: 'b.md', reason: 'has the same title and link as a.md ("Same title"): one article, one file' },
      { file: 'c.md', reason: expect.stringContaining('not valid YAML') },
    ]);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { articles, problems } = await loadKnowledge(join(tmpdir(), 'no-such-folder-here'));
    expect(articles).toEqual([]);
    expect(problems[0]?.reason).toBe('knowledge folder not found');
  });

  it('every file in knowledge/ is valid (the check CI runs)', async () => {
    const { articles, problems } = await loadKnowledge('knowledge');
    expect(problems).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(2);
  });
});
