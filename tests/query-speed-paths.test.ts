/**
 * The shortcuts that make a question cheap (posting lists kept as sorted arrays until changed,
 * scores read for all candidates at once, the dictionary made in steps, the start-up warm-up)
 * must give exactly what the plain paths give.
 */
import fc from 'fast-check';
import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { brownArticles } from './support/brown';
import { captureMiniSearch, internalsOf, PostingArray, restoreMiniSearch, TableMap } from '../src/core/minisearch-snapshot';
import { InternalPostings, PublicPostings } from '../src/core/postings';
import { Engine, warmUpQuestionCount } from '../src/core/engine';
import { parseArticle } from '../src/core/knowledge';
import { splitBody } from '../src/core/passages';
import { SearchIndex } from '../src/core/search-index';
import { RUSSIAN_WARM_UP, WARM_UP_ARTICLES, warmUpQuestions } from '../src/core/warm-up';
import { abbreviationAsked, answerTypeBitsOf, answerTypesOf, asksAboutRecentDay, asksNegated, asksWhenItHappened, attributeOfName, nameAsked, speakerAsked } from '../src/core/answer-type';
import type { Passage } from '../src/core/types';
import { articleMarkdown } from '../scripts/brown-folder';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLibrary, teamAnalysis } from './support/engine';
import { focusOf, PassageSentences } from '../src/core/proximity';
import { SentenceTermTable } from '../src/core/sentence-terms';
import { projectPath } from '../src/util/project-path';
import { temporaryDir } from './support/temporary-dir';

const brown = brownArticles();

describe('PostingArray (a restored posting list) behaves as the Map it stands for', () => {
  const entries = fc.uniqueArray(fc.nat(500), { maxLength: 40 }).map((ids) => ids.sort((a, b) => a - b).map((id, i) => [id, (i % 5) + 1] as const));
  const op = fc.oneof(
    fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: -1, max: 501 }) }),
    fc.record({ kind: fc.constant('has' as const), key: fc.integer({ min: -1, max: 501 }) }),
    fc.record({ kind: fc.constant('set' as const), key: fc.nat(501), value: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.nat(501) }),
    fc.record({ kind: fc.constant('read' as const) }),
    // Postings appended at once (addDocuments): ascending ids after the last, or not (then one by one, as `set` would).
    fc.record({ kind: fc.constant('append' as const), keys: fc.array(fc.nat(520), { maxLength: 6 }), value: fc.integer({ min: 1, max: 9 }) }),
  );

  it('for any sequence of reads and changes', () => {
    fc.assert(
      fc.property(entries, fc.array(op, { maxLength: 30 }), (list, ops) => {
        const map = new Map<number, number>(list);
        const array = new PostingArray(Uint32Array.from(list, ([id]) => id), Uint32Array.from(list, ([, tf]) => tf));
        const state = (m: Map<number, number>) => ({ size: m.size, entries: [...m], keys: [...m.keys()], values: [...m.values()], each: collect(m) });
        expect(state(array)).toEqual(state(map));
        for (const step of ops) {
          if (step.kind === 'get') expect(array.get(step.key)).toBe(map.get(step.key));
          else if (step.kind === 'has') expect(array.has(step.key)).toBe(map.has(step.key));
          else if (step.kind === 'set') {
            array.set(step.key, step.value);
            map.set(step.key, step.value);
          } else if (step.kind === 'append') {
            array.append(step.keys, step.keys.map(() => step.value));
            for (const key of step.keys) map.set(key, step.value);
          } else if (step.kind === 'delete') expect(array.delete(step.key)).toBe(map.delete(step.key));
          else expect(state(array)).toEqual(state(map));
        }
        expect(new Map(array)).toEqual(map);
      }),
      { numRuns: 300 },
    );
  });

  it('stays arrays through what adding and removing passages does, and becomes a Map for anything else', () => {
    const array = new PostingArray(Uint32Array.of(2, 5), Uint32Array.of(1, 3));
    expect(array.sorted?.shorts).toEqual(Uint32Array.of(2, 5));
    for (let short = 7; short < 100; short++) array.set(short, 1); // new passages: appended
    array.set(7, 2); // a term counted again in the passage being added
    array.delete(5); // a passage removed
    expect(array.sorted?.shorts.slice(0, 3)).toEqual(Uint32Array.of(2, 7, 8));
    expect(array.sorted?.counts.slice(0, 3)).toEqual(Uint32Array.of(1, 2, 1));
    expect(array.size).toBe(94);
    array.set(3, 1); // a smaller short id: only a Map keeps Map order
    expect(array.sorted).toBeNull();
    expect([...array.keys()].slice(0, 3)).toEqual([2, 7, 8]);
    expect([...array.keys()].at(-1)).toBe(3);
  });

  it('iterates as a Map does while it changes', () => {
    fc.assert(
      fc.property(entries, fc.array(fc.tuple(fc.nat(40), fc.nat(600), fc.boolean()), { maxLength: 20 }), (list, changes) => {
        const map = new Map<number, number>(list);
        const array = new PostingArray(Uint32Array.from(list, ([id]) => id), Uint32Array.from(list, ([, tf]) => tf));
        const seen = (m: Map<number, number>) => {
          const out: number[] = [];
          let step = 0;
          for (const key of m.keys()) {
            out.push(key);
            const change = changes[step++];
            if (!change) continue;
            const [, key2, remove] = change;
            if (remove) m.delete(key2);
            else m.set(key2, 1);
          }
          return out;
        };
        expect(seen(array)).toEqual(seen(map));
        expect([...array]).toEqual([...map]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TableMap (a restored per-passage table) behaves as the Map it stands for, without copying the table', () => {
  it('for any sequence of reads and changes, the iteration order included', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: -1, max: 40 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(40), value: fc.nat(9) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.nat(40) }),
      fc.record({ kind: fc.constant('read' as const) }),
    );
    fc.assert(
      fc.property(fc.nat(30), fc.array(op, { maxLength: 40 }), (count, ops) => {
        const table = new TableMap<number>(count, (key) => key * 10);
        const map = new Map<number, number>(Array.from({ length: count }, (_, key) => [key, key * 10]));
        const state = (m: Map<number, number>) => ({ size: m.size, entries: [...m], keys: [...m.keys()], values: [...m.values()], each: collect(m) });
        for (const step of ops) {
          if (step.kind === 'get') {
            expect(table.get(step.key)).toBe(map.get(step.key));
            expect(table.has(step.key)).toBe(map.has(step.key));
          } else if (step.kind === 'set') {
            table.set(step.key, step.value);
            map.set(step.key, step.value);
          } else if (step.kind === 'delete') expect(table.delete(step.key)).toBe(map.delete(step.key));
          else expect(state(table)).toEqual(state(map));
        }
        expect(state(table)).toEqual(state(map));
      }),
      { numRuns: 300 },
    );
  });
});

function collect(map: Map<number, number>): [number, number][] {
  const seen: [number, number][] = [];
  map.forEach((value, key) => seen.push([key, value]));
  return seen;
}

describe('score tables', () => {
  interface Doc {
    id: number;
    text: string;
    section: string;
    title: string;
  }
  const boosts = { text: 1, section: 1.5, title: 0.4 };
  const options: Options<Doc> = { fields: ['text', 'section', 'title'], storeFields: [] };
  const docs: Doc[] = brown.slice(0, 30).flatMap((article, a) =>
    article.body.split('\n\n').map((text, p) => ({ id: a * 1000 + p, text, section: p % 4 === 0 ? 'The jury said' : '', title: article.title })),
  );
  const built = new MiniSearch<Doc>(options);
  built.addAll(docs);
  const restored = restoreMiniSearch<Doc>(captureMiniSearch(built), options);
  const readerOf = (miniSearch: MiniSearch<Doc>) => {
    const internals = internalsOf(miniSearch);
    return new InternalPostings(internals, boosts, { averageOf: (field) => internals._avgFieldLength[field]! });
  };
  const readers = { built: readerOf(built), restored: readerOf(restored), 'public API': new PublicPostings(built, boosts) };
  // Rare and common terms (a list longer than the candidates is searched for each of them, a shorter one searched for in them), in one field or several ("corpus" in the titles alone).
  const terms = ['jury', 'said', 'the', 'city', 'atlanta', 'election', 'nothingatall', 'fulton', 'state', 'corpus'];

  // The fields that have a term in a document (MiniSearch's own tokenizer and term processing).
  const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
  const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string;
  const fieldsWith = (doc: Doc | undefined, term: string) => (['text', 'section', 'title'] as const).filter((field) => doc && tokenize(doc[field]).some((token) => processTerm(token) === term));
  const onlyIn = (field: string, term: string, ids: number[]) =>
    docs.some((doc) => fieldsWith(doc, term).includes(field as 'title'))
      ? ids.map((id) => {
          const fields = fieldsWith(docs.find((doc) => doc.id === id), term);
          return fields.length === 1 && fields[0] === field ? 1 : 0;
        })
      : null;

  it.each(Object.entries(readers))('give each term’s score in each passage, as reading them one by one does, and where one field alone has it (%s)', (_name, reader) => {
    for (const ids of [docs.map((doc) => doc.id), docs.filter((_, i) => i % 7 === 0).map((doc) => doc.id).reverse(), [docs[3]!.id, 123_456_789]]) {
      for (const field of ['title', 'section']) {
        const table = reader.scoreTable(terms, ids, field);
        terms.forEach((term, t) => {
          const postings = reader.term(term);
          expect([...table[t]!.scores], term).toEqual(ids.map((id) => postings.score(id)));
          const row = table[t]!.onlyIn;
          expect(row && [...row], `${term} only in the ${field}`).toEqual(onlyIn(field, term, ids));
        });
      }
    }
    // Among them: a term in the titles (and once in a text: "habeas corpus"), one in a section alone or with the text, one in no title.
    const all = docs.map((doc) => doc.id);
    expect(reader.scoreTable(['corpus'], all, 'title')[0]!.onlyIn).toContain(1);
    expect(new Set(reader.scoreTable(['jury'], all, 'section')[0]!.onlyIn)).toEqual(new Set([0, 1]));
    expect(reader.scoreTable(['atlanta'], all)[0]!.onlyIn).toBeNull();
  });

  it.each(Object.entries(readers))('best matches: the sum of the terms’ scores times the terms matched, best first, ties by id (%s)', (_name, reader) => {
    for (const [query, limit] of [[['jury', 'said', 'fulton'], 10], [['the', 'city', 'state', 'election'], 25], [['atlanta'], 3], [['nothingatall'], 5], [['said', 'jury'], 0]] as const) {
      const sums = new Map<number, { sum: number; matched: number }>();
      for (const term of query) {
        const postings = reader.term(term);
        for (const id of postings.ids()) {
          const entry = sums.get(id) ?? { sum: 0, matched: 0 };
          sums.set(id, { sum: entry.sum + postings.score(id), matched: entry.matched + 1 });
        }
      }
      const expected = [...sums].map(([id, { sum, matched }]) => [id, sum * matched] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([id]) => id);
      expect(reader.bestMatches(query, limit), query.join(' ')).toEqual(expected);
    }
  });

  it('are the same from a restored index and from the one it was saved from, to the last bit', () => {
    const ids = docs.map((doc) => doc.id);
    expect(readers.restored.scoreTable(terms, ids)).toEqual(readers.built.scoreTable(terms, ids));
  });

  it('agree in a snapshot of an index whose documents came and went (short ids with gaps, renumbered)', () => {
    const changed = new MiniSearch<Doc>(options);
    changed.addAll(docs);
    for (const doc of docs.filter((_, i) => i % 3 === 1)) changed.remove(doc);
    changed.add({ id: 999_999, text: 'The jury said the city', section: '', title: 'Added' });
    const restored = restoreMiniSearch<Doc>(captureMiniSearch(changed), options);
    const ids = [...docs.filter((_, i) => i % 3 !== 1).map((doc) => doc.id), 999_999];
    expect(internalsOf(changed)._nextId).toBeGreaterThan(ids.length);
    expect(readerOf(restored).scoreTable(terms, ids)).toEqual(readerOf(changed).scoreTable(terms, ids));
    for (const term of terms) expect(restored.search(term).map((r) => [r.id, r.score])).toEqual(changed.search(term).map((r) => [r.id, r.score]));
  });

  it('still agree once a restored posting list has been changed', () => {
    const changed = restoreMiniSearch<Doc>(captureMiniSearch(built), options);
    const fresh = new MiniSearch<Doc>(options);
    fresh.addAll(docs);
    for (const index of [changed, fresh]) {
      index.remove(docs[1]!);
      index.add({ id: 999_999, text: 'The jury said the city', section: '', title: 'Added' });
    }
    const ids = [...docs.slice(2).map((doc) => doc.id), 999_999];
    expect(readerOf(changed).scoreTable(terms, ids)).toEqual(readerOf(fresh).scoreTable(terms, ids));
  });
});

describe('the dictionary of terms, made in steps', () => {
  const passage = (id: number, text: string) => ({ id, text: text.split(' '), section: [], title: [] });

  it('finds the same close terms as one made at once, even when the index changes halfway', () => {
    const words = brown.slice(0, 5).flatMap((article) => article.body.toLowerCase().match(/[a-z]{5,}/g) ?? []);
    const index = SearchIndex.create();
    index.add(words.slice(0, 2000).map((word, i) => passage(i, word)));
    const steps = index.warmUpSteps(50);
    steps.next();
    steps.next();
    index.add([passage(5000, 'zyzzyvas quokkas')]);
    expect([...steps]).toEqual([]); // the change ends the warm-up; the dictionary is made when first needed
    const reference = SearchIndex.create();
    reference.add([...words.slice(0, 2000).map((word, i) => passage(i, word)), passage(5000, 'zyzzyvas quokkas')]);
    for (const typo of ['zyzzyvaz', 'quokkaz', 'juryz', 'electiom', 'citty']) expect(index.similarTerms(typo), typo).toEqual(reference.similarTerms(typo));
  });

  it('close terms are remembered until the index changes, then found again', () => {
    const index = SearchIndex.create();
    index.add([passage(1, 'tungsten deposits')]);
    expect(index.similarTerms('tungstan')).toEqual(['tungsten']);
    index.add([passage(2, 'tungstan ore'), passage(3, 'tungstin ore'), passage(4, 'tungstin')]);
    expect(index.similarTerms('tungstan')).toEqual(['tungstin', 'tungsten']);
    index.remove([passage(3, 'tungstin ore'), passage(4, 'tungstin')]);
    expect(index.similarTerms('tungstan')).toEqual(['tungsten']);
  });

  it('related terms are remembered until the index changes, then found again', () => {
    const index = SearchIndex.create();
    index.add([passage(1, 'politician speeches')]);
    expect(index.relatedTerms('polit')).toEqual(['politician']);
    index.add([passage(2, 'politist'), passage(3, 'politist views')]);
    expect(index.relatedTerms('polit')).toEqual(['politist', 'politician']);
    index.remove([passage(2, 'politist'), passage(3, 'politist views')]);
    expect(index.relatedTerms('polit')).toEqual(['politician']);
  });

  it('a question that needs it before the warm-up is over finishes it', () => {
    const index = SearchIndex.create();
    index.add([passage(1, 'tungsten deposits'), passage(2, 'uranium mines')]);
    index.warmUpSteps(1).next();
    expect(index.similarTerms('tungstan')).toEqual(['tungsten']);
  });
});

describe('the start-up warm-up', () => {
  it('asks every kind of question the answer code treats apart, from passages all over the library, some misspelt', () => {
    const passages = brown.slice(0, 40).map((article, i): Passage => ({ id: i, article: { file: `${i}.md`, title: article.title, publisher: null, published: null, url: null, tags: [] }, section: null, position: 0, text: article.body.slice(0, 400) }));
    const all = warmUpQuestions(passages, 32);
    expect(all).toHaveLength(32 + RUSSIAN_WARM_UP.length);
    const questions = all.slice(0, 32);
    for (const opening of ['Who ', 'When did ', 'Where is ', 'How many ', 'Why did ', 'What is ']) expect(questions.some((q) => q.startsWith(opening))).toBe(true);
    // Each question the answer code treats apart, so that none is first met in a person's question.
    const kinds = {
      speaker: speakerAsked,
      abbreviation: abbreviationAsked,
      negated: asksNegated,
      name: nameAsked,
      'attribute of a name': attributeOfName,
      'when it happened': asksWhenItHappened,
      amount: (q: string) => answerTypesOf(q).includes('quantity'),
      'typed as a search': (q: string) => !q.endsWith('?'),
    };
    // Each also with a character beyond Latin-1 (a phone's ’): the regular expressions are compiled apart for such text.
    const beyondLatin1 = (q: string) => /[^\u0000-\u00ff]/u.test(q);
    for (const [kind, asks] of Object.entries(kinds)) {
      expect(questions.some((q) => asks(q) && !beyondLatin1(q)), kind).toBe(true);
      expect(questions.some((q) => asks(q) && beyondLatin1(q)), `${kind}, with ’`).toBe(true);
    }
    // And each kind read apart in Russian.
    expect(all.slice(32)).toEqual(RUSSIAN_WARM_UP);
    const russian = {
      person: (q: string) => answerTypesOf(q).includes('person'),
      place: (q: string) => answerTypesOf(q).includes('place'),
      reason: (q: string) => answerTypesOf(q).includes('reason'),
      amount: (q: string) => answerTypesOf(q).includes('quantity'),
      'when it happened': asksWhenItHappened,
      speaker: speakerAsked,
      abbreviation: abbreviationAsked,
      'a recent day': asksAboutRecentDay,
    };
    for (const [kind, asks] of Object.entries(russian)) expect(RUSSIAN_WARM_UP.some((q) => asks(q)), `Russian: ${kind}`).toBeTruthy();
    const words = new Set(passages.flatMap((p) => p.text.split(/\s+/)));
    expect(questions.filter((q) => q.split(/\s+/).some((word) => word.length >= 6 && !words.has(word) && !words.has(word.replace(/\?$/, ''))))).not.toHaveLength(0);
    expect(warmUpQuestions([], 16)).toEqual([]);
  });

  it('asks questions of every length, some with the words of two passages: the compiled code meets what the questions people ask make', () => {
    // Each passage with words of its own ("w3z7": passage 3, word 7), so that each word of a question tells where it came from.
    const passages = Array.from({ length: 40 }, (_, k): Passage => ({ id: k, article: { file: `${k}.md`, title: `Article ${k}`, publisher: null, published: null, url: null, tags: [] }, section: null, position: 0, text: Array.from({ length: 16 }, (_, j) => `w${k}z${j}`).join(' ') }));
    const questions = warmUpQuestions(passages, 32).slice(0, 32);
    const from = questions.map((q) => (q.match(/\bw\d+z\d+\b/g) ?? []).map((word) => word.slice(1, word.indexOf('z'))));
    expect(new Set(from.map((words) => words.length)).size).toBeGreaterThanOrEqual(6);
    expect(from.filter((words) => new Set(words).size === 2).length).toBeGreaterThanOrEqual(4);
  });

  it('reads sample articles of every kind of passage, as ASCII and beyond Latin-1, into a throwaway engine: the library is left as it was', () => {
    const kinds = new Set<number>();
    const beyondLatin1: boolean[] = [];
    for (const [i, text] of WARM_UP_ARTICLES.entries()) {
      const parsed = parseArticle(`warm-up-${i}.md`, Buffer.from(text));
      if ('reason' in parsed) throw new Error(`warm-up article ${i} ${parsed.reason}`);
      for (const passage of splitBody(parsed.article.body)) kinds.add(answerTypeBitsOf(passage.text));
      beyondLatin1.push(/[^\u0000-\u00ff]/u.test(text));
    }
    expect(beyondLatin1.sort()).toEqual([false, true]);
    // Every kind of answer (person, place, time, quantity, reason) in one passage at least, so that each test is compiled.
    expect([...kinds].reduce((all, bits) => all | bits, 0)).toBe(0b11111);

    const analysis = teamAnalysis();
    const engine = Engine.build(analysis, brown.slice(0, 10));
    const questions = ['Who signed the memorandum in Washington?', 'Who is Aidar Samplov?', 'How many tonnes of ore does the deposit hold?', 'When did the jury report?'];
    const before = { files: [...engine.files], passages: engine.passageCount, answers: questions.map((q) => engine.answer(q)) };
    const dictionarySteps = [...Engine.build(analysis, brown.slice(0, 10)).index.warmUpSteps()].length;
    const steps = [...engine.warmUp(4)].length;
    // The dictionary, the reading, then the questions: a step at least for each sample.
    expect(steps).toBeGreaterThanOrEqual(dictionarySteps + 4 + RUSSIAN_WARM_UP.length + WARM_UP_ARTICLES.length);
    expect({ files: [...engine.files], passages: engine.passageCount, answers: questions.map((q) => engine.answer(q)) }).toEqual(before);
    expect(engine.passages.some((passage) => /Samplov|Warm-up/.test(passage.text + passage.article.title))).toBe(false);
  });

  it('reads the sample articles first, then asks each question in three rounds, so that the code that answers is compiled before people ask', () => {
    const engine = Engine.build(teamAnalysis(), brown.slice(0, 10));
    const asked = new Map<string, number>();
    const answer = engine.answer.bind(engine);
    engine.answer = (question, options) => {
      asked.set(question, (asked.get(question) ?? 0) + 1);
      return answer(question, options);
    };
    // The reading first: its throwaway engine's new kinds of objects would send code compiled for questions back to slow code.
    const restore = Engine.restore;
    let readBeforeQuestion: boolean | undefined;
    Engine.restore = (...args) => {
      readBeforeQuestion ??= asked.size === 0;
      return restore(...args);
    };
    try {
      for (const _ of engine.warmUp(4));
    } finally {
      Engine.restore = restore;
    }
    expect(readBeforeQuestion).toBe(true);
    expect([...asked.keys()]).toEqual(warmUpQuestions(engine.passages, 4));
    expect(new Set(asked.values())).toEqual(new Set([3]));
  });

  it('asks a small library fewer questions, a large one at most 300', () => {
    expect(warmUpQuestionCount(0)).toBe(24);
    expect(warmUpQuestionCount(16)).toBe(24); // the project's two articles
    expect(warmUpQuestionCount(10_000)).toBe(224);
    expect(warmUpQuestionCount(21_452)).toBe(300); // knowledge/ and the Brown corpus once (the bench's 1×)
    expect(warmUpQuestionCount(214_376)).toBe(300);
  });

  it('runs when asked for, after the library opens, changes no answer, and stops when the library closes', async () => {
    const dir = temporaryDir('kz-warm-');
    for (const [i, article] of brown.slice(0, 20).entries()) writeFileSync(join(dir, `a${i}.md`), articleMarkdown(article));
    const questions = ['Who said the jury?', 'When was the election held?', 'How many votes were cast?'];
    const library = await openLibrary(dir, { warmUpAfterMs: 0 });
    const before = questions.map((q) => library.engine.answer(q));
    const files = [...library.engine.files];
    await library.warmedUp;
    expect(questions.map((q) => library.engine.answer(q))).toEqual(before);
    expect([...library.engine.files]).toEqual(files);
    await library.close();

    const closing = await openLibrary(dir, { warmUpAfterMs: 60_000 });
    await closing.close();
    await closing.warmedUp; // resolves at once, having stopped

    const cold = await openLibrary(dir);
    await cold.warmedUp; // no warm-up asked for: nothing to wait for
    await cold.close();
  });
});

describe('the compiled code (dist/, as the bot runs it)', () => {
  it('keeps regular expressions with Unicode properties (\\p{L}) as literals: a `new RegExp` call would make one again each time its line runs', () => {
    const dir = projectPath('dist', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files.length).toBeGreaterThan(50);
    const made = files.filter((file) => /new RegExp\("[^"]*\\\\p\{/.test(readFileSync(join(dir, file), 'utf8')));
    expect(made).toEqual([]);
    expect(readFileSync(join(dir, 'core', 'text', 'analyzer.js'), 'utf8')).toContain(String.raw`/(?:\p{L}\.){2,}`);
  });
});

describe("a passage's sentences, for proximity", () => {
  it('are analysed once and remembered by the passage id: its text (decoded from the cache each time it is read) is read only then', () => {
    const { analyzer } = teamAnalysis();
    let reads = 0;
    const passage = (id: number, text: string) => ({ id, get text() { reads++; return text; } });
    const memo = new PassageSentences(analyzer, new SentenceTermTable());
    const first = passage(1, 'Tokayev arrived in Washington. The MOU was signed there on Thursday.');
    const words = { byTerm: new Map([[analyzer.termOf('signed')!, { index: 0, credit: 1 }], [analyzer.termOf('MOU')!, { index: 1, credit: 1 }]]), weights: Float64Array.of(1, 1) };
    expect(focusOf(first, words, memo)).toEqual({ share: 1, sentence: 'The MOU was signed there on Thursday.' });
    expect(memo.of(first).map((s) => s.sentence)).toEqual(['Tokayev arrived in Washington.', 'The MOU was signed there on Thursday.']);
    expect(reads).toBe(1);
    expect(focusOf(passage(2, 'Nothing was signed.'), words, memo).share).toBe(0.5);
    expect(reads).toBe(2);
  });
});
