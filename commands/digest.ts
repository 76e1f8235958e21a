import { ChannelType, SlashCommandBuilder } from 'discord.js';
import { stringOption, type CommandContext, type CommandRequest } from '../src/bot/command';
import { digestChannel, digestNow, digestPreview, digestTime } from '../src/bot/replies/digest';
import { code, notice, type Reply } from '../src/core/reply';

export const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription('The daily digest of articles new to the knowledge base')
  .addSubcommand((sub) => sub.setName('preview').setDescription('What the next digest would say (only you see it)'))
  .addSubcommand((sub) => sub.setName('now').setDescription("Post the digest now; it counts as today's (Manage Server)"))
  .addSubcommand((sub) =>
    sub
      .setName('channel')
      .setDescription('Where the digest is posted (Manage Server)')
      .addChannelOption((option) => option.setName('channel').setDescription('A text channel the bot can post in').addChannelTypes(ChannelType.GuildText).setRequired(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('time')
      .setDescription('When the digest is posted each day (Manage Server)')
      .addStringOption((option) => option.setName('time').setDescription('24-hour time, HH:MM, e.g. 08:00').setRequired(true).setMinLength(4).setMaxLength(5))
      .addStringOption((option) => option.setName('timezone').setDescription('IANA time zone, e.g. Asia/Almaty or America/New_York (default: unchanged)').setMaxLength(64)),
  );

export function execute(request: CommandRequest, { digest }: CommandContext): Promise<Reply> | Reply {
  switch (request.subcommand) {
    case 'preview':
      return digestPreview(digest);
    case 'now':
      return digestNow(digest, request);
    case 'channel':
      return digestChannel(digest, request, stringOption(request, 'channel'));
    case 'time':
      return digestTime(digest, request, stringOption(request, 'time') ?? '', stringOption(request, 'timezone'));
    default:
      return notice(['Use ', code('/digest preview'), ', ', code('/digest now'), ', ', code('/digest channel'), ' or ', code('/digest time'), '.']);
  }
}
