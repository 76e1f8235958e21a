/** Discord mentions (<@123>, <@!123>, <@&123>, <#123>, @everyone, @here): they name people or channels, not anything to search for. */
const MENTION = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/gu;

/** Text as typed in Discord without its mentions. */
export function withoutMentions(text: string): string {
  return text.replace(MENTION, ' ').replace(/ {2,}/g, ' ');
}
