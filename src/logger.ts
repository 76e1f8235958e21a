import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization', 'settings.DISCORD_TOKEN'];

/**
 * The one root logger. JSON lines on standard error (standard output is kept for answers);
 * readable lines when standard error is a terminal and pino-pretty is installed.
 */
export function createLogger(level: string, destination: pino.DestinationStream | number = 2): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (destination === 2 && process.stderr.isTTY && !process.env.CI) {
    try {
      return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname' } } });
    } catch {
      // pino-pretty is not installed: plain JSON it is.
    }
  }
  return pino(options, typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination);
}
