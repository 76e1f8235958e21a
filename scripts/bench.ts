/**
 * The benchmark: what a person waits for, measured whole, at 1×, 5× and 10× the Brown corpus as
 * knowledge articles (plus the project's own). For each size:
 *
 * - `npm run ask` start-up to the first answer, as whole processes: cold (no cache: the index is
 *   built) and warm (from the cache), both through npm and as the node command npm runs;
 * - the bot (`npm start` with a token) from process start to its first answer through the local
 *   Discord stand-in, cold and warm;
 * - with the bot running: an article file written → the first answer that quotes it, while other
 *   interactions arrive every 100 ms (the longest any of them waited is reported beside the usual
 *   wait), three times; the bot's RSS at start, during and after the three reloads;
 * - query latency in a new process (as the bot's first questions meet a process that has answered
 *   nothing yet), as many times as --runs: p50/p99 over questions never asked before in it, and over
 *   the same questions asked again; the medians of the processes' figures, each one's beside.
 *
 * Then, with 5× and 10× both measured, the cold starts' growth from 5× to 10× once more, in pairs
 * (see pairedColdGrowth): measured minutes apart, the two sizes met the machine in different moods.
 *
 *   npm run bench                          1×, 5× and 10× (about 11 minutes on 2 cores)
 *   npm run bench -- --sizes 1,5           some sizes
 *   npm run bench -- --runs 3              runs of each start-up, cold and warm, and of the query measurement (default 3)
 *   npm run bench -- --json                every figure as one JSON object on stdout
 *
 * Times are wall-clock milliseconds with the CPU time (user + system) beside where the process is
 * measured from outside, since a busy machine stretches wall time. Progress goes to stderr.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCommands } from '../src/bot/load-commands';
import { deployCommands } from '../src/discord/deploy';
import { createLogger } from '../src/util/logger';
import { projectPath, PROJECT_ROOT } from '../src/util/project-path';
import { fakeBotToken } from '../tests/support/bot-harness';
import { startStandIn, type CommandInput, type StandIn } from '../tests/support/discord-standin';
import { articleMarkdown, writeBrownFolder } from './brown-folder';
import { build } from './build.mjs';

const QUESTION = 'Who signed the memorandum?';
const TICK_MS = 100;
const TARGETS = { warmStartMs: 1_500, reloadMs: 2_000, extraWaitMs: 100, firstP99Ms: 10, repeatedP99Ms: 5, p50Ms: 1, rssRatio: 1.3, growth: 2.2 };

const progress = (message: string) => process.stderr.write(`${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Processes, measured from outside

interface ProcessFigures {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command to its end; wall time from spawn to exit, CPU and peak RSS from /usr/bin/time. */
function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ProcessFigures & { stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const [file, argv] = TIME ? [TIME, ['-f', '__time %e %U %S %M', command, ...args]] : [command, args];
    const child = spawn(file, argv, { env, cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const timed = /__time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      resolve({
        wallMs,
        cpuMs: timed ? (Number(timed[2]) + Number(timed[3])) * 1000 : NaN,
        maxRssMb: timed ? Number(timed[4]) / 1024 : NaN,
        stdout,
        stderr: stderr.replace(/__time .*\n?/, ''),
        code,
      });
    });
  });
}

/** CPU a settled process spends in a second, at most: its timers and the stand-in's heartbeats. */
const SETTLED_CPU_MS = 50;

/** RSS once the process has settled: its RSS changing by at most 2 MB in a second and its CPU by at most SETTLED_CPU_MS (at most 10 s). */
async function settledRss(pid: number): Promise<number> {
  let last = processNow(pid);
  for (let i = 0; i < 10; i++) {
    await sleep(1_000);
    const now = processNow(pid);
    if (Math.abs(now.rssMb - last.rssMb) <= 2 && now.cpuMs - last.cpuMs <= SETTLED_CPU_MS) return now.rssMb;
    last = now;
  }
  return last.rssMb;
}

/** CPU time (user + system) and RSS of a running process, from /proc. */
function processNow(pid: number): { cpuMs: number; rssMb: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (clock ticks, 100 a second)
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuMs: ticks * 10, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
  } catch {
    return { cpuMs: NaN, rssMb: NaN };
  }
}

// ---------------------------------------------------------------------------------------------
// npm run ask

interface AskFigures {
  /** One per run, each from no cache. */
  cold: ProcessFigures[];
  warm: ProcessFigures[];
  warmThroughNpm: ProcessFigures[];
}

const askEnv = (knowledgeDir: string, cacheDir: string) => ({ ...process.env, KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: cacheDir, LOG_LEVEL: 'warn', DISCORD_TOKEN: '' });

/** The figures of an `npm run ask` (as the node command npm runs, or `command`) that answered; throws if it did not. */
async function askAnswered(env: NodeJS.ProcessEnv, command: [string, string[]] = [process.execPath, ['scripts/run.mjs', 'src/cli/ask.ts', '--json', QUESTION]]): Promise<ProcessFigures> {
  const run = await runProcess(command[0], command[1], env);
  if (run.code !== 0 || !JSON.parse(run.stdout).answered) throw new Error(`npm run ask did not answer: ${run.stderr.slice(0, 500)}`);
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssMb: run.maxRssMb };
}

/** `npm run ask` with no cache in `cacheDir` (emptied first): the worker builds the index and writes the cache. */
function coldAsk(knowledgeDir: string, cacheDir: string): Promise<ProcessFigures> {
  rmSync(cacheDir, { recursive: true, force: true });
  return askAnswered(askEnv(knowledgeDir, cacheDir));
}

async function benchAsk(knowledgeDir: string, runs: number): Promise<AskFigures> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kz-bench-cache-'));
  const env = askEnv(knowledgeDir, cacheDir);
  try {
    const cold: ProcessFigures[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`  npm run ask: cold ${i + 1} of ${runs} (builds the index in the worker and writes the cache)…`);
      cold.push(await coldAsk(knowledgeDir, cacheDir));
    }
    const warm: ProcessFigures[] = [];
    const warmThroughNpm: ProcessFigures[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`  npm run ask: warm ${i + 1} of ${runs}…`);
      warm.push(await askAnswered(env));
      warmThroughNpm.push(await askAnswered(env, ['npm', ['run', '--silent', 'ask', '--', '--json', QUESTION]]));
    }
    return { cold, warm, warmThroughNpm };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The bot, against the local Discord stand-in

interface RunningBotProcess {
  child: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

/** Asks `question` and resolves with the time to the final answer and the answer's text (null when private: not found). */
async function askBot(standIn: StandIn, question: string): Promise<{ ms: number; text: string | null }> {
  const input: CommandInput = { name: 'ask', options: { question } };
  const handle = standIn.dispatchCommand(input);
  const final = await handle.finalResponse;
  const data = (final.body as { data?: { flags?: number; embeds?: { description?: string }[] }; flags?: number; embeds?: { description?: string }[] } | undefined) ?? {};
  const message = data.data ?? data;
  const text = message.flags && message.flags & 64 ? null : (message.embeds?.[0]?.description ?? null);
  return { ms: final.at - handle.dispatchedAt, text };
}

function startBotProcess(standIn: StandIn, env: Record<string, string>): RunningBotProcess {
  const child = spawn(process.execPath, ['scripts/run.mjs', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: standIn.token,
      DISCORD_APPLICATION_ID: standIn.applicationId,
      DISCORD_GUILD_ID: standIn.guildId,
      DISCORD_API_URL: standIn.apiUrl,
      LOG_LEVEL: 'debug',
      KNOWLEDGE_POLL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    log.push(...lines);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    log,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
      await exited;
    },
  };
}

/** Waits until the bot process's log has a line with `msg` (after `from` lines). */
async function logged(bot: RunningBotProcess, msg: string, from = 0, timeoutMs = 600_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (bot.log.slice(from).some((line) => line.includes(`"msg":"${msg}`))) return;
    if (bot.child.exitCode !== null) throw new Error(`the bot exited (${bot.child.exitCode}):\n${bot.log.slice(-20).join('\n')}`);
    await sleep(50);
  }
  throw new Error(`the bot did not log "${msg}" in time`);
}

/** Starts the bot and measures process start → first answer (asked as soon as it is connected). */
async function botFirstAnswer(standIn: StandIn, env: Record<string, string>): Promise<{ bot: RunningBotProcess; figures: ProcessFigures }> {
  const started = performance.now();
  const bot = startBotProcess(standIn, env);
  const sessions = standIn.sessionCount;
  while (standIn.sessionCount === sessions) {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited (${bot.child.exitCode}):\n${bot.log.slice(-20).join('\n')}`);
    await sleep(5);
  }
  for (;;) {
    const answer = await askBot(standIn, QUESTION);
    if (answer.text) break;
    await sleep(20);
  }
  const now = processNow(bot.child.pid!);
  return { bot, figures: { wallMs: performance.now() - started, cpuMs: now.cpuMs, maxRssMb: now.rssMb } };
}

interface ReloadFigures {
  /** File written → first answer quoting it. */
  reloadMs: number;
  /** Waits of the interactions that arrived every 100 ms meanwhile. */
  waitsDuring: { p50: number; max: number };
  rssDuringMaxMb: number;
}

interface BotFigures {
  /** One per run, each from no cache. */
  cold: ProcessFigures[];
  warm: ProcessFigures[];
  /** Usual wait for an answer, before the reloads (p50 over 30 interactions every 100 ms). */
  usualWaitMs: number;
  reloads: ReloadFigures[];
  /** At start (settled), after the three reloads, at most while the worker rewrote the cache, and once it had ended. */
  rssMb: { start: number; afterReloads: number; rewritePeak: number; afterCacheRewrite: number };
  /** The worker's rewrite of the cache after the reloads, as the bot logged it ("cache: saved"): how long, and whether from the cache before it. */
  cacheRewrite: { ms: number; fromCache: boolean; filesRead: number } | null;
}

/** A new article's file, and a question only it answers. */
function newArticle(serial: number) {
  const mineral = `zanzibarite${serial}`;
  return {
    file: `2026-11-29-bench-${serial}.md`,
    text: articleMarkdown({
      title: `Bench article ${serial}: a ${mineral} deposit`,
      publisher: 'Bench',
      published: '2026-11-29',
      url: null,
      tags: [],
      body: `Geologists reported a large ${mineral} deposit near Aktobe, the ministry said on Monday.`,
    }),
    question: `Where was the ${mineral} deposit reported?`,
    quote: mineral,
  };
}

/** Runs `use` with a local Discord stand-in the bot's commands are deployed to, and a folder for the bots' caches and state; both gone after. */
async function withStandIn<T>(folderPrefix: string, use: (standIn: StandIn, root: string) => Promise<T>): Promise<T> {
  const standIn = await startStandIn({ token: fakeBotToken() });
  const root = mkdtempSync(join(tmpdir(), folderPrefix));
  try {
    await deployCommands((await loadCommands()).values(), { token: standIn.token, applicationId: standIn.applicationId, guildId: standIn.guildId, apiUrl: standIn.apiUrl });
    return await use(standIn, root);
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function benchBot(knowledgeDir: string, runs: number): Promise<BotFigures> {
  return withStandIn('kz-bench-bot-', async (standIn, root) => {
    const env = (cache: string) => ({ KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: join(root, cache), STATE_DIR: join(root, 'state') });
    const cold: ProcessFigures[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`  bot: cold start ${i + 1} of ${runs} (no cache)…`);
      // Each from a cache folder of its own; the last one's cache (the worker wrote it before the first answer) is the warm starts'.
      const started = await botFirstAnswer(standIn, env(i === runs - 1 ? 'cache' : `cache-cold-${i}`));
      cold.push(started.figures);
      await started.bot.stop();
    }
    const warm: ProcessFigures[] = [];
    let running: RunningBotProcess | undefined;
    for (let i = 0; i < runs; i++) {
      progress(`  bot: warm start ${i + 1} of ${runs}…`);
      const started = await botFirstAnswer(standIn, env('cache'));
      warm.push(started.figures);
      if (i < runs - 1) await started.bot.stop();
      else running = started.bot;
    }
    const bot = running!;
    // Once start-up has settled (the warm-up and the duplicate lookup start a second after the
    // first answer and take one to two more at 5× and 10×): RSS "after a fresh start", then the
    // usual wait, then three articles added while interactions keep arriving.
    const rssStart = await settledRss(bot.child.pid!);
    const usual: number[] = [];
    for (let i = 0; i < 30; i++) {
      usual.push((await askBot(standIn, QUESTION)).ms);
      await sleep(TICK_MS);
    }
    const reloads: ReloadFigures[] = [];
    for (let serial = 1; serial <= 3; serial++) {
      progress(`  bot: reload ${serial} of 3 (an article added)…`);
      const article = newArticle(serial);
      const waits: number[] = [];
      let rssDuring = 0;
      let done = false;
      const ticker = (async () => {
        while (!done) {
          const tick = askBot(standIn, QUESTION).then((answer) => waits.push(answer.ms));
          rssDuring = Math.max(rssDuring, processNow(bot.child.pid!).rssMb);
          await sleep(TICK_MS);
          void tick;
        }
      })();
      const written = performance.now();
      writeFileSync(join(knowledgeDir, article.file), article.text);
      let reloadMs = NaN;
      for (;;) {
        const answer = await askBot(standIn, article.question);
        if (answer.text?.includes(article.quote)) {
          reloadMs = performance.now() - written;
          break;
        }
        if (performance.now() - written > 120_000) throw new Error('the new article was not answered within 2 minutes');
        await sleep(TICK_MS);
      }
      done = true;
      await ticker;
      const sorted = [...waits].sort((a, b) => a - b);
      reloads.push({ reloadMs, waitsDuring: { p50: percentile(sorted, 0.5), max: sorted[sorted.length - 1] ?? NaN }, rssDuringMaxMb: rssDuring });
      await sleep(500);
    }
    const afterReloads = processNow(bot.child.pid!).rssMb;
    progress('  bot: waiting for the cache to be written again in the worker…');
    const mark = bot.log.length;
    let rewritePeak = afterReloads;
    const peak = setInterval(() => (rewritePeak = Math.max(rewritePeak, processNow(bot.child.pid!).rssMb)), 200);
    await logged(bot, 'cache: saved', mark, 300_000).catch(() => progress('  (the cache was not saved again within 5 minutes)'));
    clearInterval(peak);
    const saved = bot.log.slice(mark).find((line) => line.includes('"msg":"cache: saved'));
    const savedLine = saved ? (JSON.parse(saved) as { ms: number; fromCache: boolean; filesRead: number }) : null;
    const cacheRewrite = savedLine && { ms: savedLine.ms, fromCache: savedLine.fromCache, filesRead: savedLine.filesRead };
    // Once the worker has ended and its memory is given back.
    const afterCacheRewrite = await settledRss(bot.child.pid!);
    await bot.stop();
    for (let serial = 1; serial <= 3; serial++) rmSync(join(knowledgeDir, newArticle(serial).file), { force: true });
    return { cold, warm, usualWaitMs: median(usual), reloads, rssMb: { start: rssStart, afterReloads, rewritePeak, afterCacheRewrite }, cacheRewrite };
  });
}

// ---------------------------------------------------------------------------------------------
// The cold starts' growth, in pairs

interface PairedGrowth {
  /** Median over the pairs of the 10× time over the 5× time. */
  'ask cold': number;
  'bot cold': number;
  /** Each pair's wall times in ms, [5×, 10×]. */
  pairs: { ask: [number, number]; bot: [number, number] }[];
}

/**
 * The cold starts' growth from 5× to 10×, from `runs` pairs: in each, a cold `npm run ask` at both
 * sizes one right after the other, then a cold bot start at both, in the other order (5×, 10×, 10×,
 * 5×; the next pair the other way round), so that a slower minute of the machine weighs on both
 * sizes alike; the growth is the median of the pairs' ratios. Measured minutes apart (the sizes one
 * after the other), the same code gave 1.48× to 2.43× in one evening's runs.
 */
function pairedColdGrowth(fiveDir: string, tenDir: string, runs: number): Promise<PairedGrowth> {
  return withStandIn('kz-bench-pairs-', async (standIn, root) => {
    const pairs: PairedGrowth['pairs'] = [];
    for (let i = 0; i < runs; i++) {
      const sizes = i % 2 === 0 ? ([5, 10] as const) : ([10, 5] as const);
      const dirOf = (copies: 5 | 10) => (copies === 5 ? fiveDir : tenDir);
      const ask = { 5: 0, 10: 0 };
      const bot = { 5: 0, 10: 0 };
      for (const copies of sizes) {
        progress(`  pair ${i + 1} of ${runs}: npm run ask, cold, ${copies}×…`);
        ask[copies] = (await coldAsk(dirOf(copies), join(root, `ask-${i}-${copies}`))).wallMs;
      }
      for (const copies of [...sizes].reverse() as (5 | 10)[]) {
        progress(`  pair ${i + 1} of ${runs}: bot, cold, ${copies}×…`);
        const started = await botFirstAnswer(standIn, { KNOWLEDGE_DIR: dirOf(copies), CACHE_DIR: join(root, `bot-${i}-${copies}`), STATE_DIR: join(root, `state-${i}-${copies}`) });
        bot[copies] = started.figures.wallMs;
        await started.bot.stop();
      }
      pairs.push({ ask: [ask[5], ask[10]], bot: [bot[5], bot[10]] });
    }
    const growth = (pick: (pair: PairedGrowth['pairs'][number]) => [number, number]) => round(median(pairs.map((pair) => pick(pair)[1] / pick(pair)[0])), 2);
    return { 'ask cold': growth((pair) => pair.ask), 'bot cold': growth((pair) => pair.bot), pairs };
  });
}

// ---------------------------------------------------------------------------------------------
// Query latency, in this process

interface QueryFigures {
  passages: number;
  questions: number;
  /** The start-up warm-up, which runs in slices after the library opens (questions asked meanwhile are answered between slices). */
  warmUpMs: number;
  firstTime: { p50: number; p99: number; max: number };
  repeated: { p50: number; p99: number; max: number };
}

/** Questions written by people, never asked before in this process: SQuAD's, and the project's own sets. */
function benchQuestions(): string[] {
  const questions: string[] = [];
  const squad = projectPath('..', 'shared', 'eval', 'squad2-dev-2titles.json');
  if (existsSync(squad)) {
    const data = JSON.parse(readFileSync(squad, 'utf8')) as { data: { paragraphs: { qas: { question: string }[] }[] }[] };
    for (const article of data.data) for (const paragraph of article.paragraphs) for (const qa of paragraph.qas) questions.push(qa.question);
  }
  for (const file of ['tests/eval/questions.json', 'tests/eval/holdout.json']) {
    const set = JSON.parse(readFileSync(projectPath(file), 'utf8')) as { answerable: { question: string }[]; unanswerable: string[] };
    questions.push(...set.answerable.map((q) => q.question), ...set.unanswerable);
  }
  return [...new Set(questions)];
}

/** The argument that makes this script the child that measures queries (see benchQueries). */
const QUERIES_CHILD = 'queries-child';

/**
 * Query latency in a new process: measured in this one, a size measured after another would find
 * code compiled and state grown by the questions before (its first-time p50 10–15% lower).
 */
function queriesInNewProcess(knowledgeDir: string, cacheDir: string): Promise<QueryFigures> {
  const child = fork(new URL(import.meta.url).pathname, [QUERIES_CHILD, knowledgeDir, cacheDir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (figures) => resolve(figures as QueryFigures));
    child.once('exit', (code) => reject(new Error(`the query measurement exited with ${code} before reporting`)));
  });
}

/**
 * Query latency in `runs` new processes, one after the other (the first builds the cache they all
 * start from): each figure is the median of the runs', each run's kept beside. One process's
 * first-time p50 moved by a third with the machine from one minute to the next.
 */
async function benchQueries(knowledgeDir: string, runs: number): Promise<QueryFigures & { runs: QueryFigures[] }> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kz-bench-query-'));
  try {
    const each: QueryFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      progress(`  queries: process ${run} of ${runs}…`);
      each.push(await queriesInNewProcess(knowledgeDir, cacheDir));
    }
    const mid = (pick: (figures: QueryFigures) => number) => median(each.map(pick));
    const summary = (of: (figures: QueryFigures) => QueryFigures['firstTime']) => ({
      p50: mid((f) => of(f).p50),
      p99: mid((f) => of(f).p99),
      max: Math.max(...each.map((f) => of(f).max)),
    });
    return { ...each[0]!, warmUpMs: mid((f) => f.warmUpMs), firstTime: summary((f) => f.firstTime), repeated: summary((f) => f.repeated), runs: each };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** One process's query latency (see queriesInNewProcess), the library opened from the cache in `cacheDir` (built first if there is none). */
async function measureQueries(knowledgeDir: string, cacheDir: string): Promise<QueryFigures> {
  const log = createLogger('warn');
  // The compiled code the bot runs (tsx would compile this process's copy differently).
  const { openLibrary } = (await import(pathToFileURL(join(PROJECT_ROOT, 'dist', 'src', 'bot', 'start.js')).href)) as typeof import('../src/bot/start');
  // The cache built by a first open (the first run's), if there is none; the timed library starts from it, as the bot does.
  await (await openLibrary({ KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: cacheDir }, log, { cacheRewriteDelayMs: 0 })).close();
  const library = await openLibrary({ KNOWLEDGE_DIR: knowledgeDir, CACHE_DIR: cacheDir }, log, { cacheRewriteDelayMs: 0, warmUpAfterMs: 0 });
  // As in the bot a moment after its start: the warm-up (see Engine.warmUp) is over.
  const warming = performance.now();
  await library.warmedUp;
  const warmUpMs = round(performance.now() - warming, 0);
  const questions = benchQuestions();
  const time = () =>
    questions
      .map((question) => {
        const started = performance.now();
        library.engine.answer(question);
        return performance.now() - started;
      })
      .sort((a, b) => a - b);
  const summary = (sorted: number[]) => ({ p50: round(percentile(sorted, 0.5), 2), p99: round(percentile(sorted, 0.99), 2), max: round(sorted[sorted.length - 1] ?? NaN, 2) });
  const firstTime = summary(time());
  time(); // once more before the repeated round is timed
  const repeated = summary(time());
  await library.close();
  return { passages: library.engine.passageCount, questions: questions.length, warmUpMs, firstTime, repeated };
}

// ---------------------------------------------------------------------------------------------

interface SizeReport {
  copies: number;
  articles: number;
  passages: number;
  ask: AskFigures;
  bot: BotFigures;
  queries: QueryFigures & { runs: QueryFigures[] };
}

const ms = (value: number) => `${round(value).toLocaleString('en-US')} ms`;
const range = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length > 1 ? `${ms(sorted[0]!)}–${ms(sorted[sorted.length - 1]!)}` : ms(sorted[0] ?? NaN);
};
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function printSize(report: SizeReport): void {
  const { ask, bot, queries } = report;
  const log = (line = '') => process.stdout.write(`${line}\n`);
  log(`== ${report.copies}× (${report.articles.toLocaleString('en-US')} articles, ${report.passages.toLocaleString('en-US')} passages)`);
  log(`   npm run ask, cold (index built):            ${range(ask.cold.map((r) => r.wallMs))} (CPU ${range(ask.cold.map((r) => r.cpuMs))}, peak RSS ${range(ask.cold.map((r) => r.maxRssMb)).replace(/ ms/g, ' MB')})`);
  log(`   npm run ask, warm, node (what npm runs):    ${range(ask.warm.map((r) => r.wallMs))} (CPU ${range(ask.warm.map((r) => r.cpuMs))})  ${mark(median(ask.warm.map((r) => r.wallMs)) <= TARGETS.warmStartMs)} ≤ 1.5 s`);
  log(`   npm run ask, warm, through npm:             ${range(ask.warmThroughNpm.map((r) => r.wallMs))} (CPU ${range(ask.warmThroughNpm.map((r) => r.cpuMs))})`);
  log(`   bot, process start → first answer, cold:     ${range(bot.cold.map((r) => r.wallMs))} (CPU ${range(bot.cold.map((r) => r.cpuMs))})`);
  log(`   bot, process start → first answer, warm:     ${range(bot.warm.map((r) => r.wallMs))} (CPU ${range(bot.warm.map((r) => r.cpuMs))})  ${mark(median(bot.warm.map((r) => r.wallMs)) <= TARGETS.warmStartMs)} ≤ 1.5 s`);
  log(`   usual wait for an answer (p50):               ${round(bot.usualWaitMs, 1)} ms`);
  bot.reloads.forEach((reload, i) =>
    log(
      `   reload ${i + 1}: article written → answered:      ${ms(reload.reloadMs)}  ${mark(reload.reloadMs <= TARGETS.reloadMs)} ≤ 2 s; ` +
        `waits meanwhile p50 ${round(reload.waitsDuring.p50, 1)} ms, longest ${round(reload.waitsDuring.max, 1)} ms ` +
        `${mark(reload.waitsDuring.max - bot.usualWaitMs <= TARGETS.extraWaitMs)} ≤ usual + 100 ms; RSS up to ${round(reload.rssDuringMaxMb)} MB`,
    ),
  );
  const { start, afterReloads, rewritePeak, afterCacheRewrite } = bot.rssMb;
  log(
    `   bot RSS: at start (settled) ${round(start)} MB, after 3 reloads ${round(afterReloads)} MB (${round(afterReloads / start, 2)}×) ${mark(afterReloads / start <= TARGETS.rssRatio)} ≤ 1.3×, ` +
      `up to ${round(rewritePeak)} MB while the worker rewrote the cache, ${round(afterCacheRewrite)} MB after (${round(afterCacheRewrite / start, 2)}×) ${mark(afterCacheRewrite / start <= TARGETS.rssRatio)}`,
  );
  if (bot.cacheRewrite) {
    const { ms: took, fromCache, filesRead } = bot.cacheRewrite;
    log(`   cache rewritten by the worker after the reloads in ${ms(took)}, ${fromCache ? 'from the cache before it' : 'from nothing'}, ${filesRead.toLocaleString('en-US')} file(s) read`);
  }
  log(`   queries after the start-up warm-up (${queries.warmUpMs} ms, in slices of ≤ 15 ms once the library is open)`);
  const each = (pick: (figures: QueryFigures) => number) => (queries.runs.length > 1 ? ` (${queries.runs.map((run) => `${pick(run)}`).join(', ')})` : '');
  log(`   queries (${queries.questions} questions; medians of ${queries.runs.length} processes, each one's in brackets):`);
  log(`     first time p50 ${queries.firstTime.p50} ms${each((run) => run.firstTime.p50)} ${mark(queries.firstTime.p50 <= TARGETS.p50Ms)} ≤ 1 ms, p99 ${queries.firstTime.p99} ms${each((run) => run.firstTime.p99)} ${mark(queries.firstTime.p99 <= TARGETS.firstP99Ms)} ≤ 10 ms, max ${queries.firstTime.max} ms`);
  log(`     repeated p50 ${queries.repeated.p50} ms${each((run) => run.repeated.p50)} ${mark(queries.repeated.p50 <= TARGETS.p50Ms)} ≤ 1 ms, p99 ${queries.repeated.p99} ms${each((run) => run.repeated.p99)} ${mark(queries.repeated.p99 <= TARGETS.repeatedP99Ms)} ≤ 5 ms`);
  log();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,5,10' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
  const sizes = values.sizes!.split(',').map(Number);
  const runs = Number(values.runs);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 20) || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: npm run bench -- [--sizes 1,5,10] [--runs 3] [--json]');
  }
  await build({ quiet: true });
  const reports: SizeReport[] = [];
  // Each size's folder is kept until the end, for the paired measurement of the cold starts' growth.
  const dirs = new Map<number, string>();
  try {
    for (const copies of sizes) {
      const dir = mkdtempSync(join(tmpdir(), `kz-bench-${copies}x-`));
      dirs.set(copies, dir);
      progress(`${copies}×: writing the knowledge folder…`);
      const articles = writeBrownFolder(dir, copies) + 2;
      progress(`${copies}×: queries, each run in a new process…`);
      const queries = await benchQueries(dir, runs);
      const ask = await benchAsk(dir, runs);
      const bot = await benchBot(dir, runs);
      const report: SizeReport = { copies, articles, passages: queries.passages, ask, bot, queries };
      reports.push(report);
      if (!values.json) printSize(report);
    }
    const growth = growthFrom5To10(reports);
    let pairedGrowth: PairedGrowth | undefined;
    if (dirs.has(5) && dirs.has(10)) {
      progress('5× and 10×: the cold starts again, in pairs…');
      pairedGrowth = await pairedColdGrowth(dirs.get(5)!, dirs.get(10)!, runs);
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), reports, growth, pairedGrowth }, null, 2)}\n`);
    else if (growth) {
      const line = Object.entries(growth).map(([what, ratio]) => `${what} ${ratio}× ${mark(ratio <= TARGETS.growth)}`);
      process.stdout.write(`== growth from 5× to 10× (medians; target ≤ ${TARGETS.growth}×): ${line.join(', ')}\n`);
      if (pairedGrowth) {
        const pairs = (pick: (pair: PairedGrowth['pairs'][number]) => [number, number]) => pairedGrowth!.pairs.map((pair) => pick(pair).map((wall) => `${round(wall / 1000, 1)}`).join(' → ') + ' s').join(', ');
        process.stdout.write(
          `== the cold starts' growth in pairs (each 5× and 10× one after the other; median of the pairs): ask ${pairedGrowth['ask cold']}× ${mark(pairedGrowth['ask cold'] <= TARGETS.growth)} (${pairs((pair) => pair.ask)}), ` +
            `bot ${pairedGrowth['bot cold']}× ${mark(pairedGrowth['bot cold'] <= TARGETS.growth)} (${pairs((pair) => pair.bot)})\n`,
        );
      }
    }
  } finally {
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
  }
}

/** The medians at 10× over those at 5×, when both sizes were measured. */
function growthFrom5To10(reports: SizeReport[]): Record<string, number> | undefined {
  const five = reports.find((report) => report.copies === 5);
  const ten = reports.find((report) => report.copies === 10);
  if (!five || !ten) return undefined;
  const ratio = (pick: (report: SizeReport) => number[]) => round(median(pick(ten)) / median(pick(five)), 2);
  return {
    'ask warm': ratio((r) => r.ask.warm.map((run) => run.wallMs)),
    'ask cold': ratio((r) => r.ask.cold.map((run) => run.wallMs)),
    'bot warm': ratio((r) => r.bot.warm.map((run) => run.wallMs)),
    'bot cold': ratio((r) => r.bot.cold.map((run) => run.wallMs)),
    reload: ratio((r) => r.bot.reloads.map((run) => run.reloadMs)),
  };
}

const running = process.argv[2] === QUERIES_CHILD ? measureQueries(process.argv[3]!, process.argv[4]!).then((figures) => void process.send!(figures, () => process.exit(0))) : main();
running.catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
