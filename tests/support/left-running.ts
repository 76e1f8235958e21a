/**
 * Vitest setup file, and the register the harnesses put every bot they start in: a bot a test file
 * leaves running (a test that failed before its clean-up) is stopped when the file ends, and that
 * file fails saying so, instead of reconnecting into the next file that shares the thread.
 */
import { afterAll } from 'vitest';
import type { RunningBot } from '../../src/discord/bot';

// One register per thread, even if this module is loaded both as a setup file and by a harness.
const KEY = Symbol.for('kz-minerals-bot.tests.running-bots');
const holder = globalThis as typeof globalThis & { [KEY]?: Set<RunningBot> };
const running = (holder[KEY] ??= new Set());

/** Registers a bot just started; stopping it takes it out of the register. */
export function registerBot(bot: RunningBot): RunningBot {
  running.add(bot);
  const stop = bot.stop.bind(bot);
  bot.stop = (graceMs) => {
    running.delete(bot);
    return stop(graceMs);
  };
  return bot;
}

afterAll(async () => {
  const left = [...running];
  if (left.length === 0) return;
  await Promise.all(left.map((bot) => bot.stop(0)));
  throw new Error(`${left.length} bot(s) left running by this file's tests: stopped now`);
});
