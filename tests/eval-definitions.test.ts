import { describe, expect, it } from 'vitest';
import { checkDefinitions, frequentTerms } from '../scripts/eval-definitions';
import type { ArticleText } from '../src/core/types';
import { engineOf } from './support/engine';

// Paragraphs written for this test: one says what the Skerry lighthouse is; another names it more often.
const paragraphs = [
  'Visitors to the Skerry lighthouse climb the Skerry lighthouse stairs, photograph the Skerry lighthouse lamp and leave the Skerry lighthouse by boat.',
  'The Skerry lighthouse is a granite tower built in 1858 on a rock off the northern coast.',
  'Storm petrels nest on the rock every summer, and the tides rise six metres.',
];
const article: ArticleText = { file: 'skerry.md', title: 'Skerry', publisher: null, published: null, url: null, tags: [], body: paragraphs.join('\n\n') };

describe('npm run eval:definitions', () => {
  it('asks about the word pairs and triples that occur at least so often, stop words left out', () => {
    expect(frequentTerms(paragraphs, 3)).toEqual(['Skerry lighthouse']);
    expect(frequentTerms(['granite tower built', 'a granite tower built'], 2)).toEqual(['granite tower', 'granite tower built', 'tower built']);
    expect(frequentTerms(['the rock and the rock'], 2)).toEqual([]);
  });

  it('counts the top passages that say what the thing is without the rule and with it, and lists the answers it changed', () => {
    const check = checkDefinitions(engineOf([article]), paragraphs, 3);
    expect(check.questions).toBe(1);
    expect(check.without).toBe(0);
    expect(check.with).toBe(1);
    expect(check.changed).toEqual([{ question: 'What is Skerry lighthouse?', sentence: 'The Skerry lighthouse is a granite tower built in 1858 on a rock off the northern coast.', answered: true }]);
  });
});
