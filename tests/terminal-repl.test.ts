/**
 * The terminal mode's loop (`npm start` without a token): which lines end the session and which are
 * asked. The runner is the real one; its only command is a stand-in /ask that says what it was asked,
 * since what is answered is not what is tested here.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/bot/command';
import { CommandRunner } from '../src/bot/runner';
import { notice } from '../src/core/reply';
import { main as start } from '../src/main';
import { endsSession, runTerminal } from '../src/terminal/repl';
import { createLogger } from '../src/util/logger';
import { capture } from './support/capture';
import { temporaryDir } from './support/temporary-dir';

const silent = createLogger('silent');

/** Runs the terminal on the lines given (as from a pipe); resolves with the questions asked and what was printed. */
async function session(lines: string[]) {
  const asked: string[] = [];
  const ask: CommandModule = {
    data: { name: 'ask', toJSON: () => ({ name: 'ask', description: 'a stand-in' }) },
    execute(request) {
      asked.push(String(request.options.question));
      return notice(`asked: ${String(request.options.question)}`);
    },
  };
  const runner = new CommandRunner(new Map([['ask', ask]]), { library: undefined as never }, silent);
  const output = capture();
  await runTerminal(runner, Readable.from([lines.map((line) => `${line}\n`).join('')]), output.stream);
  return { asked, printed: output.text() };
}

describe('ending the terminal session', () => {
  it.each(['exit', 'quit', 'bye', 'EXIT', 'Quit', 'Bye', '  bye  ', 'bye!', 'quit.', 'Exit!!', 'bye…'])('%j ends it, without being asked', async (word) => {
    expect(endsSession(word)).toBe(true);
    const { asked, printed } = await session(['tungsten reserves', word, 'who signed']);
    expect(asked).toEqual(['tungsten reserves']);
    expect(printed).toBe('asked: tungsten reserves\n\n');
  });

  it('a question that has one of the words in it is asked', async () => {
    for (const line of ['exit the market', 'bye bye', 'quit?!x', 'goodbye', 'exits', 'why did they quit']) expect(endsSession(line)).toBe(false);
    const { asked } = await session(['Why did Rio Tinto exit Kazakhstan?', 'quit smoking']);
    expect(asked).toEqual(['Why did Rio Tinto exit Kazakhstan?', 'quit smoking']);
  });
});

describe('the banner of npm start without a token', () => {
  it('names each word that ends the session, and "quit" piped in ends it', async () => {
    const stdout = capture();
    const stderr = capture();
    const dir = temporaryDir('terminal-banner-');
    const env = { KNOWLEDGE_DIR: dir, CACHE_DIR: dir, STATE_DIR: dir, KNOWLEDGE_POLL_SECONDS: '0', DISCORD_TOKEN: '' };
    const code = await start({ stdin: Readable.from(['quit\n', 'Who signed?\n']), stdout: stdout.stream, stderr: stderr.stream, env });
    expect(code).toBe(0);
    expect(stderr.text()).toContain('ask a question or type /help; "exit", "quit" or "bye" to stop.');
    expect(stdout.text()).toBe('');
  });
});
