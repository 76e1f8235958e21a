/**
 * `npm run gaps`: in process through main(argv, io) with the real knowledge base for "answered
 * since", and once as a real process. The report as text and JSON, the export in the shape of
 * tests/eval/questions.json (read by the eval's own reader), --forget-before, warnings for torn lines, and what a wrong option or
 * setting says and returns.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { QuestionFileError, readQuestions } from '../../scripts/eval-questions';
import { parseSettings } from '../../src/bot/settings';
import { main, openAnswerer, type Answerer, type GapsIo } from '../../src/cli/gaps';
import { newAnswerId } from '../../src/feedback/custom-ids';
import type { EvalExport } from '../../src/feedback/export';
import { FeedbackLog } from '../../src/feedback/feedback-log';
import type { GapsReport } from '../../src/feedback/report';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { analyze, answeredWith, captureLog, DECLINED } from './helpers';
import '../support/unhandled';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const KNOWLEDGE_DIR = join(REPO, 'knowledge');
const CACHE_DIR = temporaryDir('gaps-cli-cache-');
const MOU_FILE = '2025-11-06-kazakhstan-us-ink-mou-critical-minerals.md';

/** What the articles answer to the question marked Not helpful below (as the bot would have answered it). */
let surveyAnswer: ReturnType<Answerer['answerNow']>;
beforeAll(async () => {
  const answerer = await openAnswerer(parseSettings({ KNOWLEDGE_DIR, CACHE_DIR }), captureLog().log);
  surveyAnswer = answerer.answerNow('Who paid for the deposit survey?');
  await answerer.close();
});

/** Records a week of feedback ending at `end` into a new STATE_DIR. */
async function recordWeek(end: Date): Promise<string> {
  const dir = temporaryDir('gaps-cli-state-');
  const clock = new ManualClock(new Date(end.getTime() - 3 * 24 * 3600 * 1000));
  const feedback = await FeedbackLog.open({ dir, log: captureLog().log, clock, analyze });
  const ask = (userId: string, question: string, answer = DECLINED, command = 'ask') => {
    const answerId = newAnswerId();
    feedback.recordAnswer({ answerId, command, userId, question, answer });
    clock.advance(60_000);
    return answerId;
  };
  ask('100000000000000001', 'What is the capital of France?');
  ask('100000000000000002', 'capital of France', DECLINED, 'tungsten');
  ask('100000000000000002', 'What is the capital of France?');
  // Declined when the library was smaller; the articles answer it now.
  ask('100000000000000003', 'How much tungsten does Kazakhstan have?');
  const wrong = ask('100000000000000004', 'Who paid for the deposit survey?', surveyAnswer);
  feedback.vote(wrong, '100000000000000005', 'not-helpful', 'the name of the bank, mail me at eve@example.com');
  const right = ask('100000000000000004', 'Who signed the memorandum?', answeredWith(MOU_FILE, 2));
  feedback.vote(right, '100000000000000005', 'helpful');
  await feedback.flush();
  return dir;
}

function io(env: Record<string, string>, now: Date) {
  const out = { stdout: '', stderr: '' };
  const value: GapsIo = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: { KNOWLEDGE_DIR, CACHE_DIR, LOG_LEVEL: 'warn', ...env },
    now: () => now,
    openAnswerer,
  };
  return { io: value, out };
}

describe('npm run gaps (in process)', () => {
  const NOW = new Date('2026-11-23T12:00:00Z');
  let STATE_DIR: string;
  beforeAll(async () => {
    STATE_DIR = await recordWeek(NOW);
  });

  it('prints the gaps most asked first, what people looked for, answered since, and the per-day shares', async () => {
    const { io: streams, out } = io({ STATE_DIR }, NOW);
    expect(await main([], streams)).toBe(0);
    const text = out.stdout;
    expect(text).toContain('Gaps, 2026-11-17 to 2026-11-23 (7 days, UTC)');
    expect(text).toContain('6 questions, 2 answered (33%); 2 votes, 1 helpful (50%)');
    expect(text.indexOf('“What is the capital of France?”')).toBeLessThan(text.indexOf('How much tungsten'));
    expect(text).toContain('2 people, asked 3× (declined 3×) · /ask, /tungsten');
    expect(text).toContain('also: “capital of France”');
    expect(text).toContain('looking for: “the name of the bank, mail me at [email]”');
    expect(text).toMatch(/How much tungsten does Kazakhstan have\?”\n.*\n\s+✓ answered since: Kazakhstan and US Ink MOU on Critical Minerals Agreement .*\(2025-11-06-kazakhstan-us-ink-mou-critical-minerals\.md\)/);
    expect(text).toMatch(/2026-11-20\s+6\s+33%\s+2\s+50%/);
    expect(text).not.toContain('eve@example.com');
    expect(out.stderr).toBe('');
  });

  it('prints the same report as JSON', async () => {
    const { io: streams, out } = io({ STATE_DIR }, NOW);
    expect(await main(['--json', '--days', '3'], streams)).toBe(0);
    const report = JSON.parse(out.stdout) as GapsReport;
    expect(report.window).toMatchObject({ days: 3, firstDay: '2026-11-21', lastDay: '2026-11-23' });
    expect(report.totals).toEqual({ questions: 0, answered: 0, votes: 0, helpful: 0 }); // all recorded on 20 November
    const { io: wider, out: widerOut } = io({ STATE_DIR }, NOW);
    expect(await main(['--json'], wider)).toBe(0);
    const week = JSON.parse(widerOut.stdout) as GapsReport;
    expect(week.gaps.map((g) => [g.example, g.people, g.answeredSince?.file ?? null])).toEqual([
      ['What is the capital of France?', 2, null],
      ['Who paid for the deposit survey?', 1, null],
      ['How much tungsten does Kazakhstan have?', 1, MOU_FILE],
    ]);
  });

  it('exports the gaps as an evaluation file: the eval’s two arrays, empty, and the questions under "pending"', async () => {
    const file = join(temporaryDir('gaps-export-'), 'gaps.json');
    const { io: streams, out } = io({ STATE_DIR }, NOW);
    expect(await main(['--export', file], streams)).toBe(0);
    expect(out.stdout).toContain(`Wrote 3 questions (2026-11-17 to 2026-11-23) to ${file}, under "pending".`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as EvalExport;
    expect(data.answerable).toEqual([]);
    expect(data.unanswerable).toEqual([]);
    expect(data.pending.map((p) => [p.question, p.reason, p.people])).toEqual([
      ['What is the capital of France?', 'declined', 2],
      ['Who paid for the deposit survey?', 'not-helpful', 1],
      ['How much tungsten does Kazakhstan have?', 'declined', 1],
    ]);
    expect(data.pending[1]).toMatchObject({
      lookingFor: ['the name of the bank, mail me at [email]'],
      answeredWith: [{ file: MOU_FILE, position: surveyAnswer.results[0]!.passage.position }],
      answeredSince: null, // the articles have not changed: still the passage marked Not helpful
    });
    expect(data.pending[2]!.answeredSince?.excerpt).toMatch(/tungsten/i);
    for (const pending of data.pending) expect(pending).not.toHaveProperty('expect');
  });

  it('the export is a question file the eval reads as it is, and a pending question moved as the file says becomes a test question', async () => {
    const dir = temporaryDir('gaps-export-eval-');
    const file = join(dir, 'gaps.json');
    const { io: streams } = io({ STATE_DIR }, NOW);
    expect(await main(['--export', file], streams)).toBe(0);
    expect(readQuestions(file)).toEqual({ answerable: [], unanswerable: [] }); // "pending" is ignored

    const data = JSON.parse(readFileSync(file, 'utf8')) as EvalExport;
    const [france, , tungsten] = data.pending;
    const promoted = join(dir, 'promoted.json');
    writeFileSync(promoted, JSON.stringify({ ...data, answerable: [{ question: tungsten!.question, expect: 'tungsten' }], unanswerable: [france!.question] }));
    expect(readQuestions(promoted)).toEqual({
      answerable: [{ question: 'How much tungsten does Kazakhstan have?', expect: 'tungsten' }],
      unanswerable: ['What is the capital of France?'],
    });

    // Moved without the passage it should find, it is refused: the reader checks what it is given.
    const unfinished = join(dir, 'unfinished.json');
    writeFileSync(unfinished, JSON.stringify({ ...data, answerable: [tungsten] }));
    expect(() => readQuestions(unfinished)).toThrow(QuestionFileError);
    expect(() => readQuestions(unfinished)).toThrow('answerable[0] must be { "question": string, "expect": non-empty string }');

    // An unanswerable question may carry a note, as the blind sets' do ({ question, kind }).
    const noted = join(dir, 'noted.json');
    writeFileSync(noted, JSON.stringify({ answerable: [], unanswerable: [{ question: 'What is the capital of France?', kind: 'off-topic' }, 'Who won?'] }));
    expect(readQuestions(noted).unanswerable).toEqual(['What is the capital of France?', 'Who won?']);
    writeFileSync(noted, JSON.stringify({ answerable: [], unanswerable: [{ kind: 'off-topic' }] }));
    expect(() => readQuestions(noted)).toThrow('unanswerable[0] must be a string or { "question": string }');
  });

  it('--no-check reports without loading the knowledge base', async () => {
    const { io: streams, out } = io({ STATE_DIR, KNOWLEDGE_DIR: '/nonexistent' }, NOW);
    expect(await main(['--no-check'], streams)).toBe(0);
    expect(out.stdout).toContain('not checked against the knowledge base');
    expect(out.stderr).toBe('');
  });

  it('warns about a torn line with its file and line, and reports the rest', async () => {
    const dir = await recordWeek(NOW);
    appendFileSync(join(dir, 'feedback-2026-11.jsonl'), '{"v":1,"type":"answer","id":"torn');
    const { io: streams, out } = io({ STATE_DIR: dir }, NOW);
    expect(await main(['--json', '--no-check'], streams)).toBe(0);
    expect(out.stderr).toBe('warning: feedback-2026-11.jsonl line 9 was cut short (a crash?); skipped\n');
    expect((JSON.parse(out.stdout) as GapsReport).totals.questions).toBe(6);
  });

  it('--forget-before deletes every record before the date', async () => {
    const dir = await recordWeek(NOW);
    const { io: streams, out } = io({ STATE_DIR: dir }, NOW);
    expect(await main(['--forget-before', '2026-11-20T12:03:30Z'], streams)).toBe(0);
    expect(out.stdout).toBe(`Forgot 4 records from before 2026-11-20T12:03:30.000Z (rewrote feedback-2026-11.jsonl) in ${dir}.\n`);
    const { io: after, out: afterOut } = io({ STATE_DIR: dir }, NOW);
    expect(await main(['--json', '--no-check'], after)).toBe(0);
    expect((JSON.parse(afterOut.stdout) as GapsReport).totals.questions).toBe(2); // the two asked at 12:04 and 12:05
  });

  it('--forget-before a date after today is a usage error (exit 2) that forgets nothing; today, or a time up to now, is taken', async () => {
    const dir = await recordWeek(NOW);
    for (const date of ['2099-01-01', '2026-11-24', '2026-11-23T12:00:01Z']) {
      const { io: streams, out } = io({ STATE_DIR: dir }, NOW);
      expect(await main(['--forget-before', date], streams)).toBe(2);
      expect(out.stderr).toContain(`--forget-before ${date} is in the future (it is now 2026-11-23 12:00 UTC): every record would be forgotten. Give a date up to today.`);
      expect(out.stderr).toContain('Usage:');
      expect(out.stdout).toBe('');
    }
    const { io: after, out: afterOut } = io({ STATE_DIR: dir }, NOW);
    expect(await main(['--json', '--no-check'], after)).toBe(0);
    expect((JSON.parse(afterOut.stdout) as GapsReport).totals.questions).toBe(6);
    for (const date of ['2026-11-23', '2026-11-23T12:00:00Z']) {
      const { io: streams, out } = io({ STATE_DIR: dir }, NOW);
      expect(await main(['--forget-before', date], streams)).toBe(0);
      expect(out.stdout).toMatch(/^Forgot \d+ records? from before 2026-11-23T/);
    }
  });

  it('says plainly when nothing is recorded yet', async () => {
    const { io: streams, out } = io({ STATE_DIR: temporaryDir('gaps-empty-') }, NOW);
    expect(await main([], streams)).toBe(0);
    expect(out.stdout).toContain('0 questions, 0 answered (–); 0 votes, 0 helpful (–)');
    expect(out.stdout).toContain('No questions were recorded in these days.');
  });

  it.each([
    [['--days', '0'], '--days must be between 1 and 3650, not 0'],
    [['--days', 'seven'], '--days must be a whole number, not "seven"'],
    [['--forget-before', '2026-13-01'], '--forget-before must be a date written YYYY-MM-DD, not "2026-13-01"'],
    [['--forget-before', '2026-11-01', '--json'], '--forget-before goes alone'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['extra'], 'Unexpected argument'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { io: streams, out } = io({ STATE_DIR }, NOW);
    expect(await main(argv, streams)).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('Usage:');
    expect(out.stdout).toBe('');
  });

  it('saves the cache after the report when article files changed since it was written, so the next run reads none again', async () => {
    const knowledge = temporaryDir('gaps-kb-changed-');
    const cacheDir = temporaryDir('gaps-kb-changed-cache-');
    const article = (body: string) => `---\ntitle: Gallium news\npublished: 2026-01-01\n---\n\n${body}\n`;
    writeFileSync(join(knowledge, 'a.md'), article('Gallium exports from Pavlodar rose sharply.'));
    const run = async () => {
      const { io: streams, out } = io({ STATE_DIR, KNOWLEDGE_DIR: knowledge, CACHE_DIR: cacheDir, LOG_LEVEL: 'debug' }, NOW);
      expect(await main(['--json'], streams)).toBe(0);
      const loaded = out.stderr.split('\n').filter((line) => line.includes('knowledge base loaded')).map((line) => JSON.parse(line));
      return { report: JSON.parse(out.stdout) as GapsReport, loaded, saved: out.stderr.includes('cache: saved') };
    };
    expect((await run()).loaded).toMatchObject([{ index: 'worker' }]);

    writeFileSync(join(knowledge, 'a.md'), article('Gallium exports from Pavlodar rose sharply. Kazakhstan has tungsten reserves of 1.2 million tonnes at Boguty.'));
    const changed = await run();
    expect(changed.loaded).toMatchObject([{ index: 'cache', changedSinceCache: 1 }]);
    expect(changed.report.gaps.find((g) => g.example.startsWith('How much tungsten'))?.answeredSince?.file).toBe('a.md');
    expect(changed.saved).toBe(true);

    const next = await run();
    expect(next.loaded).toMatchObject([{ index: 'cache', changedSinceCache: 0, unchangedButReadAgain: 0 }]);
    expect(next.saved).toBe(false);
  });

  it('a bad setting names it and exits 1', async () => {
    const { io: streams, out } = io({ STATE_DIR, FEEDBACK_RETENTION_DAYS: '0' }, NOW);
    expect(await main([], streams)).toBe(1);
    expect(out.stderr).toBe('Setting FEEDBACK_RETENTION_DAYS is invalid: must be at least 1. See .env.example.\n');
  });

  it('an export file that cannot be written exits 1 saying why', async () => {
    const { io: streams, out } = io({ STATE_DIR }, NOW);
    expect(await main(['--export', '/nonexistent/dir/gaps.json', '--no-check'], streams)).toBe(1);
    expect(out.stderr).toMatch(/^gaps: could not write \/nonexistent\/dir\/gaps\.json: ENOENT/);
  });
});

describe('npm run gaps (a real process)', () => {
  it('prints the report as JSON and exits 0', async () => {
    const STATE_DIR = await recordWeek(new Date());
    const child = spawn(process.execPath, ['scripts/run.mjs', 'src/cli/gaps.ts', '--json'], {
      cwd: REPO,
      env: { ...process.env, STATE_DIR, KNOWLEDGE_DIR, CACHE_DIR, LOG_LEVEL: 'warn', DIGEST_TIMEZONE: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as GapsReport;
    expect(report.totals.questions).toBe(6);
    expect(report.gaps[0]!.example).toBe('What is the capital of France?');
    expect(report.gaps.find((g) => g.example.startsWith('How much tungsten'))?.answeredSince?.file).toBe(MOU_FILE);
  });
});
