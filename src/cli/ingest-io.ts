import type { Clock } from '../util/clock';
import { parseSettings, SettingsError, type Settings } from '../bot/settings';
import { createLogger, type Logger } from '../util/logger';

/** What a CLI's main gets instead of `process`: so most CLI tests run in the test's own process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Tests give a clock they move; the real CLI uses the system's. */
  clock?: Clock;
  /** Tests give a quiet logger; the real CLI logs to standard error at LOG_LEVEL. */
  log?: Logger;
}

/** Checks every setting as `settingsOrExit` does, but reports a bad one and returns undefined instead of exiting. */
export function settingsOrReport(io: CliIo, overrides: Partial<Record<string, string>> = {}): Settings | undefined {
  try {
    return parseSettings({ ...io.env, ...overrides });
  } catch (err) {
    if (err instanceof SettingsError) {
      io.stderr.write(`${err.message}\n`);
      return undefined;
    }
    throw err;
  }
}

export function loggerFor(io: CliIo, settings: Settings): Logger {
  return io.log ?? createLogger(settings.LOG_LEVEL === 'info' ? 'warn' : settings.LOG_LEVEL);
}

/** Runs a CLI's main against the real process: .env read first, the exit code set when it resolves. */
export async function runMain(main: (argv: string[], io: CliIo) => Promise<number>): Promise<void> {
  const { config } = await import('dotenv');
  config({ quiet: true });
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
