import { code, lines, markedLengthBound, MESSAGE_LIMITS, notice, strong, type Reply, type RichText } from '../../core/reply';
import type { Gap, GapsReport } from '../../feedback';
import { cutAtWord, cutToLine, plural } from '../../util/text';
import { shortDate } from '../../util/time-of-day';
import type { CommandRequest, GapsSource } from '../command';
import { MANAGE_SERVER_ONLY } from './knowledge-status';

/** /knowledge gaps days: the window it takes. */
export const GAPS_DAYS = { default: 7, min: 1, max: 90 } as const;

/** Days listed one by one (the most recent); a longer window shows its totals. */
const DAYS_LISTED = 14;
/** A message's embeds share 6000 characters: room kept for the title and footer. */
const EMBED_BUDGET = MESSAGE_LIMITS.embedTotal - 400;
/** Each gap's field stays well under the 1024 Discord allows, so that more gaps fit. */
const FIELD_BUDGET = 600;
const QUESTION_SHOWN = 200;
const WORDING_SHOWN = 80;
/** An article's title and section, and its file, as named in a gap. */
const TITLE_SHOWN = 120;
const FILE_SHOWN = 100;

const gapsAdminOnly = (): Reply =>
  MANAGE_SERVER_ONLY('see the gaps report, since it shows what members asked, word for word', [code('/sources'), ' shows anyone the articles.']);

export const GAPS_NOT_HERE = notice([
  'Questions and votes are recorded by the bot running in Discord; here nothing is. From the shell, ',
  code('npm run gaps'),
  ' prints the same report.',
]);

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '–';
}

/** "Mon 23 Nov" for a YYYY-MM-DD date. */
function dayName(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${day}T12:00:00Z`));
}

/** A wording as one line in quotes: what a person typed, shown as plain text (the renderer escapes it). */
function quotedWording(text: string, max: number): string {
  return `“${cutToLine(text, max)}”`;
}

function summary(report: GapsReport): RichText {
  const { window, totals } = report;
  const span = window.firstDay === window.lastDay ? shortDate(window.lastDay) : `${shortDate(window.firstDay)} – ${shortDate(window.lastDay)}`;
  const text: RichText = [strong(plural(totals.questions, 'question')), `, ${totals.answered} answered (${percent(totals.answered, totals.questions)}) · `];
  if (totals.votes) text.push(strong(plural(totals.votes, 'vote')), ` on answers, ${totals.helpful} helpful (${percent(totals.helpful, totals.votes)})`);
  else text.push('no votes on answers');
  text.push(`\n${span}, days in ${window.timeZone}.`);
  if (totals.questions === 0) return lines(text, '', `No questions were recorded in the last ${plural(window.days, 'day')}.`);
  const days = report.perDay.slice(-DAYS_LISTED);
  const dayLines = days.map((d) =>
    d.questions === 0
      ? `${dayName(d.day)}: no questions`
      : `${dayName(d.day)}: ${plural(d.questions, 'question')}, ${percent(d.answered, d.questions)} answered` + (d.votes ? ` · ${plural(d.votes, 'vote')}, ${percent(d.helpful, d.votes)} helpful` : ''),
  );
  const heading: RichText = [strong('Per day'), days.length < report.perDay.length ? ` (the last ${days.length})` : ''];
  const gapsLine =
    report.gaps.length === 0
      ? 'Nothing went unanswered: no question was declined and no answer was marked Not helpful.'
      : 'Asked but not answered (declined, or marked Not helpful), rephrasings together, most asked first:';
  return lines(text, '', heading, ...dayLines, '', gapsLine);
}

function gapName(gap: Gap, rank: number): string {
  const asked = gap.asked > gap.people ? `, asked ${gap.asked} times` : '';
  const state = gap.answeredSince ? ' · answered since' : '';
  return cutAtWord(`${rank}. ${plural(gap.people, 'person', 'people')}${asked}${state}`, MESSAGE_LIMITS.fieldName);
}

function gapValue(gap: Gap): RichText {
  const value: RichText = [quotedWording(gap.example, QUESTION_SHOWN)];
  if (gap.wordings.length) value.push(`\nalso: ${gap.wordings.slice(0, 2).map((w) => quotedWording(w, WORDING_SHOWN)).join(', ')}`);
  const what = [gap.declined ? `declined ${gap.declined}×` : '', gap.notHelpful ? `not helpful ${gap.notHelpful}×` : ''].filter(Boolean).join(', ');
  value.push(`\n${what} · `, code(gap.commands.map((c) => `/${c}`).join(', ')), ` · last ${shortDate(gap.lastAsked.slice(0, 10))}`);
  const marked = gap.answeredWith[0];
  if (marked) value.push('\nanswered with: ', cutAtWord(`${marked.title}${marked.section ? ` § ${marked.section}` : ''}`, TITLE_SHOWN));
  if (gap.lookingFor.length) value.push(`\nlooking for: ${quotedWording(gap.lookingFor[0]!, WORDING_SHOWN)}`);
  const since = gap.answeredSince;
  if (since) {
    value.push(
      since.how === 'answered' ? '\n✓ answered since by ' : '\n✓ answered differently since (worth a look): ',
      strong(cutAtWord(since.title, TITLE_SHOWN)),
      ' ',
      code(cutAtWord(since.file, FILE_SHOWN)),
    );
  }
  return value;
}

/** The gaps report as one private message: the summary and the days in the description, a field per gap, within Discord's limits. */
export function gapsReply(report: GapsReport): Reply {
  const text = summary(report);
  const title = `Gaps: the last ${plural(report.window.days, 'day')}`;
  let used = title.length + markedLengthBound(text);
  const fields: { name: string; value: RichText }[] = [];
  for (const [i, gap] of report.gaps.entries()) {
    if (fields.length === MESSAGE_LIMITS.fields) break;
    const name = gapName(gap, i + 1);
    let value = gapValue(gap);
    if (markedLengthBound(value) > FIELD_BUDGET) value = [quotedWording(gap.example, QUESTION_SHOWN)];
    const size = name.length + markedLengthBound(value);
    if (used + size > EMBED_BUDGET) break;
    fields.push({ name, value });
    used += size;
  }
  const footer =
    report.totalGaps > fields.length
      ? `${fields.length} of ${report.totalGaps} gaps shown · npm run gaps -- --days ${report.window.days} lists them all`
      : report.totalGaps
        ? 'Add an article that answers a gap and it shows as answered since.'
        : undefined;
  return { private: true, pages: [{ title, text, fields, footer }] };
}

/** /knowledge gaps (members with Manage Server): the report over the last `days`. */
export async function knowledgeGaps(gaps: GapsSource | undefined, member: Pick<CommandRequest, 'canManageServer'>, days: number | undefined): Promise<Reply> {
  if (!member.canManageServer) return gapsAdminOnly();
  if (!gaps) return GAPS_NOT_HERE;
  if ('unavailable' in gaps) return notice(`The feedback record is not available: ${gaps.unavailable}. Answers carry no feedback buttons until it is; the log says why.`);
  const window = Math.min(Math.max(Math.trunc(days ?? GAPS_DAYS.default), GAPS_DAYS.min), GAPS_DAYS.max);
  return gapsReply(await gaps.report(window));
}
