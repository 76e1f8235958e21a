/** Month names and their abbreviations as dates write them ("Nov", "November", "Sept"). */
const MONTHS = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [name, i + 1]));

/** Years a date of a news article can be in; outside them, a date is a mistake. */
const YEARS = { from: 1900, to: 2200 } as const;

/**
 * The calendar day (YYYY-MM-DD) a date is written for, as its writer dates it:
 * "2026-02-14T23:30:00-05:00" and "Sat, 14 Feb 2026 23:30:00 -0500" are 14 February, whatever the
 * day in UTC. Undefined for a day no calendar has ("2026-11-31", which Date would roll over to
 * 1 December), a year outside 1900–2200, or text that is no date. Other forms are read by Date, in UTC.
 */
export function calendarDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let year: number;
  let month: number;
  let day: number;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const written = /^\s*(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (written && MONTHS.has(written[2]!.slice(0, 3).toLowerCase())) [year, month, day] = [Number(written[3]), MONTHS.get(written[2]!.slice(0, 3).toLowerCase())!, Number(written[1])];
  else {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return undefined;
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < YEARS.from || year > YEARS.to || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
