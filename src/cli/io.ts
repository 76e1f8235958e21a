import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { parseSettings, SettingsError, type Settings } from '../bot/settings';

/** What a command-line program reads and writes: given to `main`, so that tests run it in process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /** The time (tests set it). Default: now. */
  now?: () => Date;
}

/** The real process's streams and environment (with .env read into it). */
export function processIo(): CliIo {
  loadDotenv({ quiet: true });
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Every setting, read and checked once; a bad one is written as one line naming it (and undefined returned). */
export function readSettings(io: Pick<CliIo, 'env'> & { stderr: { write(text: string): unknown } }, overrides: Partial<Record<string, string>> = {}): Settings | undefined {
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

/**
 * Whether the knowledge folder a one-shot command works on is there; when it is not, says so (a
 * mistyped path, not an empty library to answer from or a new one to write into) and returns false.
 */
export function knowledgeFolderIsThere(io: { stderr: { write(text: string): unknown } }, settings: Settings, fromFlag: boolean): boolean {
  if (statSync(settings.KNOWLEDGE_DIR, { throwIfNoEntry: false })?.isDirectory()) return true;
  io.stderr.write(`No knowledge folder at ${settings.KNOWLEDGE_DIR} (${fromFlag ? '--knowledge' : 'KNOWLEDGE_DIR'}): check the path.\n`);
  return false;
}

/**
 * Writes to a stream that may be slow (a pipe to a slow reader): waits when its buffer is full, so
 * that a program answering many questions holds at most one buffer of answers. Resolves false when
 * the reader has gone (EPIPE: `… | head`), so the caller can stop quietly. `onWait` is called each
 * time it has to wait. The listeners it adds are removed again (a long batch adds none for good).
 */
export function writeOut(stream: NodeJS.WritableStream, text: string, onWait?: () => void): Promise<boolean> {
  if ((stream as { destroyed?: boolean }).destroyed || (stream as { writableEnded?: boolean }).writableEnded) return Promise.resolve(false);
  if (stream.write(text)) return Promise.resolve(true);
  onWait?.();
  return new Promise((resolve) => {
    const settle = (written: boolean) => () => {
      stream.off('drain', drained);
      stream.off('error', gone);
      stream.off('close', gone);
      resolve(written);
    };
    const drained = settle(true);
    const gone = settle(false);
    stream.on('drain', drained);
    stream.on('error', gone);
    stream.on('close', gone);
  });
}

export { isEntry } from '../util/entry';

/**
 * Runs a command-line program's `main` with the real process and exits with its code. A reader
 * that went away (EPIPE) ends the program quietly with 0, as Unix tools do.
 */
export function runMain(main: (argv: string[], io: CliIo) => Promise<number>): void {
  const quietOnEpipe = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  };
  process.stdout.on('error', quietOnEpipe);
  process.stderr.on('error', quietOnEpipe);
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * A program's options from its command line, without positional arguments, and --help (-h): a wrong
 * command line prints the problem and the usage and gives exit code 2; --help prints the usage, 0.
 */
export function optionsOf<Options extends Record<string, { type: 'string' } | { type: 'boolean' }>>(
  argv: string[],
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
  usage: string,
  options: Options,
): { values: { [K in keyof Options]?: Options[K] extends { type: 'string' } ? string : boolean } } | { exit: 0 | 2 } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, allowPositionals: false, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: Record<string, string | boolean | undefined> });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${usage}\n`);
    return { exit: 2 };
  }
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  return { values: values as { [K in keyof Options]?: Options[K] extends { type: 'string' } ? string : boolean } };
}
