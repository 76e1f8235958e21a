import { ChannelType, SlashCommandBuilder } from 'discord.js';
import { stringOption, type CommandContext, type CommandRequest } from '../src/bot/command';
import { notice, type Reply } from '../src/bot/reply';
import { longDate } from '../src/digest/digest-time';

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

const ADMIN_ONLY = (what: string) =>
  notice(`Only members with the **Manage Server** permission can ${what}, since it changes what the whole server sees. \`/digest preview\` shows anyone what the next digest will say.`);
const NOT_HERE = notice('The digest is posted by the bot running in Discord; here it can only be previewed (`/digest preview`).');

function channelMention(id: string | undefined): string {
  return id ? `<#${id}>` : 'no channel yet (an admin sets one with `/digest channel`)';
}

function preview({ digest }: Required<Pick<CommandContext, 'digest'>>): Reply {
  const next = digest.preview();
  const more = next.messages.length > 1 ? ` It will be ${next.messages.length} messages; this shows the start.` : '';
  const heading = `**Preview** of the digest due ${longDate(next.slot)} at ${next.schedule.describe()} in ${channelMention(next.channelId)}.${more}`;
  return {
    private: true,
    together: true,
    content: `${heading}\n${next.messages[0]?.content ?? ''}`.trim(),
    pages: next.messages.flatMap((message) => message.pages),
  };
}

export async function execute(request: CommandRequest, { digest }: CommandContext): Promise<Reply> {
  if (!digest) return notice('The digest is not available here.');
  if (request.subcommand === 'preview') return preview({ digest });

  const what = { now: 'post the digest', channel: 'choose the digest channel', time: 'change the digest time' }[request.subcommand ?? ''];
  if (!what) return notice('Use `/digest preview`, `/digest now`, `/digest channel` or `/digest time`.');
  if (!request.canManageServer) return ADMIN_ONLY(what);
  if (!digest.connected) return NOT_HERE;

  switch (request.subcommand) {
    case 'now': {
      const outcome = await digest.postNow();
      if (!outcome.ok) return notice(`The digest was not posted: ${outcome.reason}.`);
      if (outcome.messageIds.length === 0) return notice('Nothing new since the last digest, and the "nothing new" line is turned off (DIGEST_QUIET_LINE), so nothing was posted. It counts as today\'s digest.');
      return notice(`Posted the digest in <#${outcome.channelId}> (${outcome.messageIds.length} message${outcome.messageIds.length === 1 ? '' : 's'}). It counts as today's digest.`);
    }
    case 'channel': {
      const channelId = stringOption(request, 'channel');
      if (!channelId || !/^\d{17,20}$/.test(channelId)) return notice('Choose a text channel.');
      await digest.setChannel(channelId);
      return notice(`The digest will be posted in <#${channelId}> at ${digest.schedule().describe()}. Make sure the bot can see that channel, send messages and embed links there.`);
    }
    default: {
      const time = stringOption(request, 'time') ?? '';
      const result = await digest.setTime(time, stringOption(request, 'timezone'));
      if (typeof result === 'string') return notice(result);
      const next = digest.nextRun();
      return notice(`The digest will be posted every day at ${result.describe()}; the next one ${longDate(result.slotOf(next))}, in ${channelMention(digest.channelId())}.`);
    }
  }
}
