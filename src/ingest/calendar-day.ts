/** Month names as dates write them: English (in full or from three letters: "Nov.", "Sept") and Russian (genitive, in full). */
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const RUSSIAN_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** The month (1–12) a word names, if it names one ("Nov.", "Sept", "ноября"; not "Decimal"). */
export function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const at = lower.length < 3 ? -1 : Math.max(ENGLISH_MONTHS.findIndex((name) => name.startsWith(lower)), RUSSIAN_MONTHS.indexOf(lower));
  return at >= 0 ? at + 1 : undefined;
}

/** Years a date of a news article can be in; outside them, a date is a mistake. */
const YEARS = { from: 1900, to: 2200 } as const;

/** The day as YYYY-MM-DD, if a calendar has it ("2026-11-31" is none) in a year a news article can be of. */
export function dayOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < YEARS.from || year > YEARS.to || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

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
  else if (written && monthOf(written[2]!)) [year, month, day] = [Number(written[3]), monthOf(written[2]!)!, Number(written[1])];
  else {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return undefined;
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  }
  return dayOf(year, month, day);
}
