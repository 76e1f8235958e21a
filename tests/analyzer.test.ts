import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/core/text/analyzer';
import { createEnglishModel } from '../src/core/text/english';
import { defaultVocabulary } from '../src/core/text/vocabulary';

const analyzer = createAnalyzer(defaultVocabulary().vocabulary);

describe('analyzer', () => {
  it('reads a possessive of a case-sensitive alias as the alias', () => {
    expect(analyzer.queryTerms('the US’s strategy')).toEqual(['usa', 'strategi']);
    expect(analyzer.queryTerms("the US's strategy")).toEqual(['usa', 'strategi']);
  });

  it('maps synonym groups to one term on both sides', () => {
    expect(analyzer.queryTerms('talks')).toEqual(analyzer.indexTerms('negotiations'));
    expect(analyzer.queryTerms('trip')).toEqual(analyzer.indexTerms('visit'));
    expect(analyzer.queryTerms('worth')).toEqual(analyzer.indexTerms('valued'));
  });

  it('drops question phrasing words', () => {
    expect(analyzer.queryTerms('what does 80% refer to')).toEqual(['80', 'percent']);
  });
});

describe('English model', () => {
  const english = createEnglishModel(analyzer, { paragraphs: 100, df: { talk: 10, talks: 5, talked: 3, uranium: 2 } });

  it('adds up the words of one term', () => {
    expect(english.frequency(analyzer.termOf('talks')!)).toBe(18);
  });

  it('knows no frequency for words it never saw', () => {
    expect(english.frequency('kuyrektykol')).toBe(0);
    expect(english.frequency('uranium')).toBe(2);
  });

  it('loads the committed data file', () => {
    const model = createEnglishModel(analyzer);
    expect(model.paragraphs).toBeGreaterThan(10_000);
    expect(model.frequency(analyzer.termOf('went')!)).toBeGreaterThan(model.frequency(analyzer.termOf('uranium')!));
  });
});
