/**
 * The gaps report: rephrasings grouped (same analyzed terms, or close), deterministically (the
 * same groups whatever the order of the records), without comparing all pairs; most asked first
 * by distinct people; Not helpful answers with what people were looking for; per day, the share of
 * questions answered and of votes that said Helpful, in the team's time zone; "answered since".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupQuestions } from '../../src/feedback/grouping';
import { formatReport } from '../../src/feedback/format';
import { buildGapsReport, type AnswerNow } from '../../src/feedback/report';
import { syntheticFeedback } from '../../scripts/gaps-data';
import { analyze, answerEvent, voteEvent, type FeedbackEvent } from './helpers';

const NOW = new Date('2026-11-23T12:00:00Z');

function group(questions: string[]) {
  const { groups } = groupQuestions(questions.map((text) => ({ terms: analyze(text), text })));
  return groups.map((g) => g.members.map((i) => questions[i]!).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('grouping', () => {
  it('puts rephrasings together and keeps different questions apart', () => {
    expect(
      group([
        "What are Kazakhstan's tungsten reserves?",
        'kazakhstan tungsten reserves',
        'How much tungsten does Kazakhstan have?',
        'Who signed the memorandum of understanding?',
        'who signed the MOU',
        'What is the capital of France?',
        'tungsten exports to China',
        'tungsten',
      ]),
    ).toEqual([
      ['How much tungsten does Kazakhstan have?', "What are Kazakhstan's tungsten reserves?", 'kazakhstan tungsten reserves'],
      ['What is the capital of France?'],
      ['Who signed the memorandum of understanding?', 'who signed the MOU'],
      ['tungsten'],
      ['tungsten exports to China'],
    ]);
  });

  it('groups questions without terms only by their wording', () => {
    expect(group(['What is it?', 'what is it', 'Is it?'])).toEqual([['Is it?'], ['What is it?', 'what is it']]);
  });

  it('gives the same groups whatever the order of the records (property)', () => {
    const questions = syntheticFeedback({ questions: 300, topics: 40, seed: 7 }).flatMap((e) => (e.type === 'answer' ? [e] : []));
    const partition = (order: number[]) => {
      const items = order.map((i) => questions[i]!);
      const { groups } = groupQuestions(items.map((q) => ({ terms: q.terms, text: q.question })));
      return groups.map((g) => ({ key: g.key, ids: g.members.map((m) => items[m]!.id).sort() })).sort((a, b) => (a.key < b.key ? -1 : 1));
    };
    const reference = partition(questions.map((_, i) => i));
    fc.assert(
      fc.property(fc.shuffledSubarray(questions.map((_, i) => i), { minLength: questions.length }), (order) => {
        expect(partition(order)).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('compares only sets that share a rare term, not all pairs (10,000 questions)', () => {
    const events = syntheticFeedback({ questions: 10_000, seed: 3 }).flatMap((e) => (e.type === 'answer' ? [e] : []));
    const { groups, stats } = groupQuestions(events.map((q) => ({ terms: q.terms, text: q.question })));
    expect(groups.length).toBeGreaterThan(100);
    // All pairs of buckets would be stats.buckets² / 2 (over ten million here).
    expect(stats.comparisons).toBeLessThan(stats.buckets * 50);
  });
});

describe('buildGapsReport', () => {
  it('lists declined questions most asked first by distinct people, one person’s repeats counting once', () => {
    const events: FeedbackEvent[] = [
      answerEvent({ question: 'How much lithium does Kazakhstan produce?', at: '2026-11-20T09:00:00Z', user: 'ann' }),
      answerEvent({ question: 'lithium production kazakhstan', at: '2026-11-20T10:00:00Z', user: 'ann' }),
      answerEvent({ question: 'How much lithium does Kazakhstan produce?', at: '2026-11-21T09:00:00Z', user: 'ann' }),
      answerEvent({ question: 'What is the capital of France?', at: '2026-11-21T09:00:00Z', user: 'bob' }),
      answerEvent({ question: 'capital of France', at: '2026-11-22T09:00:00Z', user: 'cat', command: 'tungsten' }),
      answerEvent({ question: 'Who signed the MOU?', at: '2026-11-22T09:00:00Z', user: 'dan', answered: true, passage: { id: 1, file: 'mou.md', title: 'MOU', section: null, position: 0 } }),
    ];
    const report = buildGapsReport(events, { now: NOW });
    expect(report.gaps.map((g) => [g.example, g.people, g.asked, g.declined, g.commands])).toEqual([
      ['What is the capital of France?', 2, 2, 2, ['ask', 'tungsten']],
      ['How much lithium does Kazakhstan produce?', 1, 3, 3, ['ask']],
    ]);
    expect(report.gaps[1]!.wordings).toEqual(['lithium production kazakhstan']);
    expect(report.gaps[1]!.terms).toEqual(['kazakhstan', 'lithium', 'produc']);
    expect(report.gaps[1]!.firstAsked).toBe('2026-11-20T09:00:00.000Z');
    expect(report.gaps[1]!.lastAsked).toBe('2026-11-21T09:00:00.000Z');
    expect(report.totalGaps).toBe(2);
  });

  it('lists answers marked Not helpful with the passage and what people were looking for; a vote changed to Helpful leaves it', () => {
    const passage = { id: 4, file: 'mou.md', title: 'Kazakhstan and US Ink MOU', section: 'Tungsten', position: 4 };
    const wrong = answerEvent({ question: 'When does tungsten mining start?', at: '2026-11-22T09:00:00Z', user: 'ann', answered: true, passage });
    const fine = answerEvent({ question: 'Who signed the MOU?', at: '2026-11-22T09:00:00Z', user: 'ann', answered: true, passage });
    const events = [
      wrong,
      fine,
      voteEvent({ answer: wrong.id, at: '2026-11-22T09:01:00Z', user: 'bob', note: 'the year production starts' }),
      voteEvent({ answer: wrong.id, at: '2026-11-22T09:02:00Z', user: 'cat' }),
      voteEvent({ answer: fine.id, at: '2026-11-22T09:01:00Z', user: 'bob' }),
      voteEvent({ answer: fine.id, at: '2026-11-22T09:03:00Z', user: 'bob', vote: 'helpful' }),
    ];
    const report = buildGapsReport(events, { now: NOW });
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]).toMatchObject({
      example: 'When does tungsten mining start?',
      people: 2,
      asked: 1,
      declined: 0,
      notHelpful: 1,
      answeredWith: [{ file: 'mou.md', title: 'Kazakhstan and US Ink MOU', section: 'Tungsten', position: 4 }],
      lookingFor: ['the year production starts'],
    });
  });

  it('gives per day the share of questions answered and of votes that said Helpful, in the team’s time zone', () => {
    const ok = { id: 1, file: 'a.md', title: 'A', section: null, position: 0 };
    const a1 = answerEvent({ question: 'q1', at: '2026-11-22T20:00:00Z', answered: true, passage: ok }); // 23 Nov in Almaty (UTC+5)
    const a2 = answerEvent({ question: 'q2', at: '2026-11-23T05:00:00Z', answered: true, passage: ok });
    const a3 = answerEvent({ question: 'q3', at: '2026-11-23T06:00:00Z', answered: true, passage: ok });
    const a4 = answerEvent({ question: 'q4', at: '2026-11-23T07:00:00Z' });
    const a5 = answerEvent({ question: 'q5', at: '2026-11-21T07:00:00Z' });
    const events = [
      a5, a1, a2, a3, a4,
      voteEvent({ answer: a1.id, at: '2026-11-23T08:00:00Z', user: 'x', vote: 'helpful' }),
      voteEvent({ answer: a2.id, at: '2026-11-23T08:00:00Z', user: 'x', vote: 'helpful' }),
      voteEvent({ answer: a2.id, at: '2026-11-23T08:00:00Z', user: 'y', vote: 'helpful' }),
      voteEvent({ answer: a3.id, at: '2026-11-23T08:00:00Z', user: 'x' }),
    ];
    const report = buildGapsReport(events, { now: NOW, timeZone: 'Asia/Almaty', days: 3 });
    expect(report.window).toMatchObject({ days: 3, firstDay: '2026-11-21', lastDay: '2026-11-23', timeZone: 'Asia/Almaty' });
    expect(report.perDay).toEqual([
      { day: '2026-11-21', questions: 1, answered: 0, answeredShare: 0, votes: 0, helpful: 0, helpfulShare: null },
      { day: '2026-11-22', questions: 0, answered: 0, answeredShare: null, votes: 0, helpful: 0, helpfulShare: null },
      { day: '2026-11-23', questions: 4, answered: 3, answeredShare: 0.75, votes: 4, helpful: 3, helpfulShare: 0.75 },
    ]);
    expect(report.totals).toEqual({ questions: 5, answered: 3, votes: 4, helpful: 3 });
  });

  it('counts only the window: today and the days before it, nothing later than now', () => {
    const events = [
      answerEvent({ question: 'too old', at: '2026-11-16T23:59:00Z' }),
      answerEvent({ question: 'first day', at: '2026-11-17T00:00:00Z' }),
      answerEvent({ question: 'after now', at: '2026-11-23T12:00:01Z' }),
    ];
    const report = buildGapsReport(events, { now: NOW, days: 7 });
    expect(report.gaps.map((g) => g.example)).toEqual(['first day']);
    expect(report.perDay.map((d) => d.day)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
  });

  it('marks a gap answered since when the current engine answers it, with a passage not marked Not helpful', () => {
    const rejected = { id: 9, file: 'mou.md', title: 'MOU', section: null, position: 2 };
    const wrong = answerEvent({ question: 'tungsten price', at: '2026-11-22T09:00:00Z', answered: true, passage: rejected });
    const events = [
      answerEvent({ question: 'How much lithium does Kazakhstan produce?', at: '2026-11-22T09:00:00Z' }),
      answerEvent({ question: 'What is the capital of France?', at: '2026-11-22T09:00:00Z' }),
      wrong,
      voteEvent({ answer: wrong.id, at: '2026-11-22T09:01:00Z', user: 'bob' }),
    ];
    const lithium = { id: 40, position: 0, section: 'Lithium', text: 'Kazakhstan produced 1,000 tonnes of lithium.', article: { file: '2026-11-22-lithium.md', title: 'Lithium output' } };
    const answerNow: AnswerNow = (question) => {
      if (/lithium/i.test(question)) return { answered: true, results: [{ passage: lithium }] };
      if (/tungsten/i.test(question)) return { answered: true, results: [{ passage: { ...rejected, text: 'same passage', article: { file: 'mou.md', title: 'MOU' } } }] };
      return { answered: false, results: [] };
    };
    const report = buildGapsReport(events, { now: NOW, answerNow });
    const byExample = Object.fromEntries(report.gaps.map((g) => [g.example, g.answeredSince]));
    expect(byExample['How much lithium does Kazakhstan produce?']).toEqual({
      file: '2026-11-22-lithium.md',
      title: 'Lithium output',
      section: 'Lithium',
      position: 0,
      excerpt: 'Kazakhstan produced 1,000 tonnes of lithium.',
      how: 'answered',
    });
    expect(byExample['What is the capital of France?']).toBeNull();
    expect(byExample['tungsten price']).toBeNull(); // still the passage marked Not helpful
    expect(report.checkedAnsweredSince).toBe(true);

    // Once the engine answers the Not helpful question with another passage, it says so, as worth a look.
    const moved = buildGapsReport(events, {
      now: NOW,
      answerNow: (q) => (/tungsten/.test(q) ? { answered: true, results: [{ passage: { ...lithium, position: 5, article: { file: 'mou.md', title: 'MOU' } } }] } : { answered: false, results: [] }),
    });
    expect(moved.gaps.find((g) => g.example === 'tungsten price')?.answeredSince).toMatchObject({ file: 'mou.md', position: 5, how: 'different-passage' });
  });

  it('as text: says when nothing went unanswered, and prints what people typed without control characters', () => {
    const ok = { id: 1, file: 'a.md', title: 'A', section: null, position: 0 };
    const answered = buildGapsReport([answerEvent({ question: 'q', at: '2026-11-22T09:00:00Z', answered: true, passage: ok })], { now: NOW });
    expect(formatReport(answered)).toContain('Nothing went unanswered');
    const hostile = buildGapsReport([answerEvent({ question: 'lithium\u001b]0;pwned\u0007 \u202eprices', at: '2026-11-22T09:00:00Z' })], { now: NOW });
    const text = formatReport(hostile);
    expect(text).toContain('“lithium ]0;pwned prices”');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });
});
