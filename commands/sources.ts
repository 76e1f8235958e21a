import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/bot/command';
import { sourcesReply } from '../src/bot/replies/sources';

export const data = new SlashCommandBuilder().setName('sources').setDescription('The articles the answers come from, with their citations');

export function execute(_request: unknown, { library }: CommandContext) {
  return sourcesReply(library);
}
