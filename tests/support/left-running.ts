/**
 * Vitest setup file: a bot a test file leaves running (a test that failed before its clean-up) is
 * stopped when the file ends, and that file fails saying so, instead of reconnecting into the next
 * file that shares the thread. The harnesses register their bots (running-bots.ts).
 */
import { afterAll } from 'vitest';
import { stopRunningBots } from './running-bots';

afterAll(async () => {
  const left = await stopRunningBots();
  if (left > 0) throw new Error(`${left} bot(s) left running by this file's tests: stopped now`);
});
