/** Article files: names, front matter any title survives, atomic writes that never overwrite, duplicates refused whoever brings them. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { isArticleFile, parseArticle } from '../../src/core/knowledge';
import { listKnowledgeFolder, loadKnowledge } from '../../src/library/knowledge-folder';
import { ArticleWriter, articleFileName, normaliseTitle, renderArticleFile, slugify } from '../../src/ingest/article-file';
import type { ArticleDraft } from '../../src/ingest/extract';
import { KnownArticlesIndex, knownArticlesInFolder, normaliseText, normaliseUrl } from '../../src/ingest/known-articles';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';

const draft: ArticleDraft = {
  title: 'Kazakhstan Opens Tungsten Deposit to US Investors',
  publisher: 'The Steppe Ledger',
  published: '2026-03-09',
  url: 'https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit',
  byline: 'Aigerim Sadykova',
  text: 'ASTANA – The ministry invited American companies to develop the Boguty deposit.\n\n## Reserves\n\n- Boguty: 110,000 tonnes',
};
const clock = new ManualClock('2026-03-10T06:00:00Z');
const writer = (dir: string, known = new KnownArticlesIndex()) => new ArticleWriter({ knowledgeDir: dir, clock, known });

describe('the file', () => {
  it('has the front matter the README describes, and the bot reads it back as written', () => {
    const content = renderArticleFile(draft, ['tungsten', 'kazakhstan']);
    expect(content).toBe(
      [
        '---',
        'title: "Kazakhstan Opens Tungsten Deposit to US Investors"',
        'publisher: "The Steppe Ledger"',
        'author: "Aigerim Sadykova"',
        'published: 2026-03-09',
        'url: "https://steppe-ledger.example/business/2026/03/kazakhstan-opens-tungsten-deposit"',
        'tags: ["tungsten", "kazakhstan"]',
        '---',
        '',
        draft.text,
        '',
      ].join('\n'),
    );
    const parsed = parseArticle('x.md', Buffer.from(content));
    expect(parsed).toEqual({
      article: { file: 'x.md', title: draft.title, publisher: draft.publisher, published: draft.published, url: draft.url, tags: ['tungsten', 'kazakhstan'], body: draft.text },
    });
    // The byline the preview showed is kept in the file (answers cite title, outlet, date and link).
    expect(matter(content).data.author).toBe('Aigerim Sadykova');
  });

  it('leaves out what is unknown instead of inventing it', () => {
    const content = renderArticleFile({ title: 'Gallium output to double', url: 'https://metals.example/g', text: 'Text.' });
    expect(content).toBe('---\ntitle: "Gallium output to double"\nurl: "https://metals.example/g"\n---\n\nText.\n');
  });

  it('reads back any title exactly (YAML quoting), as one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: undefined }), (title, publisher) => {
        fc.pre(normaliseTitle(title) !== '');
        const content = renderArticleFile({ title, url: 'https://example.org/a', text: 'Body text.', ...(publisher ? { publisher } : {}) });
        const parsed = parseArticle('x.md', Buffer.from(content, 'utf8'));
        if (!('article' in parsed)) throw new Error(`${JSON.stringify(title)}: ${parsed.reason}`);
        expect(parsed.article.title).toBe(normaliseTitle(title));
        expect(parsed.article.publisher).toBe(publisher && normaliseTitle(publisher) ? normaliseTitle(publisher) : null);
        expect(content.split('\n')[1]).toMatch(/^title: ".*"$/);
      }),
      { numRuns: 200 },
    );
    for (const title of ['Yes', 'null', '2026-03-09', '"Quoted" — and: colons # hashes', "It's 50% off: 'tungsten'", '- a list?', '[not, a, list]', '{a: b}', '&anchor *alias !tag', '---', 'Line one\nLine two', 'Tab\there', 'emoji 🇰🇿 flag', 'bidi \u202e override', 'line\u2028separator']) {
      const parsed = parseArticle('x.md', Buffer.from(renderArticleFile({ title, url: 'https://e.org/', text: 'T.' })));
      expect('article' in parsed && parsed.article.title, title).toBe(normaliseTitle(title));
    }
  });
});

describe('file names', () => {
  it('are YYYY-MM-DD-short-title.md: the published date, else today by the clock', () => {
    expect(articleFileName(draft, clock.now())).toBe('2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md');
    expect(articleFileName({ title: 'Kazakhstan and US Ink MOU on Critical Minerals Agreement' }, clock.now())).toBe('2026-03-10-kazakhstan-us-ink-mou-critical-minerals.md');
    expect(articleFileName({ title: 'Казахстан и США подписали меморандум', published: '2026-03-01' }, clock.now())).toBe('2026-03-01-kazakhstan-ssha-podpisali-memorandum.md');
    expect(articleFileName({ title: 'Қазақстан өндірісі: Ақтөбе', published: '2026-03-01' }, clock.now())).toBe('2026-03-01-qazaqstan-ondirisi-aqtobe.md');
    expect(slugify('Société Générale to fund Kazakh ore')).toBe('societe-generale-fund-kazakh-ore');
    expect(slugify('!!!')).toBe('article');
    expect(slugify('The')).toBe('the');
    expect(slugify('Йошкар-Ола: объём')).toBe('yoshkar-ola-obyom');
  });

  it('are always a safe, short article file name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (title, attempt) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u);
        expect(slug.length).toBeLessThanOrEqual(60);
        const name = articleFileName({ title }, clock.now(), attempt);
        expect(isArticleFile(name)).toBe(true);
        expect(name).not.toMatch(/[/\\]|^\./);
      }),
      { numRuns: 500 },
    );
  });
});

describe('writing', () => {
  it('writes a file the knowledge loader accepts, atomically, leaving nothing else behind', async () => {
    const dir = temporaryDir('ingest-write-');
    const saved = await writer(dir).save(draft, ['tungsten']);
    expect(saved).toEqual({ ok: true, file: '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md', path: join(dir, '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md') });
    expect(await readdir(dir)).toEqual(['2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md']);
    const { articles, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ title: draft.title, publisher: draft.publisher, published: draft.published, url: draft.url, tags: ['tungsten'], body: draft.text });
  });

  it('leaves out a date after tomorrow (a page\'s or feed\'s mistake: it would lead every "newest first" list), never guessing another', async () => {
    const dir = temporaryDir('ingest-future-');
    const saved = await writer(dir).save({ ...draft, published: '2099-01-01' });
    expect(saved).toMatchObject({ ok: true, file: '2026-03-10-kazakhstan-opens-tungsten-deposit-us-investors.md' });
    const { articles } = await loadKnowledge(dir);
    expect(articles[0]!.published).toBeNull();
    // Tomorrow is a day a reader ahead of UTC may already be in.
    const tomorrow = await writer(temporaryDir('ingest-tomorrow-')).save({ ...draft, published: '2026-03-11' });
    expect(tomorrow).toMatchObject({ ok: true, file: '2026-03-11-kazakhstan-opens-tungsten-deposit-us-investors.md' });
  });

  it('never overwrites: a name already taken gets -2, -3', async () => {
    const dir = temporaryDir('ingest-names-');
    const name = '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md';
    await writeFile(join(dir, name), '---\ntitle: Kazakhstan opens tungsten deposit to US investors?\n---\n\nA hand-written note.\n');
    const second = { ...draft, title: `${draft.title}!`, url: 'https://other.example/1', text: 'Other text one, long enough.' };
    const third = { ...draft, title: `${draft.title}!!`, url: 'https://other.example/2', text: 'Other text two, long enough.' };
    expect(await writer(dir).save(second)).toMatchObject({ ok: true, file: name.replace('.md', '-2.md') });
    expect(await writer(dir).save(third)).toMatchObject({ ok: true, file: name.replace('.md', '-3.md') });
    expect(await readFile(join(dir, name), 'utf8')).toContain('A hand-written note.');
  });

  it('shows a watcher of the folder only whole files, never a half-written one', async () => {
    const dir = temporaryDir('ingest-atomic-');
    const w = writer(dir);
    let done = false;
    const seen: string[] = [];
    const watching = (async () => {
      while (!done) {
        for (const { file } of (await listKnowledgeFolder(dir)).files) {
          const parsed = parseArticle(file, await readFile(join(dir, file)));
          if ('reason' in parsed) seen.push(`${file} ${parsed.reason}`);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 0; i < 40; i++) {
      await w.save({ ...draft, title: `Article number ${i}`, url: `https://e.org/${i}`, text: `Paragraph ${i}. ${'Words of the article. '.repeat(200)}` });
    }
    done = true;
    await watching;
    expect(seen).toEqual([]);
    expect((await readdir(dir)).filter((f) => !isArticleFile(f))).toEqual([]);
  });

  it('reports a folder it cannot write to, and writes nothing', async () => {
    const file = join(temporaryDir('ingest-bad-'), 'not-a-folder');
    await writeFile(file, 'x');
    expect(await writer(file).save(draft)).toMatchObject({ ok: false, code: 'write-failed', reason: expect.stringContaining('could not write to') });
  });
});

describe('duplicates', () => {
  it('refuses the same link or the same text, whoever brought the first', async () => {
    const dir = temporaryDir('ingest-dupes-');
    await writeFile(
      join(dir, '2025-11-06-by-hand.md'),
      '---\ntitle: Kazakhstan and US Ink MOU\nurl: https://www.el-balad.com/6757916/\n---\n\nThe **MOU** was signed by the [minister](https://x).\n\n- Tungsten\n',
    );
    const known = await knownArticlesInFolder(dir);
    const w = writer(dir, known);
    expect(await w.save({ ...draft, url: 'http://el-balad.com/6757916?utm_source=rss#top' })).toEqual({
      ok: false,
      code: 'duplicate',
      file: '2025-11-06-by-hand.md',
      reason: 'already in the knowledge base as 2025-11-06-by-hand.md (the same link)',
    });
    expect(await w.save({ ...draft, text: 'The MOU was signed by the minister.\n\n* tungsten' })).toMatchObject({ code: 'duplicate', reason: expect.stringContaining('(the same text)') });
    // What this writer saved counts at once, before any reload of the library.
    expect(await w.save(draft)).toMatchObject({ ok: true });
    expect(await w.save({ ...draft, title: 'Another headline' })).toMatchObject({ code: 'duplicate', file: '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md' });
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('saves another article under a headline already taken with its title as published (one file per article, not per title)', async () => {
    const dir = temporaryDir('ingest-same-title-');
    await writeFile(join(dir, '2026-03-09-market-wrap.md'), '---\ntitle: Market wrap\npublished: 2026-03-09\nurl: https://steppe-ledger.example/wrap/1\n---\n\nThe tenge held steady on Monday.\n');
    const w = writer(dir, await knownArticlesInFolder(dir));
    const wrap = (n: number): ArticleDraft => ({ ...draft, title: 'Market wrap', published: '2026-03-10', url: `https://steppe-ledger.example/wrap/${n}`, text: `Market wrap number ${n}: copper rose.` });
    const saved = [await w.save(wrap(2)), await w.save(wrap(3))];
    expect(saved.map((s) => s.ok && s.file)).toEqual(['2026-03-10-market-wrap.md', '2026-03-10-market-wrap-2.md']);
    const { articles, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]); // every file is served: each is its own article (its own link)
    expect(articles.map((a) => [a.file, a.title, a.url])).toEqual([
      ['2026-03-09-market-wrap.md', 'Market wrap', 'https://steppe-ledger.example/wrap/1'],
      ['2026-03-10-market-wrap-2.md', 'Market wrap', 'https://steppe-ledger.example/wrap/3'],
      ['2026-03-10-market-wrap.md', 'Market wrap', 'https://steppe-ledger.example/wrap/2'],
    ]);
  });

  it('compares links and text the way people mean them', () => {
    expect(normaliseUrl('https://www.Example.org/news/1/?utm_campaign=x&b=2&a=1#comments')).toBe(normaliseUrl('http://example.org/news/1?a=1&b=2'));
    expect(normaliseUrl('https://example.org/news/1')).not.toBe(normaliseUrl('https://example.org/news/2'));
    expect(normaliseText('## Heading\n\n“Quoted” *text* — with [a link](https://x).')).toBe(normaliseText('heading "quoted" text - with a link'));
  });
});
