/** The date a news page shows as text when no metadata gives it (extract.ts asks for it last). */
import type { HtmlDocument } from './extract';

/** Month names as outlets write them in a dateline: English (in full or from three letters: "Nov.", "Sept") and Russian (genitive, in full). */
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const RUSSIAN_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** The month (1–12) a word names, if it names one. */
function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const at = lower.length < 3 ? -1 : Math.max(ENGLISH_MONTHS.findIndex((name) => name.startsWith(lower)), RUSSIAN_MONTHS.indexOf(lower));
  return at >= 0 ? at + 1 : undefined;
}

/** "7 November 2025", "Nov. 7th, 2025", "7 ноября 2025", "07.11.2025", "2025-11-07" → "2025-11-07". */
function writtenDay(text: string): string | undefined {
  let found: [number, number, number] | undefined;
  const dayMonthYear = /(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}{3,9}\.?),?\s+(\d{4})(?!\d)/u.exec(text);
  const monthDayYear = /(?<![\p{L}\d])(\p{L}{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u.exec(text);
  const dotted = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/.exec(text);
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  if (dayMonthYear && monthOf(dayMonthYear[2]!)) found = [Number(dayMonthYear[3]), monthOf(dayMonthYear[2]!)!, Number(dayMonthYear[1])];
  else if (monthDayYear && monthOf(monthDayYear[1]!)) found = [Number(monthDayYear[3]), monthOf(monthDayYear[1]!)!, Number(monthDayYear[2])];
  else if (dotted) found = [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  else if (iso) found = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  if (!found) return undefined;
  const [year, month, day] = found;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** What a dateline holds besides the date: a time, a time zone, words that say what the date is. */
const DATELINE_DATES = [
  /(?<![\p{L}\d])\d{1,2}(?:st|nd|rd|th)?\s+(\p{L}{3,9}\.?),?\s+\d{4}(?!\d)/gu,
  /(?<![\p{L}\d])(\p{L}{3,9}\.?)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)/gu,
  /(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.])/g,
  /(?<!\d)\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g,
];
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
  for (const pattern of DATELINE_DATES) rest = rest.replace(pattern, (date, month: unknown) => (typeof month !== 'string' || monthOf(month) ? ' ' : date));
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

