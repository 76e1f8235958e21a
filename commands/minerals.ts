import { SlashCommandBuilder } from 'discord.js';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { mineralChoices, mineralReply, mineralsOverview } from '../src/bot/replies/minerals';
import { MESSAGE_LIMITS } from '../src/core/reply';

export const data = new SlashCommandBuilder()
  .setName('minerals')
  .setDescription('Which critical minerals the articles cover, or what they say about one')
  .addStringOption((option) => option.setName('mineral').setDescription('A mineral, e.g. tungsten or gallium').setMaxLength(MESSAGE_LIMITS.choiceLength).setAutocomplete(true));

export function execute(request: CommandRequest, { library }: CommandContext) {
  const mineral = stringOption(request, 'mineral');
  return mineral === undefined ? mineralsOverview(library) : mineralReply(library, mineral);
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  return limitChoices(mineralChoices(library, request.focused.value));
}
