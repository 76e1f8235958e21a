import type { Clock } from '../util/clock';
import type { Settings } from '../bot/settings';
import { createIngest, type Ingest, type IngestOptions } from '../ingest/ingest';
import { createLogger, type Logger } from '../util/logger';

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
