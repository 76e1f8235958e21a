/**
 * The duplicate lookup the bot gives ingesting, backed by its live library: an article is known by
 * its link, its text (rebuilt from the library's passages) or its title, and the lookup follows the
 * library as files come and go.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyOf, LibraryKnownArticles } from '../../src/bot/known-library';
import { parseArticle } from '../../src/core/knowledge';
import { normaliseText } from '../../src/ingest/known-articles';
import { REPO_KNOWLEDGE_DIR } from '../support/bot-harness';
import { openLibrary } from '../support/engine';
import { temporaryDir } from '../support/temporary-dir';

const BODY = [
  'The first paragraph, with *emphasis* and a [link](https://example.org/x) in it.',
  '## Reserves',
  'Kazakhstan holds large tungsten reserves — among the largest in the world.',
  '- Boguty: 100,000 tonnes',
  '- Upper Kairakty: the biggest',
  '### Deeper heading',
  '| Deposit | Tonnes |\n|---|---|\n| Boguty | 100 |',
  'A last paragraph that is long enough. '.repeat(30).trim(),
].join('\n\n');

const file = (title: string, url: string, body: string) => `---\ntitle: ${JSON.stringify(title)}\npublished: 2026-03-01\nurl: ${url}\n---\n\n${body}\n`;

describe('the text of an article as the library holds it', () => {
  it('reads as the file body does once Markdown, punctuation and spacing are set aside', async () => {
    const dir = temporaryDir('known-library-');
    cpSync(REPO_KNOWLEDGE_DIR, dir, { recursive: true });
    writeFileSync(join(dir, '2026-03-01-marked-up.md'), file('Marked up', 'https://example.org/marked', BODY));
    const library = await openLibrary(dir);
    const files = readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const name of files) {
      const parsed = parseArticle(name, readFileSync(join(dir, name)));
      if ('reason' in parsed) throw new Error(parsed.reason);
      expect(normaliseText(bodyOf(library.engine.record(name)!)), name).toBe(normaliseText(parsed.article.body));
    }
    await library.close();
  });
});

describe('the known articles of a live library', () => {
  it('finds an article by its link and its text (not by its title alone), knows its title, and follows files added and removed', async () => {
    const dir = temporaryDir('known-library-');
    writeFileSync(join(dir, 'a.md'), file('Tungsten reserves', 'https://www.example.org/a?utm_source=feed', BODY));
    const library = await openLibrary(dir);
    const known = new LibraryKnownArticles(library);

    expect(known.find({ url: 'http://example.org/a/', text: '' })).toEqual({ file: 'a.md', match: 'url' });
    // The same text, written another way (a feed's copy at another address).
    const copy = BODY.replace(/\*|\[|\]\([^)]*\)/g, '').replace(/—/g, '-').replace(/\n\n/g, '\n\n\n');
    expect(known.find({ url: 'https://mirror.example/a', text: copy })).toEqual({ file: 'a.md', match: 'text' });
    expect(known.find({ url: null, text: 'Other words.' })).toBeUndefined();
    expect(known.find({ url: 'https://example.org/b', text: 'Something else entirely.' })).toBeUndefined();

    writeFileSync(join(dir, 'b.md'), file('Another', 'https://example.org/b', 'Something else entirely, a second article.'));
    await library.refresh();
    expect(known.find({ url: 'https://example.org/b', text: '' })).toEqual({ file: 'b.md', match: 'url' });

    rmSync(join(dir, 'a.md'));
    await library.refresh();
    expect(known.find({ url: 'http://example.org/a/', text: copy })).toBeUndefined();
    expect(known.size).toBe(1);
    known.close();
    await library.close();
  });
});

describe('building the lookup at start-up', () => {
  it('is done a slice at a time, and a change applied meanwhile is in it', async () => {
    const dir = temporaryDir('known-library-');
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.md`), file(`Article ${i}`, `https://example.org/${i}`, `${BODY}\n\nArticle number ${i} of the set.`));
    const library = await openLibrary(dir);
    // A turn after every article; the first held until the change below is applied.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let turns = 0;
    const known = new LibraryKnownArticles(library, { ms: 0, turn: () => (turns++ === 0 ? held : Promise.resolve()) });
    const building = known.ready();
    expect(turns).toBe(1);
    rmSync(join(dir, '000.md'));
    writeFileSync(join(dir, 'new.md'), file('New', 'https://example.org/new', 'A new article, added while the lookup was built.'));
    expect(await library.refresh()).toMatchObject({ added: ['new.md'], removed: ['000.md'] });
    release();
    await building;
    expect(turns).toBe(50);
    expect(known.find({ url: 'https://example.org/0', text: '' })).toBeUndefined();
    expect(known.find({ url: 'https://example.org/new', text: '' })).toEqual({ file: 'new.md', match: 'url' });
    expect(known.find({ url: 'https://example.org/49', text: '' })).toEqual({ file: '049.md', match: 'url' });
    expect(known.size).toBe(50);
    known.close();
    await library.close();
  });
});
