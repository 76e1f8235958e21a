import { ChannelType, SlashCommandBuilder } from 'discord.js';
import { stringOption, type CommandContext, type CommandRequest } from '../src/bot/command';
import { DIGEST_ADMIN_ACTIONS, DIGEST_NOT_HERE, digestAdminOnly, digestChannel, digestNow, digestPreview, digestTime } from '../src/bot/replies/digest';
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

export async function execute(request: CommandRequest, { digest }: CommandContext): Promise<Reply> {
  if (!digest) return notice('The digest is not available here.');
  const subcommand = request.subcommand ?? '';
  if (subcommand === 'preview') return digestPreview(digest);
  if (!(subcommand in DIGEST_ADMIN_ACTIONS)) return notice(['Use ', code('/digest preview'), ', ', code('/digest now'), ', ', code('/digest channel'), ' or ', code('/digest time'), '.']);
  if (!request.canManageServer) return digestAdminOnly(DIGEST_ADMIN_ACTIONS[subcommand as keyof typeof DIGEST_ADMIN_ACTIONS]);
  if (!digest.connected) return DIGEST_NOT_HERE;
  if (subcommand === 'now') return digestNow(digest);
  if (subcommand === 'channel') return digestChannel(digest, stringOption(request, 'channel'));
  return digestTime(digest, stringOption(request, 'time') ?? '', stringOption(request, 'timezone'));
}
