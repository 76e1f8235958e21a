/**
 * Soak: the real bot, in a process of its own (scripts/soak-bot.ts, started as `npm start` would
 * start it), against the local Discord stand-in on 127.0.0.1. After a warm-up, 5,000 interactions
 * (a mix of every command, autocomplete and "More results" clicks), arriving at 250 a second with
 * at most 50 in flight, while the knowledge folder (a temporary copy of knowledge/) changes twice:
 * an article is added, then one is changed, each time waiting until the bot has reloaded it.
 * `--rate 0` sends each interaction as soon as one of the 50 is answered: that measures throughput
 * (the answer times are then mostly queueing, 50 deep, on a machine shared with the stand-in).
 *
 * Prints answered / dispatched, time from dispatch to first response and to final answer (p50,
 * p99, max), the bot's heap after warm-up and at the end (after a forced gc), and PASS or FAIL:
 * every interaction answered once, none later than Discord's 3 s, p99 to final answer < 50 ms,
 * heap at the end within 20 MB of the heap after warm-up. Exits 1 on FAIL.
 *
 *   npm run soak [-- --count N] [-- --in-flight N] [-- --rate N] [-- --max-seconds S] [-- --json]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCommands } from '../src/bot/load-commands';
import { deployCommands } from '../src/discord/deploy';
import { fakeBotToken, REPO_KNOWLEDGE_DIR } from '../tests/support/bot-harness';
import { startStandIn, type StandIn } from '../tests/support/discord-standin';
import { copyKnowledge, DISCORD_LIMIT_MS, knowledgeChanges, runSoak, type ChangeKind, type SoakResult } from '../tests/support/soak';

const TARGETS = { finalP99Ms: 50, lateMs: DISCORD_LIMIT_MS, heapGrowthMb: 20 };
const WARM_UP = 300;
const MB = 1024 * 1024;

class SoakError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '5000' },
      'in-flight': { type: 'string', default: '50' },
      rate: { type: 'string', default: '250' },
      'max-seconds': { type: 'string', default: '300' },
      json: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const inFlight = Number(values['in-flight']);
  const maxSeconds = Number(values['max-seconds']);
  const rate = Number(values.rate);
  if (!Number.isFinite(rate) || rate < 0 || rate > 100_000) throw new SoakError('--rate takes interactions a second, 0 for as fast as answered');
  if (!Number.isInteger(count) || count < 30 || count > 100_000) throw new SoakError('--count takes a whole number from 30 to 100000');
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 50) throw new SoakError('--in-flight takes a whole number from 1 to 50');
  if (!Number.isFinite(maxSeconds) || maxSeconds < 10 || maxSeconds > 3_600) throw new SoakError('--max-seconds takes a number from 10 to 3600');
  return { count, inFlight, rate, maxMs: maxSeconds * 1000, json: values.json! };
}

/** The bot's process and the requests the soak makes of it. */
class BotProcess {
  private nextId = 0;
  private readonly waiting = new Map<string, (message: any) => void>();
  readonly warnings: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: { type: string; id?: number; line?: string }) => {
      if (message.type === 'log') {
        if (this.warnings.length < 50) this.warnings.push(message.line!.trim());
        return;
      }
      const key = message.id === undefined ? message.type : `${message.type}:${message.id}`;
      const resolve = this.waiting.get(key);
      this.waiting.delete(key);
      resolve?.(message);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Resolves with the bot's next message `key` ('ready', 'memory', 'reloaded:3'); rejects if it exits or takes longer than `ms`. */
  expect(key: string, ms: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SoakError(`the bot did not answer "${key}" within ${ms / 1000} s`)), ms);
      this.waiting.set(key, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new SoakError(`the bot exited (code ${code}) while the soak waited for "${key}"${this.warnings.length ? `; its last log lines:\n${this.warnings.slice(-5).join('\n')}` : ''}`));
      });
    });
  }

  /** The bot's heap after a forced gc, and the longest its event loop was held since the last ask. */
  async memory(): Promise<{ heapUsed: number; loopDelayMaxMs: number }> {
    const answer = this.expect('memory', 30_000);
    this.child.send({ type: 'memory' });
    return answer;
  }

  /** Asks the bot to watch for the change; resolves once it watches, with the promise of the reload (wrapped, so that awaiting this does not wait for it). */
  async watch(kind: ChangeKind): Promise<{ reloaded: Promise<unknown> }> {
    const id = this.nextId++;
    const watching = this.expect(`watching:${id}`, 10_000);
    const reloaded = this.expect(`reloaded:${id}`, 60_000);
    reloaded.catch(() => undefined);
    this.child.send({ type: 'watch', id, kind });
    await watching;
    return { reloaded };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const stopped = this.expect('stopped', 10_000).catch(() => this.child.kill('SIGKILL'));
    this.child.send({ type: 'stop' });
    await stopped;
    await this.exited;
  }
}

async function main() {
  const { count, inFlight, rate, maxMs, json } = options();
  const say = (line: string) => void (json || process.stderr.write(`${line}\n`));
  const started = performance.now();
  const dirs: string[] = [];
  let standIn: StandIn | undefined;
  let bot: BotProcess | undefined;
  // The whole run is bounded: warm-up, the run itself, start and stop.
  const watchdog = setTimeout(() => {
    process.stderr.write(`soak: aborted after ${Math.round((maxMs + 120_000) / 1000)} s without finishing.\n`);
    bot?.child.kill('SIGKILL');
    process.exit(1);
  }, maxMs + 120_000);
  watchdog.unref();

  try {
    const knowledgeDir = await mkdtemp(join(tmpdir(), 'kz-soak-knowledge-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'kz-soak-data-'));
    dirs.push(knowledgeDir, dataDir);
    const files = await copyKnowledge(REPO_KNOWLEDGE_DIR, knowledgeDir);

    say('Starting the local Discord stand-in (127.0.0.1) and the bot in its own process…');
    standIn = await startStandIn({ token: fakeBotToken() });
    await deployCommands((await loadCommands()).values(), {
      token: standIn.token,
      applicationId: standIn.applicationId,
      guildId: standIn.guildId,
      apiUrl: standIn.apiUrl,
    });
    const child = fork(fileURLToPath(new URL('./soak-bot.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        CI: '1',
        DISCORD_TOKEN: standIn.token,
        DISCORD_APPLICATION_ID: standIn.applicationId,
        DISCORD_GUILD_ID: standIn.guildId,
        DISCORD_API_URL: standIn.apiUrl,
        KNOWLEDGE_DIR: knowledgeDir,
        CACHE_DIR: join(dataDir, 'cache'),
        STATE_DIR: join(dataDir, 'state'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    bot = new BotProcess(child);
    const ready = await bot.expect('ready', 60_000);
    say(`Bot ready with ${ready.articles} articles. Warm-up: ${WARM_UP} interactions…`);

    const warmUp = await runSoak(standIn, { count: WARM_UP, inFlight: Math.min(inFlight, 10), maxMs: 60_000 });
    if (warmUp.answeredOnce !== WARM_UP) throw new SoakError(`the warm-up went wrong: ${warmUp.problems.slice(0, 3).join('; ') || `${warmUp.answeredOnce} of ${WARM_UP} answered`}`);
    const heapAfterWarmUp = (await bot.memory()).heapUsed;
    const ownLoop = monitorEventLoopDelay({ resolution: 5 });
    ownLoop.enable();

    const pace = rate ? `${rate} a second` : 'each as soon as one is answered';
    say(`Soak: ${count} interactions, ${pace}, up to ${inFlight} in flight; the knowledge folder changes twice on the way…`);
    const changes = knowledgeChanges(knowledgeDir, files, count, () => Promise.resolve()).map((change, i) => {
      const kind: ChangeKind = i === 0 ? 'added' : 'changed';
      let reloaded: Promise<unknown> = Promise.resolve();
      let applied!: () => void;
      const done = new Promise<void>((resolve) => (applied = resolve));
      return {
        ...change,
        // The bot first watches (subscribes to its next reloads), then the folder changes.
        async apply() {
          reloaded = (await bot!.watch(kind)).reloaded;
          await change.apply();
          applied();
        },
        taken: () => done.then(() => reloaded),
      };
    });
    let shown = 0;
    const result = await runSoak(standIn, {
      count,
      inFlight,
      ratePerSecond: rate,
      maxMs,
      changes,
      onProgress: (done) => {
        if (!json && done - shown >= 1_000) {
          shown = done;
          process.stderr.write(`  ${done} dispatched\n`);
        }
      },
    });
    const { heapUsed: heapAtEnd, loopDelayMaxMs: botLoopMaxMs } = await bot.memory();
    ownLoop.disable();
    const loopDelayMaxMs = { bot: botLoopMaxMs, soak: ownLoop.max / 1e6 };
    await bot.stop();
    const report = verdict(result, count, rate, inFlight, heapAfterWarmUp, heapAtEnd, loopDelayMaxMs, standIn, bot.warnings, (performance.now() - started) / 1000);
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stdout.write(describe(report));
    process.exitCode = report.pass ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await bot?.stop().catch(() => bot?.child.kill('SIGKILL'));
    await standIn?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

interface Check {
  what: string;
  pass: boolean;
}

function verdict(
  result: SoakResult,
  count: number,
  rate: number,
  inFlight: number,
  heapAfterWarmUp: number,
  heapAtEnd: number,
  loopDelayMaxMs: { bot: number; soak: number }, standIn: StandIn, warnings: string[], totalSeconds: number) {
  const growthMb = (heapAtEnd - heapAfterWarmUp) / MB;
  const checks: Check[] = [
    { what: `every interaction answered, exactly once (${result.answeredOnce} of ${count})`, pass: result.answeredOnce === count && result.problems.length === 0 && !result.aborted },
    { what: `none later than ${TARGETS.lateMs / 1000} s (max ${result.finalAnswerMs.max.toFixed(1)} ms)`, pass: result.late === 0 && result.finalAnswerMs.max <= TARGETS.lateMs },
    { what: `p99 to final answer < ${TARGETS.finalP99Ms} ms (${result.finalAnswerMs.p99.toFixed(2)} ms)`, pass: result.finalAnswerMs.p99 < TARGETS.finalP99Ms },
    { what: `heap at the end within ${TARGETS.heapGrowthMb} MB of after warm-up (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB)`, pass: Math.abs(growthMb) <= TARGETS.heapGrowthMb },
    { what: `both knowledge changes taken in while answering (${result.changes.map((c) => `${c.label} in ${Math.round(c.tookMs)} ms`).join(', ')})`, pass: result.changes.length === 2 },
    { what: `every message within Discord's limits, pinging nobody (${standIn.violations.length} violations)`, pass: standIn.violations.length === 0 && standIn.unknownRoutes.length === 0 },
  ];
  return {
    pass: checks.every((c) => c.pass),
    ratePerSecond: rate,
    inFlight,
    dispatched: result.dispatched,
    answered: result.answered,
    answeredOnce: result.answeredOnce,
    late: result.late,
    seconds: Number(result.seconds.toFixed(2)),
    totalSeconds: Number(totalSeconds.toFixed(1)),
    firstResponseMs: result.firstResponseMs,
    finalAnswerMs: result.finalAnswerMs,
    heapMb: { afterWarmUp: Number((heapAfterWarmUp / MB).toFixed(1)), atEnd: Number((heapAtEnd / MB).toFixed(1)), growth: Number(growthMb.toFixed(1)) },
    loopDelayMaxMs: { bot: Number(loopDelayMaxMs.bot.toFixed(1)), soak: Number(loopDelayMaxMs.soak.toFixed(1)) },
    changes: result.changes.map((c) => ({ label: c.label, atS: Number(c.atS.toFixed(2)), tookMs: Math.round(c.tookMs) })),
    slowest: result.slowest.map((s) => ({ label: s.label, atS: Number(s.atS.toFixed(2)), ms: Number(s.ms.toFixed(1)) })),
    checks,
    problems: [...result.problems, ...(result.aborted ? [result.aborted] : []), ...standIn.violations.slice(0, 10), ...standIn.unknownRoutes.slice(0, 10)],
    botWarnings: warnings.slice(0, 10),
    byKind: result.byKind,
  };
}

function describe(report: ReturnType<typeof verdict>): string {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const t = (timing: { p50: number; p99: number; max: number }) => `p50 ${ms(timing.p50)}   p99 ${ms(timing.p99)}   max ${ms(timing.max)}`;
  return [
    `Soak: ${report.answered} answered / ${report.dispatched} dispatched in ${report.seconds} s (${Math.round(report.dispatched / report.seconds)} a second; ${report.ratePerSecond ? `paced at ${report.ratePerSecond} a second` : 'as fast as answered'}, up to ${report.inFlight} in flight)`,
    `  dispatch → first response   ${t(report.firstResponseMs)}`,
    `  dispatch → final answer     ${t(report.finalAnswerMs)}`,
    `  bot heap (after gc)         after warm-up ${report.heapMb.afterWarmUp} MB, at the end ${report.heapMb.atEnd} MB`,
    `  longest event-loop stall    bot ${report.loopDelayMaxMs.bot} ms, soak and stand-in ${report.loopDelayMaxMs.soak} ms`,
    `  slowest answers             ${report.slowest.slice(0, 3).map((s) => `${s.label} ${s.ms} ms at ${s.atS} s`).join('; ')}`,
    `  knowledge changes           ${report.changes.map((c) => `${c.label} at ${c.atS} s, reloaded in ${c.tookMs} ms`).join('; ')}`,
    ...report.checks.map((c) => `  ${c.pass ? 'PASS' : 'FAIL'}  ${c.what}`),
    ...(report.problems.length ? ['  problems:', ...report.problems.map((p) => `    ${p}`)] : []),
    ...(report.botWarnings.length ? ['  the bot warned:', ...report.botWarnings.map((w) => `    ${w}`)] : []),
    report.pass ? 'PASS' : 'FAIL',
    '',
  ].join('\n');
}

main().catch((err) => {
  process.stderr.write(`soak could not run: ${err instanceof SoakError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
