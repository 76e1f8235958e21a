import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleMarkdown, judge, paragraphsOfPassages, readSquad, score, writeKnowledgeFolder, type Outcome } from '../scripts/squad';
import { loadKnowledge } from '../src/library/knowledge-folder';
import { engineOf } from './support/engine';
import { temporaryDir } from './support/temporary-dir';

// Two small articles written for this test, in SQuAD 2.0's shape.
const lighthouse =
  'The Skerry lighthouse was built in 1858 on a rock off the northern coast. Its keeper, Agnes Moray, kept the lamp lit for thirty-one years.';
const ferry = 'A ferry crossed to the island\ntwice a day until 1962, when a bridge opened.';
const tides = 'Tides at the rock rise six metres; storms in winter close the landing.';

const squad2 = {
  version: 'v2.0',
  data: [
    {
      title: 'Skerry_lighthouse',
      paragraphs: [
        {
          context: lighthouse,
          qas: [
            { id: 'q1', question: 'When was the Skerry lighthouse built?', answers: [{ text: '1858', answer_start: 35 }, { text: 'in 1858', answer_start: 32 }], is_impossible: false },
            { id: 'q2', question: 'Who painted the lighthouse?', answers: [], plausible_answers: [{ text: 'Agnes Moray', answer_start: 85 }], is_impossible: true },
          ],
        },
        { context: ferry, qas: [{ id: 'q3', question: 'When did the bridge open?', answers: [{ text: '1962', answer_start: 44 }], is_impossible: false }] },
      ],
    },
    { title: 'Tides', paragraphs: [{ context: tides, qas: [{ id: 'q4', question: 'How high do tides rise?', answers: [{ text: 'six  metres', answer_start: 19 }], is_impossible: false }] }] },
  ],
};

// SQuAD 1.1: no is_impossible, every question has answers.
const squad11 = {
  version: '1.1',
  data: [{ title: 'Tides', paragraphs: [{ context: tides, qas: [{ id: 'x', question: 'What closes the landing?', answers: [{ text: 'storms in winter', answer_start: 40 }] }] }] }],
};

describe('SQuAD reader', () => {
  it('reads SQuAD 2.0: paragraphs numbered across the file, answers with white space collapsed and without repeats, impossible questions', () => {
    const set = readSquad(squad2);
    expect(set.articles.map((a) => [a.title, a.page, a.firstParagraph, a.paragraphs.length])).toEqual([
      ['Skerry lighthouse', 'Skerry_lighthouse', 0, 2],
      ['Tides', 'Tides', 2, 1],
    ]);
    expect(set.articles[0]!.paragraphs[1]).toBe('A ferry crossed to the island twice a day until 1962, when a bridge opened.');
    expect(set.questions).toEqual([
      { id: 'q1', question: 'When was the Skerry lighthouse built?', answers: ['1858', 'in 1858'], impossible: false, paragraph: 0 },
      { id: 'q2', question: 'Who painted the lighthouse?', answers: [], impossible: true, paragraph: 0 },
      { id: 'q3', question: 'When did the bridge open?', answers: ['1962'], impossible: false, paragraph: 1 },
      { id: 'q4', question: 'How high do tides rise?', answers: ['six metres'], impossible: false, paragraph: 2 },
    ]);
  });

  it('reads SQuAD 1.1, where no question is impossible', () => {
    const set = readSquad(squad11);
    expect(set.questions).toEqual([{ id: 'x', question: 'What closes the landing?', answers: ['storms in winter'], impossible: false, paragraph: 0 }]);
  });

  it('names the field that is not as SQuAD writes it', () => {
    expect(() => readSquad({ version: '1.1' }, 'f.json')).toThrow('f.json: data must be an array of articles');
    expect(() => readSquad({ data: [{ title: 'T', paragraphs: [{ context: 'c', qas: [{ question: 'q?', answers: [] }] }] }] }, 'f.json')).toThrow(
      'f.json: data[0].paragraphs[0].qas[0].answers is empty, but the question is not marked is_impossible',
    );
  });

  it('writes articles the knowledge loader reads, whose passages map back to their paragraphs', async () => {
    const set = readSquad(squad2);
    expect(articleMarkdown(set.articles[0]!)).toBe(
      `---\ntitle: "Skerry lighthouse"\npublisher: Wikipedia\nurl: https://en.wikipedia.org/wiki/Skerry_lighthouse\n---\n\n${lighthouse}\n\n${set.articles[0]!.paragraphs[1]}\n`,
    );
    const dir = temporaryDir('squad-');
    expect(writeKnowledgeFolder(set, dir)).toEqual(['skerry-lighthouse.md', 'tides.md']);
    expect(readFileSync(join(dir, 'tides.md'), 'utf8')).toContain('publisher: Wikipedia');
    const { articles, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    const engine = engineOf(articles);
    const paragraphs = paragraphsOfPassages(set, engine.passages);
    expect(engine.passages.map((passage) => [passage.text.slice(0, 12), paragraphs[passage.id]])).toEqual([
      ['The Skerry l', 0],
      ['A ferry cros', 1],
      ['Tides at the', 2],
    ]);
  });
});

describe('SQuAD scoring', () => {
  const set = readSquad(squad2);
  const [q1, q2, q3, q4] = set.questions as [typeof set.questions[0], typeof set.questions[0], typeof set.questions[0], typeof set.questions[0]];
  const answered = (...results: [number | null, string][]): Outcome => ({ answered: true, results: results.map(([paragraph, text]) => ({ paragraph, text })) });
  const declined: Outcome = { answered: false, results: [] };

  it('counts top-1 only for a top result inside the paragraph that holds an answer span', () => {
    expect(judge(q1, answered([0, 'The Skerry lighthouse was built in 1858 on a rock']))).toEqual({ top1: true, rightParagraph: true, reciprocalRank: 1, declined: false });
    // The right paragraph, but a piece of it without the answer.
    expect(judge(q1, answered([0, 'Its keeper, Agnes Moray, kept the lamp lit'], [0, 'built in 1858']))).toEqual({
      top1: false,
      rightParagraph: true,
      reciprocalRank: 0.5,
      declined: false,
    });
    // The answer's words in another paragraph are not the answer.
    expect(judge(q3, answered([null, 'closed in 1962'], [2, '1962'], [1, 'until 1962']))).toEqual({
      top1: false,
      rightParagraph: false,
      reciprocalRank: 1 / 3,
      declined: false,
    });
  });

  it('adds up top-1, right paragraph, MRR and declined shares, answerable and unanswerable apart', () => {
    const judgements = [
      judge(q1, answered([0, 'built in 1858'])),
      judge(q2, declined),
      judge(q3, answered([2, 'x'], [1, 'until 1962'])),
      judge(q4, declined),
    ];
    expect(judgements[3]).toEqual({ top1: false, rightParagraph: false, reciprocalRank: 0, declined: true });
    expect(score(set.questions, judgements)).toEqual({
      answerable: { total: 3, top1: 1, rightParagraph: 1, mrr: (1 + 0.5 + 0) / 3, declined: 1 },
      unanswerable: { total: 1, declined: 1 },
    });
    expect(score(set.questions, [judgements[0]!, judge(q2, answered([0, 'Agnes Moray'])), judgements[2]!, judgements[3]!]).unanswerable).toEqual({ total: 1, declined: 0 });
  });
});
