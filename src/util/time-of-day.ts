/** The digest's time of day and time zone: parsing, checking, and how they are shown. No timer arithmetic here. */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A calendar day in milliseconds (UTC days: no daylight saving). */
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** "08:00" → { hour: 8, minute: 0 }; undefined unless it is a 24-hour HH:MM time. */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = HH_MM.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** Whether `name` is an IANA time zone this Node knows (Asia/Almaty, America/New_York, UTC). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of `instant` in `timeZone`, written YYYY-MM-DD: the name of a day's digest slot. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "Monday 9 March 2026" for a YYYY-MM-DD date. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(',', '');
}

/** "9 March" for a YYYY-MM-DD date. */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));
}
