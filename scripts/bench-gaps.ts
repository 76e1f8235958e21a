/**
 * How long /knowledge gaps takes over 10,000 recorded questions (target: grouping under 200 ms).
 *
 *   npm run bench:gaps                 10,000 questions
 *   npm run bench:gaps -- 50000        another number
 *
 * Synthetic questions (scripts/gaps-data.ts): a topic per 5 questions, each asked in several
 * wordings by 200 people over a week, half declined, some answers voted. Times are the median of
 * 9 runs after 2 warm-ups (wall clock, and CPU time): grouping alone, the whole report from parsed records, and the report
 * from the month file on disk (read, parse, group), which is what /knowledge gaps does before
 * checking the top 20 gaps against the engine (about a millisecond each).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { groupQuestions } from '../src/feedback/grouping';
import { buildGapsReport, readSince } from '../src/feedback/report';
import { readEvents } from '../src/feedback/store';
import { syntheticFeedback } from './gaps-data';

const TARGET_MS = 200;
const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('Usage: npm run bench:gaps -- [number of questions]\n');
  process.exit(2);
}

const now = new Date('2026-11-23T12:00:00Z');
const events = syntheticFeedback({ questions: count, now, seed: 42 });
const answers = events.flatMap((e) => (e.type === 'answer' ? [e] : []));
const declined = answers.filter((a) => !a.answered);
const items = declined.map((a) => ({ terms: a.terms, text: a.question }));
const allItems = answers.map((a) => ({ terms: a.terms, text: a.question }));

const dir = mkdtempSync(join(tmpdir(), 'bench-gaps-'));
writeFileSync(join(dir, 'feedback-2026-11.jsonl'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall-clock and CPU time of 9 runs after 2 warm-ups (CPU time says less about other work on the machine). */
async function median(run: () => unknown | Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 2; i++) await run();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 9; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const middle = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return { wall: middle(walls), cpu: middle(cpus) };
}

const ms = (t: Timing) => `${t.wall.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms)`;
try {
  const grouping = groupQuestions(allItems);
  const groupAll = await median(() => groupQuestions(allItems));
  const groupDeclined = await median(() => groupQuestions(items));
  const report = buildGapsReport(events, { now });
  const reportMs = await median(() => buildGapsReport(events, { now }));
  const fromDisk = await median(async () => buildGapsReport(await readEvents(dir, { since: readSince(now, 7) }, () => {}), { now }));

  const lines = [
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`,
    `gaps bench: ${count.toLocaleString('en-US')} recorded questions (${declined.length.toLocaleString('en-US')} declined, ${events.length - answers.length} votes), ${report.totalGaps.toLocaleString('en-US')} gaps`,
    `  grouping all ${count.toLocaleString('en-US')} questions:      ${ms(groupAll)}  (${grouping.stats.buckets} term sets, ${grouping.stats.comparisons} set comparisons; all pairs would be ${((grouping.stats.buckets * (grouping.stats.buckets - 1)) / 2).toLocaleString('en-US')})  target < ${TARGET_MS} ms: ${groupAll.wall < TARGET_MS ? 'met' : 'MISSED'}`,
    `  grouping the declined ones:          ${ms(groupDeclined)}`,
    `  whole report from parsed records:    ${ms(reportMs)}`,
    `  whole report from the month file:    ${ms(fromDisk)}  (read + parse + report)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
