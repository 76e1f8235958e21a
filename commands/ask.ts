import { SlashCommandBuilder } from 'discord.js';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { askReply } from '../src/bot/replies/ask';
import { suggestQuestions } from '../src/bot/suggestions';
import { MAX_QUESTION_LENGTH } from '../src/core/question';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask any question; the answer is a quoted passage with its source')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('For example: Who signed the memorandum?')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH)
      .setAutocomplete(true),
  );

export function execute(request: CommandRequest, { library }: CommandContext) {
  return askReply(library, stringOption(request, 'question'));
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  return limitChoices(suggestQuestions(library, request.focused.value));
}
