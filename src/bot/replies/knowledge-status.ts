import { code, lines, notice, role, strong, type Reply, type RichText } from '../../core/reply';
import type { Library } from '../../library/library';
import type { StateStore } from '../../state/state-file';
import type { CommandRequest } from '../command';

const MAX_LISTED = 15;

/** "9 March 2026, 08:15 UTC" */
function when(date: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date)} UTC`;
}

/** A private refusal that says who may, and why: "Only members with the **Manage Server** permission (or the @Role role) can …". */
export const MANAGE_SERVER_ONLY = (what: string, instead: RichText, orRole?: string): Reply =>
  notice([`Only members with the `, strong('Manage Server'), ` permission`, ...(orRole ? [' (or the ', role(orRole), ' role)'] : []), ` can ${what}. `, ...instead]);

const statusAdminOnly = (): Reply =>
  MANAGE_SERVER_ONLY('see the knowledge base status (it lists file names and problems for whoever maintains the articles)', [code('/sources'), ' shows anyone the articles.']);

/** /knowledge status (members with Manage Server): counts, last change, rejected files and why, and anything that keeps the bot from saving its state. */
export function knowledgeStatus(library: Library, member: Pick<CommandRequest, 'canManageServer'>, state?: StateStore): Reply {
  if (!member.canManageServer) return statusAdminOnly();
  const { engine } = library;
  const problems = library.problems;
  const text: RichText = lines(
    [strong('Articles:'), ` ${engine.articles.length} · `, strong('Passages:'), ` ${engine.passageCount}`],
    [strong('Last changed:'), ` ${when(library.changedAt)} · `, strong('checked:'), ` ${when(library.checkedAt)}`],
    'Files added to, changed in or removed from the knowledge folder are picked up within seconds, without a restart.',
  );
  if (engine.articles.length === 0) text.push('\n', strong('The knowledge base is empty:'), ' there is nothing to answer from until articles are added to the knowledge folder.');
  const stateProblem = state?.writeProblem;
  if (stateProblem) {
    text.push('\n', strong('State not saved:'), ` ${stateProblem.message} (since ${when(stateProblem.since)}). Answers and new articles are not affected; first-seen dates and digests are kept in memory until it can be saved.`);
  }
  if (problems.length === 0) {
    text.push('\n', strong('Rejected files:'), ' none');
  } else {
    text.push('\n', strong(`Rejected files (${problems.length})`), ' — fix them and they are picked up; the other articles are served meanwhile:');
    for (const problem of problems.slice(0, MAX_LISTED)) text.push('\n• ', code(problem.file), ` ${problem.reason}`);
    if (problems.length > MAX_LISTED) text.push(`\n…and ${problems.length - MAX_LISTED} more (all are in the log).`);
  }
  return { private: true, pages: [{ title: 'Knowledge base', text }] };
}
