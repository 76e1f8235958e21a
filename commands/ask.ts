import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../src/core/question';
import { replyToQuestion } from '../src/bot/answers';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { escapeMarkdown } from '../src/bot/reply';
import { suggestQuestions } from '../src/bot/suggestions';

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
  return replyToQuestion(library.current, stringOption(request, 'question'), (question) => `**Q:** ${escapeMarkdown(question.slice(0, 300))}`);
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  return limitChoices(suggestQuestions(library.current, request.focused.value));
}
