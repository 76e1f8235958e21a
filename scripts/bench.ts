/**
 * Performance benchmark: our engine against plain MiniSearch, over the knowledge/ articles plus the
 * Brown corpus once and five times over (each Brown copy is a distinct article: `brown/ca01#2`, …).
 *
 * For each size it prints: index build time, start-up to first answer (cold, and with the cache),
 * query latency p50/p99 over tests/eval/questions.json (answerable + unanswerable questions), and
 * heap; then the same for plain MiniSearch with default options over the same passages, the ratios,
 * and PASS/FAIL against the targets at the largest size.
 *
 *   npm run bench                    1× and 5× (a few minutes)
 *   npm run bench -- --sizes 1       only 1× (quick)
 *   npm run bench -- --json          every figure as one JSON object on stdout
 *   npm run bench -- --rounds N      timed rounds over the questions for our engine (default 5)
 *
 * Heap figures need the GC: run with `node --expose-gc --import tsx scripts/bench.ts`; without the
 * flag the script turns it on itself (v8.setFlagsFromString). Progress goes to stderr.
 * Exits 0 after printing, whatever the figures; exits 1 only when it could not run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { createEngine } from '../src/core/engine';
import { loadBenchArticles, ROOT, type CacheHitBreakdown, type StartupProbe } from './bench-worker';

const TARGETS = {
  /** Query p99 of our engine at the largest size, ms. */
  p99Ms: 5,
  /** How many times faster than plain MiniSearch (p50 and p99), in the same run. */
  speedup: 50,
  /** Start-up to first answer from the cache, articles loading excluded, ms. */
  cachedStartupMs: 1000,
} as const;

/** Plain MiniSearch is slow at 5× (~250 ms a query): it is timed over one round after a short warm-up. */
const PLAIN_ROUNDS = 1;
const PLAIN_WARMUP = 5;
/** Start-up runs with the cache; the median is reported. */
const CACHED_STARTUPS = 3;
/** Slowest questions of our engine listed under each size. */
const SLOWEST_SHOWN = 3;
const WORKER = join(ROOT, 'scripts/bench-worker.ts');
const QUESTIONS_FILE = join(ROOT, 'tests/eval/questions.json');

class SetupError extends Error {}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Latency {
  samples: number;
  rounds: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** The slowest questions, by their slowest time. */
  slowest: { question: string; ms: number }[];
}

interface Heap {
  /** Heap added by building the index and answering the questions (after a GC), MB. */
  addedMB: number;
  /** Heap used in all after building and answering (after a GC), MB. */
  totalMB: number;
}

/** The V8 garbage collector: `--expose-gc` if given, otherwise switched on now. */
function getGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = getGc();

const MB = 2 ** 20;
function heapUsedMB(): number {
  gc();
  return process.memoryUsage().heapUsed / MB;
}

/** Runs `build` and measures its time; `heap()` then gives the heap it left behind. */
function measureBuild<T>(build: () => T): { value: T; ms: number; heap: () => Heap } {
  const before = heapUsedMB();
  const started = performance.now();
  const value = build();
  const ms = performance.now() - started;
  return {
    value,
    ms,
    heap: () => {
      const after = heapUsedMB();
      return { addedMB: after - before, totalMB: after };
    },
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Asks every question once to warm up (or the first `warmup` ones), then times each one over `rounds` rounds. */
function measureQueries(ask: (question: string) => unknown, questions: string[], rounds: number, warmup = questions.length): Latency {
  // No forced GC here: V8's forced collection also shrinks the young generation, and the many
  // small collections that follow until it grows back would be charged to the first queries.
  for (const question of questions.slice(0, warmup)) ask(question);
  const times: number[] = [];
  const slowestTime = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = performance.now();
      ask(question);
      const elapsed = performance.now() - started;
      times.push(elapsed);
      slowestTime.set(question, Math.max(elapsed, slowestTime.get(question) ?? 0));
    }
  }
  times.sort((a, b) => a - b);
  const slowest = [...slowestTime]
    .sort((a, b) => b[1] - a[1])
    .slice(0, SLOWEST_SHOWN)
    .map(([question, ms]) => ({ question, ms }));
  return {
    samples: times.length,
    rounds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
    slowest,
  };
}

// ---------------------------------------------------------------------------------------------
// Our engine and plain MiniSearch, in this process

interface IndexReport {
  buildMs: number;
  heap: Heap;
  query: Latency;
}

interface PlainDoc {
  id: number;
  text: string;
}

function benchOurs(articles: Parameters<typeof createEngine>[0], questions: string[], rounds: number) {
  const { value: engine, ms, heap } = measureBuild(() => createEngine(articles));
  const query = measureQueries((question) => engine.answer(question), questions, rounds);
  const docs: PlainDoc[] = engine.passages.map((passage) => ({ id: passage.id, text: passage.text }));
  return { report: { buildMs: ms, heap: heap(), query } satisfies IndexReport, docs };
}

function benchPlain(docs: PlainDoc[], questions: string[]): IndexReport {
  const { value: miniSearch, ms, heap } = measureBuild(() => {
    const index = new MiniSearch<PlainDoc>({ fields: ['text'], storeFields: [] });
    index.addAll(docs);
    return index;
  });
  const query = measureQueries((question) => miniSearch.search(question), questions, PLAIN_ROUNDS, PLAIN_WARMUP);
  return { buildMs: ms, heap: heap(), query };
}

// ---------------------------------------------------------------------------------------------
// Start-up to first answer, in a child process (scripts/bench-worker.ts)

interface Startup {
  origin: StartupProbe['origin'];
  /** Process start to first answer, all included. */
  totalMs: number;
  /** Node, tsx and module loading. */
  modulesMs: number;
  /** Loading knowledge/ and the Brown corpus (parsing the tagged Brown files is bench-only work). */
  articlesMs: number;
  /** createEngine: cache key, then read the index and passages, or split and build them. */
  engineMs: number;
  firstAnswerMs: number;
  /** totalMs without articlesMs: what a person would feel with knowledge files only. */
  withoutArticlesMs: number;
}

/** Runs the worker with `args`; resolves with its one line of JSON. */
function runWorker<T>(args: string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (err) => reject(new SetupError(`cannot start the start-up worker: ${err.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new SetupError(`the start-up worker (${WORKER}) exited with code ${code}`));
      try {
        resolvePromise(JSON.parse(stdout) as T);
      } catch {
        reject(new SetupError(`the start-up worker printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

async function probeStartup(copies: number, cacheDir: string, question: string): Promise<Startup> {
  const probe = await runWorker<StartupProbe>(['--copies', String(copies), '--cache-dir', cacheDir, '--question', question]);
  const articlesMs = probe.articlesLoadedAt - probe.modulesLoadedAt;
  return {
    origin: probe.origin,
    totalMs: probe.firstAnswerAt,
    modulesMs: probe.modulesLoadedAt,
    articlesMs,
    engineMs: probe.engineReadyAt - probe.articlesLoadedAt,
    firstAnswerMs: probe.firstAnswerAt - probe.engineReadyAt,
    withoutArticlesMs: probe.firstAnswerAt - articlesMs,
  };
}

const median = <T>(items: T[], by: (item: T) => number): T => [...items].sort((a, b) => by(a) - by(b))[Math.floor(items.length / 2)]!;

/** Cold start (empty cache folder: build and write the cache), then CACHED_STARTUPS starts reading it. */
async function benchStartup(copies: number, cacheDir: string, question: string, progress: (line: string) => void) {
  progress(`${copies}×: start-up, cold (child process, empty cache)…`);
  const cold = await probeStartup(copies, cacheDir, question);
  const cachedRuns: Startup[] = [];
  for (let i = 1; i <= CACHED_STARTUPS; i++) {
    progress(`${copies}×: start-up from the cache (${i}/${CACHED_STARTUPS})…`);
    cachedRuns.push(await probeStartup(copies, cacheDir, question));
  }
  if (cold.origin !== 'built' || cachedRuns.some((run) => run.origin !== 'cache')) {
    progress(`warning: ${copies}×: expected a build then cache hits, got ${[cold, ...cachedRuns].map((r) => r.origin).join(', ')}`);
  }
  progress(`${copies}×: timing the cache-hit steps one by one…`);
  const breakdown = await runWorker<CacheHitBreakdown>(['--copies', String(copies), '--cache-dir', cacheDir, '--breakdown']);
  return { cold, cached: median(cachedRuns, (run) => run.totalMs), cachedRuns: cachedRuns.map((run) => run.totalMs), breakdown };
}

// ---------------------------------------------------------------------------------------------
// One size

interface SizeReport {
  copies: number;
  articles: number;
  brownArticles: number;
  passages: number;
  loadArticlesMs: number;
  ours: IndexReport;
  plain: IndexReport;
  startup: Awaited<ReturnType<typeof benchStartup>>;
  ratios: { p50: number; p99: number; build: number; heap: number };
}

async function benchSize(copies: number, questions: string[], rounds: number, cacheRoot: string, progress: (line: string) => void) {
  progress(`${copies}×: loading knowledge/ + Brown corpus × ${copies}…`);
  const started = performance.now();
  const loaded = await loadBenchArticles(copies).catch((err: Error) => {
    throw new SetupError(err.message);
  });
  const loadArticlesMs = performance.now() - started;

  progress(`${copies}×: our engine: building (${loaded.articles.length} articles) and timing ${rounds} round(s) × ${questions.length} questions…`);
  const { report: ours, docs } = benchOurs(loaded.articles, questions, rounds);

  progress(`${copies}×: plain MiniSearch: building ${docs.length.toLocaleString('en-US')} passages and timing ${PLAIN_ROUNDS} round × ${questions.length} questions…`);
  const plain = benchPlain(docs, questions);

  const startup = await benchStartup(copies, join(cacheRoot, `cache-${copies}x`), questions[0]!, progress);
  return {
    copies,
    articles: loaded.articles.length,
    brownArticles: loaded.brownArticles,
    passages: docs.length,
    loadArticlesMs,
    ours,
    plain,
    startup,
    ratios: {
      p50: plain.query.p50 / ours.query.p50,
      p99: plain.query.p99 / ours.query.p99,
      build: plain.buildMs / ours.buildMs,
      heap: plain.heap.totalMB / ours.heap.totalMB,
    },
  } satisfies SizeReport;
}

// ---------------------------------------------------------------------------------------------
// Targets and printing

interface TargetCheck {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

function checkTargets(size: SizeReport): TargetCheck[] {
  return [
    { name: 'query p99 (ms)', value: size.ours.query.p99, target: `≤ ${TARGETS.p99Ms}`, met: size.ours.query.p99 <= TARGETS.p99Ms },
    { name: 'speed-up over plain, p50', value: size.ratios.p50, target: `≥ ${TARGETS.speedup}×`, met: size.ratios.p50 >= TARGETS.speedup },
    { name: 'speed-up over plain, p99', value: size.ratios.p99, target: `≥ ${TARGETS.speedup}×`, met: size.ratios.p99 >= TARGETS.speedup },
    {
      name: 'cached start-up to first answer, articles loading excluded (ms)',
      value: size.startup.cached.withoutArticlesMs,
      target: `≤ ${TARGETS.cachedStartupMs}`,
      met: size.startup.cached.withoutArticlesMs <= TARGETS.cachedStartupMs,
    },
  ];
}

const ms = (value: number) => (value >= 100 ? `${Math.round(value).toLocaleString('en-US')} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`);
const mb = (value: number) => `${value.toFixed(1)} MB`;
const times = (value: number) => `${value >= 10 ? Math.round(value) : value.toFixed(1)}×`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ').trimEnd());
}

function describeStartup(label: string, run: Startup): string[] {
  return [
    `  ${label}: ${ms(run.totalMs)} from process start (${run.origin}); without loading the articles ${ms(run.withoutArticlesMs)}`,
    `      = node + tsx + modules ${ms(run.modulesMs)}, articles ${ms(run.articlesMs)}, createEngine ${ms(run.engineMs)}, first answer ${ms(run.firstAnswerMs)}`,
  ];
}

function printSize(size: SizeReport, questions: number, log: (line?: string) => void): void {
  const { ours, plain, startup, ratios } = size;
  log(`== ${size.copies}×: knowledge/ + Brown corpus × ${size.copies} — ${size.articles.toLocaleString('en-US')} articles, ${size.passages.toLocaleString('en-US')} passages`);
  const row = (name: string, o: string, p: string, r: string) => [name, o, p, r];
  for (const line of table([
    row('', 'ours', 'plain MiniSearch', 'plain / ours'),
    row('index build', ms(ours.buildMs), ms(plain.buildMs), times(ratios.build)),
    row('query p50', ms(ours.query.p50), ms(plain.query.p50), times(ratios.p50)),
    row('query p99', ms(ours.query.p99), ms(plain.query.p99), times(ratios.p99)),
    row('query max', ms(ours.query.max), ms(plain.query.max), ''),
    row('query mean', ms(ours.query.mean), ms(plain.query.mean), ''),
    row('heap added (build + queries)', mb(ours.heap.addedMB), mb(plain.heap.addedMB), ''),
    row('heap used after build + queries', mb(ours.heap.totalMB), mb(plain.heap.totalMB), times(ratios.heap)),
  ])) {
    log(`  ${line}`);
  }
  log(
    `  queries: ${questions} questions; ours ${ours.query.rounds} rounds (${ours.query.samples} timings) after one warm-up round, ` +
      `plain ${plain.query.rounds} round (${plain.query.samples} timings) after ${PLAIN_WARMUP} warm-up questions`,
  );
  const slow = ours.query.slowest.map((s) => `${ms(s.ms)} ${JSON.stringify(s.question)}`).join(', ');
  log(`  our slowest questions: ${slow}`);
  log(`  heap added: ours = passages + index (articles already loaded); plain = its index only (the passages were already there)`);
  log(`  start-up to first answer (child process; loading the articles here includes parsing the Brown corpus ${size.copies}×):`);
  for (const line of describeStartup('cold, empty cache', startup.cold)) log(line);
  for (const line of describeStartup(`from the cache (median of ${startup.cachedRuns.length})`, startup.cached)) log(line);
  const b = startup.breakdown;
  log(
    `  cache hit, step by step (fresh process): vocabulary + analyzer ${ms(b.vocabularyMs)}, English model ${ms(b.englishModelMs)}, cache key ${ms(b.cacheKeyMs)}, ` +
      `read ${mb(b.cacheFileMB)} file ${ms(b.readFileMs)}, restore index + passages ${ms(b.restoreMs)}`,
  );
  log();
}

function printTargets(size: SizeReport, checks: TargetCheck[], log: (line?: string) => void): void {
  const note = size.copies === 5 ? '' : ` (the targets are set for 5×; this run's largest size is ${size.copies}×)`;
  log(`Targets at ${size.copies}× (${size.passages.toLocaleString('en-US')} passages)${note}:`);
  for (const check of checks) {
    const value = check.name.startsWith('speed-up') ? times(check.value) : ms(check.value);
    log(`  ${check.met ? 'PASS' : 'FAIL'}  ${check.name}: ${value} (target ${check.target})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main

function readQuestions(): string[] {
  try {
    const raw = JSON.parse(readFileSync(QUESTIONS_FILE, 'utf8')) as { answerable: { question: string }[]; unanswerable: string[] };
    const questions = [...raw.answerable.map((item) => item.question), ...raw.unanswerable];
    if (questions.length === 0 || questions.some((q) => typeof q !== 'string')) throw new Error('expected { answerable: [{ question }], unanswerable: [string] }');
    return questions;
  } catch (err) {
    throw new SetupError(`cannot read the questions from ${QUESTIONS_FILE}: ${(err as Error).message}`);
  }
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: 'string', default: '1,5' },
        rounds: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new SetupError(`${(err as Error).message} (try --help)`);
  }
  const sizes = [...new Set(values.sizes.split(',').map(Number))].sort((a, b) => a - b);
  const rounds = Number(values.rounds);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new SetupError(`--sizes takes copies of the Brown corpus, e.g. 1 or 1,5 (got ${values.sizes})`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new SetupError(`--rounds takes a positive whole number (got ${values.rounds})`);
  return { sizes, rounds, json: values.json, help: values.help };
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options.help) {
    console.log('usage: npm run bench -- [--sizes 1,5] [--rounds 5] [--json]');
    return 0;
  }
  const questions = readQuestions();
  const benchStarted = performance.now();
  const progress = (line: string) => console.error(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(1)}s] ${line}`);
  const log = options.json ? () => {} : (line = '') => console.log(line);

  const cacheRoot = mkdtempSync(join(tmpdir(), 'kz-bench-'));
  const sizes: SizeReport[] = [];
  try {
    for (const copies of options.sizes) sizes.push(await benchSize(copies, questions, options.rounds, cacheRoot, progress));
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }

  log(`Benchmark — Node ${process.version}, ${questions.length} questions (tests/eval/questions.json, answerable + unanswerable)`);
  log();
  for (const size of sizes) printSize(size, questions.length, log);
  const largest = sizes[sizes.length - 1]!;
  const checks = checkTargets(largest);
  printTargets(largest, checks, log);
  log(
    '\nNote: in production the articles are the team\'s knowledge/ files; here most of them are Brown texts, whose tagged\n' +
      'files take time to parse, so start-up is given both with and without loading the articles.',
  );

  if (options.json) {
    const targets = { at: `${largest.copies}×`, ...TARGETS, checks, allMet: checks.every((c) => c.met) };
    const report = { node: process.version, questions: questions.length, plainRounds: PLAIN_ROUNDS, sizes, targets };
    const rounded = (_key: string, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value);
    console.log(JSON.stringify(report, rounded, 2));
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof SetupError) console.error(`bench: could not run: ${err.message}`);
    else console.error('bench: could not run:', err);
    process.exitCode = 1;
  },
);
