/** Keyword matching: whole words, any case, in the title, summary or text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeMatch, matchKeywords, parseKeywords } from '../../src/ingest/keywords';

describe('keywords', () => {
  it('are read from a comma-separated list', () => {
    expect(parseKeywords(' Kazakhstan,  critical   minerals ,,tungsten, KAZAKHSTAN ')).toEqual(['Kazakhstan', 'critical minerals', 'tungsten']);
    expect(parseKeywords('')).toEqual([]);
    expect(parseKeywords(undefined)).toEqual([]);
  });

  it('match whole words in any case, with plurals, across spaces and hyphens', () => {
    const m = (keywords: string, title: string) => matchKeywords(parseKeywords(keywords), { title }).matches;
    expect(m('tungsten', 'TUNGSTEN prices soar')).toBe(true);
    expect(m('tungsten', "Kazakhstan's tungsten's future")).toBe(true);
    expect(m('critical minerals', 'A critical-minerals deal')).toBe(true);
    expect(m('critical mineral', 'Critical minerals deal')).toBe(true);
    expect(m('us', 'Business as usual')).toBe(false);
    expect(m('us', 'Kazakhstan and US sign MOU')).toBe(true);
    expect(m('tungsten', 'Tungstenite is a mineral')).toBe(false);
    expect(m('Казахстан', 'КАЗАХСТАН и США')).toBe(true);
    expect(m('c++', 'Jobs in C++ and more')).toBe(true);
  });

  it('match a Russian word in any of its case endings, and not a longer word', () => {
    const m = (keywords: string, title: string) => matchKeywords(parseKeywords(keywords), { title }).matches;
    expect(m('вольфрам', 'Запасы вольфрама в Казахстане')).toBe(true);
    expect(m('вольфрам', 'Сделка по вольфрамовому концентрату')).toBe(false);
    expect(m('Казахстан', 'Инвестиции в Казахстане')).toBe(true);
    expect(m('критические минералы', 'Меморандум по критическим минералам')).toBe(true);
    expect(m('уран', 'Ураган в Техасе')).toBe(false);
  });

  it('say where they were found, and which ones', () => {
    expect(matchKeywords(['gallium', 'tungsten'], { title: 'Metals', summary: 'About tungsten', text: 'Gallium output' })).toEqual({ matches: true, found: ['gallium', 'tungsten'], where: ['text', 'summary'] });
    expect(matchKeywords(['gallium'], { title: 'Metals', summary: null, text: null })).toEqual({ matches: false, found: [], where: [] });
    expect(matchKeywords([], { title: 'anything' })).toEqual({ matches: true, found: [], where: [] });
  });

  it('says where each keyword was found ("in the title" was said of every one found, wherever the first was)', () => {
    const match = matchKeywords(['kazakhstan', 'tungsten', 'titanium'], { title: 'Titanium plant planned in Kazakhstan', summary: 'The tungsten mine nearby will supply it.' });
    expect(describeMatch(match)).toBe('“kazakhstan”, “titanium” in the title and “tungsten” in the summary');
    expect(describeMatch(matchKeywords(['gallium'], { title: 'Gallium output' }))).toBe('“gallium” in the title');
  });

  it('find a keyword put anywhere as a word, in any case; and never a keyword that is absent', () => {
    const word = fc.stringMatching(/^[a-zA-Z\u0400-\u04ff]{2,12}$/);
    const filler = fc.array(fc.stringMatching(/^[a-z0-9]{1,10}$/), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), filler, filler, fc.boolean(), (keywordWords, before, after, upper) => {
        const keyword = keywordWords.join(' ');
        const written = upper ? keyword.toUpperCase() : keyword.toLowerCase();
        const text = [...before, written, ...after].join(' ');
        expect(matchKeywords([keyword], { text }).matches).toBe(true);
        // Glued to other letters it is not a word of the text.
        const glued = [...before, `x${written}x`, ...after].join(' ');
        const alone = [...before, ...after].join(' ');
        fc.pre(!new RegExp(`(^|[^a-z])${keywordWords[0]!.toLowerCase()}`, 'i').test(alone));
        expect(matchKeywords([keyword], { text: glued }).matches).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
