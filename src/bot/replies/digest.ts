import { channel, code, lines, notice, strong, type Reply, type RichText } from '../../core/reply';
import type { DigestService } from '../../digest/digest-service';
import { longDate } from '../../util/time-of-day';
import { plural } from '../../util/text';
import type { CommandRequest } from '../command';
import { MANAGE_SERVER_ONLY } from './knowledge-status';

/** The digest's subcommands that change what the whole server sees, and what each does. */
const DIGEST_ADMIN_ACTIONS = { now: 'post the digest', channel: 'choose the digest channel', time: 'change the digest time' } as const;

const digestAdminOnly = (what: string): Reply =>
  MANAGE_SERVER_ONLY(`${what}, since it changes what the whole server sees`, [code('/digest preview'), ' shows anyone what the next digest will say.']);

const DIGEST_UNAVAILABLE = notice('The digest is not available here.');

const DIGEST_NOT_HERE = notice(['The digest is posted by the bot running in Discord; here it can only be previewed (', code('/digest preview'), ').']);

const DIGEST_NOT_KEPT = notice(
  'No digest is kept yet: the bot running in Discord keeps it from its first start, noting when it first sees each article, and the digest lists the articles new since the last one. Here nothing is noted, so there is nothing to preview until that bot has run with this STATE_DIR.',
);

/** Why an admin subcommand is not done, or undefined when it may be: a member without Manage Server, or a bot not connected to Discord (it can only preview). */
function adminRefusal(digest: DigestService, member: Pick<CommandRequest, 'canManageServer'>, action: keyof typeof DIGEST_ADMIN_ACTIONS): Reply | undefined {
  if (!member.canManageServer) return digestAdminOnly(DIGEST_ADMIN_ACTIONS[action]);
  if (!digest.connected) return DIGEST_NOT_HERE;
  return undefined;
}

function where(id: string | undefined): RichText {
  return id ? [channel(id)] : ['no channel yet (an admin sets one with ', code('/digest channel'), ')'];
}

/** /digest preview: what the next digest will say, when and where, privately (anyone may see it). */
export async function digestPreview(digest: DigestService | undefined): Promise<Reply> {
  if (!digest) return DIGEST_UNAVAILABLE;
  if (!digest.kept) return DIGEST_NOT_KEPT;
  const next = await digest.preview();
  const messages = next.messages.length
    ? next.messages
    : [{ content: ['Nothing new since the last digest, and DIGEST_QUIET_LINE is off: the next digest will post nothing.'], pages: [] }];
  const more = messages.length > 1 ? ` It will be ${messages.length} messages; this shows the start.` : '';
  const heading: RichText = [strong('Preview'), ` of the digest due ${longDate(next.slot)} at ${next.schedule.describe()} in `, ...where(next.channelId), `.${more}`];
  return {
    private: true,
    together: true,
    content: messages[0]?.content ? lines(heading, messages[0].content) : heading,
    pages: messages.flatMap((message) => message.pages),
  };
}

/** /digest now (members with Manage Server). */
export async function digestNow(digest: DigestService | undefined, member: Pick<CommandRequest, 'canManageServer'>): Promise<Reply> {
  if (!digest) return DIGEST_UNAVAILABLE;
  const refused = adminRefusal(digest, member, 'now');
  if (refused) return refused;
  const outcome = await digest.postNow();
  if (!outcome.ok) return notice(`The digest was not posted: ${outcome.reason}.`);
  if (outcome.messageIds.length === 0) {
    return notice("Nothing new since the last digest, and the \"nothing new\" line is turned off (DIGEST_QUIET_LINE), so nothing was posted. It counts as today's digest.");
  }
  return notice(['Posted the digest in ', channel(outcome.channelId), ` (${plural(outcome.messageIds.length, 'message')}). It counts as today's digest.`]);
}

/** /digest channel (members with Manage Server). */
export async function digestChannel(digest: DigestService | undefined, member: Pick<CommandRequest, 'canManageServer'>, channelId: string | undefined): Promise<Reply> {
  if (!digest) return DIGEST_UNAVAILABLE;
  const refused = adminRefusal(digest, member, 'channel');
  if (refused) return refused;
  if (!channelId || !/^\d{17,20}$/.test(channelId)) return notice('Choose a text channel.');
  await digest.setChannel(channelId);
  return notice(['The digest will be posted in ', channel(channelId), ` at ${digest.schedule().describe()}. Make sure the bot can see that channel, send messages and embed links there.`]);
}

/** /digest time (members with Manage Server). */
export async function digestTime(digest: DigestService | undefined, member: Pick<CommandRequest, 'canManageServer'>, time: string, timeZone: string | undefined): Promise<Reply> {
  if (!digest) return DIGEST_UNAVAILABLE;
  const refused = adminRefusal(digest, member, 'time');
  if (refused) return refused;
  const result = await digest.setTime(time, timeZone);
  if (!result.ok && result.problem === 'time') return notice(`“${result.time}” is not a 24-hour time written HH:MM (for example 08:00 or 17:30).`);
  if (!result.ok) return notice(`“${result.zone}” is not a time zone I know. Use an IANA name such as UTC, Asia/Almaty or America/New_York.`);
  const next = digest.nextRun();
  return notice([`The digest will be posted every day at ${result.schedule.describe()}; the next one ${longDate(result.schedule.slotOf(next))}, in `, ...where(digest.channelId()), '.']);
}
