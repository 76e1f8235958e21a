/**
 * Every question set at once, as the team reports a change to ranking or declining: the team's set,
 * the held-out set, each `tests/eval/probe*` set, each alone and with the Brown corpus, and SQuAD
 * (`../shared/eval/squad2-dev-2titles.json`, alone and with the Brown corpus, the engine only).
 *
 *   npm run eval:all                      a table of every set but the blind ones
 *   npm run eval:all -- --json > a.json   the same figures as JSON, to compare a later run with
 *   npm run eval:all -- --compare a.json  marks every figure that moved since that run ("was …")
 *   npm run eval:all -- --sets probe3,squad    only those sets
 *   npm run eval:all -- --blind           the blind sets too (totals only: their misses stay unread)
 *
 * Blind sets are listed in tests/eval/BLIND, one name a line: sets whose questions nobody working on
 * the engine has read, run only to measure. Each set runs in a process of its own (`npm run eval`).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SQUAD_FILE = join(ROOT, '..', 'shared', 'eval', 'squad2-dev-2titles.json');

export interface EvalSet {
  name: string;
  /** The arguments of `npm run eval` for it. */
  args: string[];
  blind: boolean;
}

/** The team's and held-out sets, every `probe*` folder with knowledge/ and questions.json, and SQuAD when its file is there. */
export function discoverSets(root = ROOT, squadFile = SQUAD_FILE): EvalSet[] {
  const evalDir = join(root, 'tests', 'eval');
  const blindFile = join(evalDir, 'BLIND');
  const blind = new Set(
    existsSync(blindFile)
      ? readFileSync(blindFile, 'utf8')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line && !line.startsWith('#'))
      : [],
  );
  const sets: EvalSet[] = [
    { name: 'team', args: [], blind: false },
    { name: 'holdout', args: ['--questions', join(evalDir, 'holdout.json')], blind: false },
  ];
  const probes = readdirSync(evalDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^probe\d*$/.test(entry.name) && existsSync(join(evalDir, entry.name, 'questions.json')))
    .map((entry) => entry.name)
    .sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1));
  for (const name of probes) {
    sets.push({ name, args: ['--knowledge', join(evalDir, name, 'knowledge'), '--questions', join(evalDir, name, 'questions.json')], blind: blind.has(name) });
  }
  if (existsSync(squadFile)) sets.push({ name: 'squad', args: ['--squad', squadFile, '--engine-only'], blind: false });
  return sets;
}

/** One set's figures: right (top-1), MRR@5 and unanswerable declined, alone and with the Brown corpus. */
export interface SetFigures {
  name: string;
  runs: { name: 'plain' | 'distractors'; right: number; answerable: number; mrr: number; declined: number; unanswerable: number; answerableDeclined?: number }[];
}

/** Reads what `npm run eval -- --json` prints, for a question set or for SQuAD. */
export function figuresOf(name: string, json: string): SetFigures {
  const report = JSON.parse(json);
  if (report.runs) {
    return {
      name,
      runs: Object.values(report.runs as Record<string, any>).map((run) => ({
        name: run.name,
        right: run.answerable.top1,
        answerable: run.answerable.total,
        mrr: run.answerable.mrr,
        declined: run.unanswerable.declined,
        unanswerable: run.unanswerable.total,
      })),
    };
  }
  const engine = (report.systems as any[])[0];
  const { answerable, unanswerable } = engine.scores;
  return {
    name,
    runs: [
      {
        name: report.distractors ? 'distractors' : 'plain',
        right: answerable.rightParagraph,
        answerable: answerable.total,
        mrr: answerable.mrr,
        declined: unanswerable.declined,
        unanswerable: unanswerable.total,
        answerableDeclined: answerable.declined,
      },
    ],
  };
}

/** The table, one line a set; with `previous`, every figure that moved says what it was. */
export function formatTable(figures: readonly SetFigures[], previous: readonly SetFigures[] = []): string {
  const before = new Map(previous.map((set) => [set.name, set]));
  const cell = (run: SetFigures['runs'][number] | undefined, was: SetFigures['runs'][number] | undefined) => {
    if (!run) return '—';
    const moved = (now: number, then: number | undefined, text: string, thenText: string) => (then === undefined || now === then ? text : `${text} (was ${thenText})`);
    const parts = [
      moved(run.right, was?.right, `${run.right}/${run.answerable}`, `${was?.right}`),
      moved(round3(run.mrr), was && round3(was.mrr), `MRR ${run.mrr.toFixed(3)}`, `${was?.mrr.toFixed(3)}`),
      moved(run.declined, was?.declined, `declined ${run.declined}/${run.unanswerable}`, `${was?.declined}`),
    ];
    if (run.answerableDeclined !== undefined) parts.push(moved(run.answerableDeclined, was?.answerableDeclined, `answerable declined ${run.answerableDeclined}`, `${was?.answerableDeclined}`));
    return parts.join(', ');
  };
  const lines = ['set | alone | with the Brown corpus'];
  for (const set of figures) {
    const was = before.get(set.name);
    const run = (name: 'plain' | 'distractors') => set.runs.find((r) => r.name === name);
    const wasRun = (name: 'plain' | 'distractors') => was?.runs.find((r) => r.name === name);
    const changed = was !== undefined && JSON.stringify(was) !== JSON.stringify(set);
    lines.push(`${changed ? '* ' : ''}${set.name} | ${cell(run('plain'), wasRun('plain'))} | ${cell(run('distractors'), wasRun('distractors'))}`);
  }
  return lines.join('\n');
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

async function evaluate(set: EvalSet): Promise<SetFigures> {
  const run = (extra: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'eval.ts'), '--json', ...set.args, ...extra], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout }) => figuresOf(set.name, stdout),
    );
  if (set.name !== 'squad') return run([]);
  // SQuAD reports one run per process: alone, then with the Brown corpus.
  const [alone, withBrown] = [await run([]), await run(['--distractors'])];
  return { name: set.name, runs: [...alone.runs, ...withBrown.runs] };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sets: { type: 'string' },
      blind: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      compare: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npm run eval:all -- [--sets team,holdout,probe3,squad,…] [--blind] [--json] [--compare FILE]');
    return 0;
  }
  const all = discoverSets();
  const wanted = values.sets?.split(',').map((name) => name.trim());
  const unknown = wanted?.filter((name) => !all.some((set) => set.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`eval:all: no such set: ${unknown.join(', ')} (sets: ${all.map((set) => set.name).join(', ')})`);
    return 2;
  }
  const sets = all.filter((set) => (wanted ? wanted.includes(set.name) : values.blind || !set.blind));
  const previous: SetFigures[] = values.compare ? JSON.parse(readFileSync(values.compare, 'utf8')) : [];
  const figures: SetFigures[] = [];
  for (const set of sets) {
    process.stderr.write(`eval:all: ${set.name}${set.blind ? ' (blind: totals only)' : ''}…\n`);
    figures.push(await evaluate(set));
  }
  console.log(values.json ? JSON.stringify(figures, null, 2) : formatTable(figures, previous));
  if (!values.json) console.log(`\n(${sets.length} sets${values.compare ? `; "*" marks a set that moved since ${values.compare}` : ''}; right = the expected passage first, for SQuAD the right paragraph)`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`eval:all: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
