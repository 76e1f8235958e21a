import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext, CommandRequest } from '../src/bot/command';
import { knowledgeStatus, MANAGE_SERVER_ONLY } from '../src/bot/replies/knowledge-status';
import { code, notice } from '../src/core/reply';

export const data = new SlashCommandBuilder()
  .setName('knowledge')
  .setDescription('The knowledge base the answers come from')
  .addSubcommand((sub) => sub.setName('status').setDescription('Articles, passages, last change and rejected files (Manage Server)'));

export function execute(request: CommandRequest, { library, state }: CommandContext) {
  if (request.subcommand !== 'status') return notice(['Use ', code('/knowledge status'), '.']);
  if (!request.canManageServer) {
    return MANAGE_SERVER_ONLY('see the knowledge base status (it lists file names and problems for whoever maintains the articles)', [code('/sources'), ' shows anyone the articles.']);
  }
  return knowledgeStatus(library, state);
}
