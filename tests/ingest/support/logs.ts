/** Log lines of a test's logger (pino JSON), without the Discord test harness. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

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
}
