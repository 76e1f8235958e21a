import { SlashCommandBuilder } from 'discord.js';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { agreementChoices, personChoices, whoMet, whoSigned, whoVisited } from '../src/bot/replies/who';
import { MESSAGE_LIMITS, notice } from '../src/core/reply';

export const data = new SlashCommandBuilder()
  .setName('who')
  .setDescription('Who did what: signed an agreement, met, visited')
  .addSubcommand((sub) =>
    sub
      .setName('signed')
      .setDescription('Who signed an agreement, with their roles')
      .addStringOption((option) => option.setName('agreement').setDescription('Which agreement (default: the newest that says who signed it)').setMaxLength(MESSAGE_LIMITS.choiceLength).setAutocomplete(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('met')
      .setDescription('Who met whom')
      .addStringOption((option) => option.setName('person').setDescription('Someone named in the articles').setMaxLength(MESSAGE_LIMITS.choiceLength).setAutocomplete(true)),
  )
  .addSubcommand((sub) => sub.setName('visited').setDescription('Who visited where, and why'));

export function execute(request: CommandRequest, { library }: CommandContext) {
  switch (request.subcommand) {
    case 'signed':
      return whoSigned(library, stringOption(request, 'agreement'));
    case 'met':
      return whoMet(library, stringOption(request, 'person'));
    case 'visited':
      return whoVisited(library);
    default:
      return notice('Use /who signed, /who met or /who visited.');
  }
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  const choices = request.focused.name === 'agreement' ? agreementChoices(library, request.focused.value) : personChoices(library, request.focused.value);
  return limitChoices(choices);
}
