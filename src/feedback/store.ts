import { open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryPathFor } from '../util/atomic-file';
import { monthOfFile, parseRecordLine, type FeedbackEvent } from './records';

/**
 * The month files of the feedback record, read and trimmed. Appending is FeedbackLog's; this
 * module reads (skipping lines that are not records, and saying which) and drops what is older
 * than a date (whole month files deleted, the month that straddles the date rewritten atomically).
 */

/** A line that is not a record: a torn last line after a crash, or a line damaged by hand. */
export interface LineProblem {
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
  /** The file's last line, without its newline: most likely cut short by a crash. */
  torn: boolean;
}

export type ProblemSink = (problem: LineProblem) => void;

export interface MonthFile {
  name: string;
  path: string;
  start: Date;
  end: Date;
}

/** The record's month files in `dir`, oldest first; none when the folder does not exist. */
export async function listMonthFiles(dir: string): Promise<MonthFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: MonthFile[] = [];
  for (const name of names) {
    const month = monthOfFile(name);
    if (month) files.push({ name, path: join(dir, name), ...month });
  }
  return files.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Splits a file's text into records; lines that are not records go to `onProblem`. */
export function parseRecordText(
  text: string,
  file: string,
  onProblem: ProblemSink,
): { events: FeedbackEvent[]; times: number[]; lines: string[] } {
  const lines = text.split('\n');
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const events: FeedbackEvent[] = [];
  const times: number[] = [];
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseRecordLine(line);
    if (parsed.ok) {
      events.push(parsed.event);
      times.push(Date.parse(parsed.event.at));
      kept.push(line);
    } else {
      onProblem({ file, line: i + 1, reason: parsed.reason, torn: !endsWithNewline && i === lines.length - 1 });
    }
  });
  return { events, times, lines: kept };
}

export interface ReadRange {
  /** Events at or after this time (default: all). */
  since?: Date;
  /** Events before this time (default: all). */
  until?: Date;
}

/** The events in `dir` within the range, in the order they were written. */
export async function readEvents(dir: string, range: ReadRange, onProblem: ProblemSink): Promise<FeedbackEvent[]> {
  const since = range.since?.getTime() ?? -Infinity;
  const until = range.until?.getTime() ?? Infinity;
  const out: FeedbackEvent[] = [];
  for (const file of await listMonthFiles(dir)) {
    if (file.end.getTime() <= since || file.start.getTime() >= until) continue;
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // dropped meanwhile
      throw err;
    }
    const { events, times } = parseRecordText(text, file.name, onProblem);
    events.forEach((event, i) => {
      const at = times[i]!;
      if (at >= since && at < until) out.push(event);
    });
  }
  return out;
}

export interface DropResult {
  /** Month files deleted whole. */
  filesDeleted: string[];
  /** Month files rewritten without their older lines. */
  filesRewritten: string[];
  /** Records removed (in rewritten files; deleted files are counted by their lines). */
  entriesDropped: number;
}

/**
 * Removes every record from before `cutoff`: month files that end by then are deleted, the month
 * that straddles it is rewritten (temporary file, flushed, renamed over the old one) keeping only
 * the records from `cutoff` on. Lines that are not records are dropped with the old ones.
 *
 * Safe while the bot appends to the same file from another process: lines appended while the
 * rewrite runs are carried over before the rename.
 */
export async function dropBefore(dir: string, cutoff: Date, onProblem: ProblemSink = () => {}): Promise<DropResult> {
  const result: DropResult = { filesDeleted: [], filesRewritten: [], entriesDropped: 0 };
  const limit = cutoff.getTime();
  for (const file of await listMonthFiles(dir)) {
    if (file.start.getTime() >= limit) continue;
    if (file.end.getTime() <= limit) {
      const lines = await countLines(file.path);
      await unlink(file.path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      result.filesDeleted.push(file.name);
      result.entriesDropped += lines;
      continue;
    }
    const dropped = await rewriteFrom(file, limit, onProblem);
    if (dropped > 0) {
      result.filesRewritten.push(file.name);
      result.entriesDropped += dropped;
    }
  }
  return result;
}

async function countLines(path: string): Promise<number> {
  try {
    const text = await readFile(path, 'utf8');
    return text.split('\n').filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

/** Rewrites one month file keeping the records at or after `limit`; returns how many lines were dropped. */
async function rewriteFrom(file: MonthFile, limit: number, onProblem: ProblemSink): Promise<number> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file.path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  // Only whole lines are judged; a last line without its newline may still be being written.
  let consumed = buffer.lastIndexOf(0x0a) + 1;
  const keep = (text: string) => {
    const kept: string[] = [];
    let dropped = 0;
    const { times, lines } = parseRecordText(text, file.name, (problem) => {
      dropped += 1;
      onProblem(problem);
    });
    // The lines are kept as written (a newer version's fields survive the rewrite).
    times.forEach((at, i) => {
      if (at >= limit) kept.push(lines[i]!);
      else dropped += 1;
    });
    return { kept, dropped };
  };
  const first = keep(buffer.subarray(0, consumed).toString('utf8'));
  if (first.dropped === 0) return 0;

  const temporary = temporaryPathFor(file.path);
  const handle = await open(temporary, 'w', 0o600);
  try {
    if (first.kept.length) await handle.write(`${first.kept.join('\n')}\n`);
    // Lines appended meanwhile (the bot keeps running) are carried over until the file stops growing.
    for (;;) {
      const { size } = await stat(file.path);
      if (size <= consumed) break;
      const tail = await readRange(file.path, consumed, size);
      const whole = tail.lastIndexOf(0x0a) + 1;
      if (whole === 0) break;
      const more = keep(tail.subarray(0, whole).toString('utf8'));
      if (more.kept.length) await handle.write(`${more.kept.join('\n')}\n`);
      first.dropped += more.dropped;
      consumed += whole;
    }
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temporary, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temporary, file.path);
  return first.dropped;
}

async function readRange(path: string, from: number, to: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
