import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'settings.DISCORD_TOKEN',
];

/**
 * The token in an interaction's callback or webhook address (`/interactions/:id/:token/…`,
 * `/webhooks/:application/:token/…`): it lets anyone answer or edit for 15 minutes.
 */
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d{17,20}\/)[\w.-]{16,}/g;

/**
 * Errors as pino logs them, with interaction tokens taken out of the request address discord.js
 * puts on them, and without the request body (a reply quoting what a user typed).
 */
function errorSerializer(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  delete serialized.requestBody;
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') serialized[key] = value.replace(TOKEN_IN_PATH, '$1[redacted]');
  }
  return serialized;
}

/**
 * The one root logger. JSON lines on standard error (standard output is kept for answers);
 * readable lines when standard error is a terminal and pino-pretty is installed.
 */
export function createLogger(level: string, destination: pino.DestinationStream | number = 2): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer },
  };
  if (destination === 2 && process.stderr.isTTY && !process.env.CI) {
    try {
      return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname' } } });
    } catch {
      // pino-pretty is not installed: plain JSON it is.
    }
  }
  return pino(options, typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination);
}
