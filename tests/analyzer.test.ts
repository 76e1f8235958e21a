import { describe, expect, it } from 'vitest';
import { englishModelOf, englishTermsOf } from '../src/core/text/english';
import { parseVocabulary } from '../src/core/text/vocabulary';
import { teamAnalysis } from './support/engine';

const { analyzer } = teamAnalysis();

describe('analyzer', () => {
  it('reads a possessive of a case-sensitive alias as the alias', () => {
    expect(analyzer.queryTerms('the US’s strategy')).toEqual(['usa', 'strategi']);
    expect(analyzer.queryTerms("the US's strategy")).toEqual(['usa', 'strategi']);
  });

  it('maps synonym groups to one term on both sides', () => {
    expect(analyzer.queryTerms('talks')).toEqual(analyzer.indexTerms('negotiations'));
    expect(analyzer.queryTerms('trip')).toEqual(analyzer.indexTerms('visit'));
    expect(analyzer.queryTerms('worth')).toEqual(analyzer.indexTerms('valued'));
    expect(analyzer.queryTerms('discuss')).toEqual(analyzer.queryTerms('deliberate on'));
  });

  it('reads "supposed to" and "meant to" as a plan ("how long was the crossing supposed to take" asks for "a planned 24 hours"), and "every" as a stop word, as "each" is', () => {
    expect(analyzer.queryTerms('how long was the crossing supposed to take')).toEqual(analyzer.queryTerms('how long was the crossing planned to take'));
    expect(analyzer.indexTerms('It was meant to open in May.')).toEqual(expect.arrayContaining(analyzer.queryTerms('the planned opening')));
    expect(analyzer.queryTerms('how much germanium is in the ash every year')).toEqual(analyzer.queryTerms('how much germanium is in the ash each year'));
  });

  it('reads letters with dots as the word without them: "Who signed the M.O.U.?" asks about the MOU', () => {
    expect(analyzer.queryTerms('Who signed the M.O.U.?')).toEqual(analyzer.queryTerms('Who signed the MOU?'));
    expect(analyzer.queryTerms('Who signed the M.O.U?')).toEqual(analyzer.queryTerms('Who signed the MOU?'));
    expect(analyzer.indexTerms('N.A.T.O. members')).toEqual(analyzer.indexTerms('NATO members'));
    // An alias with dots stays the alias: "U.S." is the USA, not the stop word "us".
    expect(analyzer.queryTerms('the U.S. side')).toEqual(['usa', 'side']);
  });

  it('reads a Latin word typed without its accents as the word the article wrote with them: "Who was Richard\'s fiancee?" meets "his fiancée"', () => {
    expect(analyzer.queryTerms("Who was Richard's fiancee?")).toEqual(analyzer.indexTerms('Richard fiancée'));
    expect(analyzer.queryTerms('Jose Perez')).toEqual(analyzer.indexTerms('José Pérez'));
    expect(analyzer.queryTerms('naive resume')).toEqual(analyzer.indexTerms('naïve résumé'));
    // Cyrillic letters keep their marks: й is a letter of its own, not и.
    expect(analyzer.indexTerms('мой')).not.toEqual(analyzer.indexTerms('мои'));
  });

  it('reads a negated auxiliary as the stop words it is made of ("don\'t" is "do not"), and what chat writes short for a stop word ("thru", "pls") as it', () => {
    expect(analyzer.queryTerms("why don't they ship it thru China")).toEqual(analyzer.queryTerms('why do they not ship it through China'));
    expect(analyzer.queryTerms("why won’t the insurer pay, pls")).toEqual(analyzer.queryTerms('why will the insurer not pay, please'));
    expect(analyzer.indexTerms("It isn't, and it can't, until the plant hasn't")).toEqual(['plant']);
  });

  it('reads a version written short as the word ("api v2" is "API version 2"), not a formula ("V2O5")', () => {
    expect(analyzer.queryTerms('when is api v2 turned off')).toEqual(analyzer.queryTerms('when is API version 2 turned off'));
    expect(analyzer.indexTerms('Version 4.2.0 - 12 January 2026')).toEqual(analyzer.indexTerms('v4.2.0 - 12 January 2026'));
    expect(analyzer.queryTerms('V2O5 flake')).toEqual(['v2o5', 'flake']);
  });

  it('reads a phrasal verb as the verb it means ("signed off" is approved, "turned off" switched off, "dug up" found)', () => {
    expect(analyzer.queryTerms('who signed off on it')).toEqual(analyzer.queryTerms('who approved it'));
    expect(analyzer.queryTerms('when is it turned off')).toEqual(analyzer.queryTerms('when is it switched off'));
    expect(analyzer.queryTerms('when was the crystal dug up')).toEqual(analyzer.queryTerms('when was the crystal find'));
    expect(analyzer.queryTerms('the demo plant')).toEqual(analyzer.queryTerms('the demonstration plant'));
  });

  it('reads a date\'s day as its number however it is written ("the 3rd of april", "April 3rd", a log\'s "03 April"), but keeps an ordinal that is not a day ("the 18th century", "the 3rd session")', () => {
    const day = analyzer.indexTerms('03 April 2026, 09:00. Speed reduced.');
    for (const question of ['why did they slow down on the 3rd of april', 'speed on april 3rd', 'speed on 3 April']) {
      expect(day, question).toEqual(expect.arrayContaining(analyzer.queryTerms(question).filter((term) => term !== 'slow' && term !== 'speed')));
    }
    expect(analyzer.queryTerms('the 3rd of april')).toEqual(['3', 'april']);
    expect(analyzer.queryTerms('the 18th century')).toEqual(analyzer.indexTerms('the eighteenth century'));
    expect(analyzer.queryTerms('the 3rd session')).toEqual(analyzer.queryTerms('the third session'));
    // Only leading zeros go: "0.5" and "2026" stay.
    expect(analyzer.indexTerms('0.5 per cent in 2026, invoice 0412')).toEqual(expect.arrayContaining(['0.5', '2026', '412']));
  });

  it('drops question phrasing words', () => {
    expect(analyzer.queryTerms('what does 80% refer to')).toEqual(['80', 'percent']);
  });

  it('reads Russian (Kazakhstan’s other language of news) by its own stemmer: the forms of a word meet, ё is е, function and question words drop', () => {
    expect(analyzer.queryTerms('подписал')).toEqual(analyzer.indexTerms('подписали'));
    expect(analyzer.queryTerms('меморандума')).toEqual(analyzer.indexTerms('меморандуме'));
    expect(analyzer.queryTerms('запасы')).toEqual(analyzer.indexTerms('запасов'));
    expect(analyzer.queryTerms('объём')).toEqual(analyzer.indexTerms('объем'));
    expect(analyzer.queryTerms('Кто и когда подписал меморандум?')).toEqual(analyzer.queryTerms('подписали меморандум'));
    expect(analyzer.queryTerms('Можете сказать, кто подписал меморандум?')).toEqual(analyzer.queryTerms('подписали меморандум'));
    expect(analyzer.indexTerms('Министр не смог сказать')).toEqual(analyzer.indexTerms('министра смог сказать'));
    // English words are stemmed as before beside them.
    expect(analyzer.queryTerms('Tungsten вольфрама')).toEqual(['tungsten', 'вольфрам']);
  });

  it('skips words that only frame a question, in questions but not in articles', () => {
    expect(analyzer.queryTerms('main topic of the bilateral talks')).toEqual(['bilater', 'discuss']);
    expect(analyzer.queryTerms('What kind of agreement')).toEqual(['agreement']);
    // "What type of resource", "one example of a complexity measure": the answer names the kind or the example, seldom the word.
    expect(analyzer.queryTerms('Time and space are both examples of what type of resource?')).toEqual(['time', 'space', 'resourc']);
    expect(analyzer.queryTerms('What is one common example of a critical complexity measure?')).toEqual(['on', 'common', 'critic', 'complex', 'measur']);
    // "the goal of", "the objectives of", "on behalf of" as "the purpose of" (they were declined: the articles say "aims").
    expect(analyzer.queryTerms('What is the goal of the agreement?')).toEqual(['agreement']);
    expect(analyzer.queryTerms('the objectives of the MOU')).toEqual(['mou']);
    expect(analyzer.queryTerms('Who signed on behalf of Kazakhstan?')).toEqual(['sign', 'kazakhstan']);
    // "CEO" and "chief executive" are one term, as written in either.
    expect(analyzer.queryTerms('Who is the CEO?')).toEqual(analyzer.queryTerms('Who is the chief executive?'));
    expect(analyzer.indexTerms('Chief executive Saule Bekova')).toContain(analyzer.queryTerms('CEO')[0]);
    expect(analyzer.indexTerms('The main topic was tungsten')).toEqual(['main', 'topic', 'tungsten']);
    // "how much extra", "what extra permit": the answer says "more", "another", "a premium of", "a separate permit".
    expect(analyzer.queryTerms('how much extra do they charge for refining')).toEqual(['charg', 'refin']);
    expect(analyzer.indexTerms('an extra shift')).toEqual(['extra', 'shift']);
  });

  it('rejects a vocabulary whose question frame words are not a list of words, or with a group of related words of one word', () => {
    expect(() => parseVocabulary('{"aliases": [], "spellings": {}, "stopWords": [], "questionFrameWords": "main"}', 'v.json')).toThrow(
      /v\.json: questionFrameWords/,
    );
    expect(() => parseVocabulary('{"aliases": [], "spellings": {}, "stopWords": [], "relatedWords": [["добыча"]]}', 'v.json')).toThrow(/v\.json: relatedWords\.0: a group of related words has two words or more/);
  });
});

describe('English model', () => {
  const english = englishModelOf(englishTermsOf(analyzer, { paragraphs: 100, df: { talk: 10, talks: 5, talked: 3, uranium: 2 } }));

  it('adds up the words of one term', () => {
    expect(english.frequency(analyzer.termOf('talks')!)).toBe(18);
  });

  it('knows no frequency for words it never saw', () => {
    expect(english.frequency('kuyrektykol')).toBe(0);
    expect(english.frequency('uranium')).toBe(2);
  });

  it('loads the committed data file', () => {
    const model = teamAnalysis().english;
    expect(model.paragraphs).toBeGreaterThan(10_000);
    expect(model.frequency(analyzer.termOf('went')!)).toBeGreaterThan(model.frequency(analyzer.termOf('uranium')!));
  });
});
