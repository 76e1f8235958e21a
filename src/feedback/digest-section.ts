import { cutToLine } from '../util/text';
import { dayFormatter, type Gap, type GapsReport } from './report';

/**
 * The weekly section of the daily digest, "Asked but not in the library": the top gaps of the
 * week, on the day the team chose (GAPS_DIGEST_DAY, default Monday; off turns it off). Pure and
 * neutral: the digest composer places it and renders it (escaping the questions' Markdown).
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type GapsDigestDay = Weekday | 'off';

export const SECTION_DEFAULTS = { top: 5, questionLength: 150 } as const;
export const SECTION_HEADING = 'Asked but not in the library';

export interface GapsDigestItem {
  /** The example wording, cut to 150 characters: text a person typed, to be escaped when rendered. */
  question: string;
  people: number;
  asked: number;
  /** Declined by the bot, answered but marked Not helpful, or both. */
  kind: 'declined' | 'not-helpful' | 'both';
}

export interface GapsDigestSection {
  heading: string;
  /** One line before the list (our own words). */
  intro: string;
  items: GapsDigestItem[];
  /** The items as plain text lines (the questions not yet escaped). */
  lines: string[];
  /** One line after the list, or null. */
  footer: string | null;
}

/** The weekday of a YYYY-MM-DD date. */
export function weekdayOf(day: string): Weekday {
  const sundayFirst = new Date(`${day}T12:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/** The day (YYYY-MM-DD) of an instant in a time zone: the digest's day when it is posted at `now`. */
export function dayIn(now: Date, timeZone: string): string {
  return dayFormatter(timeZone)(now.getTime());
}

/** Whether the section belongs in the digest of `day` (YYYY-MM-DD in the digest's time zone). */
export function isGapsDigestDay(day: string, setting: GapsDigestDay): boolean {
  return setting !== 'off' && weekdayOf(day) === setting;
}

function kindOf(gap: Gap): GapsDigestItem['kind'] {
  if (gap.declined && gap.notHelpful) return 'both';
  return gap.declined ? 'declined' : 'not-helpful';
}

function lineOf(item: GapsDigestItem): string {
  const people = item.people === 1 ? '1 person' : `${item.people} people`;
  const asked = item.asked > item.people ? `, asked ${item.asked} times` : '';
  const marked = item.kind === 'declined' ? '' : item.kind === 'not-helpful' ? ' (answered, marked not helpful)' : ' (declined or marked not helpful)';
  return `“${item.question}” — ${people}${asked}${marked}`;
}

/**
 * The section for the digest of `days` (the day it is for; a digest that covers several missed
 * days passes them all), or null: not the chosen day, turned off, or no open gaps. Gaps the
 * engine answers since are left out of the list (the footer counts them).
 */
export function gapsDigestSection(report: GapsReport, days: string | readonly string[], setting: GapsDigestDay, top: number = SECTION_DEFAULTS.top): GapsDigestSection | null {
  const list = typeof days === 'string' ? [days] : days;
  if (!list.some((day) => isGapsDigestDay(day, setting))) return null;
  const open = report.gaps.filter((gap) => !gap.answeredSince);
  const answeredSince = report.gaps.length - open.length;
  if (open.length === 0) return null;
  const items = open.slice(0, top).map((gap) => ({ question: cutToLine(gap.example, SECTION_DEFAULTS.questionLength), people: gap.people, asked: gap.asked, kind: kindOf(gap) }));
  const notes: string[] = [];
  const more = report.totalGaps - report.gaps.length + (open.length - items.length);
  if (more > 0) notes.push(`${more} more in /knowledge gaps`);
  if (answeredSince > 0) notes.push(`${answeredSince} answered since by new articles`);
  return {
    heading: SECTION_HEADING,
    intro: `What the team asked in the last ${report.window.days} days that the articles did not answer, most asked first:`,
    items,
    lines: items.map(lineOf),
    footer: notes.length ? `${notes.join('; ')}.` : null,
  };
}
