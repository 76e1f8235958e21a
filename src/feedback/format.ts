import { cutToLine } from '../util/text';
import type { Gap, GapsReport } from './report';

/** The gaps report as text for a terminal (`npm run gaps`). */

function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line of what someone typed, safe for a terminal (no control or bidirectional characters). */
function flat(text: string, max = 120): string {
  return cutToLine(text, max);
}

function gapLines(gap: Gap, rank: number): string[] {
  const what = [gap.declined ? `declined ${gap.declined}×` : '', gap.notHelpful ? `not helpful ${gap.notHelpful}×` : ''].filter(Boolean).join(', ');
  const lines = [`${String(rank).padStart(2)}. “${flat(gap.example)}”`, `    ${plural(gap.people, 'person', 'people')}, asked ${gap.asked}× (${what}) · /${gap.commands.join(', /')} · last ${gap.lastAsked.slice(0, 10)}`];
  for (const wording of gap.wordings.slice(0, 2)) lines.push(`    also: “${flat(wording, 100)}”`);
  for (const passage of gap.answeredWith.slice(0, 2)) lines.push(`    answered with: ${passage.title}${passage.section ? ` § ${passage.section}` : ''} (${passage.file})`);
  for (const note of gap.lookingFor.slice(0, 2)) lines.push(`    looking for: “${flat(note, 100)}”`);
  const since = gap.answeredSince;
  if (since) {
    const where = `${since.title}${since.section ? ` § ${since.section}` : ''} (${since.file})`;
    lines.push(since.how === 'answered' ? `    ✓ answered since: ${where}` : `    ✓ answered differently since (worth a look): ${where}`);
  }
  return lines;
}

export function formatReport(report: GapsReport): string {
  const { window, totals } = report;
  const out: string[] = [];
  out.push(`Gaps, ${window.firstDay} to ${window.lastDay} (${plural(window.days, 'day')}, ${window.timeZone})`);
  out.push(
    `${plural(totals.questions, 'question')}, ${totals.answered} answered (${percent(totals.questions ? totals.answered / totals.questions : null)}); ` +
      `${plural(totals.votes, 'vote')}, ${totals.helpful} helpful (${percent(totals.votes ? totals.helpful / totals.votes : null)})`,
  );
  out.push('');
  if (totals.questions === 0) {
    out.push('No questions were recorded in these days.');
  } else if (report.gaps.length === 0) {
    out.push('Nothing went unanswered: no question was declined and no answer was marked not helpful.');
  } else {
    out.push('Asked but not answered (declined, or marked not helpful), most asked first:');
    report.gaps.forEach((gap, i) => out.push(...gapLines(gap, i + 1)));
    if (report.totalGaps > report.gaps.length) out.push(`    … and ${report.totalGaps - report.gaps.length} more (--limit N shows more)`);
    if (!report.checkedAnsweredSince) out.push('    (not checked against the knowledge base: "answered since" is not shown)');
  }
  out.push('');
  out.push('Day          questions  answered  votes  helpful');
  for (const day of report.perDay) {
    out.push(`${day.day}   ${String(day.questions).padStart(9)}  ${percent(day.answeredShare).padStart(8)}  ${String(day.votes).padStart(5)}  ${percent(day.helpfulShare).padStart(7)}`);
  }
  return out.join('\n');
}
