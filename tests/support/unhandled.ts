/**
 * Vitest setup file: an unhandled rejection or uncaught exception while a test runs fails that
 * test. (discord.js throws inside its gateway handler when a payload lacks a field; by default that
 * surfaces only as a process-level error, after the test has already passed.)
 *
 * Errors are collected by process listeners and thrown from afterEach; anything still pending when
 * the file ends is thrown from afterAll. A test that provokes one on purpose can take it with
 * `takeUnhandledErrors()`.
 */
import { afterAll, afterEach } from 'vitest';

interface Collector {
  errors: { kind: 'unhandledRejection' | 'uncaughtException'; error: unknown }[];
}

// One collector per process, even if this module is both a setup file and imported by a test.
const KEY = Symbol.for('kz-minerals-bot.tests.unhandled');
const holder = globalThis as typeof globalThis & { [KEY]?: Collector };

function install(): Collector {
  const existing = holder[KEY];
  if (existing) return existing;
  const collector: Collector = { errors: [] };
  process.on('unhandledRejection', (error) => collector.errors.push({ kind: 'unhandledRejection', error }));
  process.on('uncaughtException', (error) => collector.errors.push({ kind: 'uncaughtException', error }));
  holder[KEY] = collector;
  return collector;
}

const collector = install();

/** Returns and clears the errors collected so far. */
export function takeUnhandledErrors(): unknown[] {
  return collector.errors.splice(0).map((e) => e.error);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

function throwCollected(when: string): void {
  const errors = collector.errors.splice(0);
  if (errors.length === 0) return;
  const text = errors.map((e, i) => `#${i + 1} ${e.kind}: ${describeError(e.error)}`).join('\n');
  throw new AggregateError(
    errors.map((e) => e.error),
    `${errors.length} unhandled error(s) ${when}:\n${text}`,
  );
}

afterEach(async () => {
  // 'unhandledRejection' fires after the microtask queue drains; give it one turn of the loop.
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwCollected('during this test');
});

afterAll(async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwCollected('after the last test of this file');
});
