import { Cron } from 'croner';
import { localDate, parseTimeOfDay } from '../util/time-of-day';

/**
 * A digest's daily time in its time zone, as run times. croner does the calendar and daylight-saving
 * arithmetic (a time that does not exist on a spring-forward day moves to the next valid minute);
 * a run is named by its date in the time zone, so each day has one slot whatever the clocks do.
 */
export class DailySchedule {
  private readonly cron: Cron;

  constructor(
    readonly time: string,
    readonly timeZone: string,
  ) {
    const at = parseTimeOfDay(time);
    if (!at) throw new Error(`digest: the time "${time}" is not a 24-hour HH:MM time`);
    this.cron = new Cron(`0 ${at.minute} ${at.hour} * * *`, { timezone: timeZone, paused: true });
  }

  /** The first run strictly after `instant`. */
  next(instant: Date): Date {
    const next = this.cron.nextRun(instant);
    if (!next) throw new Error('digest: the schedule has no next run');
    return next;
  }

  /** The last run at or before `instant`. */
  latest(instant: Date): Date | undefined {
    // croner counts a run earlier in the reference's second as before it; one millisecond on makes "at" count.
    return this.cron.previousRuns(1, new Date(instant.getTime() + 1))[0];
  }

  /** Runs after `after` up to and including `until` (at most `max`, the latest kept). */
  between(after: Date, until: Date, max = 400): Date[] {
    const runs: Date[] = [];
    let at = after;
    for (;;) {
      const next = this.cron.nextRun(at);
      if (!next || next.getTime() > until.getTime()) break;
      runs.push(next);
      if (runs.length > max) runs.shift();
      at = next;
    }
    return runs;
  }

  /** The slot (the day, YYYY-MM-DD in the time zone) a run belongs to. */
  slotOf(run: Date): string {
    return localDate(run, this.timeZone);
  }

  /** "08:00 Asia/Almaty" */
  describe(): string {
    return `${this.time} ${this.timeZone}`;
  }
}
