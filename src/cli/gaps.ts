import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSettings, SettingsError, type Settings } from '../bot/settings';
import { openLibrary } from '../bot/start';
import { createLogger, type Logger } from '../util/logger';
import { isEntry, processIo } from './io';
import { toEvalExport } from '../feedback/export';
import { formatReport } from '../feedback/format';
import { buildGapsReport, readSince, REPORT_DEFAULTS, type AnswerNow } from '../feedback/report';
import { dropBefore, readEvents, type LineProblem } from '../feedback/store';

/**
 * `npm run gaps`: the gaps report from the shell, the export as an evaluation file, and deleting
 * records before a date. In process (tests call main), or as a program (`node src/cli/gaps.ts`).
 *
 * Exit codes: 0 done; 1 a bad setting, or the record or the export file could not be read or
 * written; 2 a usage error.
 */

export const USAGE = `Usage:
  npm run --silent gaps                            the last 7 days: unanswered questions, most asked first; answered share per day
  npm run --silent gaps -- --days 30               another window (days, today included)
  npm run --silent gaps -- --json                  the report as one JSON object
  npm run --silent gaps -- --export FILE           the gaps as an evaluation file (tests/eval/questions.json's shape, under "pending")
  npm run --silent gaps -- --forget-before DATE    delete every record from before DATE (YYYY-MM-DD, UTC; not after today)
Options:
  --limit N      how many gaps to list (default ${REPORT_DEFAULTS.limit}; --export writes all)
  --no-check     do not load the knowledge base (no "answered since")
  --help, -h     this text
Reads STATE_DIR (the feedback record), KNOWLEDGE_DIR and CACHE_DIR from .env or the environment; days are counted in DIGEST_TIMEZONE.`;

export interface GapsIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** The time (tests set it). Default: now. */
  now?: () => Date;
  /** The current engine, for "answered since"; without it nothing is checked. */
  openAnswerer?: (settings: Settings, log: Logger) => Promise<Answerer>;
}

/** What "answered since" is checked against, and how to let it go once the report is made. */
export interface Answerer {
  answerNow: AnswerNow;
  /** Saves the cache if files changed since it was written (so the next run reads none again), then stops. */
  close(): Promise<void>;
}

class UsageError extends Error {}

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  const number = Number(value);
  if (number < min || number > max) throw new UsageError(`--${name} must be between ${min} and ${max}, not ${number}`);
  return number;
}

/** YYYY-MM-DD (midnight UTC) or a full ISO time. */
function parseDate(value: string): Date {
  const text = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime()) || (text.length === 10 && date.toISOString().slice(0, 10) !== text)) {
    throw new UsageError(`--forget-before must be a date written YYYY-MM-DD, not "${value}"`);
  }
  return date;
}

export async function main(argv: string[], io: GapsIo): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const complain = (text: string) => io.stderr.write(`${text}\n`);

  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        days: { type: 'string' },
        json: { type: 'boolean', default: false },
        export: { type: 'string' },
        'forget-before': { type: 'string' },
        limit: { type: 'string' },
        'no-check': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    complain(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    say(USAGE);
    return 0;
  }

  let settings: Settings;
  try {
    settings = parseSettings(io.env);
  } catch (err) {
    if (err instanceof SettingsError) {
      complain(err.message);
      return 1;
    }
    throw err;
  }
  const log = createLogger(io.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn', { write: (line: string) => void io.stderr.write(line) });
  const warn = (problem: LineProblem) =>
    complain(
      problem.torn
        ? `warning: ${problem.file} line ${problem.line} was cut short (a crash?); skipped`
        : `warning: ${problem.file} line ${problem.line} is not a record (${problem.reason}); skipped`,
    );

  const now = io.now?.() ?? new Date();
  let days: number;
  let limit: number | undefined;
  let forgetBefore: Date | undefined;
  try {
    days = wholeNumber('days', values.days, 1, 3650) ?? REPORT_DEFAULTS.days;
    limit = wholeNumber('limit', values.limit, 1, 10_000);
    if (values['forget-before'] !== undefined) {
      forgetBefore = parseDate(values['forget-before']);
      // Every record is from before a date to come: a mistyped year would forget them all.
      if (forgetBefore > now) {
        throw new UsageError(`--forget-before ${values['forget-before'].trim()} is in the future (it is now ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC): every record would be forgotten. Give a date up to today.`);
      }
      if (values.export !== undefined || values.json || values.days !== undefined) throw new UsageError('--forget-before goes alone');
    }
    if (values.export !== undefined && values.export.trim() === '') throw new UsageError('--export needs a file name');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    complain(`${err.message}\n\n${USAGE}`);
    return 2;
  }

  const dir = settings.STATE_DIR;
  if (forgetBefore) {
    try {
      const result = await dropBefore(dir, forgetBefore, warn);
      const files = [
        result.filesDeleted.length ? `deleted ${result.filesDeleted.join(', ')}` : '',
        result.filesRewritten.length ? `rewrote ${result.filesRewritten.join(', ')}` : '',
      ].filter(Boolean);
      say(`Forgot ${result.entriesDropped} record${result.entriesDropped === 1 ? '' : 's'} from before ${forgetBefore.toISOString()}${files.length ? ` (${files.join('; ')})` : ''} in ${dir}.`);
      return 0;
    } catch (err) {
      complain(`gaps: could not delete the records in ${dir}: ${(err as Error).message}`);
      return 1;
    }
  }

  let events;
  try {
    events = await readEvents(dir, { since: readSince(now, days) }, warn);
  } catch (err) {
    complain(`gaps: could not read the feedback record in ${dir}: ${(err as Error).message}`);
    return 1;
  }

  let answerer: Answerer | undefined;
  if (!values['no-check'] && io.openAnswerer && events.length > 0) {
    try {
      answerer = await io.openAnswerer(settings, log);
    } catch (err) {
      complain(`warning: the knowledge base could not be loaded (${(err as Error).message}); "answered since" is not checked`);
    }
  }
  try {
    const exporting = values.export !== undefined;
    const report = buildGapsReport(events, {
      now,
      days,
      timeZone: settings.DIGEST_TIMEZONE,
      limit: exporting ? Number.MAX_SAFE_INTEGER : (limit ?? REPORT_DEFAULTS.limit),
      answerNow: answerer?.answerNow,
    });

    if (exporting) {
      const file = resolve(values.export!);
      const data = toEvalExport(report);
      try {
        await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
      } catch (err) {
        complain(`gaps: could not write ${file}: ${(err as Error).message}`);
        return 1;
      }
      say(`Wrote ${data.pending.length} question${data.pending.length === 1 ? '' : 's'} (${report.window.firstDay} to ${report.window.lastDay}) to ${file}, under "pending".`);
      return 0;
    }
    say(values.json ? JSON.stringify(report) : formatReport(report));
    return 0;
  } finally {
    // After the report is out: saving the cache is for the next run, not this one.
    await answerer?.close();
  }
}

/** The engine `npm run gaps` checks "answered since" against: the knowledge folder, loaded as `npm run ask` loads it. */
export async function openAnswerer(settings: Settings, log: Logger): Promise<Answerer> {
  const library = await openLibrary(settings, log, { cacheRewriteDelayMs: 0 });
  return {
    answerNow: (question) => library.engine.answer(question),
    async close() {
      await library.saveCache();
      await library.close();
    },
  };
}

if (isEntry(import.meta.url)) {
  const io = processIo();
  main(process.argv.slice(2), { stdout: io.stdout, stderr: io.stderr, env: io.env, openAnswerer }).then((code) => {
    process.exitCode = code;
  });
}
