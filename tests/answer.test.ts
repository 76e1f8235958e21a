import { describe, expect, it } from 'vitest';
import type { ArticleText } from '../src/core/types';
import { engineOf } from './support/engine';

const article = (file: string, published: string, body: string): ArticleText => ({
  file,
  title: `Article ${file}`,
  publisher: null,
  published,
  url: null,
  tags: [],
  body,
});

const engine = engineOf([
  article(
    'a.md',
    '2025-11-06',
    [
      'The MOU was signed by Yersayin Nagaspayev and US Secretary of Commerce Howard Lutnick in Washington.',
      'Kazakhstan is estimated to have over 2 million tonnes of tungsten reserves.',
      'The deposits are valued at billions of dollars.',
    ].join('\n\n'),
  ),
  article('b.md', '2024-03-02', 'The Minister is scheduled to engage in discussions with key figures in American politics and business.'),
]);

const top = (question: string) => {
  const answer = engine.answer(question);
  return answer.answered ? answer.results[0]?.passage.text : undefined;
};

describe('answer', () => {
  it('answers with the passage holding the specific words', () => {
    expect(top('How much tungsten does Kazakhstan have?')).toContain('2 million tonnes');
    expect(top('Who signed the MOU?')).toContain('Nagaspayev');
  });

  it('forgives common English words the articles never use', () => {
    expect(top('How much are the deposits worth?')).toContain('valued at billions');
  });

  it('matches a form Porter stemming leaves apart by its root', () => {
    expect(top('Will the minister talk to American politicians?')).toContain('American politics');
  });

  it('finds an article by its year of publication', () => {
    expect(engine.answer('discussions in 2024').results[0]?.passage.article.file).toBe('b.md');
  });

  it('declines a question about a specific thing the articles lack', () => {
    expect(engine.answer('How much uranium does Kazakhstan produce?').answered).toBe(false);
    expect(engine.answer('capital of France').answered).toBe(false);
  });

  it('declines when the best passage lacks a name the question uses', () => {
    expect(engine.answer('Did Japan sign the MOU with Kazakhstan?').answered).toBe(false);
  });
});
