/**
 * The register every bot a harness starts is put in, so that the setup file left-running.ts can
 * stop one a test file leaves running. (No vitest here: the benches and the soak use the harnesses.)
 */
import type { RunningBot } from '../../src/discord/bot';

// One register per thread, however often this module is loaded.
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

/** Stops every bot still registered; resolves with how many there were. */
export async function stopRunningBots(): Promise<number> {
  const left = [...running];
  await Promise.all(left.map((bot) => bot.stop(0)));
  return left.length;
}
