import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrownArticles } from '../scripts/brown';
import { createEngine, type Engine } from '../src/core/engine';
import { cacheKey, cacheWritesSettled } from '../src/core/index-cache';
import { loadKnowledge } from '../src/core/knowledge';
import { captureMiniSearch, restoreMiniSearch } from '../src/core/minisearch-snapshot';
import { joinsBackWhole, sentences } from '../src/core/passages';
import { defaultVocabulary } from '../src/core/text/vocabulary';
import type { Article } from '../src/core/types';

const ROOT = join(import.meta.dirname, '..');
const eval_ = JSON.parse(readFileSync(join(ROOT, 'tests/eval/questions.json'), 'utf8')) as {
  answerable: { question: string }[];
  unanswerable: string[];
};
const QUESTIONS = [...eval_.answerable.map((item) => item.question), ...eval_.unanswerable];

/** Everything an answer says, passages by id and article file (the objects differ between engines). */
const answersOf = (engine: Engine) =>
  QUESTIONS.map((question) => JSON.stringify(engine.answer(question), (key, value: unknown) => (key === 'article' ? (value as Article).file : value)));
const passagesOf = (engine: Engine) => JSON.stringify(engine.passages, (key, value: unknown) => (key === 'article' ? (value as Article).file : value));

let articles: Article[];
let brown: Article[];
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kz-index-cache-test-'));
  dirs.push(dir);
  return dir;
};
const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.bin'));

beforeAll(async () => {
  const knowledge = await loadKnowledge(join(ROOT, 'knowledge'));
  brown = loadBrownArticles();
  // The team's articles plus a dozen Brown texts: several hundred passages, distractors included.
  articles = [...knowledge.articles, ...brown.slice(0, 12)];
});

afterAll(async () => {
  await cacheWritesSettled();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('index cache', () => {
  it('restores passages and an index that answer exactly like a freshly built one', async () => {
    const dir = tempDir();
    const built = createEngine(articles, { cacheDir: dir });
    expect(built.origin).toBe('built');
    expect(built.passages.length).toBeGreaterThan(300);
    await cacheWritesSettled();
    expect(cacheFiles(dir)).toHaveLength(1);

    const cached = createEngine(articles, { cacheDir: dir });
    expect(cached.origin).toBe('cache');
    expect(cached.passages.every((passage, i) => passage.article === built.passages[i]!.article)).toBe(true);
    expect(passagesOf(cached)).toBe(passagesOf(built));
    expect(cached.index.documentCount).toBe(built.index.documentCount);

    const uncached = createEngine(articles);
    const expected = answersOf(uncached);
    expect(answersOf(cached)).toEqual(expected);
    expect(answersOf(built)).toEqual(expected);
  });

  it('ignores a corrupt, truncated or foreign cache file, and writes a good one again', async () => {
    const dir = tempDir();
    const expected = answersOf(createEngine(articles));
    createEngine(articles, { cacheDir: dir });
    await cacheWritesSettled();
    const [name] = cacheFiles(dir);
    const file = join(dir, name!);
    const good = readFileSync(file);

    const damaged = [
      Buffer.from(good).fill(0x5a, good.length >> 1, (good.length >> 1) + 16), // bytes changed in the middle
      good.subarray(0, good.length - 100), // truncated
      good.subarray(0, 30),
      Buffer.from('{"not":"an index"}'),
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      const engine = createEngine(articles, { cacheDir: dir });
      expect(engine.origin).toBe('built');
      expect(answersOf(engine)).toEqual(expected);
      await cacheWritesSettled();
      expect(readFileSync(file).equals(good)).toBe(true); // rewritten
    }
    expect(createEngine(articles, { cacheDir: dir }).origin).toBe('cache');
  });

  it('does not use a cache file written for other articles', async () => {
    const dir = tempDir();
    createEngine(articles.slice(1), { cacheDir: dir });
    await cacheWritesSettled();
    const [other] = cacheFiles(dir);
    // The file of other articles, under this key's name: its recorded key does not match.
    const key = cacheKey(articles, defaultVocabulary().source);
    writeFileSync(join(dir, `index-${key}.bin`), readFileSync(join(dir, other!)));
    const engine = createEngine(articles, { cacheDir: dir });
    expect(engine.origin).toBe('built');
    expect(answersOf(engine)).toEqual(answersOf(createEngine(articles)));
  });

  it('keys on every article field, the vocabulary, and exact text', () => {
    const base = cacheKey(articles, 'vocabulary');
    expect(cacheKey(articles.map((a) => ({ ...a })), 'vocabulary')).toBe(base);
    expect(cacheKey(articles, 'vocabulary 2')).not.toBe(base);
    const changed = (i: number, change: Partial<Article>) => cacheKey(articles.map((a, j) => (j === i ? { ...a, ...change } : a)), 'vocabulary');
    const last = articles.length - 1;
    expect(changed(0, { body: `${articles[0]!.body} ` })).not.toBe(base);
    expect(changed(last, { body: articles[last]!.body.replace('e', 'é') })).not.toBe(base);
    expect(changed(0, { title: 'Another title' })).not.toBe(base);
    expect(changed(0, { published: '1999-01-01' })).not.toBe(base);
    expect(changed(0, { tags: ['x'] })).not.toBe(base);
    expect(cacheKey([...articles].reverse(), 'vocabulary')).not.toBe(base);
    // Text moved between fields or articles, and text UTF-8 cannot tell apart, still change the key.
    const one = (body: string, title = 't'): Article => ({ file: 'f', title, publisher: null, published: null, url: null, tags: [], body });
    expect(cacheKey([one('ab')], 'v')).not.toBe(cacheKey([one('a'), one('b')], 'v'));
    expect(cacheKey([one('b', 'ta')], 'v')).not.toBe(cacheKey([one('ab', 't')], 'v'));
    expect(cacheKey([one('x\ud800')], 'v')).not.toBe(cacheKey([one('x\ufffd')], 'v'));
  });
});

describe('MiniSearch snapshot (minisearch-snapshot.ts leans on MiniSearch internals: this fails if an upgrade changes them)', () => {
  interface Doc {
    id: number;
    text: string;
    title: string;
  }
  const OPTIONS: Options<Doc> = { fields: ['text', 'title'], storeFields: [] };

  it('restores a state identical to the original, which searches identically', () => {
    const docs: Doc[] = brown.slice(0, 20).flatMap((article, a) =>
      article.body.split('\n\n').map((text, p) => ({ id: a * 1000 + p, text, title: article.title })),
    );
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs);
    const restored = restoreMiniSearch<Doc>(captureMiniSearch(built), OPTIONS);

    // A few hundred queries: exact, prefix and fuzzy terms (prefix and fuzzy search walk the terms'
    // tree and read values the restored index has not decoded yet), alone and together.
    const words = [...new Set(docs.flatMap((doc) => doc.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))].sort();
    const pick = (i: number) => words[(i * 7919) % words.length]!;
    const queries: [string, SearchOptions][] = [];
    for (let i = 0; i < 150; i++) queries.push([pick(i), {}]);
    for (let i = 0; i < 50; i++) queries.push([`${pick(i)} ${pick(i + 1000)} ${pick(i + 2000)}`, { combineWith: 'AND' }]);
    for (let i = 0; i < 50; i++) queries.push([pick(i + 3000).slice(0, 3), { prefix: true }]);
    for (let i = 0; i < 50; i++) queries.push([pick(i + 4000), { fuzzy: 0.3 }]);
    queries.push(['the of and a', { boost: { title: 2 } }]);
    for (const [query, options] of queries) expect(restored.search(query, options)).toEqual(built.search(query, options));
    expect(restored.autoSuggest('wor')).toEqual(built.autoSuggest('wor'));
    expect(restored.documentCount).toBe(built.documentCount);
    expect(restored.termCount).toBe(built.termCount);
    expect(restored.has(docs[5]!.id)).toBe(true);

    // The whole state, orders included (toJSON walks every term, field and posting).
    expect(JSON.stringify(restored)).toBe(JSON.stringify(built));

    // Still a working index: documents can be added and removed as in the original.
    for (const index of [built, restored]) {
      index.discard(docs[0]!.id);
      index.add({ id: 999_999, text: 'zyzzyva quokka', title: 'new' });
    }
    expect(restored.search('quokka')).toEqual(built.search('quokka'));
    expect(restored.search(pick(3))).toEqual(built.search(pick(3)));
  });

  it('refuses a snapshot of another shape instead of misreading it', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll([{ id: 1, text: 'one two', title: 'x' }]);
    const snapshot = captureMiniSearch(built);
    expect(() => restoreMiniSearch({ ...snapshot, meta: { ...snapshot.meta, fields: 'other' } }, OPTIONS)).toThrow();
    expect(() => restoreMiniSearch({ ...snapshot, arrays: { ...snapshot.arrays, shape: new Uint32Array([9]) } }, OPTIONS)).toThrow();
    expect(() => restoreMiniSearch(snapshot, { ...OPTIONS, fields: ['text'] })).toThrow();
  });
});

describe('splitting shortcut (passages.ts skips finding sentences for a block that fits)', () => {
  it('only when the sentences joined by spaces give the paragraph back', () => {
    const check = (text: string) => {
      if (joinsBackWhole(text)) expect(sentences(text).join(' ')).toBe(text);
    };
    let shortcuts = 0;
    for (const article of brown) {
      for (const block of article.body.split(/\n\s*\n/)) {
        const text = block.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
        if (text && joinsBackWhole(text)) shortcuts++;
        check(text);
      }
    }
    expect(shortcuts).toBeGreaterThan(10_000);
    const char = fc.constantFrom(...'aAzZ09 .?!;,:\'"()[]{}‘’“”。．․﹒…‼\u00a0\t-—\u0085\u2028UuSs'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => check(chars.join('').trim())),
      { numRuns: 20_000 },
    );
    for (const text of ['What?Yes.', 'He said "Hi."Then left.', 'U.S. Steel is big.', 'It is 3.5 m.', 'e.g. this', 'No.5 is it', 'Hi.) Then']) check(text);
  });
});
