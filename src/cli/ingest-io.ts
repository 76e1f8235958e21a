import type { Clock } from '../util/clock';
import type { Settings } from '../bot/settings';
import { createIngest, type Ingest, type IngestOptions } from '../ingest/ingest';
import { createLogger, type Logger } from '../util/logger';
import { parseArgs } from 'node:util';
import { knowledgeFolderIsThere, readSettings } from './io';

/** What an ingesting CLI's main gets instead of `process` (the real process's io, see io.ts, is one): so most CLI tests run in the test's own process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** At a terminal, long work shows how far it is on standard error. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Tests give a clock they move; the real CLI uses the system's. */
  clock?: Clock;
  /** Tests give a quiet logger; the real CLI logs to standard error at LOG_LEVEL. */
  log?: Logger;
}

function loggerFor(io: CliIo, settings: Settings): Logger {
  return io.log ?? createLogger(settings.LOG_LEVEL === 'info' ? 'warn' : settings.LOG_LEVEL);
}

/** Ingesting as the settings describe it (folders, logger, contact, private network), the test's clock if given; `extra` adds what only one CLI needs. */
export function ingestFromSettings(io: CliIo, settings: Settings, extra: Partial<IngestOptions> = {}): Promise<Ingest> {
  return createIngest({
    knowledgeDir: settings.KNOWLEDGE_DIR,
    stateDir: settings.STATE_DIR,
    log: loggerFor(io, settings),
    ...(io.clock ? { clock: io.clock } : {}),
    ...(settings.FEEDS_CONTACT ? { contact: settings.FEEDS_CONTACT } : {}),
    allowPrivateNetwork: settings.ALLOW_PRIVATE_NETWORK,
    ...extra,
  });
}

/**
 * The command line of a program that takes one argument and `--knowledge DIR` (`add-article`,
 * `remove-article`), with the settings: `--help` prints the usage (exit 0), a wrong command line
 * prints it (exit 2), a bad setting is said (exit 1); else the argument, which of `flags` (boolean
 * options) were given, and the settings.
 */
export function oneArgument(argv: string[], io: CliIo, usage: string, flags: readonly string[] = []): { argument: string; given: Set<string>; settings: Settings } | number {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const options = { ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])), knowledge: { type: 'string' as const }, help: { type: 'boolean' as const, short: 'h' } };
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const [argument, ...extra] = positionals;
  if (!argument || extra.length) {
    io.stderr.write(usage);
    return 2;
  }
  const settings = readSettings(io, typeof values.knowledge === 'string' ? { KNOWLEDGE_DIR: values.knowledge } : {});
  if (!settings || !knowledgeFolderIsThere(io, settings, Boolean(values.knowledge))) return 1;
  return { argument, given: new Set(flags.filter((flag) => values[flag] === true)), settings };
}
