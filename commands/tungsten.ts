import { SlashCommandBuilder } from 'discord.js';
import { stringOption, type CommandContext, type CommandRequest } from '../src/bot/command';
import { tungstenReply } from '../src/bot/replies/tungsten';
import { MAX_QUESTION_LENGTH } from '../src/core/question';

export const data = new SlashCommandBuilder()
  .setName('tungsten')
  .setDescription('Tungsten in Kazakhstan: reserves, deposits, market share — or ask about it')
  .addStringOption((option) =>
    option.setName('question').setDescription('A question about tungsten, e.g. Who is negotiating access?').setMaxLength(MAX_QUESTION_LENGTH),
  );

export function execute(request: CommandRequest, { library }: CommandContext) {
  return tungstenReply(library, stringOption(request, 'question'));
}
