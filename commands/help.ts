import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/bot/command';
import { helpReply } from '../src/bot/replies/help';

export const data = new SlashCommandBuilder().setName('help').setDescription('What each command does, with an example');

export function execute(_request: unknown, { library }: CommandContext) {
  return helpReply(library);
}
