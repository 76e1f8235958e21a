import { cutAtWord } from '../util/text';
import { groupQuestions, normalizeWording } from './grouping';
import { withoutPlaceholders } from './mask';
import type { AnswerEvent, FeedbackEvent, Vote } from './records';
import { DAY_MS } from '../util/time-of-day';

/**
 * The gaps report: over the last days, the questions the bot declined and the answers marked Not
 * helpful, grouped so that rephrasings count together, most asked first (by distinct people);
 * and per day, the share of questions answered and of votes that said Helpful. Pure: the events,
 * the time and, for "answered since", the current engine's answer function come in as arguments.
 */

export const REPORT_DEFAULTS = { days: 7, timeZone: 'UTC', limit: 20 } as const;
/** How many wordings of a gap are tried against the current engine for "answered since". */
const WORDINGS_TRIED = 3;
/** How much of the passage that answers a gap now is shown. */
const EXCERPT_SHOWN = 200;

/** What the current engine answers (the core's Engine.answer fits). */
export type AnswerNow = (question: string) => {
  answered: boolean;
  results: readonly {
    passage: { id: number; position: number; section: string | null; text: string; article: { file: string; title: string } };
  }[];
};

export interface ReportOptions {
  now: Date;
  /** The last this many days, today included (in `timeZone`). Default 7. */
  days?: number;
  /** IANA name the days are counted in. Default UTC. */
  timeZone?: string;
  /** Jaccard threshold for rephrasings (grouping.ts). */
  threshold?: number;
  /** How many gaps are listed (and checked against the engine). Default 20. */
  limit?: number;
  /** The current engine: gaps it answers now are marked "answered since". Without it nothing is checked. */
  answerNow?: AnswerNow;
}

export interface PassageRef {
  file: string;
  title: string;
  section: string | null;
  /** 0-based position of the passage in its article. */
  position: number;
}

export interface Gap {
  /** Stable while the group's questions are the same: its smallest term set. */
  key: string;
  /** The wording asked most often (ties: the longest, then alphabetical). */
  example: string;
  /** Other wordings, most asked first (at most 4). */
  wordings: string[];
  /** The analyzed terms of the group's most common term set. */
  terms: string[];
  /** Distinct people: who asked a declined question, and who marked an answer Not helpful. */
  people: number;
  /** How many times it was asked (answers in the group). */
  asked: number;
  /** Of those, how many the bot declined, and how many were answered but marked Not helpful. */
  declined: number;
  notHelpful: number;
  commands: string[];
  firstAsked: string;
  lastAsked: string;
  /** The passages that were marked Not helpful. */
  answeredWith: PassageRef[];
  /** "What were you looking for?", newest first (at most 5). */
  lookingFor: string[];
  /**
   * The engine answers it now, with a passage not marked Not helpful: the article and an excerpt.
   * `how`: `answered` when the bot had declined it; `different-passage` when the bot had answered
   * it with a passage marked Not helpful and now answers with another (worth a look before it counts).
   */
  answeredSince: AnsweredSince | null;
}

export interface AnsweredSince extends PassageRef {
  excerpt: string;
  how: 'answered' | 'different-passage';
}

export interface DayStats {
  /** YYYY-MM-DD in the report's time zone. */
  day: string;
  questions: number;
  answered: number;
  /** answered / questions, or null without questions. */
  answeredShare: number | null;
  /** Votes on that day's answers (one per person per answer: the last). */
  votes: number;
  helpful: number;
  /** helpful / votes, or null without votes. */
  helpfulShare: number | null;
}

export interface GapsReport {
  window: { days: number; firstDay: string; lastDay: string; timeZone: string; until: string };
  totals: { questions: number; answered: number; votes: number; helpful: number };
  perDay: DayStats[];
  /** The first `limit` gaps, most asked first. */
  gaps: Gap[];
  /** All gaps in the window (gaps.length may be fewer). */
  totalGaps: number;
  /** Whether "answered since" was checked against an engine. */
  checkedAnsweredSince: boolean;
}

/** YYYY-MM-DD of an instant in a time zone; memoized per quarter hour (every zone's offset is a multiple of 15 minutes). */
export function dayFormatter(timeZone: string): (time: number) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const memo = new Map<number, string>();
  return (time) => {
    const slot = Math.floor(time / 900_000);
    let day = memo.get(slot);
    if (day === undefined) {
      const parts = format.formatToParts(new Date(slot * 900_000));
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      day = `${part('year')}-${part('month')}-${part('day')}`;
      memo.set(slot, day);
    }
    return day;
  };
}

/** The days from `first` to `last`, both YYYY-MM-DD, inclusive. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && days.length < 4000; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The earliest time an event of a report over `days` days can have: a safe `since` for reading the record. */
export function readSince(now: Date, days: number): Date {
  return new Date(now.getTime() - (days + 1) * DAY_MS);
}

interface FinalVote {
  vote: Vote;
  note: string | null;
  at: number;
}

interface Item {
  answer: AnswerEvent;
  at: number;
  people: Set<string>;
  declined: boolean;
  notHelpful: boolean;
  notes: { at: number; text: string }[];
}

export function buildGapsReport(events: readonly FeedbackEvent[], options: ReportOptions): GapsReport {
  const days = options.days ?? REPORT_DEFAULTS.days;
  const timeZone = options.timeZone ?? REPORT_DEFAULTS.timeZone;
  const limit = options.limit ?? REPORT_DEFAULTS.limit;
  const now = options.now.getTime();
  const dayOf = dayFormatter(timeZone);
  const firstDay = dayOf(now - (days - 1) * DAY_MS);
  const lastDay = dayOf(now);

  // Answers in the window, and every person's last vote on each.
  const answers = new Map<string, { event: AnswerEvent; at: number; day: string }>();
  const votes = new Map<string, Map<string, FinalVote>>();
  for (const event of events) {
    if (event.type === 'answer') {
      const at = Date.parse(event.at);
      if (at > now) continue;
      const day = dayOf(at);
      if (day < firstDay) continue;
      answers.set(event.id, { event, at, day });
    }
  }
  for (const event of events) {
    if (event.type !== 'vote' || !answers.has(event.answer)) continue;
    const at = Date.parse(event.at);
    if (at > now) continue;
    let byUser = votes.get(event.answer);
    if (!byUser) votes.set(event.answer, (byUser = new Map()));
    const previous = byUser.get(event.user);
    if (previous && previous.at > at) continue;
    byUser.set(event.user, { vote: event.vote, note: event.note ?? previous?.note ?? null, at });
  }

  // Per day.
  const perDay = new Map(daysBetween(firstDay, lastDay).map((day) => [day, { day, questions: 0, answered: 0, votes: 0, helpful: 0 }]));
  const items: Item[] = [];
  for (const [id, { event, at, day }] of answers) {
    const stats = perDay.get(day)!;
    stats.questions += 1;
    if (event.answered) stats.answered += 1;
    const byUser = votes.get(id);
    let people: Set<string> | undefined;
    const notes: Item['notes'] = [];
    if (byUser) {
      for (const [user, final] of byUser) {
        stats.votes += 1;
        if (final.vote === 'helpful') {
          stats.helpful += 1;
        } else {
          (people ??= new Set()).add(user);
          if (final.note) notes.push({ at: final.at, text: final.note });
        }
      }
    }
    const notHelpful = people !== undefined;
    if (!event.answered) (people ??= new Set()).add(event.user);
    if (people) items.push({ answer: event, at, people, declined: !event.answered, notHelpful, notes });
  }

  // Gaps.
  const { groups } = groupQuestions(
    items.map((item) => ({ terms: item.answer.terms, text: item.answer.question })),
    { threshold: options.threshold },
  );
  const gaps = groups.map(({ key, members, terms }) => summarize(key, terms, members.map((i) => items[i]!)));
  gaps.sort((a, b) => b.people - a.people || b.asked - a.asked || (a.lastAsked < b.lastAsked ? 1 : a.lastAsked > b.lastAsked ? -1 : 0) || (a.key < b.key ? -1 : 1));
  const listed = gaps.slice(0, limit);
  if (options.answerNow) for (const gap of listed) gap.answeredSince = answeredSince(gap, options.answerNow);

  const dayRows = [...perDay.values()].map((d) => ({
    ...d,
    answeredShare: d.questions ? d.answered / d.questions : null,
    helpfulShare: d.votes ? d.helpful / d.votes : null,
  }));
  const sum = (pick: (d: DayStats) => number) => dayRows.reduce((total, d) => total + pick(d), 0);
  return {
    window: { days, firstDay, lastDay, timeZone, until: options.now.toISOString() },
    totals: { questions: sum((d) => d.questions), answered: sum((d) => d.answered), votes: sum((d) => d.votes), helpful: sum((d) => d.helpful) },
    perDay: dayRows,
    gaps: listed,
    totalGaps: gaps.length,
    checkedAnsweredSince: Boolean(options.answerNow),
  };
}

/** Most asked first; between equals the fuller wording, then alphabetical. */
function byCountThenText(counts: Map<string, number>): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([text]) => text);
}

function summarize(key: string, terms: string[], items: Item[]): Gap {
  const people = new Set<string>();
  const wordingCounts = new Map<string, number>();
  /** Normalized wording → its first spelling in alphabetical order (deterministic). */
  const spelling = new Map<string, string>();
  const commands = new Set<string>();
  const passages = new Map<string, PassageRef>();
  const notes: { at: number; text: string }[] = [];
  let first = Infinity;
  let last = -Infinity;
  let declined = 0;
  let notHelpful = 0;
  for (const item of items) {
    for (const person of item.people) people.add(person);
    const question = item.answer.question.trim();
    const normal = normalizeWording(question);
    wordingCounts.set(normal, (wordingCounts.get(normal) ?? 0) + 1);
    const known = spelling.get(normal);
    if (known === undefined || question < known) spelling.set(normal, question);
    commands.add(item.answer.command);
    first = Math.min(first, item.at);
    last = Math.max(last, item.at);
    if (item.declined) declined += 1;
    if (item.notHelpful) {
      notHelpful += 1;
      const passage = item.answer.passage;
      if (passage) {
        passages.set(`${passage.file}#${passage.position}`, { file: passage.file, title: passage.title, section: passage.section, position: passage.position });
      }
    }
    notes.push(...item.notes);
  }
  const wordings = byCountThenText(wordingCounts).map((normal) => spelling.get(normal)!);
  const distinctNotes = [...new Set(notes.sort((a, b) => b.at - a.at || (a.text < b.text ? -1 : 1)).map((n) => n.text))];
  return {
    key,
    example: wordings[0] ?? '',
    wordings: wordings.slice(1, 5),
    terms,
    people: people.size,
    asked: items.length,
    declined,
    notHelpful,
    commands: [...commands].sort(),
    firstAsked: new Date(first).toISOString(),
    lastAsked: new Date(last).toISOString(),
    answeredWith: [...passages.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, ref]) => ref),
    lookingFor: distinctNotes.slice(0, 5),
    answeredSince: null,
  };
}

/** The article that answers the gap now, if the engine answers one of its wordings with a passage not marked Not helpful. */
function answeredSince(gap: Gap, answerNow: AnswerNow): Gap['answeredSince'] {
  const rejected = new Set(gap.answeredWith.map((p) => `${p.file}#${p.position}`));
  for (const wording of [gap.example, ...gap.wordings].slice(0, WORDINGS_TRIED)) {
    let answer;
    try {
      answer = answerNow(withoutPlaceholders(wording));
    } catch {
      return null;
    }
    const best = answer.answered ? answer.results[0]?.passage : undefined;
    if (!best) continue;
    if (rejected.has(`${best.article.file}#${best.position}`)) continue;
    return {
      file: best.article.file,
      title: best.article.title,
      section: best.section,
      position: best.position,
      excerpt: cutAtWord(best.text, EXCERPT_SHOWN),
      how: gap.declined > 0 ? 'answered' : 'different-passage',
    };
  }
  return null;
}
