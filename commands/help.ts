import { SlashCommandBuilder } from 'discord.js';
import { helpReply } from '../src/bot/replies/help';

export const data = new SlashCommandBuilder().setName('help').setDescription('What each command does, with an example');

export function execute() {
  return helpReply();
}
