/** A test's log: the lines a logger (pino) writes, kept in memory and parsed on demand. No Discord in here, so that any test can use it. */
/** One pino JSON line, parsed. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** The log as the bot wrote it: raw JSON lines, parsed on demand. */
export class LogCapture {
  readonly lines: string[] = [];

  /** The destination stream handed to pino. */
  readonly stream = { write: (line: string) => void this.lines.push(line) };

  entries(): LogLine[] {
    return this.lines.map((line) => JSON.parse(line) as LogLine);
  }

  /** Entries at `level` or above (pino numbers: 30 info, 40 warn, 50 error). */
  atLeast(level: number): LogLine[] {
    return this.entries().filter((entry) => entry.level >= level);
  }

  /** Number of lines so far, to look only at what a test caused: `logs.since(mark)`. */
  mark(): number {
    return this.lines.length;
  }

  since(mark: number): LogLine[] {
    return this.lines.slice(mark).map((line) => JSON.parse(line) as LogLine);
  }
}
