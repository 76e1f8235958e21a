/**
 * The real program as a process, the way production starts it (`node dist/src/main.js`, compiled
 * once by the global setup), or any other command line of the project: its output kept, its log
 * lines parsed, and a way to wait for a line without sleeping.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, onTestFailed } from 'vitest';
import { fakeBotToken, type LogLine } from './bot-harness';
import { startStandIn, type StandIn } from './discord-standin';
import { NOBODY } from './machine';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ProgramProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The JSON log lines written so far (other lines of standard error left out). */
  logs(): LogLine[];
  /** Resolves with the first log line that matches (a message containing `text`, or the predicate); rejects if the program exits first. */
  waitForLog(match: string | ((line: LogLine) => boolean)): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGKILL if the program is still running (for afterAll). */
  kill(): void;
}

export interface ProgramOptions {
  /** Settings and anything else the program should see; PATH and HOME are added, nothing else of the runner's environment. */
  env?: Record<string, string>;
  /** Run as the unprivileged user nobody (setpriv), for permission faults a root test cannot make. */
  asNobody?: boolean;
  /** The executable; default node. */
  command?: string;
  stdio?: StdioOptions;
  /** In a process group of its own (to signal the whole group, as Ctrl-C at a terminal does). */
  detached?: boolean;
}

const parseLine = (line: string): LogLine | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
};

/** Starts `args` (default: the program's entry, dist/src/main.js) in the project folder. */
export function startProgram(args: string[] = ['dist/src/main.js'], options: ProgramOptions = {}): ProgramProcess {
  const command = options.command ?? process.execPath;
  const [file, argv] = options.asNobody
    ? ['setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', command, ...args]]
    : [command, args];
  const child = spawn(file, argv, {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), CI: '1', ...options.env },
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    for (const check of [...waiters]) check();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const logs = () => err.split('\n').map(parseLine).filter((line): line is LogLine => line !== undefined);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitForLog: (match) =>
      new Promise((resolve, reject) => {
        const test = typeof match === 'string' ? (line: LogLine) => String(line.msg ?? '').includes(match) : match;
        const check = () => {
          const found = logs().find(test);
          if (found === undefined) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
        void exited.then(({ code, signal }) => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`the program exited (code ${code}, signal ${signal}) before logging ${String(match)}:\n${err}`));
        });
      }),
  };
}

/** The messages of log lines, in order. */
export const messagesOf = (lines: LogLine[]) => lines.map((line) => String(line.msg ?? ''));

/** A local Discord stand-in for the tests of a file or describe block, and a way to start programs against it. */
export interface ProgramsAgainstStandIn {
  readonly standIn: StandIn;
  /**
   * Starts `args` with the stand-in's Discord settings and LOG_LEVEL info, then `env`. The program
   * is stopped when the tests end; if its test fails, it is killed and its standard error shown.
   */
  start(args: string[], env: Record<string, string>, options?: Omit<ProgramOptions, 'env'>): ProgramProcess;
}

/**
 * For the tests of a file or describe block that start the program against Discord: a local
 * stand-in started before them, checked after each (no payload outside Discord's limits) and closed
 * after them all, and the programs they start, each stopped at the end.
 */
export function standInForPrograms(): ProgramsAgainstStandIn {
  const programs: ProgramProcess[] = [];
  let standIn: StandIn | undefined;
  beforeAll(async () => {
    standIn = await startStandIn({ token: fakeBotToken() });
  });
  afterEach(() => {
    expect(standIn!.violations.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    for (const program of programs) program.kill();
    await Promise.all(programs.map((program) => program.exited));
    await standIn?.close();
  });
  return {
    get standIn() {
      return standIn!;
    },
    start(args, env, options = {}) {
      const program = startProgram(args, {
        ...options,
        env: {
          DISCORD_TOKEN: standIn!.token,
          DISCORD_APPLICATION_ID: standIn!.applicationId,
          DISCORD_GUILD_ID: standIn!.guildId,
          DISCORD_API_URL: standIn!.apiUrl,
          LOG_LEVEL: 'info',
          ...env,
        },
      });
      programs.push(program);
      onTestFailed(() => {
        program.kill();
        console.error(`Standard error of ${args.join(' ')}:\n${program.stderr()}`);
      });
      return program;
    },
  };
}
