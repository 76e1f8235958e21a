/**
 * Issue 11, item 8: the command-line programs with a slow reader, a reader that goes away, and a
 * corrupt state file. `ask --json` over many questions holds at most a buffer of answers while its
 * reader is slow, and ends quietly with 0 when the reader goes (`| head -1`); the terminal mode says
 * truthfully what it did with a corrupt state file (nothing). Real processes (node dist/...), as
 * the pipes are the point.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOut } from '../../src/cli/io';
import { REPO, startProgram } from '../support/bot-process';
import { unless } from '../support/machine';
import { temporaryDir } from '../support/temporary-dir';
import { warmCache } from '../support/warm-cache';

const QUESTION = 'How much tungsten does Kazakhstan have?';
const CACHE_DIR = temporaryDir('kz-cli-output-cache-');
// As after an earlier run: what is tested is the output, not the first build of the cache.
beforeAll(() => warmCache(CACHE_DIR));

describe('ask --json over many questions, with a slow reader', () => {
  it('stops reading questions while its answers are not taken, then ends quietly with 0 when the reader goes', { timeout: 60_000 }, async () => {
    const questions = 20_000;
    const input = `${QUESTION}\n`.repeat(questions);
    const child = spawn(process.execPath, ['dist/src/cli/ask.js', '--json'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', CI: '1', LOG_LEVEL: 'debug', CACHE_DIR },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = once(child, 'exit');
    child.stdin.on('error', () => {}); // the program may end before reading every question
    child.stdin.end(input);

    // Nothing is read from its output until it says it waits for the reader.
    await expect.poll(() => stderr.includes('output: the reader is slower than the answers') || child.exitCode !== null, { interval: 20, timeout: 30_000 }).toBe(true);
    const taken = input.length - child.stdin.writableLength;
    // What it has taken in: the answers in the pipe and its buffer, plus what the pipes and
    // readline hold, well under a tenth of the 800 KB of questions (without back-pressure it reads on
    // and keeps every answer in memory: 3.6 KB each, 72 MB in all).
    expect(taken).toBeLessThan(input.length / 10);
    if (existsSync(`/proc/${child.pid}/status`)) {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      expect(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1])).toBeLessThan(400_000); // kB
    }

    // A slow reader: a little at a time, the program waiting each time; then it goes, as head does.
    const lines: string[] = [];
    let text = '';
    for await (const chunk of child.stdout.setEncoding('utf8')) {
      text += chunk as string;
      const parts = text.split('\n');
      text = parts.pop()!;
      lines.push(...parts);
      if (lines.length >= 300) break; // breaking out of the loop destroys the stream: the reader is gone
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(lines.slice(0, 300).map((line) => (JSON.parse(line) as { question: string }).question)).toEqual(Array(300).fill(QUESTION));
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const problems = stderr.split('\n').filter((line) => line && !/^\{"level":[23]0,/.test(line));
    expect(problems).toEqual([]); // no stack trace, no EPIPE, no MaxListenersExceededWarning
  });

  it.skipIf(!hasBash())(unless(hasBash() ? undefined : 'bash is not on PATH', '`ask --json < questions | head -1` prints one answer and exits 0, saying nothing else'), async () => {
    const dir = temporaryDir('kz-head-');
    writeFileSync(join(dir, 'questions.txt'), `${QUESTION}\n`.repeat(5_000));
    const program = startProgram(['-o', 'pipefail', '-c', `node dist/src/cli/ask.js --json < ${join(dir, 'questions.txt')} | head -1`], { command: 'bash', env: { CACHE_DIR } });
    const { code } = await program.exited;
    expect(program.stderr()).toBe('');
    expect(program.stdout().split('\n')).toEqual([expect.stringContaining(`"question":"${QUESTION}"`), '']);
    expect(code).toBe(0);
  });
});

function hasBash(): boolean {
  try {
    execFileSync('bash', ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
}

describe('writeOut', () => {
  it('leaves no listener behind however often it waits (a long batch once warned MaxListenersExceededWarning)', async () => {
    const stream = new PassThrough({ highWaterMark: 64 });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const counts = () => ['drain', 'error', 'close'].map((event) => stream.listenerCount(event));
    const before = counts();
    let waits = 0;
    for (let i = 0; i < 50; i++) {
      const written = writeOut(stream, 'x'.repeat(100), () => waits++);
      stream.read(); // the reader takes what is there, a little late
      expect(await written).toBe(true);
    }
    process.off('warning', onWarning);
    expect(waits).toBe(50);
    expect(counts()).toEqual(before);
    expect(warnings).toEqual([]);
    stream.destroy();
    expect(await writeOut(stream, 'after the reader went')).toBe(false);
  });
});

describe('the terminal mode and a corrupt state file', () => {
  it('says it ignored the file, which is left exactly as it was (it is not "kept aside")', async () => {
    const stateDir = temporaryDir('kz-terminal-state-');
    writeFileSync(join(stateDir, 'state.json'), '{"version": 1, "createdAt"');
    const program = startProgram(['dist/src/main.js'], { env: { STATE_DIR: stateDir, CACHE_DIR }, stdio: ['pipe', 'pipe', 'pipe'] });
    program.child.stdin!.end('Who signed the memorandum?\nexit\n');
    const { code } = await program.exited;
    expect(code).toBe(0);
    expect(program.stdout()).toContain('Yersayin Nagaspayev');
    const warnings = program.logs().filter((line) => line.level >= 40).map((line) => line.msg);
    expect(warnings).toEqual([expect.stringMatching(/is not a valid state file \(not JSON: .*\); ignored \(this process only reads the state; the bot will set it aside\), starting fresh$/)]);
    expect(program.stderr()).not.toContain('kept aside');
    expect(readdirSync(stateDir)).toEqual(['state.json']);
    expect(readFileSync(join(stateDir, 'state.json'), 'utf8')).toBe('{"version": 1, "createdAt"');
  });
});
