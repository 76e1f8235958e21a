/** The date a news page shows as text when no metadata gives it (extract.ts asks for it last). */
import { dayOf, monthOf } from './calendar-day';
import type { HtmlDocument } from './extract';

/** Dates as pages write them, and the year, month and day each match gives (none when a word is no month): "7 November 2025", "Nov. 7th, 2025", "7 ноября 2025", "07.11.2025", "2025-11-07". */
const WRITTEN_DATES: { pattern: RegExp; parts: (match: readonly string[]) => [number, number, number] | undefined }[] = [
  { pattern: /(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}{3,9}\.?),?\s+(\d{4})(?!\d)/u, parts: (m) => withMonth(m[3]!, m[2]!, m[1]!) },
  { pattern: /(?<![\p{L}\d])(\p{L}{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u, parts: (m) => withMonth(m[3]!, m[1]!, m[2]!) },
  { pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/u, parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  { pattern: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/u, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
];

function withMonth(year: string, month: string, day: string): [number, number, number] | undefined {
  const number = monthOf(month);
  return number === undefined ? undefined : [Number(year), number, Number(day)];
}

/** The day of the first date written in `text` → "2025-11-07". */
function writtenDay(text: string): string | undefined {
  for (const { pattern, parts } of WRITTEN_DATES) {
    const match = pattern.exec(text);
    const found = match && parts(match);
    if (found) return dayOf(...found);
  }
  return undefined;
}

/** The same dates, each found wherever it is (see isDateLine). */
const DATELINE_DATES = WRITTEN_DATES.map(({ pattern, parts }) => ({ pattern: new RegExp(pattern.source, `${pattern.flags}g`), parts }));

/** What a dateline holds besides the date: a time, a time zone, words that say what the date is. */
const DATELINE_TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?/giu;
const DATELINE_WORDS = /(?<!\p{L})(?:published|posted|updated|last updated|modified|on|at|gmt|utc|ast|almt|опубликовано|обновлено|дата|в)(?!\p{L})/giu;

/**
 * Whether a block only dates the article: "14.02.2026 10:30", "Published 14.02.2026, updated
 * 15.02.2026", "Updated: 7 November 2025". The date is read from the page before (metadata, or
 * shownDate); in the text such a line would be the article's first paragraph, and the digest's lead.
 */
export function isDateLine(text: string): boolean {
  if (text.length > 80) return false;
  let rest = text;
  // A month in words must be one ("Big 5 2025" is no date).
  for (const { pattern, parts } of DATELINE_DATES) rest = rest.replace(pattern, (date: string, ...groups: string[]) => (parts([date, ...groups]) ? ' ' : date));
  // Written as a date, though it may be none ("31.02.2026"): it is still no text of the article.
  if (rest === text) return false;
  return rest.replace(DATELINE_TIME, ' ').replace(DATELINE_WORDS, ' ').replace(/[\s,.:;|·•—–()+\-]+/gu, '') === '';
}

const DATE_ELEMENTS = '[class*="date" i], [id*="date" i], [class*="publish" i], [class*="posted" i], [class*="time" i]';

/**
 * The date a page shows beside its headline when no metadata gives it ("<div class="date">7 November
 * 2025, 10:15</div>"): a short element named for a date, not for an update, looked for in the article
 * and around the headline before the rest of the page (where a ticker may date other stories).
 */
export function shownDate(document: HtmlDocument): string | undefined {
  const headline = document.querySelector('h1');
  const scopes = [...document.querySelectorAll('article, main'), headline?.parentElement, headline?.parentElement?.parentElement, document];
  for (const scope of scopes) {
    for (const element of scope?.querySelectorAll(DATE_ELEMENTS) ?? []) {
      const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
      if (/updat|modif/i.test(names)) continue;
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text.length === 0 || text.length > 60) continue;
      const day = writtenDay(text);
      if (day) return day;
    }
  }
  return undefined;
}

