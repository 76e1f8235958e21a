/**
 * What an article's passages are analysed into when it is prepared (and cached with the index), so
 * that a question never analyses the text of a passage it meets for the first time: the sentences'
 * terms for proximity (sentence-terms.ts) and the kinds of answer each passage holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerTypesHeld, answerTypeBitsOf, holds, isDocumentHeader, statesSpan, validAnswerTypeBits, type AnswerType } from '../src/core/answer-type';
import { Engine, prepareArticle } from '../src/core/engine';
import { focusOf, focusShareOf, PassageSentences, type QuestionWords } from '../src/core/proximity';
import { SentenceTermTable, sentenceTermsOf, type SavedSentenceTerms } from '../src/core/sentence-terms';
import { brownArticles } from './support/brown';
import { teamAnalysis } from './support/engine';

const { analyzer } = teamAnalysis();

const WORDS = ['Tokayev', 'signed', 'the', 'MOU', 'in', 'Washington', 'tungsten', 'U.S.', 'Steel', 'deposits', 'Kazakhstan’s', 'rare', 'earths', '1066', 'was', 'by', 'said', '"Yes'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }).chain((words) => fc.constantFrom('.', '!', '?', '', '."').map((end) => `${words.join(' ')}${end}`));
const passageText = fc.oneof(
  fc.array(sentence, { minLength: 1, maxLength: 5 }).map((sentences) => sentences.join(' ')),
  fc.string({ maxLength: 60 }),
);
const questionWords = fc
  .uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 })
  .chain((words) => fc.tuple(fc.constant(words), fc.array(fc.constantFrom(1, 0.5, 0.8), { minLength: words.length, maxLength: words.length }), fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: words.length, maxLength: words.length })));

/** The question's words as answer.ts makes them: an analysed term → its index and credit, and each index's weight. */
function wordsOf([words, credits, weights]: [string[], number[], number[]]): QuestionWords {
  const byTerm = new Map<string, { index: number; credit: number }>();
  words.forEach((word, index) => {
    const term = analyzer.termOf(word);
    if (term && !byTerm.has(term)) byTerm.set(term, { index, credit: credits[index]! });
  });
  return { byTerm, weights: Float64Array.from(weights) };
}

const tableOf = (texts: readonly string[]) => {
  const table = new SentenceTermTable();
  texts.forEach((text, id) => table.add(id, sentenceTermsOf(text, analyzer)));
  return table;
};

describe('the sentence table', () => {
  it('gives the share reading the text gives, to the bit, and the same sentences with their terms (property)', () => {
    fc.assert(
      fc.property(fc.array(passageText, { minLength: 1, maxLength: 6 }), questionWords, (texts, question) => {
        const tabled = new PassageSentences(analyzer, tableOf(texts));
        const read = new PassageSentences(analyzer, new SentenceTermTable());
        const words = wordsOf(question);
        const found = new Float64Array(words.weights.length);
        texts.forEach((text, id) => {
          const passage = { id, text };
          expect(focusShareOf(passage, words, tabled, found)).toBe(focusOf(passage, { ...words }, read).share);
          expect(tabled.of(passage)).toEqual(read.of(passage));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a tabled passage its terms without analysing its text again', () => {
    let analysed = 0;
    const counting = { ...analyzer, indexTerms: (text: string) => (analysed++, analyzer.indexTerms(text)) };
    const text = 'Tokayev arrived in Washington. The MOU was signed there on Thursday.';
    const table = new SentenceTermTable();
    table.add(7, sentenceTermsOf(text, analyzer));
    const sentences = new PassageSentences(counting, table);
    expect(sentences.of({ id: 7, text }).map((s) => s.terms)).toEqual(sentenceTermsOf(text, analyzer));
    expect(analysed).toBe(0);
    // A passage the table does not have (or whose text no longer splits as the table says) is read.
    sentences.of({ id: 8, text });
    expect(analysed).toBe(2);
    table.remove(7);
    expect(table.has(7)).toBe(false);
  });

  it('saved and read back under the same ids, gives the same terms and shares; passages added and removed after it are kept apart', () => {
    const texts = brownArticles()
      .slice(0, 40)
      .flatMap((article) => article.body.split(/\n\s*\n/).slice(0, 8));
    const table = tableOf(texts);
    // Some passages removed, the rest saved in another order (as the engine saves them, article by article).
    for (let id = 0; id < texts.length; id += 5) table.remove(id);
    const kept = texts.map((_, id) => id).filter((id) => id % 5 !== 0);
    const order = [...kept].sort((a, b) => (a * 7919) % 101 - (b * 7919) % 101 || a - b);
    const restored = SentenceTermTable.restore(table.save(order), order);
    const words = wordsOf([['said', 'the', 'man', 'house', 'years'], [1, 1, 0.5, 1, 0.8], [1, 0.1, 2, 1.5, 0.7]]);
    const found = new Float64Array(words.weights.length);
    for (const id of kept) {
      expect(restored.sentenceCountOf(id)).toBe(table.sentenceCountOf(id));
      for (let k = 0; k < table.sentenceCountOf(id); k++) expect(restored.termsOf(id, k)).toEqual(table.termsOf(id, k));
      expect(restored.bestShare(id, restored.numbered(words.byTerm), words.weights, found)).toBe(table.bestShare(id, table.numbered(words.byTerm), words.weights, found));
    }
    expect(restored.has(0)).toBe(false);
    // Changed after being read back: a new passage (with a term never seen) and one taken out.
    restored.add(10_000, sentenceTermsOf('Zyzzyva signed. Quokka.', analyzer));
    restored.remove(kept[0]!);
    expect([restored.termsOf(10_000, 0), restored.termsOf(10_000, 1)]).toEqual(sentenceTermsOf('Zyzzyva signed. Quokka.', analyzer));
    expect(restored.has(kept[0]!)).toBe(false);
    expect(restored.termsOf(kept[1]!, 0)).toEqual(table.termsOf(kept[1]!, 0));
    const alone = new SentenceTermTable();
    alone.add(10_000, sentenceTermsOf('Zyzzyva signed. Quokka.', analyzer));
    const signed = wordsOf([['Zyzzyva', 'signed', 'Quokka'], [1, 1, 1], [1, 2, 4]]);
    expect(restored.bestShare(10_000, restored.numbered(signed.byTerm), signed.weights, new Float64Array(3))).toBe(alone.bestShare(10_000, alone.numbered(signed.byTerm), signed.weights, new Float64Array(3)));
    // Saved again, read and added passages together, and read back: the same.
    const ids = [10_000, ...kept.slice(1)];
    const again = SentenceTermTable.restore(restored.save(ids), ids);
    for (const id of ids) {
      expect(again.sentenceCountOf(id)).toBe(restored.sentenceCountOf(id));
      for (let k = 0; k < restored.sentenceCountOf(id); k++) expect(again.termsOf(id, k)).toEqual(restored.termsOf(id, k));
    }
  });

  it('refuses a saved table whose parts do not fit together, saying so', () => {
    const saved = tableOf(['Tokayev signed the MOU. In Washington.', 'Tungsten deposits.']).save([0, 1]);
    const broken = (change: (copy: SavedSentenceTerms) => void) => {
      const copy: SavedSentenceTerms = { ...saved, termNumbers: saved.termNumbers.slice(), sentenceEnds: saved.sentenceEnds.slice(), passageSentences: saved.passageSentences.slice(), termLengths: saved.termLengths.slice() };
      change(copy);
      return () => SentenceTermTable.restore(copy, [0, 1]);
    };
    expect(() => SentenceTermTable.restore(saved, [0, 1])).not.toThrow();
    expect(broken((copy) => (copy.termNumbers[0] = copy.termLengths.length))).toThrow(/corrupt sentence table: a term number/);
    expect(broken((copy) => (copy.sentenceEnds[0] = copy.sentenceEnds[1]! + 1))).toThrow(/corrupt sentence table: sentence ends/);
    expect(broken((copy) => (copy.passageSentences[1] = 5))).toThrow(/corrupt sentence table: sentence counts/);
    expect(broken((copy) => (copy.passageSentences[0] = 0))).toThrow(/corrupt sentence table: passage 0/);
    expect(broken((copy) => (copy.termLengths[0] = copy.termLengths[0]! + 1))).toThrow(/corrupt sentence table: dictionary/);
    expect(() => SentenceTermTable.restore(saved, [0])).toThrow(/corrupt sentence table: sizes/);
  });
});

describe("a passage's terms, as the index has them", () => {
  it('are its sentences\' terms one after the other, as analysing its whole text gives them, for text nobody here wrote; the text is analysed once', () => {
    const articles = [...brownArticles().slice(0, 60), { file: 'team.md', title: 'Team', publisher: null, published: null, url: null, tags: [], body: 'The MOU was signed by U.S. Secretary of Commerce Howard Lutnick in Washington, D.C. on Thursday. Kazakhstan’s rare earths! Are they "deposits"? Yes.\n\n- 2 million tonnes.\n- 800,000 tonnes of rare earth metals.' }];
    let passages = 0;
    for (const source of articles) {
      let analysed = 0;
      const counting = { ...teamAnalysis(), analyzer: { ...analyzer, indexTerms: (text: string) => (analysed++, analyzer.indexTerms(text)) } };
      const prepared = prepareArticle(source, counting);
      prepared.passages.forEach((passage, position) => {
        expect(prepared.indexed[position]!.text).toEqual(analyzer.indexTerms(passage.text));
        expect(prepared.indexed[position]!.text).toEqual(prepared.sentences[position]!.flat());
      });
      const sections = prepared.passages.filter((passage) => passage.section).length;
      // Each sentence once, each section heading and the title: never a passage's whole text again.
      expect(analysed).toBe(prepared.sentences.flat().length + sections + 1);
      passages += prepared.passages.length;
    }
    expect(passages).toBeGreaterThan(500);
  });
});

describe('the kinds of answer a passage holds, found ahead', () => {
  const TYPES: AnswerType[] = ['person', 'place', 'time', 'quantity', 'reason'];

  it('are what asking for each kind finds, and once preset, a question asking reads no text', () => {
    const texts = brownArticles()
      .slice(0, 30)
      .flatMap((article) => article.body.split(/\n\s*\n/).slice(0, 10));
    const found = new Set<number>();
    texts.forEach((text, id) => {
      const bits = answerTypeBitsOf(text);
      found.add(bits);
      expect(validAnswerTypeBits(bits)).toBe(true);
      const held = new AnswerTypesHeld();
      held.preset(id, bits);
      let reads = 0;
      const passage = { id, get text() { reads++; return text; } };
      expect(TYPES.map((type) => held.holds(type, passage))).toEqual(TYPES.map((type) => holds(type, text)));
      expect(held.isHeader(passage)).toBe(isDocumentHeader(text));
      expect(held.statesSpan(passage)).toBe(statesSpan(text));
      expect(reads).toBe(0);
    });
    expect(found.size).toBeGreaterThan(5); // the sample has passages of many kinds
    expect(validAnswerTypeBits(127)).toBe(true); // the five kinds, the header bit and the span bit
    expect(validAnswerTypeBits(128)).toBe(false);
  });

  it('and the sentence table travel with the engine: a restored engine answers as the one saved, reading its kinds and sentences from the cache', () => {
    const analysis = teamAnalysis();
    const built = Engine.build(analysis, brownArticles().slice(0, 60));
    const saved = built.save();
    expect(saved.articles.arrays.answerTypes).toHaveLength(built.passageCount);
    expect(saved.articles.arrays.passageSentences).toHaveLength(built.passageCount);
    const restored = Engine.restore(analysis, saved);
    for (const question of ['Who said the house was old?', 'When did the war end?', 'How many men were there?', 'Where was the meeting held?', 'Why did he leave the city?', 'What did the committee decide?']) {
      const [a, b] = [built.answer(question), restored.answer(question)];
      expect(b.answered).toBe(a.answered);
      expect(b.results.map((r) => [r.passage.id, r.score])).toEqual(a.results.map((r) => [r.passage.id, r.score]));
    }
    const damaged = { ...saved, articles: { ...saved.articles, arrays: { ...saved.articles.arrays, answerTypes: Uint8Array.from(saved.articles.arrays.answerTypes as Uint8Array, () => 200) } } };
    expect(() => Engine.restore(analysis, damaged)).toThrow(/kinds of answer/);
  });
});
