/**
 * The feedback record on disk: one JSON line per answer and per vote, month files, no user id,
 * fire and forget (nothing is written before the caller has moved on, errors are logged once and
 * never thrown), a torn last line skipped with a warning and never swallowing the next record,
 * retention and forgetBefore, and votes: once per person per answer, a second click changes it,
 * and a click on an answer from before a restart still counts.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/feedback/custom-ids';
import { FeedbackLog, type FeedbackLogOptions } from '../../src/feedback/feedback-log';
import { KEY_FILE } from '../../src/feedback/user-key';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { analyze, answeredWith, captureLog, DECLINED, fileLines } from './helpers';
import '../support/unhandled';

const ALICE = '111111111111111111';
const BOB = '222222222222222222';

async function openLog(dir: string, clock: ManualClock, more: Partial<FeedbackLogOptions> = {}) {
  const logs = captureLog();
  const feedback = await FeedbackLog.open({ dir, log: logs.log, clock, analyze, ...more });
  return { feedback, logs };
}

describe('FeedbackLog: the record', () => {
  it('writes one masked line per answer, with the terms and what was answered, and no user id', async () => {
    const dir = temporaryDir('feedback-log-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const { feedback, logs } = await openLog(dir, clock);
    const declined = newAnswerId();
    const answered = newAnswerId();
    feedback.recordAnswer({ answerId: declined, command: 'ask', userId: ALICE, question: 'How much lithium does Kazakhstan export? cc <@222222222222222222>', answer: DECLINED });
    feedback.recordAnswer({ answerId: answered, command: 'tungsten', userId: ALICE, question: 'tungsten reserves', answer: answeredWith('2025-11-06-mou.md', 3, 'Kazakhstan and US Ink MOU') });
    await feedback.flush();

    const lines = fileLines(dir, 'feedback-2026-11.jsonl');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toEqual({
      v: 1,
      type: 'answer',
      id: declined,
      at: '2026-11-23T10:00:00.000Z',
      command: 'ask',
      user: expect.stringMatching(/^[0-9a-f]{16}$/),
      question: 'How much lithium does Kazakhstan export? cc [mention]',
      terms: analyze('How much lithium does Kazakhstan export? cc'),
      answered: false,
      passage: null,
    });
    expect(second).toMatchObject({
      id: answered,
      command: 'tungsten',
      answered: true,
      passage: { id: 103, position: 3, file: '2025-11-06-mou.md', title: 'Kazakhstan and US Ink MOU', section: null },
    });
    expect(second.user).toBe(first.user); // one person, one hash
    const text = readFileSync(join(dir, 'feedback-2026-11.jsonl'), 'utf8');
    expect(text).not.toContain(ALICE);
    expect(text).not.toContain(BOB);
    expect(logs.errors()).toEqual([]);
  });

  it('keeps the key beside the state, readable only by the bot, and the same key across restarts', async () => {
    const dir = temporaryDir('feedback-key-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const first = await openLog(dir, clock);
    const key = join(dir, KEY_FILE);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(key, 'utf8');
    expect(keyText).toMatch(/^[0-9a-f]{64}\n$/);
    const a = newAnswerId();
    first.feedback.recordAnswer({ answerId: a, command: 'ask', userId: ALICE, question: 'q one', answer: DECLINED });
    await first.feedback.flush();

    const second = await openLog(dir, clock);
    expect(readFileSync(key, 'utf8')).toBe(keyText);
    const b = newAnswerId();
    second.feedback.recordAnswer({ answerId: b, command: 'ask', userId: ALICE, question: 'q two', answer: DECLINED });
    await second.feedback.flush();
    const [one, two] = fileLines(dir, 'feedback-2026-11.jsonl').map((line) => JSON.parse(line));
    expect(two.user).toBe(one.user);
    expect(statSync(join(dir, 'feedback-2026-11.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file that is not a key, saying which file and what to do', async () => {
    const dir = temporaryDir('feedback-badkey-');
    writeFileSync(join(dir, KEY_FILE), 'not a key\n');
    await expect(openLog(dir, new ManualClock('2026-11-23T10:00:00Z'))).rejects.toThrow(/feedback: .*feedback\.key is not a feedback key .*Delete it/);
  });

  it('returns before anything is written: the caller fires and forgets', async () => {
    const dir = temporaryDir('feedback-async-');
    const { feedback } = await openLog(dir, new ManualClock('2026-11-23T10:00:00Z'));
    const id = newAnswerId();
    feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question: 'anything', answer: DECLINED });
    // Still in the same turn: the vote is taken from memory, the file is not written yet.
    expect(feedback.knows(id)).toBe(true);
    expect(feedback.vote(id, BOB, 'helpful')).toMatchObject({ ok: true, changed: true });
    expect(existsSync(join(dir, 'feedback-2026-11.jsonl'))).toBe(false);
    await feedback.flush();
    expect(fileLines(dir, 'feedback-2026-11.jsonl').map((line) => JSON.parse(line).type)).toEqual(['answer', 'vote']);
  });

  it('logs a failing disk once, never throws, and says when writing works again', async () => {
    const dir = temporaryDir('feedback-fail-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const { feedback, logs } = await openLog(dir, clock);
    mkdirSync(join(dir, 'feedback-2026-11.jsonl')); // a folder where the month file should be: every append fails
    for (let i = 0; i < 3; i++) {
      expect(() => feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: ALICE, question: `q${i}`, answer: DECLINED })).not.toThrow();
      await feedback.flush();
    }
    expect(logs.errors()).toHaveLength(1);
    expect(logs.errors()[0]!.msg).toMatch(/cannot write the feedback record/);

    clock.set('2026-12-01T09:00:00Z'); // December's file can be written
    feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: ALICE, question: 'q3', answer: DECLINED });
    await feedback.flush();
    expect(logs.entries().some((e) => /works again \(3 records were lost\)/.test(e.msg))).toBe(true);
    expect(fileLines(dir, 'feedback-2026-12.jsonl')).toHaveLength(1);
  });

  it('rotates by month: each record goes to the file of its month', async () => {
    const dir = temporaryDir('feedback-rotate-');
    const clock = new ManualClock('2026-10-31T23:59:59Z');
    const { feedback } = await openLog(dir, clock);
    feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: ALICE, question: 'october', answer: DECLINED });
    clock.set('2026-11-01T00:00:01Z');
    feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: ALICE, question: 'november', answer: DECLINED });
    await feedback.flush();
    expect(fileLines(dir, 'feedback-2026-10.jsonl').map((l) => JSON.parse(l).question)).toEqual(['october']);
    expect(fileLines(dir, 'feedback-2026-11.jsonl').map((l) => JSON.parse(l).question)).toEqual(['november']);
  });
});

describe('FeedbackLog: a torn last line', () => {
  it('is skipped with a warning naming the file and line, and the next record starts on a new line', async () => {
    const dir = temporaryDir('feedback-torn-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const before = await openLog(dir, clock);
    const kept = newAnswerId();
    before.feedback.recordAnswer({ answerId: kept, command: 'ask', userId: ALICE, question: 'kept', answer: DECLINED });
    await before.feedback.flush();
    const file = join(dir, 'feedback-2026-11.jsonl');
    // The crash: half a line, no newline.
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"type":"answer","id":"cutcutcu","at":"2026-11-23T10:0`);

    const { feedback, logs } = await openLog(dir, clock);
    const warning = logs.warnings().find((w) => w.file === 'feedback-2026-11.jsonl' && w.line === 2);
    expect(warning?.msg).toMatch(/feedback-2026-11\.jsonl line 2 was cut short/);
    expect(feedback.knows(kept)).toBe(true);
    expect(feedback.knows('cutcutcu')).toBe(false);

    const after = newAnswerId();
    feedback.recordAnswer({ answerId: after, command: 'ask', userId: ALICE, question: 'after the crash', answer: DECLINED });
    const events = await feedback.read();
    expect(events.map((e) => e.type === 'answer' && e.question)).toEqual(['kept', 'after the crash']);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4); // kept, torn, after, ''
    expect(logs.errors()).toEqual([]);
  });

  it('a damaged line in the middle is skipped and reported too; the rest is read', async () => {
    const dir = temporaryDir('feedback-damaged-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const first = await openLog(dir, clock);
    for (const q of ['one', 'two']) first.feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: ALICE, question: q, answer: DECLINED });
    await first.feedback.flush();
    const file = join(dir, 'feedback-2026-11.jsonl');
    const [one, two] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${one}\n{"v":1,"type":"vote"}\n${two}\n`);
    const { feedback, logs } = await openLog(dir, clock);
    expect((await feedback.read()).map((e) => e.type === 'answer' && e.question)).toEqual(['one', 'two']);
    expect(logs.warnings().map((w) => [w.file, w.line])).toEqual([['feedback-2026-11.jsonl', 2]]);
  });
});

describe('FeedbackLog: retention and forgetting', () => {
  async function recordAt(feedback: FeedbackLog, clock: ManualClock, at: string, question: string): Promise<string> {
    clock.set(at);
    const id = newAnswerId();
    feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question, answer: DECLINED });
    await feedback.flush();
    return id;
  }

  it('drops whole months past the retention and rewrites the month that straddles it', async () => {
    const dir = temporaryDir('feedback-retention-');
    const clock = new ManualClock('2026-01-10T12:00:00Z');
    const { feedback } = await openLog(dir, clock, { retentionDays: 30 });
    const old = await recordAt(feedback, clock, '2026-01-10T12:00:00Z', 'january');
    const early = await recordAt(feedback, clock, '2026-02-05T12:00:00Z', 'early february');
    const late = await recordAt(feedback, clock, '2026-02-25T12:00:00Z', 'late february');
    const march = await recordAt(feedback, clock, '2026-03-10T12:00:00Z', 'march'); // a new day: retention runs with this write

    // 30 days before 2026-03-10T12:00 is 2026-02-08T12:00.
    expect(existsSync(join(dir, 'feedback-2026-01.jsonl'))).toBe(false);
    expect(fileLines(dir, 'feedback-2026-02.jsonl').map((l) => JSON.parse(l).question)).toEqual(['late february']);
    expect(fileLines(dir, 'feedback-2026-03.jsonl').map((l) => JSON.parse(l).question)).toEqual(['march']);
    expect(feedback.knows(old)).toBe(false);
    expect(feedback.knows(early)).toBe(false);
    expect(feedback.knows(late)).toBe(true);
    expect(feedback.vote(early, BOB, 'helpful')).toEqual({ ok: false, problem: 'unknown-answer' });
    expect(feedback.knows(march)).toBe(true);
  });

  it('retention runs at start too', async () => {
    const dir = temporaryDir('feedback-retention-start-');
    const clock = new ManualClock('2026-01-10T12:00:00Z');
    const first = await openLog(dir, clock);
    await recordAt(first.feedback, clock, '2026-01-10T12:00:00Z', 'old');
    clock.set('2026-09-01T00:00:00Z');
    const { feedback, logs } = await openLog(dir, clock); // 180 days by default
    expect(existsSync(join(dir, 'feedback-2026-01.jsonl'))).toBe(false);
    expect(await feedback.read()).toEqual([]);
    expect(logs.entries().some((e) => /removed 1 records older than 180 days/.test(e.msg))).toBe(true);
  });

  it('retention runs when a report is made, so a bot that records nothing does not keep old records', async () => {
    const dir = temporaryDir('feedback-retention-report-');
    const clock = new ManualClock('2026-01-10T12:00:00Z');
    const { feedback, logs } = await openLog(dir, clock, { retentionDays: 30 });
    const old = await recordAt(feedback, clock, '2026-01-10T12:00:00Z', 'old');
    feedback.vote(old, BOB, 'helpful');
    const kept = await recordAt(feedback, clock, '2026-01-20T12:00:00Z', 'kept');
    await feedback.flush();

    clock.set('2026-02-15T12:00:00Z'); // idle since: no write has run the retention
    expect(fileLines(dir, 'feedback-2026-01.jsonl')).toHaveLength(3);
    await feedback.report({ days: 7 });
    // 30 days before 2026-02-15T12:00 is 2026-01-16T12:00.
    expect(fileLines(dir, 'feedback-2026-01.jsonl').map((l) => JSON.parse(l).question)).toEqual(['kept']);
    expect(feedback.knows(old)).toBe(false);
    expect(feedback.knows(kept)).toBe(true);
    expect(logs.entries().some((e) => /removed 2 records older than 30 days/.test(e.msg))).toBe(true);
  });

  it('forgetBefore deletes everything before a date, votes included, and keeps the rest', async () => {
    const dir = temporaryDir('feedback-forget-');
    const clock = new ManualClock('2026-11-01T08:00:00Z');
    const { feedback } = await openLog(dir, clock);
    const before = await recordAt(feedback, clock, '2026-11-01T08:00:00Z', 'before');
    feedback.vote(before, BOB, 'not-helpful', 'the lithium figures');
    const onDay = await recordAt(feedback, clock, '2026-11-15T00:00:00Z', 'on the day');
    await feedback.flush();
    const result = await feedback.forgetBefore(new Date('2026-11-15T00:00:00Z'));
    expect(result).toMatchObject({ filesDeleted: [], filesRewritten: ['feedback-2026-11.jsonl'], entriesDropped: 2 });
    const text = readFileSync(join(dir, 'feedback-2026-11.jsonl'), 'utf8');
    expect(text).not.toContain('lithium');
    expect(text).not.toContain('"before"');
    expect(feedback.knows(before)).toBe(false);
    expect(feedback.knows(onDay)).toBe(true);
  });
});

describe('FeedbackLog: votes', () => {
  it('count once per person per answer; a second click changes the vote; the same click again writes nothing', async () => {
    const dir = temporaryDir('feedback-votes-');
    const { feedback } = await openLog(dir, new ManualClock('2026-11-23T10:00:00Z'));
    const id = newAnswerId();
    feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question: 'Who signed the MOU?', answer: answeredWith('mou.md') });
    expect(feedback.vote(id, BOB, 'helpful')).toEqual({ ok: true, vote: 'helpful', previous: null, changed: true });
    expect(feedback.vote(id, BOB, 'helpful')).toEqual({ ok: true, vote: 'helpful', previous: 'helpful', changed: false });
    expect(feedback.vote(id, BOB, 'not-helpful')).toEqual({ ok: true, vote: 'not-helpful', previous: 'helpful', changed: true });
    expect(feedback.vote(id, BOB, 'not-helpful', 'who signed for the US, bob@example.com')).toEqual({ ok: true, vote: 'not-helpful', previous: 'not-helpful', changed: false });
    expect(feedback.vote(id, ALICE, 'helpful')).toMatchObject({ ok: true, previous: null, changed: true });
    await feedback.flush();
    const votes = fileLines(dir, 'feedback-2026-11.jsonl').map((line) => JSON.parse(line)).filter((e) => e.type === 'vote');
    expect(votes.map((v) => [v.vote, v.note])).toEqual([
      ['helpful', undefined],
      ['not-helpful', undefined],
      ['not-helpful', 'who signed for the US, [email]'],
      ['helpful', undefined],
    ]);
    expect(new Set(votes.slice(0, 3).map((v) => v.user)).size).toBe(1);
  });

  it('keeps at most 300 characters of "What were you looking for?"', async () => {
    const dir = temporaryDir('feedback-note-');
    const { feedback } = await openLog(dir, new ManualClock('2026-11-23T10:00:00Z'));
    const id = newAnswerId();
    feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question: 'q', answer: answeredWith('a.md') });
    feedback.vote(id, BOB, 'not-helpful', 'x'.repeat(1000));
    await feedback.flush();
    const vote = JSON.parse(fileLines(dir, 'feedback-2026-11.jsonl')[1]!);
    expect(vote.note).toHaveLength(300);
  });

  it('a click on an answer prepared but not yet recorded counts, and is written after the answer’s line', async () => {
    const dir = temporaryDir('feedback-expected-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const before = await openLog(dir, clock);
    const id = newAnswerId();
    expect(before.feedback.vote(id, BOB, 'helpful')).toEqual({ ok: false, problem: 'unknown-answer' });

    before.feedback.expectAnswer(id); // the answer has its buttons; the reply is on its way
    clock.advance(1000);
    expect(before.feedback.knows(id)).toBe(true);
    expect(before.feedback.vote(id, BOB, 'helpful')).toEqual({ ok: true, vote: 'helpful', previous: null, changed: true });
    expect(before.feedback.vote(id, BOB, 'not-helpful', 'the 2024 figure')).toEqual({ ok: true, vote: 'not-helpful', previous: 'helpful', changed: true });
    await before.feedback.flush();
    expect(existsSync(join(dir, 'feedback-2026-11.jsonl'))).toBe(false); // nothing is written before the answer

    clock.advance(1000);
    before.feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question: 'q', answer: answeredWith('a.md') });
    await before.feedback.flush();
    const events = fileLines(dir, 'feedback-2026-11.jsonl').map((line) => JSON.parse(line));
    expect(events.map((e) => [e.type, e.vote ?? null, e.note ?? null, e.at])).toEqual([
      ['answer', null, null, '2026-11-23T10:00:00.000Z'], // asked when it was prepared
      ['vote', 'helpful', null, '2026-11-23T10:00:01.000Z'],
      ['vote', 'not-helpful', 'the 2024 figure', '2026-11-23T10:00:01.000Z'],
    ]);
    const report = await before.feedback.report({ days: 1 });
    expect(report.gaps.map((g) => [g.example, g.notHelpful, g.lookingFor])).toEqual([['q', 1, ['the 2024 figure']]]);

    // Read back after a restart, the vote is still Bob's current one.
    const { feedback } = await openLog(dir, clock);
    expect(feedback.vote(id, BOB, 'not-helpful')).toMatchObject({ ok: true, previous: 'not-helpful', changed: false });
  });

  it('a click on an answer given before a restart still counts, and still changes that person’s vote', async () => {
    const dir = temporaryDir('feedback-restart-');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const before = await openLog(dir, clock);
    const id = newAnswerId();
    before.feedback.recordAnswer({ answerId: id, command: 'ask', userId: ALICE, question: 'q', answer: answeredWith('a.md') });
    before.feedback.vote(id, BOB, 'helpful');
    await before.feedback.flush();

    clock.advance(60 * 60 * 1000);
    const { feedback } = await openLog(dir, clock);
    expect(feedback.knows(id)).toBe(true);
    expect(feedback.vote(id, BOB, 'helpful')).toMatchObject({ ok: true, changed: false });
    expect(feedback.vote(id, BOB, 'not-helpful')).toMatchObject({ ok: true, previous: 'helpful', changed: true });
    expect(feedback.vote('zzzzzzzz', BOB, 'helpful')).toEqual({ ok: false, problem: 'unknown-answer' });
  });
});
