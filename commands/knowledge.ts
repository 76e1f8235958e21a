import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext, CommandRequest } from '../src/bot/command';
import { escapeMarkdown, notice, type Reply } from '../src/bot/reply';

export const data = new SlashCommandBuilder()
  .setName('knowledge')
  .setDescription('The knowledge base the answers come from')
  .addSubcommand((sub) => sub.setName('status').setDescription('Articles, passages, last change and rejected files (Manage Server)'));

const MAX_LISTED = 15;

/** "9 March 2026, 08:15 UTC" */
function when(date: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date)} UTC`;
}

export function execute(request: CommandRequest, { library }: CommandContext): Reply {
  if (request.subcommand !== 'status') return notice('Use `/knowledge status`.');
  if (!request.canManageServer) {
    return notice('Only members with the **Manage Server** permission can see the knowledge base status (it lists file names and problems for whoever maintains the articles). `/sources` shows anyone the articles.');
  }
  const { engine, problems, changedAt, loadedAt } = library.current;
  const lines = [
    `**Articles:** ${engine.articles.length} · **Passages:** ${engine.passages.length}`,
    `**Last changed:** ${when(changedAt)} · **checked:** ${when(loadedAt)}`,
    'Files added to, changed in or removed from the knowledge folder are picked up within seconds, without a restart.',
  ];
  if (problems.length === 0) {
    lines.push('**Rejected files:** none');
  } else {
    lines.push(`**Rejected files (${problems.length})** — fix them and they are picked up; the other articles are served meanwhile:`);
    for (const problem of problems.slice(0, MAX_LISTED)) lines.push(`• \`${problem.file.replace(/`/g, "'")}\` ${escapeMarkdown(problem.reason)}`);
    if (problems.length > MAX_LISTED) lines.push(`…and ${problems.length - MAX_LISTED} more (all are in the log).`);
  }
  return { private: true, pages: [{ title: 'Knowledge base', text: lines.join('\n') }] };
}
