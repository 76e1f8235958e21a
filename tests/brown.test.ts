import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { brownDir, detokenize, loadBrownArticles } from '../scripts/brown';

describe('detokenize', () => {
  it('strips tags (including ones with $ and -) and turns `` and \'\' into double quotes', () => {
    // ca01, first sentence.
    const line =
      "\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr an/at investigation/nn of/in Atlanta's/np$ recent/jj primary/nn election/nn produced/vbd ``/`` no/at evidence/nn ''/'' that/cs any/dti irregularities/nns took/vbd place/nn ./.";
    expect(detokenize(line)).toBe(
      'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced "no evidence" that any irregularities took place.',
    );
  });

  it('attaches punctuation and closing quotes to the word before, opening ones to the word after', () => {
    // ca01, fourth paragraph.
    const line =
      "\t``/`` Only/rb a/at relative/jj handful/nn of/in such/jj reports/nns was/bedz received/vbn ''/'' ,/, the/at jury/nn said/vbd ,/, ``/`` considering/in the/at widespread/jj interest/nn in/in the/at election/nn ,/, the/at number/nn of/in voters/nns and/cc the/at size/nn of/in this/dt city/nn ''/'' ./.";
    expect(detokenize(line)).toBe(
      '"Only a relative handful of such reports was received", the jury said, "considering the widespread interest in the election, the number of voters and the size of this city".',
    );
  });

  it('handles tags with * and +, brackets, and words containing a slash', () => {
    const line =
      "It's/pps+bez true/jj that/cs he/pps didn't/dod* go/vb (/( and/or/cc stay/vb )/) ;/. 1/2/cd of/in them/ppo left/vbd ?/.";
    expect(detokenize(line)).toBe("It's true that he didn't go (and/or stay); 1/2 of them left?");
  });

  it('joins the sentences of a multi-line paragraph and keeps one point after an abbreviation', () => {
    const paragraph = 'He/pps met/vbd Ivan/np Allen/np Jr./np ./.\nIt/pps rained/vbd ./.';
    expect(detokenize(paragraph)).toBe('He met Ivan Allen Jr. It rained.');
  });
});

describe('loadBrownArticles', () => {
  it('loads all 500 texts as readable articles, quickly: in one pass, each file read once', () => {
    // The files the loader reads are counted (work, not milliseconds).
    const read = vi.fn((file: string) => readFileSync(file, 'utf8'));
    const articles = loadBrownArticles(brownDir(), read);
    expect(articles).toHaveLength(500);
    // The list of texts and categories, then each text once.
    expect(read).toHaveBeenCalledTimes(501);
    expect(new Set(read.mock.calls.map(([file]) => file)).size).toBe(501);
    const first = articles[0]!;
    expect(first.file).toBe('brown/ca01');
    expect(first.title).toBe('Brown corpus ca01 (news)');
    expect(first.publisher).toBe('Brown corpus');
    expect(first.published).toBeNull();
    expect(first.url).toBeNull();
    expect(first.tags).toEqual([]);
    expect(first.body.startsWith('The Fulton County Grand Jury said Friday')).toBe(true);
    for (const article of articles) {
      expect(article.body).not.toMatch(/[a-z]\/(nn|nns|at|vbd|np|jj)(-tl)?\s/); // no tags left
      expect(article.body).not.toMatch(/``/);
    }
    expect(articles.find((a) => a.file === 'brown/cr09')?.title).toBe('Brown corpus cr09 (humor)');
  });
});
